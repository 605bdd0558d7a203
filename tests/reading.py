"""Reading built pages as a reader's browser would: parsed HTML, links resolved against the page URL."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

BASE = "https://right-to-family.example.org/"


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    """The parsed page at a site-relative URL like 'en/news/'."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return lxml.html.fromstring(path.read_bytes())


def resolve(url: str, href: str) -> str:
    """A link's target, site-relative, as the browser would compute it from the page at `url`."""
    absolute = urljoin(BASE + url, href)
    return urlsplit(absolute).path.lstrip("/")


def links(site: Path, url: str, xpath: str = "//a[@href]") -> list[str]:
    return [resolve(url, a.get("href")) for a in page(site, url).xpath(xpath)]


def text(site: Path, url: str) -> str:
    return " ".join(page(site, url).text_content().split())


def switcher(site: Path, url: str, lang: str) -> str:
    """Where the language switcher's entry for `lang` leads from the page at `url`."""
    (href,) = page(site, url).xpath(f'//a[contains(@class, "md-select__link")][@hreflang="{lang}"]/@href')
    return resolve(url, href)


def search_records(site: Path) -> list[dict]:
    """The pages of the built Pagefind indexes (`pagefind/<lang>/`), each with its `lang`, `url`, `content` and `meta`."""
    records = []
    for fragment in sorted(site.glob("pagefind/*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        records.append({"lang": fragment.name.split("_")[0], **json.loads(data)})
    return records
