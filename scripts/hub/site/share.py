"""What a page tells search engines and social networks about itself: its canonical address, its
translations (`hreflang`), and the title, description and picture of a shared link (Open Graph, Twitter).

Pure: the templates' `partials/site-meta.html` writes it out. A page's translation lives at the same
path under the other language's prefix; it exists for every hand-written page (mkdocs-static-i18n
falls back to the default language's text) and for every generated one but a listing's last pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..content.model import Post
from ..site import pictures
from .pages import PageRef
from .urls import absolute
from .views import Site

DEFAULT_IMAGE = "assets/social-{lang}.png"
"""The site's own picture for links without a cover, one per language (docs/assets/), at the social size."""


@dataclass(frozen=True)
class ShareImage:
    url: str
    """Absolute: social networks fetch it from their servers."""
    width: int
    height: int
    mime: str
    alt: str


@dataclass(frozen=True)
class HeadMeta:
    title: str
    description: str
    url: str | None
    """The canonical address; None for the 404 page, which answers at every missing address."""
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute URL) of every language's version, then `x-default`: the default language's.
    A listing may have one page more in one language (English-only posts): then it has only its own."""
    locale: str
    """Open Graph's form: `uk_UA`."""
    locale_alternates: tuple[str, ...]
    kind: str
    """`og:type`: `article` for a news post, `website` for the rest."""
    published: str | None
    image: ShareImage


def head_meta(site: Site, lang: str, site_url: str, site_name: str, page_url: str | None, ref: PageRef | None,
              title: str, description: str, exists: Callable[[str], bool]) -> HeadMeta:
    """The head of the page at `page_url` (site-relative, `en/news/`; None for the 404 page) in `lang`;
    `exists` tells whether a site-relative URL is a page of the site."""
    urls, strings = site.urls, site.languages
    alternates: tuple[tuple[str, str], ...] = ()
    if page_url is not None:
        path = page_url[len(urls.prefix(lang)):]
        versions = {code: urls.prefix(code) + path for code in strings if exists(urls.prefix(code) + path)}
        default = versions.get(urls.default_language)
        alternates = tuple((code, site_url + url) for code, url in versions.items())
        alternates += (("x-default", site_url + default),) if default is not None else ()
    post = site.catalog.by_slug[ref.key] if ref is not None and ref.kind == "post" else None
    return HeadMeta(
        title=title,
        description=description,
        url=site_url + page_url if page_url is not None else None,
        alternates=alternates,
        locale=strings[lang].t("og_locale"),
        locale_alternates=tuple(strings[code].t("og_locale") for code in strings if code != lang),
        kind="article" if post else "website",
        published=post.date.isoformat() if post else None,
        image=_cover(site, post, lang, site_url) if post else _default_image(lang, site_url, site_name),
    )


def _default_image(lang: str, site_url: str, site_name: str) -> ShareImage:
    size = pictures.SIZES["social"]
    return ShareImage(site_url + DEFAULT_IMAGE.format(lang=lang), size.width, size.height, "image/png", site_name)


def _cover(site: Site, post: Post, lang: str, site_url: str) -> ShareImage:
    """The post's cover at the social size; for a post without one, the cover drawn from its title."""
    text = post.text[lang] if lang in post.text else next(iter(post.text.values()))
    if post.cover is None:
        social = pictures.drawn(site.urls, post, lang)["social"]
        return ShareImage(absolute(site_url, social.src), social.width, social.height, social.mime, text.title)
    social = pictures.variants(post)["social"]
    return ShareImage(absolute(site_url, social.src), social.width, social.height, social.mime, text.cover_alt or "")
