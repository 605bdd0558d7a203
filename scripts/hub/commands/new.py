"""`hub new`: start a news post in both languages, ready to be written."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import yaml

from ..content.catalog import build_time
from ..content.errors import ContentError
from ..content.load import record_names, text_name
from ..content.model import Content
from ..content.schema import FIRST_YEAR, LAST_YEAR, SLUG_RE, Text, ValidationError, suggest
from ..content.translit import slugify
from ..engine.mkdocs.project import Workspace, add_root_option, fail
from ..messages import _, n_
from .checks import TEMPLATE_MARK

T = TypeVar("T")

SLUG_LIMIT = 100
"""Characters of a post's web address name at most: it is a folder's name too, which holds 255 bytes."""

M = TEMPLATE_MARK
TEMPLATES = {
    "uk": {
        "title": f"{M} Заголовок українською",
        "summary": f"{M} Одне-два речення про головне: що сталося, де і для кого. Їх видно в переліку новин, у стрічках і в соцмережах.",
        "body": f"{M} Перший абзац: що сталося, коли, де і хто брав участь.\n\n"
                f"## {M} Підзаголовок\n\n"
                f"{M} Подробиці: що це змінює для дітей і родин, слова учасників, що буде далі.\n",
    },
    "en": {
        "title": f"{M} The English title",
        "summary": f"{M} One or two sentences on the essentials: what happened, where and for whom. "
                   "They show in the news list, in feeds and on social networks.",
        "body": f"{M} First paragraph: what happened, when, where and who took part.\n\n"
                f"## {M} A subheading\n\n"
                f"{M} The details: what it changes for children and families, what participants said, what comes next.\n",
    },
}
"""What a new post says until it is written; `hub check` reports any text still marked ✎."""

DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
"""`23.11.2026`, as Ukrainians write dates (and `23/11/2026`)."""


def _example() -> str:
    return _("""\
examples:
  hub new                     asks for everything, offering the existing topics, projects and partners
  hub new --uk-title "Тренінг для фахівців громад у Львові" --en-title "Training for community specialists in Lviv" \\
          --tags training --projects strategy-pilot-regions --partners unicef,coordination-center
""")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help=_("start a news post in Ukrainian and English"),
        description=_("Create the folder of a new post with its two files, index.uk.md and index.en.md (title,\n"
                      "summary, text); index.uk.md also holds what both share (date, topics, projects, partners).\n"
                      "The web address is made from the English title, or from the Ukrainian one by the national\n"
                      "transliteration rules. An existing post is never overwritten. Options that are left out\n"
                      "are asked for when you run it in a terminal; a wrong answer is asked again."),
        epilog=_example(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uk-title", metavar="TEXT", help=_("the title in Ukrainian"))
    parser.add_argument("--en-title", metavar="TEXT", help=_("the title in English (may be added later)"))
    parser.add_argument("--date", metavar="DATE", help=_("the date readers see, like 23.11.2026 or 2026-11-23 (default: today in Kyiv)"))
    parser.add_argument("--tags", metavar="A,B", help=_("topics, separated by commas, from news/tags.yml"))
    parser.add_argument("--projects", metavar="A,B", help=_("related projects, by their folder names in projects/"))
    parser.add_argument("--partners", metavar="A,B", help=_("partners involved, by their file names in partners/"))
    parser.add_argument("--slug", help=_("the post's name in its web address (default: made from the title)"))
    parser.add_argument("--draft", action="store_true", help=_("keep the post off the site until you remove 'draft: true'"))
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    if set(workspace.languages) != set(TEMPLATES):
        fail(_("'hub new' writes posts in {wanted}; this site's languages are {languages}", wanted=", ".join(TEMPLATES),
               languages=", ".join(workspace.languages)))
    ask = _Asker(sys.stdin.isatty())
    try:
        return _create(workspace, args, ask, _known(workspace))
    except (KeyboardInterrupt, EOFError):
        print("\n" + _("Cancelled: nothing was written."), file=sys.stderr)
        return 130


def _create(workspace: Workspace, args: argparse.Namespace, ask: _Asker, content: Content | None) -> int:
    default = workspace.languages[0]
    titles = {"uk": ask.answer(_("Ukrainian title (заголовок українською)"), args.uk_title, "--uk-title", _required),
              "en": ask.answer(_("English title (Enter to add it later)"), args.en_title, "--en-title", _optional)}
    proposed = slugify(titles["en"] or titles["uk"])
    slug = ask.answer(_("Web address name (Enter for '{slug}')", slug=proposed) if proposed else _("Web address name, in Latin letters"),
                      args.slug, "--slug", partial(_slug, workspace, proposed))
    today = build_time().astimezone(ZoneInfo(workspace.timezone)).date()
    day = ask.answer(_("Date, like 23.11.2026 (Enter for {today})", today=f"{today:%d.%m.%Y}"), args.date, "--date",
                     partial(_date, today))
    known = {
        "tags": {s: t.label[default] for s, t in content.tags.items()},
        "projects": {s: p.text[default].title for s, p in content.projects.items()},
        "partners": {s: p.text[default].short_name for s, p in content.partners.items()},
    } if content else {}
    names = record_names(content.tags, content.partners, content.projects) if content else {}
    choices = {key: ask.slugs(key, getattr(args, key), known.get(key), names.get(key.removesuffix("s"), {}))
               for key in ("tags", "projects", "partners")}
    folder = workspace.content_dir / "news" / str(day.year) / slug
    _write(folder, workspace.languages, day, choices, titles, args.draft)
    relative = folder.relative_to(workspace.root).as_posix()
    print(_("Created {folder}/: {files}.", folder=relative, files=", ".join(text_name(lang) for lang in workspace.languages)))
    print(_("Next: write the texts, replacing everything marked {mark}; then run 'hub check' and 'hub preview'.", mark=M))
    return 0


def _known(workspace: Workspace) -> Content | None:
    """The content, to offer and check topics, projects and partners; None (with a note) if it has problems now."""
    try:
        return workspace.load()
    except ContentError as error:
        print(n_("Note: the content has {count} problem now (see 'hub check'); topics, projects and partners cannot be checked.",
                 "Note: the content has {count} problems now (see 'hub check'); topics, projects and partners cannot be checked.",
                 len(error.problems)), file=sys.stderr)
        return None


class Invalid(ValueError):
    """An answer that cannot be taken; the message says why and what to type."""


class _Asker:
    """Takes each answer from its option, or asks for it when the command runs in a terminal, again and again
    until it can be taken: what was typed before is never lost."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive

    def answer(self, question: str, given: str | None, option: str, parse: Callable[[str], T]) -> T:
        """`parse(answer)`, which raises Invalid for an answer it cannot take: asked again in a terminal; else the command
        ends, naming the option."""
        typed = given is not None  # on the command line: a wrong value ends the command rather than being asked again
        while True:
            if given is None:
                given = input(f"{question}: ").strip() if self.interactive else ""
            try:
                return parse(given.strip())
            except Invalid as error:
                if typed:
                    fail(f"{option}: {error}")
                if not self.interactive:
                    fail(_("{option}: {problem} (or run 'hub new' in a terminal to be asked)", option=option, problem=error))
                print(error, file=sys.stderr)
                given = None

    def slugs(self, key: str, given: str | None, known: Mapping[str, str] | None, names: Mapping[str, str]) -> list[str]:
        """Slugs separated by commas; each must be `known` (slug → label), when the content could be read; a name in
        `names` (case-folded name → slug, hub.content.load.record_names) stands for its slug."""
        heading, question = _choice_words(key)
        if given is None and self.interactive and known:
            print(f"\n{heading}")
            for slug, label in known.items():
                print(f"  {slug:<40} {label}")
        while True:
            if given is None and self.interactive:
                given = input(f"{question}: ")
            chosen, unknown = [], []
            for name in dict.fromkeys(s.strip() for s in (given or "").split(",") if s.strip()):
                slug = name if known is None or name in known else names.get(name.casefold())
                (chosen if slug is not None else unknown).append(slug or name)
            if not unknown:
                return list(dict.fromkeys(chosen))
            message = "; ".join(_unknown(key, name, known or {}) for name in unknown)
            if not self.interactive:
                fail(_("{problems}. Known: {known}", problems=message, known=", ".join(known or ())))
            print(message, file=sys.stderr)
            given = None


def _choice_words(key: str) -> tuple[str, str]:
    if key == "tags":
        return _("Topics you can choose:"), _("Topics (names separated by commas, Enter for none)")
    if key == "projects":
        return _("Projects you can choose:"), _("Projects (names separated by commas, Enter for none)")
    return _("Partners you can choose:"), _("Partners (names separated by commas, Enter for none)")


def _unknown(key: str, name: str, known: Mapping[str, str]) -> str:
    suggestion = suggest(name, known)
    if key == "tags":
        return _("unknown topic '{name}'{suggestion}", name=name, suggestion=suggestion)
    if key == "projects":
        return _("unknown project '{name}'{suggestion}", name=name, suggestion=suggestion)
    return _("unknown partner '{name}'{suggestion}", name=name, suggestion=suggestion)


def _required(answer: str) -> str:
    if not answer:
        raise Invalid(_("it cannot be empty"))
    return _title(answer)


def _optional(answer: str) -> str:
    return _title(answer) if answer else answer


def _title(answer: str) -> str:
    """A title as the loader takes it: plain text, without markup or controls of the text's direction."""
    try:
        return Text().check(answer)
    except ValidationError as error:
        raise Invalid(str(error)) from None


def _slug(workspace: Workspace, proposed: str, answer: str) -> str:
    slug = answer or proposed
    if len(slug) > SLUG_LIMIT:
        raise Invalid(n_("'{slug}…' is too long for a web address name: {count} character at most, like 'lviv-training'",
                         "'{slug}…' is too long for a web address name: {count} characters at most, like 'lviv-training'",
                         SLUG_LIMIT, slug=slug[:40]))
    if not SLUG_RE.match(slug):
        raise Invalid(_("'{slug}' cannot be a web address name: use Latin lower-case letters, digits and hyphens, like "
                        "'lviv-training'", slug=slug) if slug else
                      _("the title gives no Latin letters for the web address: type one, like lviv-training"))
    taken = _taken(workspace, slug)
    if taken is not None:
        raise Invalid(_("a post named '{slug}' exists already: {folder}/ (nothing was changed); choose another name",
                        slug=slug, folder=taken))
    return slug


def _taken(workspace: Workspace, slug: str) -> str | None:
    """The folder of the post named `slug`, if there is one (in any year)."""
    existing = sorted((workspace.content_dir / "news").glob(f"*/{slug}"))
    return existing[0].relative_to(workspace.root).as_posix() if existing else None


def _date(today: date, answer: str) -> date:
    """`23.11.2026` or `2026-11-23`; nothing: `today`."""
    if not answer:
        return today
    found = DAY_FIRST.match(answer)
    try:
        day = date(int(found[3]), int(found[2]), int(found[1])) if found else date.fromisoformat(answer)
    except ValueError:
        raise Invalid(_("'{answer}' is not a date: type it like 23.11.2026 or 2026-11-23", answer=answer)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:  # the loader's range: a post made here must pass `hub check`
        raise Invalid(_("the year {year} is not one the site publishes news of ({first} to {last}): is it a typo?",
                        year=day.year, first=FIRST_YEAR, last=LAST_YEAR))
    return day


def _write(folder: Path, languages: tuple[str, ...], day: date, choices: dict[str, list[str]], titles: dict[str, str],
           draft: bool) -> None:
    """The texts, in `languages`' order: the first (the default language's) also holds the fields both share."""
    shared = [f"date: {day.isoformat()}", *(f"{key}: [{', '.join(slugs)}]" for key, slugs in choices.items())]
    if draft:
        shared.append("draft: true  # " + _("remove this line to publish the post"))
    shared.append("# cover: cover.jpg  # " + _("a picture in this folder; then describe it with 'cover_alt: …' in each text's "
                                               "front matter, after its summary"))
    texts = {}
    for lang in languages:
        template = TEMPLATES[lang]
        front = yaml.safe_dump({"title": titles.get(lang) or template["title"], "summary": template["summary"]},
                               allow_unicode=True, sort_keys=False, width=1000)
        if lang == languages[0]:
            front += "".join(line + "\n" for line in shared)
        texts[text_name(lang)] = f"---\n{front}---\n\n{template['body']}"
    folder.mkdir(parents=True)  # fails if it exists: `_slug` checked, this guards a race
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
