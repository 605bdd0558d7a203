"""The Markdown pages the build adds to the site: one per post, project, partner and listing, per language.

Pure: model in, `Generated` out, in memory (the engine adapter hands them to the engine as files of
`docs/`, hub.engine.mkdocs.plugin). The layout of each page lives in the theme's templates (`overrides/hub/`);
these pages carry the title, the body for search and the template; which record a page shows is its
`PageRef`, looked up by the page's source path (hub.build.plan), never written into its front matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import lxml.html
import markdown
import yaml

from ..content.catalog import Catalog
from ..content.frontmatter import Body
from ..content.issues import IssueRecord
from ..content.load import DOCUMENTS
from ..content.model import Post
from .language import Language
from .urls import Urls, post_files

ARCHIVE_FACTOR = 5
"""A project's or partner's older news, after the newest on its own page, come this many pages' worth at a
time: an archive, read less often than the news listings, in a fifth of the pages for every build to write."""


Kind = Literal["news", "year", "tags", "tag", "post", "projects", "project", "partners", "partner", "issues", "issue"]
KINDS: tuple[Kind, ...] = get_args(Kind)
"""The kinds of generated page: each has its template (`overrides/hub/<kind>.html`) and view (hub.site.views)."""


@dataclass(frozen=True)
class PageRef:
    """What a generated page shows: a page of one kind, the record it is about (`key`: a slug or a year) and
    which page of a listing it is."""

    kind: Kind
    key: str = ""
    page: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"no kind of page is called {self.kind!r} (expected one of {', '.join(KINDS)})")


@dataclass(frozen=True)
class Generated:
    """What the build adds to the hand-written `docs/` (not the covers' copies: hub.outputs.images makes them)."""

    pages: dict[str, PageSpec]
    """Each page, by the docs-relative path it would have (`news/2026/x/index.uk.md`); its Markdown (`page_markdown`) is
    made when the engine reads the page, not held for every page at once (twice the texts of the news)."""
    assets: dict[str, Path]
    """The files published as they are (a post's pictures, a partner's logo), by site-relative path."""


@dataclass(frozen=True)
class PageSpec:
    """One generated page in one language, before it is written as Markdown."""

    lang: str
    url: str
    """Site-relative: `en/news/2026/lviv-training/`."""
    source: str
    """The docs-relative path it would have: `news/2026/lviv-training/index.en.md`."""
    ref: PageRef
    meta: dict[str, Any]
    """Its front matter: title, description, template, and whether search skips it."""
    body: str | Body
    """A post's or project's text is read when the page is rendered (`page_markdown`)."""


def page_specs(catalog: Catalog, urls: Urls, languages: dict[str, Language], per_page: int) -> list[PageSpec]:
    """Every page the build adds, in every language."""
    return [PageSpec(lang, url, urls.source(lang, url), ref, meta, body) for lang, language in languages.items()
            for url, ref, meta, body in _pages(catalog, urls, lang, language, per_page)]


def generate(specs: Iterable[PageSpec], assets: Mapping[str, Path]) -> Generated:
    """The pages of `specs`, with the `assets` to publish (`site_assets`, or some of them)."""
    return Generated({spec.source: spec for spec in specs}, dict(assets))


def page_markdown(spec: PageSpec) -> str:
    """The page as a Markdown file: its front matter, then its body."""
    # libyaml's emitter when PyYAML has it: the same data, written about eight times faster (scripts/bench)
    front = yaml.dump(spec.meta, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False,
                      width=1000)
    body = spec.body if isinstance(spec.body, str) else spec.body.read()
    return f"---\n{front}---\n\n{body}"


def site_assets(catalog: Catalog) -> dict[str, Path]:
    """The files published as they are, by site-relative path: the documents posts link to (pictures are
    published as copies, hub.outputs.images)."""
    assets = {}
    for post in catalog.published:
        assets.update(post_assets(post))
    return assets


def post_assets(post: Post) -> dict[str, Path]:
    """The documents of a post's folder its texts link to, published as they are, by site-relative path.

    Nothing else of the folder: not a stray file (notes, a spreadsheet of names), and no picture, whose
    original may hold where and when it was taken (EXIF): its copies are published instead (hub.outputs.images).
    """
    folder = post_files(post)
    return {folder + path.name: path for path in post.attachments if path.suffix.lower() in DOCUMENTS}


def page_bounds(total: int, per_page: int, archive: bool = False) -> list[tuple[int, int]]:
    """Where each page of a list of `total` posts starts and ends: `per_page` posts on the first page and on
    each of the others, or ARCHIVE_FACTOR times as many with `archive`; a list with no post still has its page."""
    step = per_page * ARCHIVE_FACTOR if archive else per_page
    return [(0, min(total, per_page))] + [(start, min(total, start + step)) for start in range(per_page, total, step)]


def _pages(catalog: Catalog, urls: Urls, lang: str, t: Language, per_page: int) -> Iterator[tuple[str, PageRef, dict, str | Body]]:
    index = catalog.languages[lang]
    yield from _listing(urls.news, (lang,), "news", "", t.t("news"), index.posts, t, per_page)
    for year, posts in index.by_year.items():
        yield from _listing(urls.year, (lang, year), "year", str(year), t.t("year", year=year), posts, t, per_page)
    yield urls.tags(lang), *_meta("tags", "", t.t("topics"), t.plural("news_count", len(index.posts))), ""
    for slug, tag in catalog.content.tags.items():
        posts = index.by_tag.get(slug, ())
        yield from _listing(urls.tag, (lang, slug), "tag", slug, t.t("topic", name=tag.label[lang]), posts, t, per_page)
    for post in catalog.published:
        yield urls.post(lang, post), *_post_page(post, lang)
    yield urls.projects(lang), *_meta("projects", "", t.t("projects"), t.plural("project_count", len(catalog.content.projects))), ""
    for project in catalog.content.projects.values():
        text = project.text[lang]
        yield urls.project(lang, project.slug), *_meta("project", project.slug, text.title, text.summary), text.body
        # from page 2 on, the project's older news: its own page shows the newest, so that no page grows with the news
        yield from _listing(urls.project, (lang, project.slug), "project", project.slug, f"{t.t('project_news')}: {text.title}",
                            index.by_project.get(project.slug, ()), t, per_page, first=2, description=text.summary,
                            archive=True)
    yield from _issue_pages(catalog, urls, lang, t)
    yield urls.partners(lang), *_meta("partners", "", t.t("partners"), t.plural("partner_count", len(catalog.content.partners))), ""
    for partner in catalog.content.partners.values():
        text = partner.text[lang]
        described = plain_text(text.description)
        yield urls.partner(lang, partner.slug), *_meta("partner", partner.slug, text.name, described), text.description
        yield from _listing(urls.partner, (lang, partner.slug), "partner", partner.slug, f"{t.t('partner_news')}: {text.name}",
                            index.by_partner.get(partner.slug, ()), t, per_page, first=2, description=described,
                            archive=True)


def issue_posts(catalog: Catalog, issue: IssueRecord) -> list[Post]:
    """The posts of a stored issue that are still published in its language (one taken off the site leaves it)."""
    posts = (catalog.by_slug.get(slug) for slug in issue.slugs)
    return [post for post in posts if post is not None and issue.lang in post.text]


def _issue_pages(catalog: Catalog, urls: Urls, lang: str, t: Language) -> Iterator[tuple[str, PageRef, dict, str]]:
    """The archive of the e-mail issues of `lang` (there even before the first, for the subscribe page to link to),
    and each issue's web version, which its e-mail links to; the search skips them: they repeat the news."""
    issues = [issue for issue in catalog.content.issues if issue.lang == lang]
    ref, meta = _meta("issues", "", t.t("newsletter.archive"), t.t("newsletter.archive_intro"))
    yield urls.issues(lang), ref, {**meta, "search": {"exclude": True}}, ""
    for issue in issues:
        heading = t.t("newsletter.heading", period=t.interval(issue.period.first, issue.period.last))
        ref, meta = _meta("issue", issue.day.isoformat(), heading, t.plural("news_count", len(issue_posts(catalog, issue))))
        yield urls.issue(lang, issue.day), ref, {**meta, "search": {"exclude": True}}, ""


def _listing(url, args: tuple, kind: Kind, key: str, title: str, posts: Sequence[Post], t: Language, per_page: int,
             first: int = 1, description: str | None = None, archive: bool = False):
    """The pages of a list of posts (see `page_bounds`), from page `first`; described by how many there are."""
    pages = len(page_bounds(len(posts), per_page, archive))
    for page in range(first, pages + 1):
        page_title = title if page == 1 else f"{title} · {t.t('page_of', page=page, pages=pages)}"
        ref, meta = _meta(kind, key, page_title, description or t.plural("news_count", len(posts)), page=page)
        meta["search"] = {"exclude": True}
        yield url(*args, page=page), ref, meta, ""


def _post_page(post: Post, lang: str) -> tuple[PageRef, dict, str | Body]:
    text = post.text.get(lang)
    if text is None:
        original = next(iter(post.text.values()))
        ref, meta = _meta("post", post.slug, original.title, original.summary)
        meta["search"] = {"exclude": True}
        return ref, meta, ""
    return *_meta("post", post.slug, text.title, text.summary), text.body


def plain_text(markdown_text: str) -> str:
    """A Markdown text as the words a reader sees of it, on one line: a partner's description (which may link or
    emphasise) as its page's description and share preview, which show text as it is written."""
    html = markdown.markdown(markdown_text)
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split()) if html else ""


def _meta(kind: Kind, key: str, title: str, description: str, page: int = 1) -> tuple[PageRef, dict[str, Any]]:
    return PageRef(kind, key, page), {"title": title, "description": description, "template": f"hub/{kind}.html"}

