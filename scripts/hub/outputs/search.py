"""The site's search index: Pagefind, one index per `<html lang>`, loaded in small chunks on demand.

Pagefind 1.5 has no Ukrainian stemmer, so it indexes Ukrainian words as they are written. The
browser stems the reader's Ukrainian query instead (`docs/assets/search/words.js`), and Pagefind
matches every query word as the start of indexed words: «реінтеграції» is searched as
«реінтеграц», which finds «реінтеграція», «реінтеграцію»… Both sides write the apostrophe of
Ukrainian words (ʼ, ’, ' …) as one letter, ʼ (U+02BC), which the content uses.

Only the text of a page is indexed (Material's `.md-content__inner`), without the cards and
summaries of other pages it lists (marked `data-pagefind-ignore` in the templates), so that a
page is found for what it says itself.

Next to each language's Pagefind files, the bundle holds what the search box needs to forgive a
query: the words of the pages, to correct a typo (`hub-words.json`, hub.outputs.vocabulary), and
the groups of names searched as one (`hub-synonyms.json`: `UNICEF` finds «ЮНІСЕФ»).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Collection, Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pagefind.service import get_executable

from ..content.model import Content
from ..messages import _, n_
from ..site.language import Language
from .hardlinks import link_or_copy
from .images import BACKGROUND_NICENESS
from .vocabulary import MARKED, WORDS_FILE, Vocabulary, without

log = logging.getLogger(__name__)

APOSTROPHE = "\u02bc"
"""ʼ, the modifier letter apostrophe: a letter, so search engines keep «сімʼя» one word."""
APOSTROPHES = re.compile("(?<=[\u0400-\u04ff])['\u2019\u2018`\u02b9\u2032\u02bc](?=[\u0400-\u04ff])")
"""An apostrophe between two Cyrillic letters, in any of the ways keyboards type it."""
ARTICLE = '<article class="md-content__inner'
"""How Material's element that holds the page's own text begins (the last `</article>` of the page ends it)."""
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
"""The permalink sign after each heading (the `toc` extension's), which would show in the results' excerpts."""
MARKED_OUT = re.compile(MARKED, re.IGNORECASE)
"""The opening tag of an element the templates mark `data-pagefind-ignore`: the cards and lists of other pages."""
APART = re.compile(r"</(?:a|dd|dt|li|td|th|time)>|<br\s*/?>")
"""The end of elements that stand apart on the page without a space around them (tag links, facts):
Pagefind would read the words on both sides as one."""
LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
BUNDLE = "pagefind"
"""The folder of the search bundles in the built site, one per language (`pagefind/en/`), each indexed once its
language's pages are built (hub.engine.mkdocs.plugin), one after another."""
SYNONYMS_FILE = "hub-synonyms.json"
"""In each bundle, the groups of words the box searches as one, as written, and the bundle's other parts (`_indexed`):
`{"groups": [["KfW", "КфВ"], …], "parts": ["part-2/", …]}`."""
PART_PAGES = 1000
"""About how many pages Pagefind indexes in one run at most (`search: part_pages:` of the hub's settings). It holds
about 0.4 MB a page while it indexes (770 MB for the 2,000 news of one language), so a larger site is indexed in
parts, one after another, each in a folder of the language's bundle, which the browser searches as one (Pagefind's
`mergeIndex`, docs/assets/search/engine.js): the build's memory does not grow with the site, and a reader's first
search loads about 40 KB more for each part. A build that renders only what changed indexes again only the parts
whose pages changed (`Earlier`)."""

Synonyms = tuple[tuple[str, ...], ...]
"""Groups of words or names the search treats as one, each as written (`("KfW", "КфВ")`)."""


CLOSE_WAIT = 5.0
"""Seconds the preview, stopping, waits for the index it is writing."""
MEMORY = Path("/dev/shm")
LOG = ".jsonl"
"""The suffix of a language's log of searchable parts (`DocumentLog`)."""
ROOM_PER_PAGE = 64 * 1024
"""Bytes of memory asked for each page's searchable part: several times what a long page takes."""


class SearchError(Exception):
    """The search index could not be written."""


class Earlier(NamedTuple):
    """What the last build indexed of a language: the `fingerprint` of each page's searchable part, and the bundle it
    made of them. A part whose pages are all as they were is carried over from that bundle (Pagefind makes the same
    files of the same pages), not indexed again: a new post changes one part, not all."""

    pages: Mapping[str, bytes]
    bundle: Path


def fingerprint(document: str) -> bytes:
    """What tells a page's searchable part from any other: its texts need not be held to compare them."""
    return hashlib.blake2b(document.encode(), digest_size=16).digest()


def normalize_apostrophes(text: str) -> str:
    """«сім'я», «сім’я» → «сімʼя»: the one form the index and the queries use."""
    return APOSTROPHES.sub(APOSTROPHE, text)


def searchable_html(html: str) -> str | None:
    """The part of a built page that search indexes, as a document Pagefind reads; None if it has none.

    Plain string work, not an HTML parser (which cost a millisecond a page, a tenth of the build): the
    page comes from Material's template, and what is not the page's own text is marked by the hub's
    templates with `data-pagefind-ignore` (the cards and lists of other pages, the way back), the
    post's date with `data-pagefind-meta`.
    """
    start, end = html.find(ARTICLE), html.rfind("</article>")
    if start < 0 or end < start:
        return None
    # the elements Pagefind leaves out, left out here: a page's document changes only where its own text does, which
    # lets a build carry over the parts of the index whose pages did not (`Earlier`), and takes less room
    body = without(HEADERLINK.sub("", html[start:end + len("</article>")]), MARKED_OUT)
    body = normalize_apostrophes(APART.sub(lambda found: found[0] + " ", body))
    body = body.replace(ARTICLE, "<article data-pagefind-body" + ARTICLE.removeprefix("<article"), 1)
    lang = LANG.search(html[:start])
    return (f'<!DOCTYPE html><html lang="{lang[1] if lang else ""}"><head><meta charset="utf-8"></head>'
            f"<body>{body}</body></html>")


def synonym_groups(content: Content) -> Synonyms:
    """The groups of `news/search-synonyms.yml`, and each partner's short names where the languages write them
    differently (`ЮНІСЕФ`, `UNICEF`)."""
    partners = []
    for partner in content.partners.values():
        names = tuple(dict.fromkeys(text.short_name for text in partner.text.values()))
        if len({name.lower() for name in names}) > 1:
            partners.append(names)
    return (*content.synonyms, *partners)


def search_ui(language: Language) -> dict[str, object]:
    """What the search box's script needs in the page's language: its bundle (relative to the site's root),
    its texts and the plural forms of the count."""
    return {"lang": language.code, "bundle": f"{BUNDLE}/{language.code}/", "strings": language.strings["search"],
            "results": language.strings["search_results"]}


class SearchDocuments:
    """The searchable part of each page, gathered while the pages are built, for one run of Pagefind per language.

    Written as each page is, one line a page, to a log per language (`DocumentLog`) in a temporary folder on the
    disk: the languages' passes may run in separate processes, and taking each page as it is written spares a
    second reading of the whole site. They waited in memory (`/dev/shm`), one file a page, as thousands of small
    files written and deleted cost a disk more than anything else the build writes: at 2,000 posts per language
    they held 40 MB there at the build's peak, growing with the site. A log is one file a language, appended to:
    the disk's cache holds what it can and gives it back when memory is wanted. Only the part Pagefind indexes is
    written out as files, in memory (`_indexed`).
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="hub-search-"))
        self.synonyms: Synonyms = ()
        """Set by the build once the content is read (`synonym_groups`)."""
        self.part_pages = PART_PAGES
        """Set by the build from the settings: see PART_PAGES."""
        self.earlier: dict[str, Earlier] = {}
        """By language, what the last build indexed, where this one writes into a folder of its own: set by the build."""
        self._logs: dict[str, BinaryIO] = {}
        self._pid = os.getpid()

    def add(self, lang: str, url: str, html: str | None) -> None:
        """The built page at `url` (site-relative, `en/about/`) in `lang`, unless it has nothing to search (None:
        its front matter leaves it out)."""
        self.keep(lang, url, searchable_html(html) if html is not None else None)

    def keep(self, lang: str, url: str, content: str | None) -> None:
        """The searchable part of the page at `url`: from the build cache (hub.engine.mkdocs.build_cache) for a page
        not rendered again, or as `add` makes it; None: the page has nothing to search (any more)."""
        if self._pid != os.getpid():  # a forked pass: its own handles (each line is one unbuffered write, whole)
            self._logs, self._pid = {}, os.getpid()
        if lang not in self._logs:
            self._logs[lang] = (self.folder / f"{lang}{LOG}").open("ab", buffering=0)
        self._logs[lang].write(DocumentLog.line(url, content))

    def write_index(self, lang: str, site: Path) -> int:
        """Index the pages of `lang` into `site/pagefind/<lang>/`; returns how many were indexed."""
        pages = DocumentLog(self.folder / f"{lang}{LOG}")
        return _indexed(pages, self.synonyms, site / BUNDLE / lang, self.part_pages, earlier=self.earlier.get(lang))

    def documents(self) -> Iterator[tuple[str, str, str]]:
        """The language, site-relative URL and searchable part of every page, read one at a time: for the build cache."""
        for log in sorted(self.folder.glob(f"*{LOG}")):
            for url, document in DocumentLog(log).items():
                yield log.name.removesuffix(LOG), url, document

    def discard(self) -> None:
        for handle in self._logs.values():
            handle.close()
        self._logs = {}
        shutil.rmtree(self.folder, ignore_errors=True)


class DocumentLog(Mapping[str, str]):
    """The searchable parts of one language's pages by site-relative URL, from a log of lines `"url"<TAB>"text"`
    (JSON strings, which hold no tab; `null` for a page left out since), the last line of a URL counting. Each is
    read from the file when asked for: the build holds none of them while Pagefind indexes (a dict of them all was
    25 MB at 2,000 posts per language, in the process that also holds every page MkDocs built)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        found: dict[str, tuple[int, int]] = {}
        with suppress(FileNotFoundError), path.open("rb") as stream:
            offset = 0
            for line in stream:
                tab = line.index(b"\t")
                url = json.loads(line[:tab])
                if line[tab + 1:].rstrip() == b"null":
                    found.pop(url, None)
                else:
                    found[url] = (offset + tab + 1, len(line) - tab - 1)
                offset += len(line)
        self._where = dict(sorted(found.items()))

    @staticmethod
    def line(url: str, content: str | None) -> bytes:
        return (json.dumps(url, ensure_ascii=False) + "\t" + json.dumps(content, ensure_ascii=False) + "\n").encode()

    def __getitem__(self, url: str) -> str:
        offset, size = self._where[url]
        with self.path.open("rb") as stream:
            stream.seek(offset)
            return json.loads(stream.read(size))

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class PreviewIndex:
    """The search of `mkdocs serve` (hub.engine.mkdocs.preview): each page's searchable part kept in memory from one build to the
    next, since a build renders only the pages an edit changed, and indexed on a thread once the build is served:
    the browser reloads at once, and the search follows Pagefind's few seconds later."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, str]] = {}
        """The searchable part of each page, by language and site-relative URL."""
        self.synonyms: Synonyms = ()
        """Set by each build once the content is read (`synonym_groups`)."""
        self.part_pages = PART_PAGES
        """Set by each build from the settings: see PART_PAGES."""
        self._wanted: tuple[dict[str, dict[str, str]], Synonyms, Path] | None = None
        self._busy = False
        self._stopping = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, lang: str, url: str, html: str | None) -> None:
        """Like `SearchDocuments.add`; a page with nothing to search (any more) is left out."""
        content = searchable_html(html) if html is not None else None
        if content is None:
            self.documents.get(lang, {}).pop(url, None)
        else:
            self.documents.setdefault(lang, {})[url] = content

    def forget(self, urls: Collection[str]) -> None:
        """Leave out the pages at `urls` (site-relative), which are no more."""
        for documents in self.documents.values():
            for url in urls:
                documents.pop(url, None)

    def publish(self, site: Path) -> None:
        """Index the pages as they are now into `site/pagefind/<lang>/`, in the background."""
        with self._changed:
            self._wanted = ({lang: dict(documents) for lang, documents in self.documents.items()}, self.synonyms, site)
            self._changed.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="hub-preview-search", daemon=True)
            self._thread.start()

    def wait(self) -> None:
        """Until the index is that of the last build published."""
        with self._changed:
            while self._wanted is not None or self._busy:
                self._changed.wait()

    def close(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:  # a daemon: the preview's Ctrl+C waits at most a few seconds for an index under way
            self._thread.join(timeout=CLOSE_WAIT)

    def _work(self) -> None:
        while True:
            with self._changed:
                while self._wanted is None and not self._stopping:
                    self._changed.wait()
                if self._stopping:
                    return
                (documents, synonyms, site), self._wanted, self._busy = self._wanted, None, True
            for lang, pages in documents.items():
                try:
                    _index_into(lang, pages, synonyms, site, self.part_pages)
                except (OSError, SearchError) as error:  # the preview goes on; the next build tries again
                    log.warning(_("search: the preview's '{lang}' index was not updated: {error}", lang=lang, error=error))
            with self._changed:
                self._busy = False
                self._changed.notify_all()


def _index_into(lang: str, pages: Mapping[str, str], synonyms: Synonyms, site: Path, part_pages: int) -> None:
    """Index `pages` (searchable parts by URL) into `site/pagefind/<lang>/`, replacing the bundle there at once."""
    bundle = site / BUNDLE / lang
    bundle.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{lang}-", dir=bundle.parent))
    try:
        count = _indexed(pages, synonyms, fresh, part_pages, background=True)
        old = bundle.with_name(f".{lang}-old")
        shutil.rmtree(old, ignore_errors=True)
        if bundle.exists():
            bundle.rename(old)
        fresh.rename(bundle)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    log.info(n_("search: {count} page indexed for '{lang}'", "search: {count} pages indexed for '{lang}'", count, lang=lang))


def _indexed(pages: Mapping[str, str], synonyms: Synonyms, bundle: Path, part_pages: int, background: bool = False,
             earlier: Earlier | None = None) -> int:
    """Index `pages` (searchable parts by URL) into `bundle`, in parts of about `part_pages` pages (`parts`), each
    written for Pagefind in the order of their URLs: its output follows the order the folder lists, so that the same
    pages always make the same bundle. A part whose pages the `earlier` bundle indexed as they are now is carried
    over from it. Returns how many pages were indexed."""
    vocabulary = Vocabulary()
    shares = parts(pages, part_pages)
    if earlier is not None and earlier.bundle.resolve() == bundle.resolve():
        earlier = None  # the same folder, being written again: nothing of it is left to carry over
    before = parts(earlier.pages, part_pages) if earlier is not None else []
    names = ["", *(f"part-{number}/" for number in range(2, len(shares) + 1))]
    count = 0
    for index, (name, urls) in enumerate(zip(names, shares)):
        if earlier is not None and len(before) == len(shares) and before[index] == urls \
                and all(earlier.pages[url] == fingerprint(pages[url]) for url in urls) and _carry(earlier.bundle / name, bundle / name):
            for url in urls:
                vocabulary.add(pages[url])
            count += len(urls)
            continue
        with tempfile.TemporaryDirectory(prefix="hub-search-", dir=_in_memory(len(urls) * ROOM_PER_PAGE)) as folder:
            for url in urls:
                target = Path(folder, url, "index.html")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(pages[url], encoding="utf-8")
            count += _pagefind(Path(folder), bundle / name, vocabulary, background)
    vocabulary.write(bundle)
    settings = {"groups": synonyms, "parts": names[1:]}
    (bundle / SYNONYMS_FILE).write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    return count


def parts(urls: Collection[str], part_pages: int) -> list[list[str]]:
    """`urls` in as few parts of about `part_pages` as they need, each in the order of the URLs. A page's part is
    given by a hash of its URL: it keeps its part from one build to the next as long as their number is the same
    (see `Earlier`), and each part holds a like share of news, projects and pages, which Pagefind ranks alike. Where
    that would leave a part empty (a few pages only), they are dealt like cards instead (every n-th URL in one part)."""
    count = max(1, -(-len(urls) // part_pages))
    ordered = sorted(urls)
    shares: list[list[str]] = [[] for _part in range(count)]
    for url in ordered:
        shares[zlib.crc32(url.encode()) % count].append(url)
    return shares if all(shares) or not urls else [ordered[first::count] for first in range(count)]


def _carry(old: Path, new: Path) -> bool:
    """Give `new` the files of the part of a bundle in `old` (the top part: without the other parts' folders and the
    hub's own files), hard-linked; False when there are none to carry (then `new` is as it was: empty)."""
    if not (old / "pagefind-entry.json").is_file():
        return False
    own = {WORDS_FILE, SYNONYMS_FILE}
    try:
        shutil.copytree(old, new, copy_function=link_or_copy, dirs_exist_ok=True,
                        ignore=lambda folder, names: [name for name in names if Path(folder) == old and
                                                      (name in own or name.startswith("part-"))])
    except (OSError, shutil.Error):
        for child in new.iterdir() if new.is_dir() else ():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        return False
    return True


def _pagefind(pages: Path, bundle: Path, vocabulary: Vocabulary, background: bool = False) -> int:
    """Run Pagefind on the folder `pages` into `bundle`, adding their words to `vocabulary`; returns how many pages it
    indexed. `background`: at a lower priority than the builds of the preview."""
    pages.mkdir(parents=True, exist_ok=True)  # a language with nothing to search still gets its (empty) bundle
    binary = get_executable()
    if binary is None:
        raise SearchError(_("the Pagefind binary is missing: install the project's dependencies (they include pagefind[bin])"))
    documents = sorted(pages.rglob("index.html"))
    command = [str(binary), "--site", str(pages), "--output-path", str(bundle), "--quiet"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        if background and hasattr(os, "setpriority"):
            with suppress(OSError):  # the process may have ended already
                os.setpriority(os.PRIO_PROCESS, process.pid, BACKGROUND_NICENESS)
        for document in documents:  # while Pagefind indexes them
            vocabulary.add(document.read_text(encoding="utf-8"))
        out, err = process.communicate()
    if process.returncode != 0:
        raise SearchError(_("Pagefind failed ({command}):\n{output}", command=" ".join(command), output=out + err))
    _sort_entry(bundle / "pagefind-entry.json")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return len(documents)


UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""What Pagefind writes for its own search boxes and highlighting, which the site's (docs/assets/search/engine.js)
does not load: 0.4 MB a part, left out of the site. Pagefind has no option to skip them."""


def _in_memory(room: int) -> str | None:
    """A folder in memory with `room` bytes free, if the system has one; else None, the usual temporary folder."""
    try:
        free = os.statvfs(MEMORY)
    except OSError:  # no /dev/shm: not Linux
        return None
    return str(MEMORY) if free.f_bavail * free.f_frsize >= room and os.access(MEMORY, os.W_OK) else None


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in its entry file in a random order: sort them for reproducible builds."""
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True), encoding="utf-8")
