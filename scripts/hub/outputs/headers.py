"""Response headers for any static host, computed from the finished site.

Two files are written into the site, one policy in two syntaxes:

- `_headers`, read by Netlify and Cloudflare Pages (neither serves it);
- `_headers.nginx.conf`, the same for an nginx server (`include` it in the `server` block; it
  answers 404 for both files, although they tell nothing the response headers do not).

They live inside the build because they belong to it: the Content-Security-Policy lists the
SHA-256 of every inline script the finished pages contain, so the pages may run exactly those
scripts and nothing injected. That is also why the plugin writes them as the build's very last
step, once every HTML file is final.

The rules never set one header twice for a path: Cloudflare Pages joins the values of every
matching rule with commas and Netlify does not, so two `Cache-Control` rules for one file would
mean different things on each (and two `max-age`s mean nothing sure anywhere).
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from ..messages import _, n_
from ..site.urls import FEED_FILES
from .feeds import MIME_TYPES

HEADERS_FILE = "_headers"
NGINX_FILE = "_headers.nginx.conf"

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$|_[0-9a-f]{7,}\.pf_(?:fragment|index|meta)$")
"""Files named by a hash of their content: Material's `bundle.a5f9d56c.min.js`, the search index's `en_3261f01.pf_index`."""
WEBASSEMBLY = re.compile(r"\.wasm$|^wasm\.[\w-]+\.pagefind$")
"""WebAssembly modules, such as the search's (`wasm.en.pagefind`)."""

DETACH = "!"
"""A header line that removes a header an earlier rule set (Cloudflare Pages's `! Name`): `/admin/*` drops the readers'
Content-Security-Policy before giving its own (Netlify lets the later rule's value win)."""

IMMUTABLE = "public, max-age=31536000, immutable"
"""A fingerprinted file never changes: a new version has a new name."""
SHORT = "public, max-age=300"
"""Pages, feeds and everything else: readers see a new post within five minutes."""

FEED_TYPES = {name: f"{MIME_TYPES[fmt]}; charset=utf-8" for fmt, name in FEED_FILES.items()}
"""Feeds by file name, in every folder: the site's feeds and each language's, project's and tag's."""

SECURITY = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=()",
}

JAVASCRIPT_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
})
"""`type` values that make a `<script>` run (HTML's JavaScript MIME types); any other is a data block."""

EVENT_HANDLER = re.compile(r"on[a-z]+$", re.IGNORECASE)

# The scan reads the pages' bytes with a few regular expressions instead of parsing them: lxml takes
# ~0.6 ms a page, and the scan of the 5,768 pages of a site with 2,000 posts per language took 6-7 s,
# most of the build's serial tail; it now takes a tenth of that. The expressions follow HTML's tokenizer
# as far as the scan needs; a page they cannot read as a browser does goes to lxml (libxml2 2.14
# tokenizes as HTML5 says), and so does a page where a quick look finds what only a tree can judge: an
# attribute that may be an event handler, a `javascript:` URL or a `style`. They run on the page
# lowercased (HTML's names ignore ASCII case; the offsets stay those of the page, whose UTF-8 bytes, as
# MkDocs writes them, are what a browser hashes), and trust one thing lxml does not need: that no `<` is
# left unescaped inside an attribute value, as Python-Markdown and the hub's templates (`| e`) write them.
WS = r"\t\n\f\r "
"""HTML's whitespace (`\\s` would add the vertical tab)."""
ATTRIBUTES = rf"""(?:[{WS}/]++|[^{WS}/>][^{WS}/>=]*+(?:[{WS}]*+=[{WS}]*+(?:"[^"]*+"|'[^']*+'|[^{WS}>]++))?+)*+"""
"""A start tag's attributes up to its `>`: a quoted value may hold a `>`; possessive, so a tag cut
short by the end of the page fails at once instead of backtracking."""
ATTRIBUTE = re.compile(  # one of them: its name and its value as written
    rf"""([^{WS}/>][^{WS}/>=]*+)(?:[{WS}]*+=[{WS}]*+("[^"]*+"|'[^']*+'|[^{WS}>]++))?+""".encode())
RAW_TEXT = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext")
"""Elements whose content is text up to their end tag, even if it looks like markup (a `<script>` in a
`<title>` is text); `<plaintext>` has no end tag."""
MARKUP = re.compile(rf"""<(?:(?P<tag>form|{"|".join(RAW_TEXT)})(?=[{WS}/>])(?P<attributes>{ATTRIBUTES})>|!--)""".encode())
"""A start tag the scan reads or skips, or the start of a comment (whose content is not markup either)."""
END_TAGS = {tag.encode(): re.compile(rf"</{tag}[{WS}/>]".encode()) for tag in RAW_TEXT}
COMMENT_END = re.compile(rb"-?>|.*?--!?>", re.DOTALL)
"""After `<!--`: `<!-->` and `<!--->` are whole comments; any other ends at `-->` or `--!>`."""
MAYBE_HANDLER = re.compile(rf"""on(?<=[{WS}"'/]on)[a-z]+[{WS}]*=""".encode())
MAYBE_STYLED = re.compile(rf"""style(?<=[{WS}"'/]style)(?![^{WS}/>=])""".encode())
"""Quick looks at the lowercased page for what `_unsafe` and the `style` check need a tree for (the literal
comes first so that `re` skips ahead to it; the look-behind then checks the byte before the name)."""

CLOUDFLARE_RULES = 100
CLOUDFLARE_LINE = 2000
"""Cloudflare Pages reads at most 100 rules of `_headers`, each header at most 2,000 characters."""


class UnsafePage(Exception):
    """A page holds code the policy cannot allow without allowing any injected code too."""


@dataclass(frozen=True)
class Rule:
    """Headers for one path: exact (`/feed.xml`, `/` for the home page) or a folder (`/news/*`)."""

    path: str
    headers: tuple[tuple[str, str], ...]


@dataclass
class InlineCode:
    """What the pages run or load inline, as CSP sources."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    form_origins: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    styled: list[str] = field(default_factory=list)
    """Pages with `style` attributes, which the policy blocks (a hash cannot allow them)."""
    webassembly: bool = False
    pages: set[str] = field(default_factory=set)
    """The site-relative paths of the pages scanned."""

    def add(self, other: InlineCode) -> None:
        """What the pages of `other` (scanned apart: another language's pass) hold, too."""
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.form_origins |= other.form_origins
        self.problems += other.problems
        self.styled += other.styled
        self.webassembly = self.webassembly or other.webassembly
        self.pages |= other.pages


@dataclass(frozen=True)
class Headers:
    """The response headers of one build of the site."""

    security: tuple[tuple[str, str], ...]
    """For every response: the Content-Security-Policy first."""
    rules: tuple[Rule, ...]
    """The `_headers` rules, `/*` with the security headers first."""
    languages: tuple[str, ...]
    """Folders of the languages with their own 404 page (`en`), for nginx's `error_page`."""
    styled: tuple[str, ...] = ()
    sections: tuple[tuple[str, str], ...] = ()
    """Folders with a Content-Security-Policy of their own (the editor's `admin`), and that policy."""

    def warnings(self) -> list[str]:
        """What readers' browsers will not apply, and what Cloudflare Pages will not read of `_headers`."""
        found = []
        if self.styled:
            found.append(n_("the Content-Security-Policy blocks style=\"…\" attributes: use a class of docs/assets/hub.css "
                            "instead, in {count} page: {pages}",
                            "the Content-Security-Policy blocks style=\"…\" attributes: use a class of docs/assets/hub.css "
                            "instead, in {count} pages: {pages}", len(self.styled), pages=", ".join(self.styled[:5])))
        if len(self.rules) > CLOUDFLARE_RULES:
            found.append(_("{file} has {count} rules; Cloudflare Pages reads the first {limit} (the security headers come "
                           "first, feed content types last)", file=HEADERS_FILE, count=len(self.rules), limit=CLOUDFLARE_RULES))
        (_name, csp), *_others = self.security
        if len(csp) > CLOUDFLARE_LINE:
            found.append(_("the Content-Security-Policy has {count} characters; Cloudflare Pages reads at most {limit}: the "
                           "pages have too many different inline scripts", count=len(csp), limit=CLOUDFLARE_LINE))
        return found


def write_headers(site: Path, scanned: InlineCode | None = None, sections: Mapping[str, str] | None = None) -> Headers:
    """Compute the headers of the built `site` and write both files into it; see `compute_headers`."""
    headers = compute_headers(site, scanned, sections)
    for name, text in ((HEADERS_FILE, render_headers_file(headers)), (NGINX_FILE, render_nginx(headers))):
        (site / name).unlink(missing_ok=True)  # replaced, not rewritten: the build cache's site shares its files by hard links
        (site / name).write_text(text, encoding="utf-8")
    return headers


def compute_headers(site: Path, scanned: InlineCode | None = None, sections: Mapping[str, str] | None = None) -> Headers:
    """The headers of the built `site`, whose pages in `scanned.pages` were scanned as they were written.

    `sections`: folders that are not the readers' site (`admin`, the browser editor), each with its own
    Content-Security-Policy instead of the readers' one, and kept out of search engines.

    Raises UnsafePage, naming the pages, if any holds code that only 'unsafe-inline' would allow.
    """
    sections = dict(sections or {})
    files = _site_files(site)
    readers = [name for name in files if name.split("/", 1)[0] not in sections]
    code = scan_pages(site, scanned, readers)
    if code.problems:
        raise UnsafePage("\n".join([_("pages run code that no Content-Security-Policy can allow safely; move it into a "
                                      "script file or a <script> element:"), *code.problems]))
    security = (("Content-Security-Policy", content_security_policy(code)), *SECURITY.items())
    own = [Rule(f"/{folder}/*", ((DETACH, "Content-Security-Policy"), ("Content-Security-Policy", policy),
                                 ("X-Robots-Tag", "noindex, nofollow"))) for folder, policy in sorted(sections.items())]
    rules = _merge([Rule("/*", security), *_cache_rules(files), *_feed_rules(files), *own])
    languages = tuple(sorted(p.parent.name for p in site.glob("*/404.html")))
    return Headers(security, rules, languages, tuple(code.styled), tuple(sorted(sections.items())))


def scan_pages(site: Path, scanned: InlineCode | None = None, files: list[str] | None = None) -> InlineCode:
    """The inline scripts and styles of every page, the origins its forms post to, and unsafe code:
    `scanned`, and the pages of `site` that are not in `scanned.pages` (the 404 pages, which MkDocs
    writes with no page event). `files`: every file of `site`, as `_site_files` lists them."""
    code = InlineCode()
    if scanned is not None:
        code.add(scanned)
    for name in _site_files(site) if files is None else files:
        code.webassembly = code.webassembly or WEBASSEMBLY.search(posixpath.basename(name)) is not None
        if name.endswith(".html") and name not in code.pages:
            scan_html(name, (site / name).read_bytes(), code)
    return code


def _site_files(site: Path) -> list[str]:
    """The path of every file in `site`, relative and with `/`, sorted as `Path`s sort (by segment).

    One walk of strings, shared by every rule: each `rglob` over thousands of pages costs a tenth of a second.
    """
    start = len(os.path.join(site, ""))
    found = [os.path.join(folder, file)[start:] for folder, _folders, files in os.walk(site) for file in files]
    return sorted((path.replace(os.sep, "/") for path in found), key=lambda path: path.split("/"))


def scan_html(name: str, html: str | bytes, code: InlineCode) -> None:
    """Add to `code` what the page `name` (its path in the site) runs or loads inline."""
    code.pages.add(name)
    page = html.encode("utf-8") if isinstance(html, str) else html
    lowered = page.lower()
    markup = _read_markup(page, lowered)
    maybe_unsafe = b"javascript:" in lowered or MAYBE_HANDLER.search(lowered) is not None
    maybe_styled = MAYBE_STYLED.search(lowered) is not None
    if markup is not None and not (maybe_unsafe or maybe_styled):
        markup.add_to(code)
        return
    tree = lxml.html.fromstring(page)
    (markup or _parsed_markup(tree)).add_to(code)
    if maybe_unsafe:
        code.problems += [f"  {name}: {problem}" for problem in _unsafe(tree)]
    if maybe_styled and tree.xpath("boolean(//@style)"):
        code.styled.append(name)


@dataclass(frozen=True)
class _Markup:
    """What one page holds for the policy: the source of each script that runs and of each style, and
    its forms' actions."""

    scripts: list[bytes]
    styles: list[bytes]
    actions: list[str]

    def add_to(self, code: InlineCode) -> None:
        code.scripts.update(map(_hash_source, self.scripts))
        code.styles.update(map(_hash_source, self.styles))
        code.form_origins.update(origin for origin in map(_origin, self.actions) if origin)


def _read_markup(page: bytes, lowered: bytes) -> _Markup | None:
    """The page's markup, from its bytes and their lowercase; None if a browser could read it otherwise.

    A script or style is the raw text up to its end tag (`</script` then whitespace, `/` or `>`), which
    is what a browser hashes, unless it holds what the browser changes or reads another way: a carriage
    return or NUL (turned into a line feed and U+FFFD) or, in a script, `<!--` (which can hide an end tag).
    """
    found = _Markup([], [], [])
    position = 0
    while match := MARKUP.search(lowered, position):
        tag, position = match["tag"], match.end()
        if tag is None:
            end = COMMENT_END.match(lowered, position)
            position = end.end() if end else len(page)
            continue
        if tag == b"form":
            action = _attributes(page[match.start("attributes"):match.end("attributes")]).get(b"action")
            if action is not None:
                found.actions.append(_value(action))
            continue
        end = END_TAGS[tag].search(lowered, position) if tag != b"plaintext" else None
        text = page[position:end.start() if end else len(page)]
        position = end.end() if end else len(page)
        if tag in (b"script", b"style") and (b"\r" in text or b"\0" in text or tag == b"script" and b"<!--" in text):
            return None
        if tag == b"style":
            found.styles.append(text)
        elif tag == b"script":
            attributes = _attributes(page[match.start("attributes"):match.end("attributes")])
            if b"src" not in attributes and _runs(_value(attributes.get(b"type", b""))):
                found.scripts.append(text)
    return found


def _attributes(text: bytes) -> dict[bytes, bytes]:
    """A start tag's attributes by lowercase name, as written; of two with one name the first, as in HTML."""
    return {name.lower(): value for name, value in reversed(ATTRIBUTE.findall(text))}


def _value(written: bytes) -> str:
    """An attribute's value: unquoted, its character references replaced."""
    return unescape((written[1:-1] if written[:1] in (b'"', b"'") else written).decode("utf-8", "replace"))


def _parsed_markup(tree: lxml.html.HtmlElement) -> _Markup:
    scripts = [script for script in tree.iter("script") if script.get("src") is None and _runs(script.get("type", ""))]
    return _Markup([(script.text or "").encode("utf-8") for script in scripts],
                   [(style.text or "").encode("utf-8") for style in tree.iter("style")],
                   tree.xpath("//form/@action"))


def _runs(script_type: str) -> bool:
    return script_type.strip().lower() in JAVASCRIPT_TYPES


def content_security_policy(code: InlineCode) -> str:
    """Only this site's files, plus the inline code the pages really hold (by hash).

    `data:` images: Material draws its icons as CSS masks of `data:` SVGs. `form-action`: the
    subscribe form posts to the mailing service. 'wasm-unsafe-eval' lets the search compile its
    WebAssembly module, and allows no JavaScript `eval`. `style-src` needs no 'unsafe-inline': the
    pages have no `style` attributes (the build warns if one appears), and the theme's script sets
    styles through the DOM, which the policy does not restrict.
    """
    forms = sorted(code.form_origins)
    wasm = ["'wasm-unsafe-eval'"] if code.webassembly else []
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *wasm, *sorted(code.scripts)],
        "style-src": ["'self'", *sorted(code.styles)],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'", *forms],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def render_headers_file(headers: Headers) -> str:
    lines = ["# Generated by the hub build for this build of the site (scripts/hub/outputs/headers.py): do not edit.",
             "# Read by Netlify and Cloudflare Pages; GitHub Pages ignores it."]
    for rule in headers.rules:
        lines += ["", rule.path, *(f"  ! {value}" if name == DETACH else f"  {name}: {value}" for name, value in rule.headers)]
    return "\n".join(lines) + "\n"


def render_nginx(headers: Headers) -> str:
    """A snippet for `server { root …/site; include …/site/_headers.nginx.conf; }`.

    The headers are set once, at the server level, with the cache lifetime in a variable that
    the locations change: nginx drops the server's `add_header` lines in any location that has
    its own, so the locations here have none (and the server's own locations should have none).
    """
    lines = [
        "# Generated by the hub build for this build of the site (scripts/hub/outputs/headers.py): do not edit.",
        "# In the server block that serves the site:  root /srv/hub/site;  include /srv/hub/site/_headers.nginx.conf;",
        f'set $hub_cache "{SHORT}";',
        *(f'add_header {name} "{value}" always;' for name, value in headers.security),
        "add_header Cache-Control $hub_cache always;",
        "error_page 404 /404.html;",
        f"location = /{HEADERS_FILE} {{ return 404; }}",
        f"location = /{NGINX_FILE} {{ return 404; }}",
        f'location ~ "{FINGERPRINTED.pattern}" {{ set $hub_cache "{IMMUTABLE}"; }}',
        *(f"location /{lang}/ {{ error_page 404 /{lang}/404.html; }}" for lang in headers.languages),
        *(f'location ~ "/{re.escape(name)}$" {{ types {{ }} default_type "{kind}"; }}' for name, kind in FEED_TYPES.items()),
        # a folder with its own policy repeats every header: nginx drops the server's add_header lines in it
        *(f"location /{folder}/ {{ " + " ".join([*(f'add_header {name} "{policy if name == "Content-Security-Policy" else value}" always;'
                                                   for name, value in headers.security),
                                                 'add_header X-Robots-Tag "noindex, nofollow" always;',
                                                 "add_header Cache-Control $hub_cache always;"]) + " }"
          for folder, policy in headers.sections),
    ]
    return "\n".join(lines) + "\n"


def _merge(rules: list[Rule]) -> tuple[Rule, ...]:
    """One block per path (`/feed.xml` has a cache lifetime and a content type), in first-seen order."""
    merged: dict[str, tuple[tuple[str, str], ...]] = {}
    for rule in rules:
        merged[rule.path] = merged.get(rule.path, ()) + rule.headers
    return tuple(Rule(path, headers) for path, headers in merged.items())


def _hash_source(source: bytes) -> str:
    digest = hashlib.sha256(source).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _origin(url: str) -> str | None:
    """The origin a form posts to, when it is another site's."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def _unsafe(page: lxml.html.HtmlElement) -> Iterator[str]:
    """Event-handler attributes and `javascript:` links: a hash cannot allow them, only 'unsafe-inline'."""
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if EVENT_HANDLER.match(name):
                yield _("<{tag} {name}=…> (an event handler attribute)", tag=element.tag, name=name)
            elif name.lower() in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                yield f"<{element.tag} {name}=\"javascript:…\">"


@dataclass
class _Folder:
    """A folder of the site, as `_cache_rules` splits it: its files' cache lifetimes, and its folders."""

    files: dict[str, str] = field(default_factory=dict)
    folders: dict[str, _Folder] = field(default_factory=dict)
    lifetimes: set[str] = field(default_factory=set)
    """Of every file below it."""


def _cache_rules(files: list[str]) -> Iterator[Rule]:
    """The fewest disjoint rules that give every file (as `_site_files` lists them) its cache lifetime:
    a folder whose files all share one gets a single `/folder/*` rule; any other folder is split into
    its files and folders."""
    root = _Folder()
    for path in files:
        *folders, name = path.split("/")
        lifetime = IMMUTABLE if FINGERPRINTED.search(name) else SHORT
        folder = root
        for part in folders:
            folder.lifetimes.add(lifetime)
            folder = folder.folders.setdefault(part, _Folder())
        folder.lifetimes.add(lifetime)
        folder.files[name] = lifetime

    def cache(rule_path: str, value: str) -> Rule:
        return Rule(rule_path, (("Cache-Control", value),))

    def split(folder: _Folder, url: str) -> Iterator[Rule]:
        for name in sorted([*folder.files, *folder.folders]):
            if name in folder.folders:
                child = folder.folders[name]
                if len(child.lifetimes) == 1:
                    yield cache(f"{url}{name}/*", next(iter(child.lifetimes)))
                else:
                    yield from split(child, f"{url}{name}/")
            elif name not in (HEADERS_FILE, NGINX_FILE):
                if name == "index.html":  # the folder's own address (`/`, `/en/`) serves it
                    yield cache(url, folder.files[name])
                yield cache(url + name, folder.files[name])

    return split(root, "/")


def _feed_rules(files: list[str]) -> list[Rule]:
    """One rule per feed name and folder depth (`/:a/:b/feed.xml`), not per feed: there is a feed
    for every project and topic, and Cloudflare Pages reads only 100 rules. Placeholders match one
    path segment on both hosts; only feeds bear these names (`urls.FEED_FILES`)."""
    shapes = sorted({(path.count("/"), name) for path in files if (name := posixpath.basename(path)) in FEED_TYPES})
    return [Rule("/" + "".join(f":{chr(ord('a') + n)}/" for n in range(depth)) + name,
                 (("Content-Type", FEED_TYPES[name]),)) for depth, name in shapes]
