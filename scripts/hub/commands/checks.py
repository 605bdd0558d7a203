"""`hub check`: what the build requires, then what a careful editor would catch, in one run.

The content is read by the build's own loader only; its problems are reported as they are,
as errors. The checks here then read the model, whole or as much of it as could be read, and add
editorial findings: the same `Problem` records, with a severity, a stable code and a hint on how
to fix it. A file the model could not hold is still scanned for what the build would refuse in it,
so that one broken file never hides another's problems.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import markdown

from ..build import caches, settings_check
from ..content import digests, navigation
from ..content import documents as pdf
from ..content.catalog import Catalog
from ..content.errors import ContentError, Problem, key_line, line_of, text_lines
from ..content.frontmatter import ParseError, body_problem, read_markdown
from ..content.load import DOCUMENTS, GENERATED_DIRS, OLD_META, PICTURES, TAGS, Loaded, named, published_from_docs, spelled_like, text_name
from ..content.model import Content, Partner, Post
from ..content.pictures import ImageError
from ..content.schema import suggest
from ..engine.mkdocs.project import CONFIG, Workspace
from ..messages import _
from ..outputs import documents, images
from ..outputs.page_html import MARKERS, problems
from ..site import pictures
from ..site.language import CURLY_QUOTES, STRAIGHT_QUOTES
from ..site.language import languages as load_languages
from ..site.organisation import placeholder_message, placeholder_settings
from ..site.pages import page_specs, post_assets
from ..site.urls import post_files

TITLE_MAX = 88
"""Characters of a title that a shared link's preview shows before cutting it: about two lines on Facebook
and LinkedIn. X documents 70, stricter than most Ukrainian headlines can be, so it is not the limit here."""
SUMMARY_MAX = 200
"""Characters of a description social previews show (X's documented limit; Facebook shows less)."""
FILE_BUDGET = 1_000_000
"""Bytes: a file readers download as it is (a PDF report, a picture of docs/), on weak mobile connections."""
SOCIAL_SIZE = pictures.SIZES["social"]
TEMPLATE_MARK = "✎"
"""Marks the text `hub new` writes for the writer to replace."""

LATIN_LOOKALIKES = set("aceiopxyABCEHIKMOPTXYïÏ")
"""Latin letters drawn like Cyrillic ones: typed with the wrong keyboard layout, they break search."""
CYRILLIC_LOOKALIKES = set("асеіорхуАВСЕНІКМОРТХїЇ")

Progress = Callable[[int, int], None]


TRANSLATION_CODES = ("translation-empty", "translation-script", "translation-identical")
"""Findings about a text's translation: warnings, errors with `--strict`."""
PLACEHOLDER_CODE = "placeholder-setting"
STRICT_CODES = (*TRANSLATION_CODES, PLACEHOLDER_CODE, "settings-unknown")
"""Warnings that `--strict`, the check before publishing, makes errors."""


def check(workspace: Workspace, progress: Progress | None = None, strict: bool = False,
          loaded: Loaded | None = None) -> list[Problem]:
    """Every problem in the content, sorted by file and line: the loader's, and the editorial ones of whatever it could
    read; `strict`: a missing or wrong translation is an error. `loaded`: the content, when the caller has read it."""
    loaded = loaded or workspace.read()
    content = loaded.content
    catalog = workspace.catalog(content)
    held = {text.source for post in content.posts for text in post.text.values()} | \
           {text.source for project in content.projects.values() for text in project.text.values()}
    unread = [path for folder in ("news", "projects") for path in sorted((workspace.content_dir / folder).rglob("*.md"))
              if path not in held]
    kept = caches.folder(workspace.root)
    digests.load(kept / caches.DIGESTS)
    checker = _Checker(workspace, catalog, _Targets.of(workspace, catalog), frozenset(loaded.pictures), kept / caches.COVERS)
    records: list[Callable[[], Iterable[Problem]]] = [
        *(partial(checker.post, post) for post in content.posts),
        *(partial(checker.project, slug) for slug in content.projects),
        *(partial(checker.partner, partner) for partner in content.partners.values()),
        *(partial(checker.page, path) for path in sorted(workspace.docs_dir.rglob("*.md"))
          if path.relative_to(workspace.docs_dir).parts[0] not in GENERATED_DIRS),
        partial(checker.names, content),
        checker.docs_files,
        # the texts of posts and projects the model could not hold: what the build would refuse in them
        *(partial(_unsafe, workspace, path, checker.markdown, errors_only=True) for path in unread),
    ]
    problems: list[Problem] = [*loaded.problems, *loaded.pictures.values(), *_placeholders(workspace),
                               *navigation.problems(workspace.root / CONFIG, workspace.nav, workspace.docs_dir,
                                                    workspace.languages, workspace.newsletter.form_privacy),
                               *settings_check.problems(workspace.root / CONFIG, workspace.site_url, workspace.newsletter,
                                                        workspace.organisation, workspace.languages),
                               *settings_check.unknown(workspace.root / CONFIG, workspace.unknown_settings)]
    for done, record in enumerate(records, start=1):
        problems.extend(record())
        if progress:
            progress(done, len(records))
    if strict:
        problems = [replace(p, severity="error") if p.code in STRICT_CODES else p for p in problems]
    return sorted(set(problems), key=_order)


def _publishable(path: Path) -> list[Problem]:
    """What would stop the build making the copy of a picture or PDF it publishes (without its metadata), made here
    as the build makes it."""
    try:
        if path.suffix.lower() in PICTURES:
            images.stripped(path)
        else:
            pdf.inspect(path)
            documents.stripped(path)
    except pdf.DocumentError:
        return []  # the loader said why it is refused
    except ContentError as error:
        return list(error.problems)
    return []


def _placeholders(workspace: Workspace) -> list[Problem]:
    """Settings still on an example's address: a warning while writing, an error in the check before publishing."""
    unfinished = placeholder_settings(workspace.site_url, workspace.newsletter.url, workspace.organisation)
    if not unfinished:
        return []
    return [Problem(workspace.root / CONFIG, placeholder_message(unfinished), severity="warning", code=PLACEHOLDER_CODE)]


def _order(problem: Problem) -> tuple:
    return str(problem.path), problem.line or 0, problem.severity, problem.code, problem.message


def _unsafe(workspace: Workspace, path: Path, converter: markdown.Markdown, errors_only: bool = False) -> list[Problem]:
    """What cleaning would take from the Markdown text at `path` (hub.outputs.sanitize); nothing for a file that does not read
    (the loader says why: a link, a folder or a special file named like a text)."""
    if path.is_symlink() or not path.is_file():
        return []
    try:
        body = read_markdown(path).body
    except ParseError:  # the loader reports the front matter; the text after it may still hold what the build refuses
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return []
        parts = text.split("\n---", 1) if text.startswith("---") else ["", text]
        body = parts[-1]
        if body_problem(path, body) is not None:  # the loader said where: Markdown would fail on it
            return []
    return problems(converter.reset().convert(body), path, MARKERS, errors_only=errors_only)


def counts(problems: Iterable[Problem]) -> dict[str, int]:
    problems = list(problems)
    return {severity: sum(p.severity == severity for p in problems) for severity in ("error", "warning")}


# -- where things are -------------------------------------------------------------------------


class _Lines:
    """Finds the line of a value in a file. Values come from the model; only their place is looked up here."""

    def __init__(self) -> None:
        self._files: dict[Path, list[str]] = {}

    def of(self, path: Path, needle: str, start: int = 1) -> int | None:
        """The first line at or after `start` holding `needle` (then from the top, if it is only before)."""
        return line_of(self._lines(path), (needle,), start)

    def start_of(self, path: Path, tail: str) -> int:
        """The line where `tail`, the end of the file at `path` (a text after its front matter), begins."""
        return max(1, len(self._lines(path)) - len(text_lines(tail)) + 1)

    def key(self, path: Path, key: str) -> int | None:
        return key_line(self._lines(path), key)

    def _lines(self, path: Path) -> list[str]:
        if path not in self._files:
            self._files[path] = text_lines(path.read_text(encoding="utf-8-sig")) if path.is_file() else []
        return self._files[path]


LOCAL_NAMES = (".localhost", ".local", ".lan", ".internal", ".home.arpa")
"""Endings of host names that only a computer or a local network knows (RFC 6761, 6762, 8375)."""


def _local_link(href: str) -> str | None:
    """How to mend a link to a host only the writer's computer or network reaches (the preview's address copied from
    the browser, a router's, a file server's); None for any other link."""
    parts = urlsplit(href)
    host = (parts.hostname or "").rstrip(".") if parts.scheme in ("http", "https") else ""
    if not host:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        loopback = host == "localhost" or host.endswith(".localhost")
        local = loopback or host.endswith(LOCAL_NAMES)
    else:
        loopback = address.is_loopback or address.is_unspecified
        local = loopback or address.is_private or address.is_link_local
    if loopback and parts.path not in ("", "/"):
        return _("link to '{path}' instead, the page's address on the site (as the preview shows it, without "
                 "'{origin}')", path=parts.path, origin=f"{parts.scheme}://{parts.netloc}")
    return _("link to the page or file where readers can open it, on the site or on the web") if local else None


@dataclass(frozen=True)
class _Targets:
    """What a link may point to: the pages and files the build publishes, site-relative."""

    pages: frozenset[str]
    files: dict[str, Path | None]
    """Published files and, when they are copied as they are, their source (for their size)."""
    unpublished: frozenset[str]
    """Pages of drafts and scheduled posts: not there yet."""
    host: str
    base: str
    """The path of the site on its host, like '/'."""
    prefixes: dict[str, str]

    @classmethod
    def of(cls, workspace: Workspace, catalog: Catalog) -> _Targets:
        urls = workspace.urls
        codes = workspace.languages
        prefixes = {lang: urls.prefix(lang) for lang in codes}
        pages = {spec.url for spec in page_specs(catalog, urls, load_languages(codes), workspace.per_page)}
        files: dict[str, Path | None] = {}
        for post in catalog.published:
            files.update(post_assets(post))
            for source in pictures.sources([post]):
                with suppress(ContentError):  # a file that is no picture is reported by its own check
                    files.update({variant.src: None for variant in pictures.copies(source).values()})
                if source.role == "inline":  # texts name it by its own name: MkDocs links that to its page copy
                    files[source.folder + source.path.name] = None
        docs = workspace.docs_dir
        for path in docs.rglob("*"):
            relative = path.relative_to(docs)
            if not path.is_file() or relative.parts[0] in GENERATED_DIRS:
                continue
            if path.suffix == ".md":  # named `<name>.<language>.md`, as the loader made sure
                pages.add(_page_of(relative.as_posix(), prefixes, codes[0]))
            else:
                files[relative.as_posix()] = path
        unpublished = {urls.post(lang, post) for post in catalog.content.posts if not post.is_published(catalog.now) for lang in post.text}
        read = {post.slug for post in catalog.content.posts}
        for folder in {text.parent for text in (workspace.content_dir / "news").glob("*/*/index.*.md")}:
            if folder.name not in read:  # a post the loader could not read: its own error
                pages |= {urls.prefix(lang) + folder.relative_to(workspace.content_dir).as_posix() + "/" for lang in codes}
        site = urlsplit(workspace.site_url)
        return cls(frozenset(pages), files, frozenset(unpublished), site.netloc, site.path or "/", prefixes)

    def resolve(self, href: str, page: str, source: str, lang: str) -> str | None:
        """The site-relative target of a link on the page at `page` (docs file `source`), or None if it leaves the site.

        As MkDocs does: `.md` links and links to files are relative to the source file;
        links to folders are left to the browser, relative to the page's address.
        """
        parts = urlsplit(href)
        path = unquote(parts.path)  # `my%20photo.jpg` is the file `my photo.jpg`, as the loader and browsers read it
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", "") or parts.netloc != self.host or not path.startswith(self.base):
                return None
            return path[len(self.base):]
        if not path:
            return None  # '#section' on the same page
        if path.startswith("/"):
            return path[len(self.base):] if path.startswith(self.base) else path.lstrip("/")
        if path.endswith(".md"):
            return _page_of(_join(posixpath.dirname(source), path), self.prefixes, lang)
        if posixpath.splitext(path)[1] not in ("", ".html"):
            return _join(posixpath.dirname(source), path)
        return _join(page, path) + ("/" if path.endswith("/") else "")

    def exists(self, target: str) -> bool:
        target = target.removesuffix("index.html")
        return target in self.pages or target in self.files or f"{target}/" in self.pages


def _page_of(docs_path: str, prefixes: dict[str, str], lang: str) -> str:
    """The URL MkDocs gives a `docs/` page: `about.md` → `about/` in `lang`; `methodology/index.en.md` → `en/methodology/`."""
    folder, _slash, name = docs_path.rpartition("/")
    stem, _dot, suffix = name.removesuffix(".md").rpartition(".")
    if suffix in prefixes:
        lang = suffix
    else:
        stem = name.removesuffix(".md")
    path = folder if stem == "index" else posixpath.join(folder, stem)
    return prefixes[lang] + (f"{path}/" if path else "")


def _join(base: str, relative: str) -> str:
    joined = posixpath.normpath(posixpath.join(base, relative))
    return "" if joined == "." else joined


class _Elements(HTMLParser):
    """Links and images of a rendered body, in the order they appear."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "img"):
            self.found.append((tag, dict(attrs)))


# -- the checks ------------------------------------------------------------------------------


@dataclass
class _Checker:
    workspace: Workspace
    catalog: Catalog
    targets: _Targets
    broken: frozenset[Path]
    """Files named as pictures that are none (the loader reports them): not stray."""
    covers: Path
    """The copies the last build made of each picture (hub.build.caches): a picture copied there is not decoded again."""
    lines: _Lines = field(default_factory=_Lines)

    def __post_init__(self) -> None:
        self.markdown = markdown.Markdown(extensions=self.workspace.markdown_extensions,
                                          extension_configs=self.workspace.markdown_configs)

    def post(self, post: Post) -> Iterator[Problem]:
        shared = post.shared
        yield from self._stray(post)
        only = self.lines.key(shared, "only_language")
        for lang in self.workspace.languages:
            # a text that exists but is broken, or missing without 'only_language': the loader's error says what to do
            if lang not in post.text and not (post.source / text_name(lang)).exists() and only is not None:
                yield self._problem(shared, _("has no '{lang}' text: readers of the '{lang}' site see a notice instead of the post",
                                              lang=lang),
                                    "untranslated", _("translate it into {file}, then remove 'only_language' from {shared}",
                                                      file=text_name(lang), shared=shared.name),
                                    line=only, field="only_language", severity="warning")
        yield from self._year(post)
        yield from self._schedule(post)
        if post.cover is not None:
            yield from self._cover(post)
        for source in pictures.sources([post]):
            yield from self._picture(source)
        for path in post.attachments:
            if path.suffix.lower() in DOCUMENTS:
                yield from _publishable(path)
        urls = self.workspace.urls
        own = frozenset(post_files(post) + path.name for path in post.attachments)
        bodies = {lang: text.body.read() for lang, text in post.text.items()}
        for lang, text in post.text.items():
            page = urls.post(lang, post)
            yield from self._text(text.source, lang, page, {"title": text.title, "summary": text.summary, "cover_alt": text.cover_alt or ""},
                                  bodies[lang], own)
        yield from self._translations({lang: (post.text[lang].source, bodies[lang]) for lang in self.workspace.languages
                                       if lang in post.text})

    def project(self, slug: str) -> Iterator[Problem]:
        project = self.catalog.content.projects[slug]
        bodies = {lang: text.body.read() for lang, text in project.text.items()}
        yield from self._translations({lang: (project.text[lang].source, bodies[lang]) for lang in self.workspace.languages})
        for lang, text in project.text.items():
            page = self.workspace.urls.project(lang, slug)
            fields = {"title": text.title, "summary": text.summary, "regions": " ".join(text.regions), "communities": " ".join(text.communities)}
            yield from self._text(text.source, lang, page, fields, bodies[lang])

    def partner(self, partner: Partner) -> Iterator[Problem]:
        """What cleaning would take from a partner's description, shown on its page as Markdown; its logo."""
        for text in partner.text.values():
            yield from problems(self._html(text.description), partner.source)
        if partner.logo is not None:
            yield from self._picture(pictures.logo(partner))

    def page(self, path: Path) -> Iterator[Problem]:
        """What cleaning would take from a hand-written page (the loader checked its front matter)."""
        yield from _unsafe(self.workspace, path, self.markdown)

    def docs_files(self) -> Iterator[Problem]:
        """Files of `docs/` the build leaves out (hub.content.load.published_from_docs): the writer meant them for readers,
        or they hold what nobody should read."""
        docs = self.workspace.docs_dir
        for path in sorted(docs.rglob("*")):
            relative = PurePosixPath(path.relative_to(docs).as_posix())
            if not path.is_file() or path.is_symlink() or relative.parts[0] in GENERATED_DIRS \
                    or any(part.startswith(".") for part in relative.parts):
                continue
            if published_from_docs(relative) and path.suffix.lower() in PICTURES + DOCUMENTS:
                yield from _publishable(path)
            elif not published_from_docs(relative):
                yield self._problem(path, _("is not published: from docs/ the site publishes pages (.md), pictures, PDFs "
                                            "and, in docs/assets/, its own styles and scripts"), "stray-file",
                                    _("write a web page as a Markdown page, save a drawing as PNG; delete it if it holds "
                                      "anything private"), severity="warning")

    def names(self, content: Content) -> Iterator[Problem]:
        """Partners' names and descriptions, and tag labels: look-alike letters only."""
        for partner in content.partners.values():
            for lang, text in partner.text.items():
                yield from self._lookalikes(partner.source, " ".join((text.name, text.short_name, text.description)))
                if lang in CURLY_QUOTES:
                    fields = {"name": text.name, "short_name": text.short_name, "description": text.description}
                    if text.short_name == text.name:  # not written: the name stands for it, and is warned of once
                        del fields["short_name"]
                    for key, value in fields.items():
                        yield from self._straight(partner.source, key, value, self.lines.key(partner.source, key))
        tags = self.workspace.content_dir / TAGS
        for tag in content.tags.values():
            yield from self._lookalikes(tags, " ".join(tag.label.values()))

    # -- parts ---------------------------------------------------------------------------------

    def _text(self, path: Path, lang: str, page: str, fields: dict[str, str], body: str,
              own: frozenset[str] = frozenset()) -> Iterator[Problem]:
        """One language of a post or project: its front matter fields and its Markdown body; `own`: the site-relative
        paths of the files of its folder it uses, which the loader found there (published or scheduled alike)."""
        for key, limit, code, why in (("title", TITLE_MAX, "title-length", _("social networks cut it when the post is shared")),
                                      ("summary", SUMMARY_MAX, "summary-length", _("feeds and social previews cut it"))):
            if len(fields[key]) > limit:
                yield self._problem(path, _("is {length} characters long, over {limit}: {why}", length=len(fields[key]),
                                            limit=limit, why=why), code,
                                    _("shorten it to {limit} characters or fewer", limit=limit), line=self.lines.key(path, key),
                                    field=key, severity="warning")
        if any(TEMPLATE_MARK in value for value in (*fields.values(), body)):
            yield self._problem(path, _("still has template text marked {mark}", mark=TEMPLATE_MARK), "template-text",
                                _("replace every text marked {mark} with your own words", mark=TEMPLATE_MARK),
                                line=self.lines.of(path, TEMPLATE_MARK))
        yield from self._lookalikes(path, " ".join((*fields.values(), body)))
        if lang in CURLY_QUOTES:
            for key, value in fields.items():
                yield from self._straight(path, key, value, self.lines.key(path, key))
        html = self._html(body)
        yield from problems(html, path)
        yield from self._elements(path, lang, page, html, own, self.lines.start_of(path, body))

    def _straight(self, path: Path, key: str, value: str, line: int | None) -> Iterator[Problem]:
        """A straight quote or apostrophe in an English plain-text field, which readers see as typed."""
        if any(quote in value for quote in STRAIGHT_QUOTES):
            yield self._problem(path, _("has straight quotes or apostrophes: English text on the site uses typographic ones"),
                                "straight-quotes", _("write “…” for quotes and ’ for apostrophes (Children’s); a text's Markdown "
                                                     "gets them by itself"),
                                line=line, field=key, severity="warning")

    def _html(self, markdown_text: str) -> str:
        return self.markdown.reset().convert(markdown_text)

    def _elements(self, path: Path, lang: str, page: str, html: str, own: frozenset[str], start: int) -> Iterator[Problem]:
        parser = _Elements()
        parser.feed(html)
        source = self.workspace.urls.source(lang, page)
        line = start  # the text's, never the front matter's (`cover: photo.jpg` names a picture too)
        for tag, attrs in parser.found:
            link = (attrs.get("href") if tag == "a" else attrs.get("src")) or ""
            if link.startswith("#"):
                continue  # a heading's own anchor, or a place on the same page
            line = self.lines.of(path, link, line) or line
            if tag == "img":
                yield from self._image(path, line, link, attrs.get("alt"), page, source, lang, own)
            else:
                yield from self._link(path, line, link, page, source, lang, own)

    def _link(self, path: Path, line: int, href: str, page: str, source: str, lang: str, own: frozenset[str]) -> Iterator[Problem]:
        hint = _local_link(href)
        if hint is not None:
            yield self._problem(path, _("links to '{href}', an address only your computer or your office's network opens: "
                                        "readers cannot", href=href), "local-link", hint, line=line)
            return
        target = self.targets.resolve(href, page, source, lang)
        if target is not None and target in own and (file := self.targets.files.get(target)) is not None:
            yield from self._budget(path, line, file)  # a document of the post, published as it is
        if target is None or target in own or self.targets.exists(target):
            return
        if target in self.targets.unpublished:
            yield self._problem(path, _("links to '{href}', a post that is not published yet (a draft or scheduled)", href=href),
                                "link-unpublished", _("publish that post first, or remove the link for now"), line=line,
                                severity="warning")
            return
        name = unquote(urlsplit(href).path)
        if "/" not in name and PurePosixPath(name).suffix.lower() in DOCUMENTS + PICTURES:  # a file of the post's own folder
            yield self._problem(path, _("links to '{href}', a file that is not in the folder of this text{suggestion}", href=href,
                                        suggestion=spelled_like(path.parent / name)), "file-missing",
                                _("put the file in the folder, and check the spelling of its name"), line=line)
            return
        yield self._problem(path, _("links to '{href}', a page that does not exist{suggestion}", href=href,
                                    suggestion=suggest(target, self.targets.pages)),
                            "broken-link", _("copy the address of the page from the preview (hub preview), from the first / after the "
                                              "host: like /news/2026/lviv-training/"), line=line)

    def _image(self, path: Path, line: int, src: str, alt: str | None, page: str, source: str, lang: str,
               own: frozenset[str]) -> Iterator[Problem]:
        if not (alt or "").strip():
            yield self._problem(path, _("the image '{src}' has no description (alt text) for readers who cannot see it", src=src),
                                "image-alt", _("describe what it shows between the square brackets: ![what the picture shows]({src})",
                                               src=src),
                                line=line)
        target = self.targets.resolve(src, page, source, lang)
        if target is None or target in own:
            return  # another website's (hub.outputs.sanitize refuses it), or a post's own (the loader found it in its folder)
        if not self.targets.exists(target):
            yield from self._missing(path, line, src)
        elif (file := self.targets.files.get(target)) is not None:
            yield from self._budget(path, line, file)

    def _missing(self, path: Path, line: int, src: str) -> Iterator[Problem]:
        """A picture the text shows that is not published: not there, named otherwise, or named with a space."""
        name = unquote(urlsplit(src).path)
        file = path.parent / name
        if "/" not in name and any(char.isspace() for char in name) and named(file):
            # Markdown ends a link's address at a space: the loader never saw this picture, the page would not show it
            yield self._problem(path, _("the image '{src}' is named with a space, which a link's address cannot hold",
                                        src=src), "image-space",
                                _("rename the file without spaces ({name}) and write that name here",
                                  name=re.sub(r"\s+", "-", name)), line=line)
        elif "/" in name or not file.exists():  # else the loader said why it is not published (its kind, a link)
            yield self._problem(path, _("the image '{src}' does not exist{suggestion}", src=src,
                                        suggestion=spelled_like(file) if "/" not in name else ""), "image-missing",
                                _("put the picture in the post's folder, and check the spelling of its name"), line=line)

    def _year(self, post: Post) -> Iterator[Problem]:
        """A date years away from its folder's year (`news/2026/`): most likely a typo (0206, 2062), which would hide
        the post until then or publish it at the end of the news. A year apart is a post dated across New Year."""
        folder = post.source.parent.name
        if folder.isdigit() and abs(int(folder) - post.date.year) > 1:
            yield self._problem(post.shared, _("the date {date} is years apart from the post's folder, news/{folder}/: is the year right?",
                                               date=post.date.date().isoformat(), folder=folder), "date-year",
                                _("correct the date; if it is right, move the folder to news/{year}/", year=post.date.year),
                                line=self.lines.key(post.shared, "date"), field="date", severity="warning")

    def _schedule(self, post: Post) -> Iterator[Problem]:
        """A `publish_at` before the post's day: it appears then, its listing, feeds and page showing a date still to
        come (the post's date alone already keeps it off the site until its day)."""
        if post.publish_at.astimezone(post.date.tzinfo).date() < post.date.date():
            yield self._problem(post.shared, _("is {moment}, before the post's date, {date}: readers would see the post from "
                                               "then, dated a day still to come", moment=post.publish_at.isoformat(" ", "minutes"),
                                               date=post.date.date().isoformat()), "publish-before-date",
                                _("set 'date' to the day it appears, or take 'publish_at' out"),
                                line=self.lines.key(post.shared, "publish_at"), field="publish_at", severity="warning")

    def _cover(self, post: Post) -> Iterator[Problem]:
        picture = post.cover
        assert picture is not None
        line = self.lines.key(post.shared, "cover")
        if picture.width < SOCIAL_SIZE.width or picture.height < SOCIAL_SIZE.height:
            yield self._problem(post.shared, _("the cover image is {width}×{height} pixels: social previews show {wanted_width}×"
                                        "{wanted_height} and make a smaller one blurry", width=picture.width, height=picture.height,
                                        wanted_width=SOCIAL_SIZE.width, wanted_height=SOCIAL_SIZE.height), "cover-small",
                                _("use a picture at least {width} pixels wide and {height} high", width=SOCIAL_SIZE.width,
                                  height=SOCIAL_SIZE.height),
                                line=line, field="cover", severity="warning")

    def _picture(self, source: pictures.Source) -> Iterator[Problem]:
        """A picture that a build would fail to make copies of: cut short, damaged, too large."""
        try:
            if not images.cached(source, self.covers):
                images.verify(source.path)
        except ImageError as error:
            yield pictures.problem(source, error)

    def _translations(self, texts: dict[str, tuple[Path, str]]) -> Iterator[Problem]:
        """Each language's text (the site's languages in order) is there, in its own script, and no copy of one before."""
        seen: dict[str, str] = {}
        for lang, (path, body) in texts.items():
            words = _prose(body)
            if not words.strip():
                yield self._problem(path, _("has no text: readers of this language see only the title and the summary"),
                                    "translation-empty", _("write the text, or publish the post in one language only "
                                                           "('only_language' in {file})", file=text_name(self.workspace.languages[0])), line=_last_line(path), severity="warning")
                continue
            cyrillic = _cyrillic_share(words)
            if lang == "uk" and cyrillic < 0.5:
                yield self._problem(path, _("is mostly in Latin letters: is it the English text?"), "translation-script",
                                    _("put the Ukrainian text here, and the English one in {file}", file=text_name("en")), severity="warning")
            elif lang != "uk" and cyrillic > 0.5:
                yield self._problem(path, _("is mostly in Cyrillic letters: is it the Ukrainian text?"), "translation-script",
                                    _("put the translation here, and the Ukrainian text in {file}", file=text_name("uk")), severity="warning")
            same = next((other for other, known in seen.items() if known == " ".join(words.split())), None)
            if same is not None:
                yield self._problem(path, _("is the same text as {file}: it is not translated", file=text_name(same)),
                                    "translation-identical", _("translate it"), severity="warning")
            seen[lang] = " ".join(words.split())

    def _stray(self, post: Post) -> Iterator[Problem]:
        """Files of a post's folder that nothing names: never published, but perhaps meant to be (or private)."""
        languages = self.workspace.languages
        old = {OLD_META, *(f"{lang}.md" for lang in languages)}  # the old layout: an error of the loader
        known = {*old, *(text_name(lang) for lang in languages), *(path.name for path in post.attachments)}
        if post.cover is not None:
            known.add(post.cover.path.name)
        for path in sorted(post.source.iterdir()):
            if path.name in known or path in self.broken or path.name.startswith(".") or path.is_symlink():
                continue
            yield self._problem(path, _("is not published: no text shows it or links to it, so readers never see it"), "stray-file",
                                _("delete it if it holds anything private; to publish a picture or PDF, show it or link to it in "
                                  "the text"), severity="warning")

    def _budget(self, path: Path, line: int | None, file: Path) -> Iterator[Problem]:
        """A file published as it is, too heavy (pictures in posts are published as copies of the page's size)."""
        size = file.stat().st_size
        if size > FILE_BUDGET:
            yield self._problem(path, _("the file '{name}' is {size} MB, over the budget of {budget} MB: readers on slow "
                                        "connections wait for it, as it is published unchanged", name=file.name,
                                        size=f"{size / 1e6:.1f}", budget=f"{FILE_BUDGET / 1e6:g}"), "file-budget",
                                _("save a smaller copy (a PDF: export it for the screen, with pictures at 150 dpi)"),
                                line=line, severity="warning")

    def _lookalikes(self, path: Path, text: str) -> Iterator[Problem]:
        scripts = {letter: _script(letter) for letter in set(text)}  # a letter's Unicode name once a text, not once a word
        latin = {letter for letter, script in scripts.items() if script == "Latin"}
        if not latin or "Cyrillic" not in scripts.values():
            return
        for word in dict.fromkeys(re.findall(r"\w+", text)):
            if word.isascii() or latin.isdisjoint(word):
                continue  # letters of one script: nothing to mix up
            odd = _lookalike_letters(word)
            if odd:
                names = {"Latin": _("Latin"), "Cyrillic": _("Cyrillic")}
                letters = ", ".join(f"'{letter}' ({names[script]})" for letter, script in odd)
                yield self._problem(path, _("'{word}' mixes Latin and Cyrillic letters that look alike: {letters}", word=word,
                                            letters=letters), "mixed-script",
                                    _("retype the word on one keyboard layout: search and screen readers see another word"),
                                    line=self.lines.of(path, word))

    def _problem(self, path: Path, message: str, code: str, hint: str, *, line: int | None = None,
                 field: str | None = None, severity: str = "error") -> Problem:
        return Problem(path, message, line, field, severity, code, hint)


PROSE_NOISE = re.compile(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[^}\n]*\}", re.DOTALL)
"""What a text holds that is not its language: code, link targets, HTML tags, addresses, attribute lists."""


def _prose(body: str) -> str:
    return PROSE_NOISE.sub(" ", body)


def _cyrillic_share(text: str) -> float:
    """The share of Cyrillic letters among the letters of `text`."""
    letters = {letter: count for letter, count in Counter(text).items() if letter.isalpha()}  # each letter named once
    total = sum(letters.values())
    return sum(count for letter, count in letters.items() if "CYRILLIC" in unicodedata.name(letter, "")) / total if total else 0.0


def _last_line(path: Path) -> int | None:
    """The line after the front matter of a text file, where its text would begin."""
    with suppress(ParseError):
        return read_markdown(path).body_line
    return None


def _script(letter: str) -> str | None:
    name = unicodedata.name(letter, "")
    return "Latin" if name.startswith("LATIN") else "Cyrillic" if name.startswith("CYRILLIC") else None


def _lookalike_letters(word: str) -> list[tuple[str, str]]:
    """The letters of the word's minority script, when they all look like letters of the other one."""
    scripts = [(letter, _script(letter)) for letter in word]
    latin = [letter for letter, script in scripts if script == "Latin"]
    cyrillic = [letter for letter, script in scripts if script == "Cyrillic"]
    if not latin or not cyrillic:
        return []
    odd, script, lookalikes = (latin, "Latin", LATIN_LOOKALIKES) if len(latin) <= len(cyrillic) else (cyrillic, "Cyrillic", CYRILLIC_LOOKALIKES)
    return [(letter, script) for letter in dict.fromkeys(odd)] if set(odd) <= lookalikes else []
