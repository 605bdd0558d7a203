"""The browser editor's configuration (Decap CMS's `config.yml`), generated from the content model.

Every field the editor offers is one of the options the loader validates (`hub.content.schema`): its name, whether it
is required, the values it allows (`Choice`), the slug rule (`SLUG_RE`), the topics of `news/tags.yml`, the site's
languages. So the editor cannot save what `hub check` would refuse for a field's shape; `tests/test_editor.py`
compares the two, field by field. What the schema cannot say per field (the English text unless `only_language`, the
cover's description) is checked by the editor's own script before saving (`admin/hub-admin.js`).

The files it makes (Decap's i18n `structure: multiple_files`, see decap-cms-core/src/lib/i18n.ts):

- a post: `news/<year>/<slug>/index.uk.md` (the shared fields, marked `i18n: none`, are saved only in the default
  language's file, with title, summary, cover_alt) and `index.en.md` (title, summary, cover_alt), the text after the
  front matter; pictures in the same folder (`media_folder: ''`);
- a project: `projects/<slug>/index.<lang>.md`, the same way; a partner: `partners/<slug>.yml`, both languages inside;
- the hand-written pages: `docs/<name>.<lang>.md`.

Decap cannot turn a Cyrillic title into a Latin address, so the slug is a required field of its own, checked with the
slug rule, and the file's name is made of it (`slug: '{{fields.slug}}'`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..content import schema as s
from ..content.load import TAGS, TOPICS
from ..content.model import Content
from .settings import EditorSettings

LABELS = Path(__file__).with_name("labels.yml")
SLUG_FIELD = "slug"
BODY_FIELD = "body"
DATE_FORMAT = "YYYY-MM-DD"
"""How a day is stored: '2026-11-05' (dayjs's tokens)."""
TIME_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
"""How a moment is stored: '2026-11-05T09:00:00+02:00', with the writer's offset, so that it is never ambiguous."""
METHODOLOGY = "methodology"
TOPICS_COLLECTION = "tags"


@cache
def labels(locale: str) -> dict[str, Any]:
    """The collections' and fields' labels in the editor's language (`labels.yml`), English when it has none."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return data.get(locale, data["en"])


def slug_pattern() -> str:
    """The slug rule, as a JavaScript regular expression (the same syntax for this one)."""
    return s.SLUG_RE.pattern


class _Fields:
    """Decap fields made from schema options, labelled in the editor's language."""

    def __init__(self, locale: str, languages: tuple[str, ...], timezone: str) -> None:
        self.words = labels(locale)
        self.locale = locale
        self.languages = languages
        self.timezone = timezone

    def label(self, key: str) -> dict[str, str]:
        entry = self.words["fields"].get(key, {"label": key})
        found = {"label": entry["label"]}
        if "hint" in entry:
            found["hint"] = entry["hint"].replace("{timezone}", self.timezone)
        return found

    def field(self, name: str, option: s.Option, *, key: str | None = None) -> dict[str, Any]:
        """The Decap field for `option`, named `name`; `key`: its labels' key (`event.date`)."""
        made = {"name": name, **self.label(key or name), **self.widget(name, option, key or name)}
        made["required"] = bool(option.needed)
        if not option.needed:
            _optional_inside(made)
        return made

    def widget(self, name: str, option: s.Option, key: str) -> dict[str, Any]:
        if isinstance(option, s.Flag):
            return {"widget": "boolean", "default": bool(option.default)}
        if isinstance(option, s.Day):
            return {"widget": "datetime", "date_format": DATE_FORMAT, "time_format": False, "format": DATE_FORMAT}
        if isinstance(option, s.DateTime):
            if name == "date":  # a post's date: a day (the reader's page shows no time)
                return {"widget": "datetime", "date_format": DATE_FORMAT, "time_format": False, "format": DATE_FORMAT}
            return {"widget": "datetime", "format": TIME_FORMAT}
        if isinstance(option, s.Choice):
            shown = self.words.get("choices", {}).get(key, {})
            return {"widget": "select", "options": [{"label": shown.get(value, value), "value": value} for value in option.choices]}
        if isinstance(option, s.RelativeFile):
            return {"widget": "image", "choose_url": False}
        if isinstance(option, s.URL):
            return {"widget": "string", "pattern": [r"^https?://[^\s/]+\.[^\s]+$", "https://…"]}
        if isinstance(option, s.Localized):
            return {"widget": "object", "collapsed": False,
                    "fields": [{"name": lang, "label": self.words["languages"].get(lang, lang),
                                "widget": "text" if name == "description" else "string",  # a partner's: sentences
                                "required": True} for lang in self.languages]}
        if isinstance(option, s.Fields):
            return {"widget": "object", "fields": [self.field(sub, opt, key=f"{key}.{sub}") for sub, opt in option.options.items()]}
        if isinstance(option, s.YearSpan):
            return {"widget": "object", "fields": [
                {"name": end, **self.label(f"{key}.{end}"), "widget": "number", "value_type": "int", "min": 1900,
                 "max": 2100, "required": False} for end in ("start", "end")]}
        if isinstance(option, s.ListOf) and isinstance(option.item, s.Reference):
            return self.reference(name, multiple=True)
        if isinstance(option, s.ListOf):
            return {"widget": "list"}  # a list of texts, one an item
        if isinstance(option, s.Reference):
            return self.reference(name, multiple=False)
        if isinstance(option, s.Text) and name in ("summary", "description"):
            return {"widget": "text"}
        if isinstance(option, (s.Text, s.Term)):
            return {"widget": "string"}
        raise TypeError(f"no editor widget for {type(option).__name__} ({name})")

    def reference(self, name: str, *, multiple: bool) -> dict[str, Any]:
        """A topic, a project or a partner, read from their collections when the field is used: one created in the
        editor can be chosen at once."""
        if name == "tags":  # the items of the list in news/tags.yml
            return {"widget": "relation", "collection": TOPICS_COLLECTION, "file": TOPICS_COLLECTION,
                    "value_field": f"{TOPICS}.*.{SLUG_FIELD}", "search_fields": [f"{TOPICS}.*.name.{lang}" for lang in self.languages],
                    "display_fields": [f"{TOPICS}.*.name.{self.locale}"], "multiple": multiple, "options_length": 100}
        if name == "projects":
            return {"widget": "relation", "collection": "projects", "value_field": "{{slug}}", "search_fields": ["title"],
                    "display_fields": ["title"], "multiple": multiple, "options_length": 100}
        # partners, funders, contact: partners
        return {"widget": "relation", "collection": "partners", "value_field": "{{slug}}",
                "search_fields": [f"name.{lang}" for lang in self.languages] + [f"short_name.{lang}" for lang in self.languages],
                "display_fields": [f"name.{self.locale}"], "multiple": multiple, "options_length": 200}

    def slug(self) -> dict[str, Any]:
        """Not required to Decap, which would ask it of the entries written before the editor: hub-admin.js refuses a new
        entry without it, and gives an older one its folder's name."""
        return {"name": SLUG_FIELD, **self.label(SLUG_FIELD), "widget": "string", "required": False, "i18n": False,
                "pattern": [slug_pattern(), self.words["fields"]["slug_pattern"]]}

    def body(self) -> dict[str, Any]:
        return {"name": BODY_FIELD, **self.label(BODY_FIELD), "widget": "markdown", "required": True, "i18n": True,
                "modes": ["rich_text", "raw"], "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote",
                                                           "bulleted-list", "numbered-list"],
                "editor_components": ["image"]}


def _optional_inside(field: dict[str, Any]) -> None:
    """The fields inside an optional object are optional to the editor: Decap checks them even when the object is left
    empty (an event's date is required only when there is an event; `hub check` says so when it is missing)."""
    for inner in field.get("fields", ()):
        inner["required"] = False
        _optional_inside(inner)


def text_fields(maker: _Fields, shared: type[s.Schema], translated: type[s.Schema], order: tuple[str, ...]) -> list[dict[str, Any]]:
    """The shared options (saved in the default language's file only) and the translated ones, in `order`."""
    fields: dict[str, dict[str, Any]] = {}
    for name, option in shared.options().items():
        if name == SLUG_FIELD:  # the schema's optional `slug:`: the editor's own field (`_Fields.slug`)
            continue
        fields[name] = {**maker.field(name, option), "i18n": False}  # Decap's 'none': in the default language's file only
    for name, option in translated.options().items():
        fields[name] = {**maker.field(name, option), "i18n": True}
    if "only_language" in fields:  # a language code: one of the site's
        fields["only_language"] |= {"widget": "select", "options": [{"label": maker.words["languages"].get(lang, lang), "value": lang}
                                                                    for lang in maker.languages]}
    ordered = [fields.pop(name) for name in order if name in fields]
    return ordered + list(fields.values())


POST_ORDER = ("title", "summary", "date", "publish_at", "tags", "projects", "partners", "cover", "cover_alt", "event",
              "only_language", "draft")
PROJECT_ORDER = ("title", "summary", "status", "period", "funders", "partners", "contact", "regions", "communities", "results")


def editor_config(content: Content, settings: EditorSettings, *, timezone: str, locale: str | None = None) -> dict[str, Any]:
    """Decap CMS's configuration for the content's languages (the first is the default) and the site's time zone."""
    languages = tuple(content.languages)
    default = languages[0]
    locale = locale or default
    words = labels(locale)
    maker = _Fields(locale, languages, timezone)
    i18n = {"structure": "multiple_files", "locales": list(languages), "default_locale": default}
    collections = words["collections"]

    news = {
        "name": "news", "label": collections["news"]["label"], "label_singular": collections["news"]["singular"],
        "folder": "news", "create": True, "extension": "md", "format": "frontmatter",
        "path": "{{year}}/{{slug}}/index", "slug": "{{fields.slug}}", "identifier_field": SLUG_FIELD,
        "summary": "{{title}} · {{date}}", "sortable_fields": ["date", "title"],
        "media_folder": "", "public_folder": "", "i18n": i18n,
        "fields": [maker.slug(), *text_fields(maker, s.PostMetaSchema, s.PostTextSchema, POST_ORDER), maker.body()],
    }
    projects = {
        "name": "projects", "label": collections["projects"]["label"], "label_singular": collections["projects"]["singular"],
        "folder": "projects", "create": True, "extension": "md", "format": "frontmatter",
        "path": "{{slug}}/index", "slug": "{{fields.slug}}", "identifier_field": SLUG_FIELD,
        "media_folder": "", "public_folder": "", "i18n": i18n,
        "fields": [maker.slug(), *text_fields(maker, s.ProjectMetaSchema, s.ProjectTextSchema, PROJECT_ORDER), maker.body()],
    }
    slug = {key: value for key, value in maker.slug().items() if key != "i18n"}
    partner_fields = [maker.field(name, option) for name, option in s.PartnerSchema.options().items()
                      if name != SLUG_FIELD]  # the editor's own field, first
    partners = {
        "name": "partners", "label": collections["partners"]["label"], "label_singular": collections["partners"]["singular"],
        "folder": "partners", "create": True, "extension": "yml", "format": "yaml",
        "slug": "{{fields.slug}}", "identifier_field": f"name.{default}", "media_folder": "", "public_folder": "",
        "fields": [slug, *partner_fields],
    }
    topic_fields = [slug | {"required": True}, *(maker.field(name, option) for name, option in s.TagSchema.options().items()
                                                 if name != SLUG_FIELD)]
    # one file, news/tags.yml: its list's order gives each topic its colour, which a writer may change by dragging
    topics = {
        "name": TOPICS_COLLECTION, "label": collections[TOPICS_COLLECTION]["label"], "delete": False,
        "editor": {"preview": False},  # a list of names: the site shows it nowhere as such
        "files": [{"name": TOPICS_COLLECTION, "label": collections[TOPICS_COLLECTION]["file"], "file": TAGS.as_posix(),
                   "fields": [{"name": TOPICS, **maker.label(TOPICS), "label_singular": words["fields"][TOPICS]["singular"],
                               "widget": "list", "collapsed": True,
                               "summary": f"{{{{fields.name.{locale}}}}} · {{{{fields.{SLUG_FIELD}}}}}", "fields": topic_fields}]}],
    }
    page_fields = [{**maker.field(name, option), "i18n": True} for name, option in s.PageSchema.options().items()]
    # Decap's file collections know only i18n's single_file structure: the hand-written pages (`docs/about.uk.md`,
    # `docs/about.en.md`) are folder collections whose entries the editor may change but not create (a new page needs
    # its place in the navigation, mkdocs.yml)
    pages = {
        "name": "pages", "label": collections["pages"]["label"], "folder": "docs", "create": False, "delete": False,
        "extension": "md", "format": "frontmatter", "i18n": i18n, "identifier_field": "title",
        "media_folder": "", "public_folder": "", "fields": [*page_fields, maker.body()],
    }
    methodology = {**pages, "name": METHODOLOGY, "label": words["pages"][METHODOLOGY], "folder": f"docs/{METHODOLOGY}"}
    config: dict[str, Any] = {
        "locale": locale,
        "backend": backend(settings),
        "publish_mode": settings.publish_mode,
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "site_url": "/",
        "show_preview_links": False,
        "search": True,
        "i18n": i18n,
        "collections": [news, projects, partners, topics, pages, methodology],
    }
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend}
    return config


def backend(settings: EditorSettings) -> dict[str, Any]:
    found: dict[str, Any] = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch,
                             "squash_merges": True, "cms_label_prefix": "cms/"}
    if settings.base_url:
        found["base_url"] = settings.base_url
    if settings.auth_endpoint:
        found["auth_endpoint"] = settings.auth_endpoint
    if settings.site_domain:
        found["site_domain"] = settings.site_domain
    return found


def render(config: Mapping[str, Any]) -> str:
    """`config.yml`: YAML, as Decap reads it (one document, no aliases)."""
    header = "# Generated by the hub build from the content model (scripts/hub/editor/config.py): do not edit.\n"

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return header + yaml.dump(dict(config), Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=120)
