"""The only parser of the site's content: read the folders, validate, cross-check, build the model."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from . import documents, pictures, schema
from .errors import ContentError, Problem
from .frontmatter import Body, Document, ParseError, read_markdown, read_yaml
from .issues import read_issues
from ..messages import _
from .model import (
    Content,
    Event,
    Inline,
    Partner,
    PartnerText,
    Picture,
    Post,
    PostText,
    Project,
    ProjectText,
    Tag,
)

OLD_META = "meta.yml"
"""Where the shared fields of a post or project were before issue 17: now an error, so that no folder in the old
layout is skipped or half read in silence."""
TAGS = Path("news") / "tags.yml"
TOPICS = "topics"
"""The key of tags.yml's list of topics."""
SYNONYMS = Path("news") / "search-synonyms.yml"
"""Words and names the search treats as one, next to the tags' registry: `KfW: [КфВ]`."""
GENERATED_DIRS = ("news", "projects", "partners", "newsletter")
"""Folders of `docs/` whose addresses the build's pages take: nothing may be there (earlier versions wrote the
generated pages there; `_check_reserved`)."""
YEAR = re.compile(r"^[0-9]{4}$")
"""A year's folder of `news/`."""
CONTENT_DIRS = ("news", "projects", "partners", "docs")
"""Everything writers put on the site: no file in them may be a symbolic link."""
PICTURES = (".jpg", ".jpeg", ".png", ".webp")
"""Pictures a text may show: published only as copies made by hub.outputs.images, without their metadata."""
DOCUMENTS = (".pdf",)
"""Files a text may link to, published as they are: reports."""
NAME_LIMIT = 100
"""Characters of a picture's name at most: the site names its copies after it (`visit-social.jpg`), and a file's name
holds 255 bytes, two for each Cyrillic letter."""
SITE_CODE = (".css", ".js", ".mjs", ".woff2", ".woff", ".ico")
"""The site's own styles, scripts and fonts, published from `docs/assets/` only: the theme loads them; a text never
can (it holds no script or style, hub.outputs.sanitize), so a file added there is never run on a reader's page."""
SITE_FILES = ("CNAME", "robots.txt")
"""Files of `docs/` a host reads (GitHub Pages' domain, the crawlers' rules), published as they are."""


def named(path: Path) -> bool:
    """Whether `path` is a file, not a link, and named exactly so: the disks of Windows and macOS ignore case, where
    'Photo.JPG' opens photo.jpg; the site's server does not, and the preview would show a picture the site cannot.
    Names compare in Unicode's composed form: macOS may keep «й» as «и» and a breve, git commits it composed."""
    return path.is_file() and not path.is_symlink() and \
        unicodedata.normalize("NFC", path.name) in {unicodedata.normalize("NFC", name) for name in os.listdir(path.parent)}


def spelled_like(path: Path) -> str:
    """' (did you mean 'photo.jpg'?)' when the folder of the missing `path` holds a file named like it: the same name
    in other letter case, else a close one."""
    try:
        names = [entry.name for entry in os.scandir(path.parent) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return ""
    alike = sorted(name for name in names if _nfc(name) == _nfc(path.name) and name != path.name)
    if alike:  # «й» as «и» and a combining breve, as macOS may write a name: the suggestion would look the same
        return _(" (the file '{name}' is named with the same letters written as other characters, as some computers "
                 "save names: type its name again)", name=alike[0])
    same = sorted(name for name in names if name.casefold() == path.name.casefold() and name != path.name)
    return _(" (did you mean '{name}'?)", name=same[0]) if same else schema.suggest(path.name, names)


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def published_from_docs(relative: PurePosixPath) -> bool:
    """Whether the file at `relative` in `docs/` is published: a page, a picture (as a copy without its metadata), a
    PDF, the site's own code in `assets/`, a host's file. Nothing else: a page of HTML or an SVG drawing would run
    its scripts when opened, a text file may be a private note."""
    suffix = relative.suffix.lower()
    return (suffix in (".md", *PICTURES, *DOCUMENTS) or relative.as_posix() in SITE_FILES
            or (relative.parts[0] == "assets" and suffix in SITE_CODE))


MARKDOWN_REFERENCE = (r"""\]\(\s*<?([^)\s>]+)"""                      # [text](target) and ![alt](target)
                      r"""|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)""")  # [label]: target
REFERENCE = re.compile(MARKDOWN_REFERENCE + r"""|\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""",  # <img src="target">, <a href=target>
                       re.MULTILINE | re.IGNORECASE)
"""Where a Markdown text names a file: read before MkDocs renders it, to publish exactly what the text uses."""
MARKDOWN_ONLY = re.compile(MARKDOWN_REFERENCE, re.MULTILINE | re.IGNORECASE)
"""REFERENCE for a text with no 'src' or 'href' in it, which its last branch cannot match: Python's `re` tries that
branch, case-insensitive and with no letter to look for first, at every character (a fifth of the time it takes to
read 2,000 posts per language, scripts/bench)."""
TITLE_HEAD = re.compile(r"[.:—–]\s")
"""Where a project's name ends in its title: «Спільно. Соціальні послуги…» is the project «Спільно»."""
CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)
"""Code blocks and code spans, whose text names nothing."""


@dataclass(frozen=True)
class _Reference:
    source: Path
    key: str
    names: tuple[str, ...]
    registry: str
    """'tag', 'project' or 'partner'."""
    line: int | None


@dataclass(frozen=True)
class _Registry:
    """The records one kind of reference may name: their slugs, and the slug of each of their names (any language)."""

    where: str
    slugs: frozenset[str]
    names: Mapping[str, str]
    """Case-folded name → slug."""


@dataclass
class _Reader:
    """Collects problems while reading, so that one run reports all of them."""

    root: Path
    languages: tuple[str, ...]
    tz: ZoneInfo
    problems: list[Problem] = field(default_factory=list)
    pictures: dict[Path, Problem] = field(default_factory=dict)
    """Files that are no picture a browser shows, with the problem: the build stops, but the model is whole without them."""
    key_lines: dict[Path, dict[str, int]] = field(default_factory=dict)
    references: list[_Reference] = field(default_factory=list)
    """What each file names of the registries, checked once all are read (`_check_references`)."""

    def take(self, other: _Reader) -> None:
        """What `other` found, reading a part of the content on its own (hub.content.load.PostCache)."""
        self.problems += other.problems
        self.pictures.update(other.pictures)
        self.key_lines.update(other.key_lines)
        self.references += other.references

    def problem(self, path: Path, message: str, *, line: int | None = None, key: str | None = None) -> None:
        self.problems.append(Problem(path, message, line, key))

    def parse(self, path: Path, reader: Callable[[Path], Document]) -> Document | None:
        if path.is_symlink():
            return None  # reported by `_refuse_links`, and never read: it may point anywhere on the machine
        if not path.is_file():  # a folder named like a text, or a pipe, which reading would wait on for ever
            self.problem(path, _("is named like a text but is not a file (a folder, or a special file): move what it "
                                 "holds out, then delete it"))
            return None
        try:
            doc = reader(path)
        except ParseError as error:
            self.problems.append(error.problem)
            return None
        self.key_lines[path] = doc.lines
        return doc

    def validated(self, doc: Document, kind: type[schema.Schema], *, data: Any = None,
                  refers: Mapping[str, str] | None = None) -> dict[str, Any] | None:
        """The values of `doc`, or None if one is wrong; `refers`: the keys that name records of a registry (by
        registry), noted even when another key is wrong, so that one run reports those too."""
        values, right = self.checked(doc, kind, data=data, refers=refers)
        return values if right else None

    def checked(self, doc: Document, kind: type[schema.Schema], *, data: Any = None,
                refers: Mapping[str, str] | None = None) -> tuple[dict[str, Any], bool]:
        """As `validated`: the values of the keys that are right, and whether every key is, for a caller that checks
        more of them in the same run (a partner's logo beside its wrong website)."""
        values, errors = schema.validate(kind, doc.data if data is None else data)
        for key, message in errors:
            self.problem(doc.path, message, line=doc.line_of(key), key=key)
        for key, registry in (refers or {}).items():
            if values.get(key):
                names = values[key] if isinstance(values[key], tuple) else (values[key],)
                self.references.append(_Reference(doc.path, key, names, registry, doc.line_of(key)))
        return values, not errors

    def localized(self, doc: Document, key: str, value: Mapping[str, str] | None, under: str | None = None) -> bool:
        """Every language of the site must be present in a `{uk: …, en: …}` field (`key`; `under`: the name it has
        inside it, `place` in `event:`); whether it is (or is not given)."""
        if value is None:
            return True
        wrong = False
        for lang in self.languages:
            if lang not in value:
                wrong = True
                self.problem(doc.path, _("has no '{lang}' text: add '{lang}: …' under '{key}'", lang=lang, key=under or key),
                             line=doc.line_of(key), key=key)
        for lang in value.keys() - set(self.languages):
            wrong = True
            self.problem(doc.path, _("'{lang}' is not a language of this site ({languages})", lang=lang,
                                     languages=", ".join(self.languages)), line=doc.line_of(key), key=key)
        return not wrong

    def picture(self, owner: Path, role: str, path: Path, line: int | None, key: str | None = None) -> Picture | None:
        """The picture at `path`, read from its header: the model carries its size, so nothing after the loader
        reads the disk for it; None, with the problem noted, when it is no picture a browser shows."""
        if len(path.name) > NAME_LIMIT:
            self.problem(owner, _("the picture '{name}' has a name of {count} characters, too long for its copies' names "
                                  "(a file's name holds 255 bytes, a Cyrillic letter takes two): shorten it to {limit} "
                                  "characters or fewer, like 'lviv-training-1.jpg'", name=path.name, count=len(path.name),
                                  limit=NAME_LIMIT), line=line, key=key)
            return None
        try:
            return pictures.inspect(path)
        except pictures.ImageError as error:
            self.pictures.setdefault(path, pictures.problem(owner, role, path, error, line, key))
            return None

    def document(self, owner: Path, path: Path, line: int | None) -> None:
        """Note the problem of the PDF at `path` that readers could not open or that holds an active part."""
        try:
            documents.inspect(path)
        except documents.DocumentError as error:
            self.problems.append(documents.problem(owner, path, error, line))

    def aware(self, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=self.tz)

    def slug_of(self, path: Path) -> str | None:
        name = path.stem if path.is_file() else path.name
        if not schema.SLUG_RE.match(name):
            self.problem(path, _("the name '{name}' is used in URLs: expected Latin lower-case letters, digits and hyphens, "
                                 "like 'lviv-training'", name=name))
            return None
        return name

    def texts(self, folder: Path) -> tuple[dict[str, Document], bool]:
        """The `index.<lang>.md` files of a post or project folder that could be read, and whether the folder holds a
        file of the old layout (meta.yml, uk.md), each an error saying how to move it."""
        docs: dict[str, Document] = {}
        names = {text_name(lang): lang for lang in self.languages}
        old = False
        if (folder / OLD_META).exists():
            old = True
            self.problem(folder / OLD_META, _("is the old layout: move its lines into the front matter of {file} (between "
                                              "the '---' lines, after the title and summary), then delete it",
                                              file=text_name(self.languages[0])))
        for path in sorted(folder.glob("*.md")):
            if path.stem in self.languages:
                old = True
                self.problem(path, _("is the old layout: rename it {file} (git mv {name} {file})", name=path.name,
                                     file=text_name(path.stem)))
            elif path.name not in names:
                self.problem(path, _("unexpected file: texts are named after their language ({names})", names=", ".join(names)))
            elif blank(path):
                continue  # the browser editor writes an empty file for a language a post is not in: as if absent
            elif (doc := self.parse(path, read_markdown)) is not None:
                docs[names[path.name]] = doc
        return {lang: docs[lang] for lang in self.languages if lang in docs}, old

    def bundle(self, folder: Path, kind: type[schema.Schema], *,
               refers: Mapping[str, str]) -> tuple[dict[str, tuple[Document, dict[str, Any]]], dict[str, Any] | None]:
        """A post's or project's texts, each with the values of its own fields, in the site's languages' order; and the
        values of the shared fields (None when wrong), read from the first text: the default language's, or the only
        one, for a post in another language only (`first_text`). A text whose fields are wrong is left out. `kind`: the
        schema of the first text, made of the shared fields' schema and the texts' one (schema.PostSchema)."""
        meta, text = kind.__bases__
        docs, old = self.texts(folder)
        first = first_text(self.languages, docs)
        if first is None:
            if not old and not present(folder / text_name(self.languages[0])):  # a file that is there but unread: its own error
                self.problem(folder / text_name(self.languages[0]), self._missing_first(folder, kind))
            return {}, None
        shared = meta.options()
        read: dict[str, tuple[Document, dict[str, Any]]] = {}
        values = None
        for lang, doc in docs.items():
            if lang == first:
                both = self.validated(doc, kind, refers=refers)
                if both is not None:
                    values = {key: both[key] for key in shared}
                    read[lang] = doc, {key: both[key] for key in text.options()}
                    self._slug(doc, folder, values["slug"])
                continue
            for key in sorted(doc.data.keys() & shared.keys()):
                self.problem(doc.path, _("belongs in {file}, with the other fields both languages share; here only the "
                                         "{lang} text's own fields ({fields})", file=text_name(first), lang=lang,
                                         fields=", ".join(text.options())), line=doc.line_of(key), key=key)
            own = self.validated(doc, text, data={key: value for key, value in doc.data.items() if key not in shared})
            if own is not None and not doc.data.keys() & shared.keys():
                read[lang] = doc, own
        return read, values

    def _missing_first(self, folder: Path, kind: type[schema.Schema]) -> str:
        default = self.languages[0]
        where = folder.relative_to(self.root).as_posix()
        if kind is schema.PostSchema:
            other = next(iter(self.languages[1:]), default)
            return _("is missing: {folder}/ holds texts but not {file}, the post's first file: its {lang} text, with the fields "
                     "both languages share (date, tags…) in its front matter; add it (hub new writes it), or move the texts "
                     "away. A post in one other language only keeps those fields in that language's file, with "
                     "'only_language: {other}' ({other_file})", folder=where, file=text_name(default), lang=default,
                     other=other, other_file=text_name(other))
        return _("is missing: every project folder needs {file}: its {lang} text, with the fields both languages share "
                 "(period, funders, partners…) in its front matter", file=text_name(default), lang=default)

    def _slug(self, doc: Document, folder: Path, slug: str | None) -> None:
        """The optional `slug:` of a post or project must be its folder's name, which the site takes as its address."""
        if slug is not None and slug != folder.name:
            self.problem(doc.path, _("is '{slug}', but the folder is named '{folder}': the folder's name is the web address; "
                                     "make them the same (rename the folder), or leave 'slug' out", slug=slug, folder=folder.name),
                         line=doc.line_of("slug"), key="slug")


def blank(path: Path) -> bool:
    """Whether `path` is a file holding only whitespace, which the browser editor writes for the language a post is not
    in (`only_language`): taken as if it were absent, and never published."""
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size < 4096 and not path.read_bytes().strip()
    except OSError:
        return False


def present(path: Path) -> bool:
    """Whether a post's or project's text `path` is there: a blank file (`blank`) is not."""
    return path.exists() and not blank(path)


def text_name(lang: str) -> str:
    """The file of a post's or project's text in `lang`: `index.uk.md`."""
    return f"index.{lang}.md"


def first_text(languages: tuple[str, ...], docs: Mapping[str, Document]) -> str | None:
    """The language of the text that holds a post's or project's shared fields: the default language's; for a post in
    another language only, its only text, when it says so (`only_language`). None when there is no such text."""
    if languages[0] in docs:
        return languages[0]
    if len(docs) == 1:
        lang, doc = next(iter(docs.items()))
        if doc.data.get("only_language") == lang:
            return lang
    return None


@dataclass(frozen=True)
class Loaded:
    """What the loader read, with every problem it found."""

    content: Content
    """Whole when `problems` is empty (a broken picture leaves it out: `pictures`); else what could be read."""
    problems: list[Problem]
    pictures: dict[Path, Problem]
    """By the file that is no picture."""


def load_content(root: Path, languages: Iterable[str], tz: str = "Europe/Kyiv", cache: PostCache | None = None) -> Content:
    """Read `news/`, `projects/`, `partners/` and `docs/` under `root`; raise ContentError listing every problem.
    With a `cache`, the post folders unchanged since it last read them are not read again."""
    loaded = read_content(root, languages, tz, cache)
    if loaded.problems or loaded.pictures:
        raise ContentError(loaded.problems + list(loaded.pictures.values()), root)
    return loaded.content


def read_content(root: Path, languages: Iterable[str], tz: str = "Europe/Kyiv", cache: PostCache | None = None) -> Loaded:
    """Like `load_content`, returning the problems (for `hub check`, which goes on where the content allows)."""
    reader = _Reader(root, tuple(languages), ZoneInfo(tz))
    _refuse_links(reader)
    tags, tag_slugs = _read_tags(reader)
    synonyms = _read_synonyms(reader)
    partners = _read_partners(reader)
    projects = _read_projects(reader)
    posts = _read_posts(reader, cache)
    issues, problems = read_issues(root, reader.languages)
    reader.problems += problems
    _check_pages(reader)
    _check_documents(reader)
    _check_references(reader, _registries(reader, tags, tag_slugs, partners, projects))
    ordered = tuple(sorted(posts, key=lambda p: (p.date, p.slug), reverse=True))
    return Loaded(Content(reader.languages, tags, partners, projects, ordered, synonyms, tuple(issues)), reader.problems,
                  reader.pictures)


def _read_tags(reader: _Reader) -> tuple[dict[str, Tag], frozenset[str] | None]:
    """The topics, and the slugs tags.yml gives (None when it cannot be read: references to topics go unchecked)."""
    path = reader.root / TAGS
    if not path.exists():
        return {}, frozenset()
    doc = reader.parse(path, partial(read_yaml, prose=True))
    if doc is None:
        return {}, None
    others = [key for key in doc.data if key != TOPICS]
    if others or not isinstance(doc.data.get(TOPICS, []), list):
        reader.problem(path, _("expected the topics as a list under 'topics:', each with its slug and its name in "
                               "every language, like\n  topics:\n    - slug: social-services\n      name:\n"
                               "        uk: соціальні послуги\n        en: social services"),
                       line=doc.line_of(str(others[0]) if others else TOPICS))
        return {}, None
    tags: dict[str, Tag] = {}
    given: dict[str, int | None] = {}
    for item, part in zip(doc.data.get(TOPICS) or [], doc.items(TOPICS)):
        if not isinstance(item, dict):
            reader.problem(path, _("expected a topic with its 'slug:' and 'name:', got {value}", value=repr(item)),
                           line=part.line)
            continue
        slug = item.get("slug")
        if isinstance(slug, str) and slug in given:
            reader.problem(path, _("the topic {slug} is given twice (also on line {line}): keep one of them", slug=slug,
                                   line=given[slug]), line=part.line_of("slug"), key="slug")
            continue
        if isinstance(slug, str):
            given[slug] = part.line_of("slug")
        values = reader.validated(part, schema.TagSchema)
        if values is None:
            continue
        if not schema.SLUG_RE.match(values["slug"]):
            reader.problem(path, _("the tag {slug} is used in URLs: expected a Latin slug like 'social-services'",
                                   slug=repr(values["slug"])), line=part.line_of("slug"), key="slug")
            continue
        if reader.localized(part, "name", values["name"]):  # else it is known by its slug, as a topic that could not be read
            tags[values["slug"]] = Tag(values["slug"], values["name"])
    return tags, frozenset(given)


def _read_synonyms(reader: _Reader) -> tuple[tuple[str, ...], ...]:
    """Each line of `news/search-synonyms.yml`, `word: [other, ways]`, as one group: the word, then the others."""
    path = reader.root / SYNONYMS
    doc = reader.parse(path, read_yaml) if path.exists() else None
    if doc is None:
        return ()
    groups = []
    others = schema.ListOf(schema.Term(), required=True)
    for (key, value), line in zip(doc.data.items(), doc.lines.values()):  # both in the file's order
        if not isinstance(key, str):
            reader.problem(path, _("YAML reads this word as {value}, not as a word: put it in quotes, like '\"{word}\": [...]'",
                                   value=repr(key), word=key), line=line)
            continue
        try:
            group = (schema.Term().check(key), *others.validate(value))
        except schema.ValidationError as error:
            reader.problem(path, _("{problem}: a line is a word and the other ways readers write it, like 'KfW: [КфВ]'",
                                   problem=error), line=line, key=key)
            continue
        groups.append(group)
    return tuple(groups)


def _read_partners(reader: _Reader) -> dict[str, Partner]:
    partners = {}
    for path in sorted((reader.root / "partners").glob("*")):
        if (path.suffix.lower() in (".yaml", ".yml") and path.suffix != ".yml") or (path.is_dir() and not path.is_symlink()):
            reader.problem(path, _("is not read: each partner is a file partners/<name>.yml, its logo next to it; "
                                   "rename or move it there"))
    for path in sorted((reader.root / "partners").glob("*.yml")):
        slug = reader.slug_of(path)
        doc = reader.parse(path, partial(read_yaml, prose=True))
        if slug is None or doc is None:
            continue
        values, right = reader.checked(doc, schema.PartnerSchema)
        if values.get("slug") is not None and values["slug"] != slug:
            reader.problem(path, _("is '{slug}', but the file is named '{name}': the file's name is the partner's name in "
                                   "posts and projects; make them the same (rename the file), or leave 'slug' out",
                                   slug=values["slug"], name=path.name), line=doc.line_of("slug"), key="slug")
        for key in ("name", "short_name", "description"):
            reader.localized(doc, key, values.get(key))
        logo = None
        if values.get("logo"):
            file = path.parent / values["logo"]
            if file.suffix.lower() not in PICTURES:
                reader.problem(path, _("the logo '{name}' is not a picture the site publishes ({kinds}); an SVG can carry code: "
                                       "save the logo as PNG", name=values["logo"], kinds=", ".join(PICTURES)),
                               line=doc.line_of("logo"), key="logo")
            elif not named(file):
                reader.problem(path, _("the logo file '{name}' does not exist next to this file{suggestion}", name=values["logo"],
                                       suggestion=spelled_like(file)),
                               line=doc.line_of("logo"), key="logo")
            else:
                logo = reader.picture(path, "logo", file, doc.line_of("logo"), "logo")
        if not right:
            continue
        names, short = values["name"], values["short_name"] or values["name"]
        text = {
            lang: PartnerText(names.get(lang, ""), short.get(lang, ""), values["description"].get(lang, ""))
            for lang in reader.languages
        }
        partners[slug] = Partner(slug, values["kind"], values["website"], logo, text, path)
    return partners


def _read_projects(reader: _Reader) -> dict[str, Project]:
    projects = {}
    for folder in sorted(path for path in (reader.root / "projects").glob("*") if path.is_dir() and not path.is_symlink()):
        slug = reader.slug_of(folder)
        read, values = reader.bundle(folder, schema.ProjectSchema, refers={"partners": "partner", "funders": "partner", "contact": "partner"})
        for lang in reader.languages[1:]:  # the first one's absence is said by `bundle`
            if not (folder / text_name(lang)).exists():
                reader.problem(folder / text_name(lang), _("is missing: every text needs a '{lang}' version", lang=lang))
        text = {lang: ProjectText(tv["title"], tv["summary"], tv["regions"], tv["communities"], _stored(doc), doc.path, tv["results"])
                for lang, (doc, tv) in read.items()}
        if slug is not None and values and len(text) == len(reader.languages):
            projects[slug] = Project(slug, values["status"], values["period"], values["funders"], values["partners"], text, folder,
                                     values["contact"])
    return projects


class PostCache:
    """Each post folder as last read, for `mkdocs serve`: a folder whose files are unchanged is not read again."""

    def __init__(self) -> None:
        self._folders: dict[Path, tuple[tuple, Post | None, _Reader]] = {}

    def read(self, reader: _Reader, folder: Path) -> Post | None:
        stamp = (reader.languages, str(reader.tz), _stamp(folder))
        known = self._folders.get(folder)
        if known is None or known[0] != stamp:
            own = _Reader(reader.root, reader.languages, reader.tz)
            known = self._folders[folder] = (stamp, _read_post(own, folder), own)
        post, own = known[1:]
        reader.take(own)
        return post


def _stamp(folder: Path) -> tuple:
    """What tells a changed post folder apart: the name, time and size of each of its files."""
    with os.scandir(folder) as entries:
        stats = [(entry.name, entry.stat(follow_symlinks=False)) for entry in entries]
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_size, stat.st_mode) for name, stat in stats))


def _post_folders(news: Path) -> list[Path]:
    """The folders of `news/` holding Markdown texts (or a file of the old layout): each is a post, which the loader
    reads or says why it cannot, never skipped in silence."""
    return sorted(Path(folder) for folder, _folders, files in os.walk(news)
                  if OLD_META in files or any(name.endswith(".md") for name in files))


def _refuse_links(reader: _Reader) -> None:
    """A symbolic link in the content would publish whatever it points to (`photo.jpg → /etc/passwd`): none is
    followed or read; each is an error. Folders are walked without following links."""
    for name in CONTENT_DIRS:
        if (reader.root / name).is_symlink():
            reader.problem(reader.root / name, _("is a symbolic link: links are never published or followed; put the "
                                                 "folder itself here"))
            continue
        for folder, dirs, files in os.walk(reader.root / name):
            for entry in sorted([*dirs, *files]):
                path = Path(folder) / entry
                if path.is_symlink():
                    reader.problem(path, _("is a symbolic link: links are never published or followed; put the file itself here"))


def _read_posts(reader: _Reader, cache: PostCache | None) -> list[Post]:
    posts = []
    seen: dict[str, Path] = {}
    news = reader.root / "news"
    for folder in _post_folders(news):
        if len(folder.relative_to(news).parts) != 2:  # the year's folder and the post's; a cut or a nested copy else
            reader.problem(folder, _("holds texts, but a post's texts go in a folder of its own in its year's folder: "
                                     "news/<year>/<name>/index.uk.md, like news/2026/lviv-training/index.uk.md; move them there"))
            continue
        if not YEAR.match(folder.parent.name):
            reader.problem(folder, _("is in news/{name}/, which is not a year: a post's folder goes in its year's folder, like "
                                     "news/2026/lviv-training/ (a post is kept off the site with 'draft: true' in its "
                                     "text, not by its folder)", name=folder.parent.name))
            continue
        if folder.name in seen:
            reader.problem(folder, _("duplicate slug '{slug}': {other} has it too; rename one folder", slug=folder.name,
                                     other=seen[folder.name].relative_to(reader.root).as_posix()))
            continue
        seen[folder.name] = folder
        post = cache.read(reader, folder) if cache is not None else _read_post(reader, folder)
        if post is not None:
            posts.append(post)
    return posts


def _read_post(reader: _Reader, folder: Path) -> Post | None:
    """One post folder; its problems go to `reader`. Every file of it is read, whatever another holds."""
    slug = reader.slug_of(folder)
    read, values = reader.bundle(folder, schema.PostSchema, refers={"tags": "tag", "projects": "project", "partners": "partner"})
    cover = folder / values["cover"] if values is not None and values["cover"] else None
    attachments, shown = _attachments(reader, folder, [doc for doc, _values in read.values()], cover)
    if slug is None or values is None:
        return None
    first, (doc, _own) = next(iter(read.items()))  # the text holding the shared fields (`bundle`)
    only = values["only_language"]
    if only is not None and only not in reader.languages:
        reader.problem(doc.path, _("expected one of {languages}, got {value}", languages=", ".join(reader.languages), value=repr(only)),
                       line=doc.line_of("only_language"), key="only_language")
        return None
    missing = [lang for lang in reader.languages if not present(folder / text_name(lang))]
    if only is None:
        for lang in missing:
            reader.problem(folder / text_name(lang), _("is missing: translate the post, or, to publish it in one language only, "
                                                       "add 'only_language: {lang}' to {file}", file=text_name(first), lang=first))
    elif missing != [lang for lang in reader.languages if lang != only]:
        reader.problem(doc.path, _("'only_language: {only}' but {folder} does not hold exactly {file}", only=only,
                                   folder=folder.relative_to(reader.root).as_posix(), file=text_name(only)),
                       line=doc.line_of("only_language"), key="only_language")
    event = None
    if values["event"]:
        reader.localized(doc, "event", values["event"]["place"], under="place")
        event = Event(values["event"]["date"], values["event"]["place"])
    cover = None
    if values["cover"]:
        file = folder / values["cover"]
        if named(file):
            cover = reader.picture(doc.path, "cover", file, doc.line_of("cover"), "cover")
        elif not file.is_symlink():  # a link is reported as one
            reader.problem(doc.path, _("the cover image '{name}' does not exist in {folder}/{suggestion}", name=values["cover"],
                                       folder=folder.name, suggestion=spelled_like(file)),
                           line=doc.line_of("cover"), key="cover")
    text = {}
    for lang, (text_doc, tv) in read.items():
        if values["cover"] and not tv["cover_alt"]:
            reader.problem(text_doc.path, _("the post has a cover image: describe it for readers who cannot see it with 'cover_alt: …'"),
                           line=1, key="cover_alt")
        text[lang] = PostText(tv["title"], tv["summary"], tv["cover_alt"], _stored(text_doc), text_doc.path)
    date = reader.aware(values["date"])
    publish_at = reader.aware(values["publish_at"]) if values["publish_at"] else date
    return Post(slug, date, publish_at, values["draft"], values["tags"], values["projects"], values["partners"], cover, text,
                folder, attachments, shown, event)


def _attachments(reader: _Reader, folder: Path, texts: Iterable[Document],
                 cover: Path | None) -> tuple[tuple[Path, ...], tuple[Inline, ...]]:
    """The files of `folder` the texts show or link to, each checked: there, a kind the site publishes, no link;
    and the pictures among them, read at the first line that names each. A picture's copies are named after its name
    without the extension (`photo-page.jpg`): two pictures that share it (the `cover` among them) are an error."""
    found: set[Path] = set()
    shown: dict[Path, Inline | None] = {}
    stems = {cover.stem: cover} if cover is not None else {}
    for doc in texts:
        for target, line in _references(doc):
            path = folder / target
            where = dict(line=line)
            if "/" in target:
                reader.problem(doc.path, _("names '{target}': a picture or document must be in the post's own folder ({folder}/), "
                                           "named without a path", target=target, folder=folder.name), **where)
            elif path.suffix.lower() not in PICTURES + DOCUMENTS:
                reader.problem(doc.path, _("links to '{target}', a kind of file the site does not publish: pictures ({kinds}) and "
                                           "PDF documents only; save it as one of these", target=target, kinds=", ".join(PICTURES)),
                               **where)
            elif named(path):  # a link is reported as one; a missing file by `hub check`
                if path.suffix.lower() in DOCUMENTS and path not in found:
                    reader.document(doc.path, path, line)
                found.add(path)
                if path.suffix.lower() in PICTURES and path not in shown:
                    other = stems.setdefault(path.stem, path)
                    picture = reader.picture(doc.path, "inline", path, line) if other == path else None
                    if other != path:
                        reader.problem(doc.path, _("the pictures '{name}' and '{other}' would be published under one name "
                                                   "({stem}-…), one in the other's place: rename one", name=path.name,
                                                   other=other.name, stem=path.stem), **where)
                    shown[path] = Inline(picture, doc.path) if picture is not None else None
    return tuple(sorted(found)), tuple(inline for _path, inline in sorted(shown.items()) if inline is not None)


def _stored(doc: Document) -> Body:
    """Where the text of a Markdown file is, for its page to read it when it is rendered (`Body`)."""
    assert doc.stored is not None, doc.path
    return doc.stored


def _references(doc: Document) -> Iterator[tuple[str, int]]:
    """The local files a Markdown text names (not pages, not addresses, not code), with their lines."""
    body = CODE.sub(lambda code: re.sub(r"[^\n]", " ", code[0]), doc.body)
    folded = body.casefold()  # as `re` compares without case: the long ſ is an s
    pattern = REFERENCE if "src" in folded or "href" in folded else MARKDOWN_ONLY
    for match in pattern.finditer(body):
        written = next(group for group in match.groups() if group is not None)
        parts = urlsplit(written)
        target = unquote(parts.path).removeprefix("./")
        if parts.scheme or parts.netloc or not target or target.startswith("/") or target.endswith("/") \
                or Path(target).suffix.lower() in ("", ".md", ".html"):
            continue
        yield target, doc.body_line + body.count("\n", 0, match.start())


def _check_documents(reader: _Reader) -> None:
    """The PDFs of `docs/`, which MkDocs publishes as they are (a post's are read with its texts)."""
    docs = reader.root / "docs"
    for path in sorted(docs.glob("**/*")):
        if path.suffix.lower() in DOCUMENTS and path.is_file() and not path.is_symlink() \
                and published_from_docs(PurePosixPath(path.relative_to(docs).as_posix())):
            reader.document(path, path, None)


def _reserved(languages: tuple[str, ...]) -> dict[str, str]:
    """The first parts of addresses the site keeps for what it makes itself, with what that is."""
    return {"news": _("the news, which the site makes from news/"),
            "projects": _("the projects' pages, which the site makes from projects/"),
            "partners": _("the partner directory, which the site makes from partners/"),
            "newsletter": _("the archive of the newsletter's issues"),
            "404": _("the page readers see at an address that does not exist"),
            "pagefind": _("the search index"),
            "admin": _("the browser editor"),
            **{lang: _("the pages in '{lang}', written as <name>.{lang}.md next to the others", lang=lang)
               for lang in languages[1:]}}


def _check_reserved(reader: _Reader) -> frozenset[str]:
    """A page or folder of `docs/` at an address the site makes itself: its own page would take it, and MkDocs
    drops one of the two in silence. Returns the names reported, whose pages are not read further."""
    docs = reader.root / "docs"
    reserved = _reserved(reader.languages)
    found = set()
    for path in sorted(docs.iterdir()) if docs.is_dir() else ():
        name = path.name if path.is_dir() else path.name.removesuffix(".md").rpartition(".")[0]
        if name not in reserved or path.is_symlink() or (not path.is_dir() and path.suffix != ".md"):
            continue
        found.add(path.name)
        what = reserved[name]
        if path.is_dir() and name in GENERATED_DIRS:
            reader.problem(path, _("the name '{name}' is kept for {what}: nothing in this folder is published — give the "
                                   "folder another name, or delete it if an older version of the hub wrote it", name=name, what=what))
        elif path.is_dir():
            reader.problem(path, _("the name '{name}' is kept for {what}: nothing in this folder is published — give the "
                                   "folder another name", name=name, what=what))
        else:
            reader.problem(path, _("the name '{name}' is kept for {what}: this page would never be published — give it "
                                   "another name", name=name, what=what))
    return frozenset(found)


def _check_pages(reader: _Reader) -> None:
    """Hand-written pages need a title, a description and a file in every language."""
    docs = reader.root / "docs"
    default = reader.languages[0]
    reserved = _check_reserved(reader)
    for path in sorted(docs.glob("**/*.md")):
        relative = path.relative_to(docs)
        if relative.parts[0] in reserved:
            continue
        stem, _dot, lang = path.name[: -len(".md")].rpartition(".")
        if lang not in reader.languages:
            reader.problem(path, _("name hand-written pages '<name>.<language>.md' ({examples})",
                                   examples=", ".join(f"{path.stem}.{code}.md" for code in reader.languages)))
            continue
        odd = next((name for name in (*relative.parent.parts, stem) if not schema.SLUG_RE.match(name)), None)
        if odd is not None:  # 'Draft Page.uk.md' would be published at /Draft%20Page/
            reader.problem(path, _("the name '{name}' is used in URLs: expected Latin lower-case letters, digits and hyphens, "
                                   "like 'lviv-training'", name=odd))
        doc = reader.parse(path, read_markdown)
        if doc is not None:
            reader.validated(doc, schema.PageSchema)
        if lang == default:
            for other in reader.languages[1:]:
                if not path.with_name(f"{stem}.{other}.md").exists():
                    reader.problem(path.with_name(f"{stem}.{other}.md"),
                                   _("is missing: {page} needs its '{lang}' translation", page=relative.as_posix(), lang=other))
        elif not path.with_name(f"{stem}.{default}.md").exists():
            reader.problem(path.with_name(f"{stem}.{default}.md"),
                           _("is missing: {page} has no '{lang}' original", page=relative.as_posix(), lang=default))


def record_names(tags: Mapping[str, Tag], partners: Mapping[str, Partner], projects: Mapping[str, Project]) -> dict[str, dict[str, str]]:
    """The slug each name of a topic, project or partner stands for (any language, case-folded), by registry
    ('tag', 'project', 'partner'): for a writer who gives «Навчання» or «UNICEF» where a slug is expected."""
    return {
        "tag": {label.casefold(): tag.slug for tag in tags.values() for label in tag.label.values()},
        "project": {name.casefold(): project.slug for project in projects.values() for text in project.text.values()
                    for name in {text.title, TITLE_HEAD.split(text.title, 1)[0]}},
        "partner": {name.casefold(): partner.slug for partner in partners.values() for text in partner.text.values()
                    for name in (text.name, text.short_name) if name},
    }


def _registries(reader: _Reader, tags: Mapping[str, Tag], tag_slugs: frozenset[str] | None, partners: Mapping[str, Partner],
                projects: Mapping[str, Project]) -> dict[str, _Registry | None]:
    """What references may name. A record whose file could not be read still exists by its file's name (a
    reference to it is not reported twice); a registry file that could not be read is not checked against."""
    root = reader.root
    names = record_names(tags, partners, projects)
    return {
        "tag": None if tag_slugs is None else _Registry(TAGS.as_posix(), tag_slugs, names["tag"]),
        "project": _Registry("projects/", frozenset(path.name for path in (root / "projects").glob("*") if path.is_dir()),
                             names["project"]),
        "partner": _Registry("partners/", frozenset(path.stem for path in (root / "partners").glob("*.yml")), names["partner"]),
    }


def _reference_messages(registry: str) -> tuple[str, str, str]:
    """For a name of a record given instead of its slug; for a value that is no slug; for an unknown slug."""
    if registry == "tag":
        return (_("'{name}' is the name of the topic '{slug}': write its slug, '{slug}'"),
                _("'{name}' is not the slug of a topic: write the slug (Latin letters, like '{example}'); the topics are in {where}"),
                _("unknown topic '{name}'{suggestion}; the topics are in {where}"))
    if registry == "project":
        return (_("'{name}' is the name of the project '{slug}': write its slug, '{slug}'"),
                _("'{name}' is not the slug of a project: write the slug (Latin letters, like '{example}'); the projects are in {where}"),
                _("unknown project '{name}'{suggestion}; the projects are in {where}"))
    return (_("'{name}' is the name of the partner '{slug}': write its slug, '{slug}'"),
            _("'{name}' is not the slug of a partner: write the slug (Latin letters, like '{example}'); the partners are in {where}"),
            _("unknown partner '{name}'{suggestion}; the partners are in {where}"))


def _check_references(reader: _Reader, registries: Mapping[str, _Registry | None]) -> None:
    """Every record a file names must exist: a name given instead of a slug gets its slug."""
    for reference in reader.references:
        registry = registries[reference.registry]
        if registry is None:
            continue
        for name in reference.names:
            if name in registry.slugs:
                continue
            named, not_slug, unknown = _reference_messages(reference.registry)
            slug = registry.names.get(name.casefold())
            if slug is not None:
                message = named.format(name=name, slug=slug)
            elif not schema.SLUG_RE.match(name):
                message = not_slug.format(name=name, example=min(registry.slugs, default="social-services"), where=registry.where)
            else:
                message = unknown.format(name=name, suggestion=schema.suggest(name, registry.slugs), where=registry.where)
            reader.problem(reference.source, message, line=reference.line, key=reference.key)
