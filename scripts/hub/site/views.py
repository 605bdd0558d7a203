"""What the theme's `hub/*.html` templates show: plain view records built from the catalog.

One method per kind of page (`Views.VIEWS`); each reads only the records its page needs,
so no page costs more as the number of posts grows (listings are sliced by page).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..content.catalog import Catalog, LanguageIndex
from ..content.issues import IssueRecord
from ..content.model import PARTNER_KINDS, PROJECT_STATUSES, Partner, Post, Project
from ..site import pictures
from .language import Language
from .pages import KINDS, Kind, PageRef, issue_posts, page_bounds
from .urls import Urls, relative


@dataclass(frozen=True)
class Site:
    """Everything a view needs: the catalog, the URL scheme, the languages and the page size."""

    catalog: Catalog
    urls: Urls
    languages: dict[str, Language]
    per_page: int
    home_news: int
    cards: dict[tuple[str, int], tuple[Post, dict[str, Any]]] = field(default_factory=dict, compare=False)
    """Each post's card, by language and post, made once: a post shows in several listings (and, in `mkdocs
    serve`, in every build until it changes; hub.engine.mkdocs.preview keeps the dict while the site's settings stay the same)."""

    def views(self, lang: str) -> Views:
        return Views(self, lang)


class Views:
    def __init__(self, site: Site, lang: str) -> None:
        self.site = site
        self.lang = lang
        self.t = site.languages[lang]
        self.urls = site.urls

    @cached_property
    def index(self) -> LanguageIndex:
        return self.site.catalog.languages[self.lang]

    VIEWS: dict[Kind, Callable[[Views, PageRef], dict[str, Any]]]
    """The view of each kind of page (set below the class: every kind has one)."""

    def for_page(self, ref: PageRef | None) -> dict[str, Any] | None:
        """The view of a generated page, or None for a hand-written one."""
        return None if ref is None else self.VIEWS[ref.kind](self, ref)

    # -- parts shared by several pages ---------------------------------------------------

    def card(self, post: Post) -> dict[str, Any]:
        made = self.site.cards.get((self.lang, id(post)))
        if made is not None and made[0] is post:
            return made[1]
        card = self._card(post)
        self.site.cards[self.lang, id(post)] = (post, card)
        return card

    def _card(self, post: Post) -> dict[str, Any]:
        text = post.text[self.lang]
        return {
            "title": text.title,
            "summary": text.summary,
            "url": self.urls.post(self.lang, post),
            "date": self.t.date(post.date),
            "iso": post.date.isoformat(),
            "cover": self._cover(post),
            "event": self._event(post),
            "unpublished": self._unpublished(post),
        }

    def cards(self, posts: Iterable[Post]) -> list[dict[str, Any]]:
        return [self.card(post) for post in posts]

    def project_card(self, project: Project) -> dict[str, Any]:
        text = project.text[self.lang]
        return {
            "title": text.title,
            "summary": text.summary,
            "url": self.urls.project(self.lang, project.slug),
            "status": self._status(project),
            "period": self._period(project),
        }

    def partner_links(self, slugs: Iterable[str]) -> list[dict[str, str]]:
        partners = self.site.catalog.content.partners
        return [
            {"name": partners[s].text[self.lang].name, "url": self.urls.partner(self.lang, s)}
            for s in slugs
        ]

    def onward(self) -> list[dict[str, str]]:
        """Where a reader who reached no page can go on to: the home page and the main sections."""
        prefix, t = self.urls.prefix(self.lang), self.t.t
        return [{"label": t("not_found.home"), "url": self.urls.home(self.lang)},
                {"label": t("news"), "url": self.urls.news(self.lang)},
                {"label": t("projects"), "url": self.urls.projects(self.lang)},
                {"label": t("not_found.methodology"), "url": prefix + "methodology/"},
                {"label": t("partners"), "url": self.urls.partners(self.lang)},
                {"label": t("not_found.about"), "url": prefix + "about/"}]

    def latest(self) -> list[dict[str, Any]]:
        return self.cards(self.index.posts[: self.site.home_news])

    def all_projects(self) -> list[dict[str, Any]]:
        return [self.project_card(p) for p in self.site.catalog.content.projects.values()]

    # -- one view per page kind ------------------------------------------------------------

    def _view_news(self, page: PageRef) -> dict[str, Any]:
        return self._listing(page, self.index.posts, lambda n: self.urls.news(self.lang, n))

    def _view_year(self, page: PageRef) -> dict[str, Any]:
        year = int(page.key)
        return self._listing(page, self.index.by_year.get(year, ()), lambda n: self.urls.year(self.lang, year, n))

    def _view_tag(self, page: PageRef) -> dict[str, Any]:
        posts = self.index.by_tag.get(page.key, ())
        return self._listing(page, posts, lambda n: self.urls.tag(self.lang, page.key, n))

    def _view_tags(self, page: PageRef) -> dict[str, Any]:
        return {"tags": self._tags, "years": self._years}

    def _view_post(self, page: PageRef) -> dict[str, Any]:
        post = self.site.catalog.by_slug[page.key]
        content = self.site.catalog.content
        view: dict[str, Any] = {
            "date": self.t.date(post.date),
            "iso": post.date.isoformat(),
            "tags": [{"label": content.tags[s].label[self.lang], "url": self.urls.tag(self.lang, s)} for s in post.tags],
            "projects": [
                {"title": content.projects[s].text[self.lang].title, "url": self.urls.project(self.lang, s)}
                for s in post.projects
            ],
            "partners": self.partner_links(post.partners),
            "cover": self._cover(post),
            "event": self._event(post),
            "missing": None,
            "unpublished": self._unpublished(post),
            "news_url": self.urls.news(self.lang),
        }
        if self.lang not in post.text:
            original = next(iter(post.text))
            view["missing"] = {"notice": self.t.t("not_translated"), "label": self.t.t("read_original"),
                               "lang": original, "url": self.urls.post(original, post)}
        return view

    def _view_projects(self, page: PageRef) -> dict[str, Any]:
        projects = list(self.site.catalog.content.projects.values())
        groups = [(self.t.t(f"{state}_projects"), [p for p in projects if p.status and p.status.state == state])
                  for state in PROJECT_STATUSES]
        groups.append((self.t.t("no_status_projects"), [p for p in projects if p.status is None]))
        return {"groups": [{"label": label, "projects": [self.project_card(p) for p in members]} for label, members in groups if members]}

    def _view_project(self, page: PageRef) -> dict[str, Any]:
        project = self.site.catalog.content.projects[page.key]
        text = project.text[self.lang]
        return {
            **self.project_card(project),
            "regions": text.regions,
            "communities": text.communities,
            "results": text.results,
            "contact": self._contact(project),
            "partners": self.partner_links(project.partners),
            "funders": self.partner_links(project.funders),
            "news": self._listing(page, self.index.by_project.get(project.slug, ()),
                                  lambda n: self.urls.project(self.lang, project.slug, n), archive=True),
        }

    def _view_partners(self, page: PageRef) -> dict[str, Any]:
        partners = self.site.catalog.content.partners.values()
        groups = []
        for kind in PARTNER_KINDS:
            members = sorted((p for p in partners if p.kind == kind), key=lambda p: self.t.sort_key(p.text[self.lang].name))
            if members:
                groups.append({
                    "label": self.t.t(f"kind.{kind}"),
                    "partners": [
                        {"name": p.text[self.lang].name, "url": self.urls.partner(self.lang, p.slug), "logo": self._logo(p),
                         "monogram": monogram(p.text[self.lang].short_name),
                         "count": self.t.plural("project_count", len(self.site.catalog.projects_of_partner.get(p.slug, ())))}
                        for p in members
                    ],
                })
        return {"groups": groups}

    def _view_partner(self, page: PageRef) -> dict[str, Any]:
        partner = self.site.catalog.content.partners[page.key]
        return {
            "kind": self.t.t(f"kind.{partner.kind}"),
            "website": partner.website,
            "logo": self._logo(partner),
            "monogram": monogram(partner.text[self.lang].short_name),
            "projects": [self.project_card(p) for p in self.site.catalog.projects_of_partner.get(partner.slug, ())],
            "news": self._listing(page, self.index.by_partner.get(partner.slug, ()),
                                  lambda n: self.urls.partner(self.lang, partner.slug, n), archive=True),
        }

    def _view_issues(self, page: PageRef) -> dict[str, Any]:
        return {
            "issues": [
                {"label": self.t.interval(issue.period.first, issue.period.last), "url": self.urls.issue(self.lang, issue.day),
                 "count": self.t.plural("news_count", len(issue_posts(self.site.catalog, issue)))}
                for issue in self._issues
            ],
            "subscribe": self.urls.subscribe(self.lang),
        }

    def _view_issue(self, page: PageRef) -> dict[str, Any]:
        issue = next(issue for issue in self._issues if issue.day.isoformat() == page.key)
        return {
            "cards": self.cards(issue_posts(self.site.catalog, issue)),
            "archive": self.urls.issues(self.lang),
            "subscribe": self.urls.subscribe(self.lang),
        }

    # -- helpers -----------------------------------------------------------------------------

    def _listing(self, page: PageRef, posts: Sequence[Post], url_of, archive: bool = False) -> dict[str, Any]:
        bounds = page_bounds(len(posts), self.site.per_page, archive)
        pages = len(bounds)
        start, end = bounds[page.page - 1]
        return {
            "cards": self.cards(posts[start:end]),
            "count": self.t.plural("news_count", len(posts)),
            "pager": {
                "page": page.page,
                "pages": pages,
                "label": self.t.t("page_of", page=page.page, pages=pages),
                "newer": url_of(page.page - 1) if page.page > 1 else None,
                "older": url_of(page.page + 1) if page.page < pages else None,
            },
            "years": self._years if page.kind == "news" else [],
            "tags": self._tags if page.kind == "news" else [],
        }

    @cached_property
    def _issues(self) -> list[IssueRecord]:
        return [issue for issue in self.site.catalog.content.issues if issue.lang == self.lang]

    @cached_property
    def _years(self) -> list[dict[str, Any]]:
        return [
            {"label": str(year), "url": self.urls.year(self.lang, year), "count": len(posts)}
            for year, posts in sorted(self.index.by_year.items(), reverse=True)
        ]

    @cached_property
    def _tags(self) -> list[dict[str, Any]]:
        tags = self.site.catalog.content.tags.values()
        return [
            {"label": tag.label[self.lang], "url": self.urls.tag(self.lang, tag.slug),
             "count": self.t.plural("news_count", len(self.index.by_tag.get(tag.slug, ())))}
            for tag in sorted(tags, key=lambda tag: self.t.sort_key(tag.label[self.lang]))
        ]

    def _period(self, project: Project) -> str | None:
        period = project.period
        if period is None or (period.start is None and period.end is None):
            return None
        if period.start and period.end:
            return f"{period.start}–{period.end}"
        return self.t.t("since", start=period.start) if period.start else self.t.t("until", end=period.end)

    def _status(self, project: Project) -> str | None:
        """The status with the date the content last confirmed it; None when the content gives none."""
        if project.status is None:
            return None
        return self.t.t("status_as_of", status=self.t.t(project.status.state), date=self.t.date(project.status.confirmed))

    def _contact(self, project: Project) -> dict[str, Any] | None:
        if project.contact is None:
            return None
        partner = self.site.catalog.content.partners[project.contact]
        return {**self.partner_links([partner.slug])[0], "website": partner.website}

    def _event(self, post: Post) -> str | None:
        """When (and where) the event a post is about takes place, apart from the post's own date."""
        event = post.event
        if event is None:
            return None
        when = self.t.date(event.date)
        return self.t.t("event_at", date=when, place=event.place[self.lang]) if event.place else when

    def _unpublished(self, post: Post) -> str | None:
        """Why a post the preview shows with `--drafts` is not on the real site yet; None for a published one."""
        if post.draft:
            return self.t.t("draft_notice")
        if not post.is_published(self.site.catalog.now):
            return self.t.t("scheduled_notice", date=self.t.date(post.publish_at))
        return None

    def _logo(self, partner: Partner) -> dict[str, Any] | None:
        if partner.logo is None:
            return None
        copy = pictures.copies(pictures.logo(partner))["logo"]
        return {"src": copy.src, "width": copy.width, "height": copy.height}

    def _cover(self, post: Post) -> dict[str, Any]:
        """The post's own cover, or the one drawn for it (its title: nothing for a screen reader to read twice)."""
        if post.cover is None:
            drawn = pictures.drawn(self.urls, post, self.lang)
            large, small = drawn["social"], drawn["card"]
            return {"src": large.src, "small": small.src, "alt": "", "width": large.width, "height": large.height,
                    "drawn": True}
        page = pictures.variants(post)["page"]
        alt = post.text[self.lang].cover_alt if self.lang in post.text else ""  # described in the other language only
        return {"src": page.src, "small": page.src, "alt": alt, "width": page.width, "height": page.height, "drawn": False}


def monogram(name: str) -> str:
    """The letters a partner without a logo is shown by: the initials of the first two words of its short name that
    are no short joining word («Надія і житло для дітей» → НЖ, Hope and Homes for Children → HH), or one for a
    one-word name (ЮНІСЕФ → Ю)."""
    words = re.findall(r"\w+", name)
    significant = [word for word in words if len(word) > 2 or word.isupper()] or words
    return "".join(word[0] for word in significant[:2]).upper() or "?"


Views.VIEWS = {kind: getattr(Views, f"_view_{kind}") for kind in KINDS}


class PageContext:
    """The `hub` object of a page's template context: its view plus helpers in its language."""

    def __init__(self, views: Views, page_url: str, ref: PageRef | None) -> None:
        self.views = views
        self.page_url = page_url
        self.ref = ref
        """Which record the page shows; None for a hand-written page."""
        self.view = views.for_page(ref)
        self.lang = views.lang

    def url(self, target: str) -> str:
        return relative(target, self.page_url)

    def t(self, key: str, **values: Any) -> str:
        return self.views.t.t(key, **values)

    def plural(self, key: str, n: int) -> str:
        return self.views.t.plural(key, n)
