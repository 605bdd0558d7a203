"""Schemas of front matter and YAML data, declared the way MkDocs declares its `mkdocs.yml` options.

Each file kind is a `Schema` subclass whose class attributes are its options; the options give
messages a writer can act on ("expected a date like 2026-11-23, got 'tomorrow'") instead of Python
type names. Hand-written rather than MkDocs's own `Config` (which Material's blog plugin uses for its
posts): the content model imports no engine, and these schemas must outlive MkDocs 1.x (hub.engine).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import yaml

from ..messages import _
from .frontmatter import DATE_LIKE, NotADate, timestamp
from .model import PARTNER_KINDS, PROJECT_STATUSES, Period, Status

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2}$")
MARKUP_RE = re.compile(r"<[A-Za-z/!?]")
"""The start of an HTML tag or comment: titles, summaries and names are plain text, shown in pages' heads,
in feeds and in e-mail, where markup would be read as code ('Ціни < 5' stays a text)."""


DIRECTION_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Unicode's embeddings, overrides and isolates of the text's direction: Ukrainian and English never need them, and
in a title they show a reader (and a social network, a feed reader, a mail client) a text other than the one written."""


PLACEHOLDER_RE = re.compile(r"\{\{|\{%|\*\|")
"""How mailing tools' templates begin an instruction (listmonk's and Buttondown's `{{ … }}` and `{% … %}`, Mailchimp's
`*|…|*`): the e-mail issue carries titles and summaries into a mailing tool, which would run `{{ .Subscriber.Email }}`
written in a title, sending each subscriber's address wherever the rest of the title says."""


CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters no text means, which pasted text brings along (Word's line break U+000B, a PDF's page break U+000C, a
terminal's colour codes): XML, and so the feeds, cannot carry them. Made spaces in fields and texts alike."""


class ValidationError(ValueError):
    """A value that does not fit its option; the message says what was expected, as a writer reads it."""


LINE_BREAKS = re.compile("[ \t]*(?:(?:\r\n|[\n\r\x85\u2028\u2029])[ \t]*)+")
"""Where a text breaks its line (YAML's `|` keeps them): a title, a summary or a name is one line wherever it is shown,
and in the plain-text e-mail a line of its own could pass for the issue's (a fake «Unsubscribe: …», a `-- ` that mail
clients read as the start of a signature)."""


def _plain(value: str) -> str:
    """`value` on one line, its control characters made spaces (CONTROL_RE), if it holds no markup and no control of
    the text's direction; else a ValidationError saying so."""
    value = CONTROL_RE.sub(" ", LINE_BREAKS.sub(" ", value)).strip()
    if not value:
        raise ValidationError(_("holds nothing but invisible control characters, which pasted text brings along: write "
                                "the text"))
    turned = DIRECTION_RE.search(value)
    if turned:
        raise ValidationError(_("holds an invisible character that changes the direction of the text after it "
                                "(U+{code:04X}): readers would see the words in another order than they are written; "
                                "delete it (pasted text can bring it along)", code=ord(turned[0])))
    found = MARKUP_RE.search(value)
    if found:
        tag = value[found.start():].split(">", 1)[0][:30]
        raise ValidationError(_("is plain text, but holds markup ('{tag}…'): HTML is not allowed here; write the text "
                                "without it (bold, links and the like go in the text of a post or a page, in Markdown)",
                                tag=tag))
    placeholder = PLACEHOLDER_RE.search(value)
    if placeholder:
        raise ValidationError(_("holds '{mark}', with which mailing tools (listmonk, Mailchimp, Buttondown) begin an "
                                "instruction of their own: in the e-mail issue they would run it; write the text without "
                                "it", mark=placeholder[0]))
    return value


def suggest(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return _(" (did you mean '{name}'?)", name=close[0]) if close else ""


def _got(expected: str, value: object) -> ValidationError:
    """A value that is not what the option expects, shown as it is written (a date as 2026-11-18, not Python's
    `datetime.date(2026, 11, 18)`)."""
    if isinstance(value, (date, datetime)):
        shown = value.isoformat()
    elif isinstance(value, (dict, list)):
        shown = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    else:
        shown = repr(value)
    return ValidationError(_("expected {expected}, got {value}", expected=expected, value=shown))


class Option:
    """An option that is either required or has a default, with a plain-words message.

    `expected` says what the option takes, in the writer's language: a property, so that it is said when shown (the
    language is known only once the command line is read), never when the module is imported."""

    @property
    def expected(self) -> str:
        return _("a value")

    def __init__(self, default: Any = None, *, required: bool = False) -> None:
        self.default = default
        self.needed = required

    def validate(self, value: object) -> Any:
        if value is None:
            if self.needed:
                raise ValidationError(_("is missing: expected {expected}", expected=self.expected))
            return self.default
        return self.check(value)

    def check(self, value: object) -> Any:
        raise NotImplementedError


class Text(Option):
    @property
    def expected(self) -> str:
        return _("a non-empty text")

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise _got(self.expected, value)
        return _plain(value.strip())


class Term(Option):
    """A word or name a reader may search for: plain text with a letter or a digit."""

    @property
    def expected(self) -> str:
        return _("a word or a name")

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not any(char.isalnum() for char in value):
            raise _got(self.expected, value)
        return _plain(value.strip())


class Flag(Option):
    @property
    def expected(self) -> str:
        return _("true or false")

    def check(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise _got(self.expected, value)
        return value


class Year(Option):
    @property
    def expected(self) -> str:
        return _("a year like 2021")

    def check(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2100:
            raise _got(self.expected, value)
        return value


class Reference(Option):
    """The slug of a record of a registry (a topic, project or partner): any name is read, and the loader says
    which slug a name stands for (`Навчання` → `training`), since only it knows the registries."""

    @property
    def expected(self) -> str:
        return _("the slug of a record, like 'social-services'")

    def check(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise _got(self.expected, value)
        return value.strip()


class Choice(Option):
    def __init__(self, choices: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    @property
    def expected(self) -> str:
        return _("one of {choices}", choices=", ".join(self.choices))

    def check(self, value: object) -> str:
        if value not in self.choices:
            hint = suggest(value, self.choices) if isinstance(value, str) else ""
            raise ValidationError(_("expected {expected}, got {value}{suggestion}", expected=self.expected, value=repr(value),
                                    suggestion=hint))
        return value  # type: ignore[return-value]


class ListOf(Option):
    """A list of items of one option; a single value is accepted as a list of one."""

    def __init__(self, item: Option, **kwargs: Any) -> None:
        kwargs.setdefault("default", [])
        super().__init__(**kwargs)
        self.item = item

    @property
    def expected(self) -> str:
        return _("a list of {items}", items=self.item.expected)

    def check(self, value: object) -> tuple[Any, ...]:
        items = value if isinstance(value, list) else [value]
        checked = []
        for index, item in enumerate(items):
            try:
                checked.append(self.item.check(item))
            except ValidationError as error:
                raise ValidationError(_("item {number}: {problem}", number=index + 1, problem=error)) from error
        duplicates = sorted({x for x in checked if checked.count(x) > 1})
        if duplicates:
            raise ValidationError(_("lists {values} more than once", values=", ".join(map(str, duplicates))))
        return tuple(checked)


class Localized(Option):
    """One text per language: `{uk: …, en: …}`. Completeness is checked by the loader."""

    @property
    def expected(self) -> str:
        return _("one text per language, like\n      uk: …\n      en: …")

    def check(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict) or not value:
            raise ValidationError(_("expected {expected}; got {value}", expected=self.expected, value=repr(value)))
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                raise ValidationError(_("expected a two-letter language code, got {value}", value=repr(lang)))
            if not isinstance(text, str) or not text.strip():
                raise ValidationError(_("the '{lang}' text must be a non-empty text, got {value}", lang=lang, value=repr(text)))
        return {lang: _plain(text.strip()) for lang, text in value.items()}


FIRST_YEAR, LAST_YEAR = 1970, 2100
LOOSE_TIME = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
                        r"[ \t]*(Z|[+-][0-9]{2}:?[0-9]{2})?)?")
"""A date or a time (with its offset or not) with a one-digit month, day or hour, which YAML and Python read as no date
at all."""
"""The years of a post's or an event's date: outside them a date is a typo (0026, 9999) that would hide a post for
ever or date it in a time zone's history before standard time (Kyiv's +02:02:04 of 1880), which feeds cannot write."""


class DateTime(Option):
    """A date or a date and time; naive values are localised by the loader."""

    @property
    def expected(self) -> str:
        return _("a date like 2026-11-23, or a time like 2026-11-23 09:30 or 2026-11-23T09:30:00+02:00")

    def check(self, value: object) -> datetime:
        moment = self._read(value)
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValidationError(_("the year {year} is not one the site publishes news of ({first} to {last}): is it a typo?",
                                    year=moment.year, first=FIRST_YEAR, last=LAST_YEAR))
        return moment

    def _read(self, value: object) -> datetime:
        if isinstance(value, NotADate):
            raise ValidationError(value.reason)
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, str):
            read = timestamp(value.strip())  # a date in quotes, `'2026-11-05'`: read as YAML reads one without
            if read is not None:
                return DateTime._read(self, read)
            try:
                return datetime.fromisoformat(value.strip())  # what YAML reads as a text: `2026-11-23 09:30`
            except ValueError:
                loose = LOOSE_TIME.fullmatch(value.strip())  # `2026-11-5`, `2026-11-05 9:30`: what a writer means is sure
                try:
                    if loose:
                        *fields, offset = loose.groups()
                        moment = datetime(*(int(part) for part in fields if part is not None))
                        return moment if offset is None else datetime.fromisoformat(
                            moment.isoformat() + ("+00:00" if offset == "Z" else offset[:3] + ":" + offset[-2:]))
                except ValueError:
                    pass
                if DATE_LIKE.match(value.strip()):
                    raise ValidationError(NotADate(value.strip()).reason) from None
        raise _got(self.expected, value)


class YearSpan(Option):
    @property
    def expected(self) -> str:
        return _("start and/or end years, like {start: 2019, end: 2021}")

    def check(self, value: object) -> Period:
        if not isinstance(value, dict) or not value or value.keys() - {"start", "end"}:
            raise _got(self.expected, value)
        years = {key: Year().check(value[key]) for key in value}
        period = Period(years.get("start"), years.get("end"))
        if period.start and period.end and period.start > period.end:
            raise ValidationError(_("starts ({start}) after it ends ({end})", start=period.start, end=period.end))
        return period


class Day(DateTime):
    """A calendar day: read as DateTime reads it; a time given with it is left out."""

    @property
    def expected(self) -> str:
        return _("a date like 2026-11-23")

    def check(self, value: object) -> date:
        return super().check(value).date()


class Fields(Option):
    """A mapping of sub-options (`{state: …, confirmed: …}`): a problem names the sub-option it is in."""

    def __init__(self, example: str, **options: Option) -> None:
        super().__init__()
        self.example = example
        self.options = options

    @property
    def expected(self) -> str:
        return _("a mapping like {example}", example=self.example)

    def check(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise _got(self.expected, value)
        unknown = sorted(map(str, value.keys() - self.options.keys()))
        if unknown:
            raise ValidationError(_("'{key}' is not a field of it{suggestion}; expected {expected}", key=unknown[0],
                                    suggestion=suggest(unknown[0], self.options), expected=self.expected))
        checked = {}
        for key, option in self.options.items():
            try:
                checked[key] = option.validate(value.get(key))
            except ValidationError as error:
                raise ValidationError(_("'{key}': {problem}", key=key, problem=error)) from error
        return checked


class ProjectStatus(Fields):
    """`status: {state: completed, confirmed: 2026-11-20}`: a status says when it was last confirmed."""

    def __init__(self) -> None:
        super().__init__("{state: completed, confirmed: 2026-11-20}",
                         state=Choice(PROJECT_STATUSES, required=True), confirmed=Day(required=True))

    def check(self, value: object) -> Status:
        if isinstance(value, str):
            raise ValidationError(_("a status is shown with the date it was last confirmed: write it like {example}, "
                                    "or leave 'status' out when the sources give none", example=self.example))
        checked = super().check(value)
        return Status(checked["state"], checked["confirmed"])


class URL(Option):
    @property
    def expected(self) -> str:
        return _("an absolute web address starting with https:// or http://")

    def check(self, value: object) -> str:
        """An http(s) address with a host name; without the characters an address never holds as they are (RFC 3986:
        quotes, angle brackets, braces, backslashes), which only a broken paste or an attempt at markup brings."""
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+\.[^\s]+$", value) or re.search(r'["<>\\^`{|}]', value):
            raise _got(self.expected, value)
        return value


class RelativeFile(Option):
    @property
    def expected(self) -> str:
        return _("a file name next to this file, like 'cover.jpg'")

    def check(self, value: object) -> str:
        """A name in the record's own folder: not a path (`../`, `/etc/…`, `photos/x.jpg`) and not a web address,
        which the site would never fetch (a picture from another host is refused in texts too)."""
        if not isinstance(value, str) or not value.strip() or "/" in value or "\\" in value:
            raise _got(self.expected, value)
        return value.strip()


# --- File kinds ---------------------------------------------------------------------------


class Schema:
    """A kind of file or setting: its options are its class attributes, in the order a writer reads them."""

    @classmethod
    def options(cls) -> dict[str, Option]:
        """Its own options and those of the kinds it combines (the last base's first, as a file shows them)."""
        return {key: value for kind in reversed(cls.__mro__) for key, value in vars(kind).items() if isinstance(value, Option)}


class PartnerSchema(Schema):
    """`partners/<slug>.yml`"""

    slug = Text()
    """Optional (the browser editor writes it): the file's name, which it must equal."""
    kind = Choice(PARTNER_KINDS, required=True)
    name = Localized(required=True)
    short_name = Localized()
    description = Localized(required=True)
    website = URL()
    logo = RelativeFile()


class ProjectMetaSchema(Schema):
    """`projects/<slug>/index.<default language>.md` front matter: what both languages share."""

    slug = Text()
    """Optional (the browser editor writes it): the folder's name, which it must equal."""
    status = ProjectStatus()
    period = YearSpan()
    funders = ListOf(Reference())
    partners = ListOf(Reference())
    contact = Reference()


class ProjectTextSchema(Schema):
    """`projects/<slug>/index.<lang>.md` front matter: each language's own fields."""

    title = Text(required=True)
    summary = Text(required=True)
    regions = ListOf(Text())
    communities = ListOf(Text())
    results = ListOf(Text())


class ProjectSchema(ProjectMetaSchema, ProjectTextSchema):
    """`projects/<slug>/index.<default language>.md` front matter: its language's fields, then the shared ones."""


class PostMetaSchema(Schema):
    """What both languages of a post share: in the front matter of `news/<year>/<slug>/index.<default language>.md`
    (of the only text, for a post in another language only)."""

    slug = Text()
    """Optional (the browser editor writes it): the folder's name, which it must equal."""
    date = DateTime(required=True)
    publish_at = DateTime()
    draft = Flag(default=False)
    tags = ListOf(Reference())
    projects = ListOf(Reference())
    partners = ListOf(Reference())
    cover = RelativeFile()
    only_language = Text()
    event = Fields("{date: 2026-11-20, place: {uk: Львів, en: Lviv}}", date=Day(required=True), place=Localized())


class PostTextSchema(Schema):
    """`news/<year>/<slug>/index.<lang>.md` front matter: each language's own fields."""

    title = Text(required=True)
    summary = Text(required=True)
    cover_alt = Text()


class PostSchema(PostMetaSchema, PostTextSchema):
    """The front matter of the post's file that holds the shared fields: its language's fields, then the shared ones."""


class TagSchema(Schema):
    """A topic: an item of the list `topics:` in `news/tags.yml`, whose order gives each topic its colour."""

    slug = Text(required=True)
    """Its address (`/news/tags/<slug>/`) and the name posts give it in `tags:`; the loader checks the slug rule."""
    name = Localized(required=True)


class PageSchema(Schema):
    """Hand-written pages in `docs/`. Material reads more keys of a page (`subtitle`, `status`, `icon`, `template`,
    `hide`…) and prints some into every page's menu unescaped: a page may give only these."""

    title = Text(required=True)
    description = Text(required=True)


def validate(schema: type[Schema], data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Validate every key (not only up to the first error), a key the schema does not know among them; returns values
    and (key, message) errors."""
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    known = schema.options()
    for key, option in known.items():
        try:
            values[key] = option.validate(data.get(key))
        except ValidationError as error:
            errors.append((key, str(error)))
    for key in sorted(map(str, data.keys() - values.keys() - {wrong for wrong, _message in errors})):
        errors.append((key, _("is not a known field{suggestion}; known fields: {fields}", suggestion=suggest(key, known),
                              fields=", ".join(known))))
    return values, errors
