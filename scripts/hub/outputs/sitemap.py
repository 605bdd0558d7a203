"""The sitemap of every language, with each page's translations (`hreflang`, then `x-default`), and the
crawlers' rules that name it (`robots.txt`).

Written by the hub rather than by mkdocs-static-i18n's template, which only the last language's
pass can render (it reads the pages of the passes before it in memory): the languages' passes
may run in separate processes. Each page's entry is what its `<head>` says (hub.site.share), so the
two never disagree.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
ROBOTS = "robots.txt"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    """Absolute."""
    lastmod: str
    """ISO date of the page's last change (hub.site.lastmod)."""
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, absolute URL), as in the page's head."""


def render(entries: Iterable[SitemapEntry]) -> bytes:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = entry.url
        etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = entry.lastmod
        for hreflang, href in entry.alternates:
            etree.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_sitemap(site: Path, entries: list[SitemapEntry]) -> None:
    """`sitemap.xml` and `sitemap.xml.gz`, the latter stamped with the newest page's date so builds are reproducible."""
    xml = render(entries)
    (site / "sitemap.xml").write_bytes(xml)
    newest = max((entry.lastmod for entry in entries), default="1970-01-01")
    stamp = datetime.combine(date.fromisoformat(newest), time(), timezone.utc).timestamp()
    with (site / "sitemap.xml.gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, filename="", mode="wb", mtime=int(stamp)) as out:
        out.write(xml)


def robots(site_url: str, editor: bool) -> bytes:
    """`robots.txt` for a site whose `docs/` has none: every page open to crawlers, the sitemap's address (as WordPress
    and Hugo give it) and, with the browser editor, its pages closed. `site_url` is absolute and ends with '/'."""
    rule = f"Disallow: {urlsplit(site_url).path}admin/" if editor else "Disallow:"
    return f"User-agent: *\n{rule}\n\nSitemap: {site_url}sitemap.xml\n".encode()
