"""The one allow-list for the HTML authors write, applied on its way out: pages, feeds and e-mail.

`clean` is the guarantee. nh3 (the Python binding of Rust's ammonia) parses the HTML as browsers do,
entities, case and whitespace included, and keeps only the elements, attributes and link schemes
listed here: whatever a content file holds, no script, event handler, `javascript:` link, frame,
form, `style` or control of the text's direction reaches a reader.

`inspect` tells a writer what `clean` takes away and why, as findings with the text to look for in
the source (to name its line). Errors are what only a mistake or an attack writes (a script, an event
handler, a `javascript:` link, a frame of another site, an image loaded from another site): the build
stops on them and `hub check` lists them. Warnings are what pasting from a word processor or a web
page brings along (a `style` attribute, a `<font>`, a comment): cleaned away, and listed by `hub check`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

import lxml.html
import nh3
from lxml import etree

from ..content.schema import CONTROL_RE, DIRECTION_RE
from ..messages import _

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
"""What news and Material's Markdown extensions write: headings, lists, tables, links, images, figures, quotes,
code, details, admonitions (`div`/`p` with classes), footnotes (`sup`, `div`, `ol`, `hr`) and heading anchors."""
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt"},  # its size comes from the picture itself (hub.outputs.page_html)
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Where a link may lead: web pages, e-mail addresses, phone numbers; relative links stay."""
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "applet", "embed", "svg", "math",
    "textarea", "select", "xmp", "noembed", "noframes", "title", "audio", "video", "canvas",
})
"""Elements whose content goes with them: code, styles, a frame's fallback, drawings that can hold scripts."""

DANGEROUS = {
    "script": "script", "noscript": "script", "template": "script",
    "iframe": "iframe", "frame": "iframe", "frameset": "iframe", "portal": "iframe",
    "audio": "media", "video": "media", "source": "media", "track": "media",
    "form": "form", "input": "form", "button": "form", "textarea": "form", "select": "form", "option": "form",
    "style": "style", "link": "style", "meta": "style", "base": "style",
    "svg": "drawing", "math": "drawing", "canvas": "drawing",
    "object": "plugin", "embed": "plugin", "applet": "plugin", "param": "plugin",
}
"""Elements that only a mistake or an attack writes into a text: the build stops on them."""
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite", "background", "xlink:href")
URL_IGNORED = re.compile(r"[\t\n\r]")
"""What browsers remove anywhere in a URL before reading it (WHATWG URL): `java\\tscript:` is `javascript:`."""
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
THEIR_IDS = re.compile(r"__|hub-search|hub-subscribe|md-", re.IGNORECASE)
"""How the ids of the theme's and the hub's own elements begin (`__config`, `__search`, `hub-search-config`…): their
scripts read the first element of the page with the id, and a text's comes before theirs; Material would take a
paragraph `{: #__config }` for its settings (the address it fetches from, its features, its words)."""
SHOWN_ADDRESS = re.compile(r"(https?://|www\.)?((?:[\w-]+\.)+([a-z]{2,}))(?:[/?#:]\S*)?", re.IGNORECASE)
"""A link's text that may read as a web address or a site's name (`unicef.org`, `https://unicef.org/ukraine`): how it
begins, its host, and the host's last part."""
SHOWN_ENDINGS = frozenset({"com", "org", "net", "ua", "gov", "int", "edu", "eu", "info", "io", "ngo", "uk", "de", "pl",
                           "fr", "ch", "be", "nl", "se", "no", "dk", "fi", "at", "it", "es", "us", "ca", "md", "ro"})
"""Endings that make a text without `https://` or `www.` read as a site's name (`unicef.org`, not `report.pdf`)."""
THEME_LOADERS = frozenset({"mermaid"})
"""Classes that make the theme's script fetch a program from another website for the element (Material draws a
`<pre class="mermaid">` with mermaid.js from unpkg.com): never published; a diagram is shown as a picture."""
KEEP = '<div class="hub-keep-{}"></div>'
"""Stands for a kept marker while nh3 cleans (it drops comments). nh3 writes `"` in a value as `&quot;` and `<` in
a text as `&lt;`: written like this, it can only be an element, never part of a value or a text."""
URL_EDGE = "".join(map(chr, range(0x21))) + "\ufffd\x7f"
"""What browsers strip around a URL (C0 controls and space), with what NUL and DEL become."""
COMMENT = re.compile(r"<!--|<!\[CDATA\[", re.IGNORECASE)
"""Where a comment starts in the source: HTML reads a CDATA section in a text as one too."""
DOCUMENT_TAG = re.compile(r"<(html|head|body)\b([^>]*)>", re.IGNORECASE)
"""A whole document's tags, pasted into a text: their attributes are dropped before a fragment is inspected."""


@dataclass(frozen=True)
class Finding:
    """One thing `clean` removes from a text, for the writer."""

    code: str
    severity: str
    """'error': the build stops; 'warning': cleaned away, listed by `hub check`."""
    message: str
    hint: str
    needles: tuple[str | re.Pattern[str], ...]
    """What to look for in the source, in order, to find the line (case-insensitive; a pattern as it is)."""


def _own_requests(tag: str, attribute: str, value: str) -> str | None:
    """Nothing may make the page ask another website for something: an image from there would tell it who reads the
    page, and the classes of THEME_LOADERS make the theme fetch and run a program from there. Nor may a text's element
    take the id of one the page's scripts read (THEIR_IDS)."""
    if tag == "img" and attribute == "src" and _is_remote(value):
        return None
    if attribute == "id" and THEIR_IDS.match(value.strip()):
        return None
    if attribute == "class":
        kept = " ".join(name for name in value.split() if name.lower() not in THEME_LOADERS)
        return kept or None
    return value


def _is_remote(url: str) -> bool:
    url = URL_IGNORED.sub("", url).strip(URL_EDGE)
    return SCHEME.match(url) is not None or url.startswith(("//", "\\\\", "/\\", "\\/"))


def _link_instead() -> str:
    """The hint for a player or a frame: an example link in the words of the message's language."""
    return _("link to it instead, like [Watch the video](https://www.youtube.com/watch?v=…)")


def _embedded(kind: str, tag: str) -> tuple[str, str]:
    """What an element of a `kind` of DANGEROUS is, and what to do instead: the message and the hint of its finding."""
    if kind == "script":
        return (_("a <script> element: code written in content never runs on the site"),
                _("remove it; to show code as text, put it between lines of ``` (a code block)"))
    if kind == "iframe":
        return (_("an <iframe>, a frame of another website: the site embeds nothing from other websites, which would "
                  "see every reader (video players included)"),
                _link_instead())
    if kind == "media":
        return (_("the element <{tag}>: the site plays no sound or video itself, nor from other websites, which would "
                  "see every reader", tag=tag),
                _link_instead())
    if kind == "form":
        return (_("a form (<{tag}>): forms in content could collect readers' data", tag=tag),
                _("remove it: the subscribe form comes with the page"))
    if kind == "style":
        return _("the element <{tag}>: the site's own design and head apply to every page", tag=tag), _("remove it")
    if kind == "drawing":
        return (_("an inline <{tag}> drawing, which can carry code", tag=tag),
                _("save it as a PNG picture in the post's folder and show it with ![what it shows](drawing.png)"))
    return (_("embedded content (<{tag}>) from a file or another website", tag=tag),
            _("link to the file or the page instead"))


_cleaner = nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes=ATTRIBUTES,
                       attribute_filter=_own_requests, url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True)


def clean(html: str, keep: Collection[str] = ()) -> str:
    """`html` with only what the allow-list allows; the comments in `keep` (the hub's own markers, like
    `<!-- hub:feeds -->`) stay where they stand between elements, and nowhere else (never inside a value)."""
    for number, marker in enumerate(keep):
        html = html.replace(marker, KEEP.format(number))
    cleaned = CONTROL_RE.sub(" ", DIRECTION_RE.sub("", _cleaner.clean(html)))
    for number, marker in enumerate(keep):
        cleaned = cleaned.replace(KEEP.format(number), marker)
    return cleaned


def inspect(html: str, keep: Collection[str] = ()) -> list[Finding]:
    """What `clean` would take from `html`, in the order it stands: every error (two scripts are two mistakes to
    fix), each kind of warning once per text (a text pasted from a word processor has a `style` on every paragraph)."""
    if not html.strip():
        return []
    found = [Finding("direction-control", "error", _("an invisible character that changes the direction of the text "
                                                     "after it (U+{code:04X}): readers would see the words in another "
                                                     "order than they are written", code=ord(char)),
                     _("delete it (pasted text can bring it along)"), (char,)) for char in DIRECTION_RE.findall(html)]
    found += [Finding("control-character", "warning", _("an invisible control character (U+{code:04X}), which pasted text "
                                                        "brings along: the site shows a space instead", code=ord(char)),
                      _("delete it, or retype the words around it"), (char,))
              for char in dict.fromkeys(CONTROL_RE.findall(html))]
    warned: set[tuple[str, tuple[str | re.Pattern[str], ...]]] = set()

    def add(findings: Iterator[Finding]) -> None:
        for finding in findings:
            if finding.severity == "error" or (finding.code, finding.needles) not in warned:
                warned.add((finding.code, finding.needles))
                found.append(finding)

    for document in DOCUMENT_TAG.finditer(html):  # lxml keeps no <body> of a fragment: its attributes are read apart
        add(_element(lxml.html.fragment_fromstring(f"<span {CONTROL_RE.sub('', document[2])}></span>"), keep,
                     document[1].lower()))
    root = lxml.html.fragment_fromstring(CONTROL_RE.sub("\ufffd", html), create_parent="div")
    stack = list(reversed(root))
    while stack:
        element = stack.pop()
        add(_element(element, keep))
        if not (isinstance(element.tag, str) and element.tag.lower() in DANGEROUS):  # what is inside goes with it
            stack.extend(reversed(element))
    return found


def escape_text(text: str) -> str:
    """Plain text as HTML, for formats that read a text field as HTML (RSS's `<description>`)."""
    return escape(text, quote=False)


def _element(element: lxml.html.HtmlElement, keep: Collection[str], tag: str | None = None) -> Iterator[Finding]:
    """What `clean` takes from `element` (read as a `tag`, when given), not from what is inside it."""
    if element.tag is etree.Comment:
        if f"<!--{element.text}-->" not in keep:
            yield Finding("comment", "warning", _("an HTML comment (<!-- … -->) is not published, but everyone who can read "
                                                  "the repository can read it"), _("keep private notes out of the content"),
                          (COMMENT,))
        return
    if not isinstance(element.tag, str):
        return
    tag = tag or element.tag.lower()
    if tag == "a":
        yield from _disguised(element.get("href") or "", element.text_content())
    if tag in DANGEROUS:
        kind = DANGEROUS[tag]
        message, hint = _embedded(kind, tag)
        yield Finding("script" if kind == "script" else "embedded", "error", message, hint, (f"<{tag}",))
        return  # its attributes and content go with it
    if tag not in TAGS:
        yield Finding("markup-removed", "warning", _("the element <{tag}> is not published (its text is)", tag=tag),
                      _("remove the tag: the site's design applies"), (f"<{tag}",))
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
    for name, value in element.attrib.items():
        name = name.lower()
        if name.startswith("on"):
            yield Finding("event-handler", "error", _("the attribute '{name}' on <{tag}> runs code in the reader's browser",
                                                      name=name, tag=tag), _("remove it"), _attribute(name))
        elif name in URL_ATTRIBUTES:
            yield from _url(tag, name, value, allowed)
        elif name == "srcset":
            for candidate in value.split(","):
                yield from _url(tag, name, candidate.strip().split(" ")[0], allowed)
        elif name == "class" and THEME_LOADERS & set(value.lower().split()):
            loader = min(THEME_LOADERS & set(value.lower().split()))
            yield Finding("markup-removed", "warning",
                          _("the class '{name}' of <{tag}> is not published: the site draws no diagrams from text, which "
                            "would fetch a program from another website", name=loader, tag=tag),
                          _("save the diagram as a PNG picture in the post's folder and show it with "
                            "![what it shows](diagram.png)"),
                          (re.compile(rf"class\s*=\s*[\"']?[^\"'>]*\b{loader}\b", re.IGNORECASE),
                           re.compile(rf"\.{loader}\b", re.IGNORECASE), loader))
        elif name == "id" and THEIR_IDS.match(value.strip()):
            yield Finding("markup-removed", "warning",
                          _("the id '{id}' of <{tag}> is not published: the theme's own elements have ids like it",
                            id=value.strip()[:40], tag=tag),
                          _("give the element another id, or none"), (value.strip()[:40], "id"))
        elif name == "style":
            yield Finding("style-attribute", "warning",
                          _("the style=\"…\" of <{tag}> is not published: the site's design applies", tag=tag),
                          _("remove it (pasted text often brings it along)"), _attribute("style"))
        elif name not in allowed:
            yield Finding("markup-removed", "warning", _("the attribute '{name}' of <{tag}> is not published", name=name, tag=tag),
                          _("remove it"), _attribute(name))


def _disguised(href: str, text: str) -> Iterator[Finding]:
    """A link whose text is a web address or a site's name other than the one it opens (`[https://unicef.org](https://
    evil.example/)`): readers trust what they read. An address with a user before its host (`https://unicef.org@evil.
    example/`), which shows one site and opens another, is refused in `_url`."""
    shown = SHOWN_ADDRESS.fullmatch(text.strip())
    if not shown or not (shown[1] or shown[3].lower() in SHOWN_ENDINGS):
        return
    opened = urlsplit(URL_IGNORED.sub("", href).strip(URL_EDGE)).hostname if href else None
    if opened and _site(shown[2]) != _site(opened):
        yield Finding("link-disguised", "warning", _("the link shows '{shown}' but opens {host}", shown=text.strip()[:60],
                                                    host=opened), _("write the address it opens as its text, or words"),
                      (text.strip()[:40],))


def _site(host: str) -> str:
    return host.lower().removeprefix("www.")


def _as_written(value: str) -> re.Pattern[str] | None:
    """What finds `value` (an attribute as the browser reads it) in the source, whichever of its characters were
    written as character references (`&#106;avascript:`, `jav&#x09;ascript:`, `&Tab;`) or escaped for Markdown (`\\\\`
    for `\\`): the line of a disguised link."""
    if not value:
        return None
    written = (rf"(?:\\?{re.escape(char)}|&#0*{ord(char)};?|&#x0*{ord(char):x};?|&[a-z][a-z0-9]*;?)" for char in value)
    return re.compile("".join(written), re.IGNORECASE)


def _attribute(name: str) -> tuple[re.Pattern[str], str]:
    """Where the attribute `name` is written: `name=` (not the word in a title or a sentence), else the word."""
    return re.compile(rf"\b{re.escape(name)}\s*=", re.IGNORECASE), name


def _url(tag: str, name: str, value: str, allowed: Collection[str]) -> Iterator[Finding]:
    url = URL_IGNORED.sub("", value).strip(URL_EDGE)
    scheme = SCHEME.match(url)
    if scheme and scheme[1].lower() == "data":
        code, message, hint = ("unsafe-link", _("<{tag} {name}=\"data:…\">: a file written into the text as 'data:'", tag=tag, name=name),
                               _("save the picture or file in the post's folder and use its name"))
    elif scheme and scheme[1].lower() not in URL_SCHEMES:
        code, message, hint = ("unsafe-link", _("<{tag} {name}=\"{scheme}:…\">: links may lead to web pages (https://), e-mail "
                                                "addresses (mailto:) and phone numbers (tel:) only", tag=tag, name=name,
                                                scheme=scheme[1].lower()), _("remove the link"))
    elif scheme and scheme[1].lower() in ("http", "https") and "@" in urlsplit(url).netloc:
        code, message, hint = ("unsafe-link", _("<{tag} {name}=\"{url}\">: what comes before '@' looks like a website, the "
                                                "one after it opens", tag=tag, name=name, url=url[:80]),
                               _("write the address of the page itself, without anything before '@'"))
    elif "\\" in re.split(r"[?#]", url, maxsplit=1)[0]:  # browsers read it as `/`: `\\host\x` is another website
        code, message, hint = ("unsafe-link", _("<{tag} {name}=\"{url}\">: a web address is written with '/', not '\\' (a path "
                                                "copied from Windows holds it)", tag=tag, name=name, url=url[:80]),
                               _("write each '\\' as '/'"))
    elif tag == "img" and name == "src" and _is_remote(value):
        code, message, hint = ("image-external", _("the image '{url}' is loaded from another website, which then sees every "
                                                   "reader", url=value.strip()[:80]),
                               _("save the picture in the post's folder and use its file name: ![what it shows](photo.jpg)"))
    else:
        if name not in allowed:
            yield Finding("markup-removed", "warning", _("the attribute '{name}' of <{tag}> is not published", name=name, tag=tag),
                          _("remove it"), _attribute(name))
        return
    # where it is written, looked for only for a finding: a pattern per link of every page would cost the build
    tail = url.split(":", 1)[-1].strip()[:40]
    written = f"{scheme[1][1:].lower()}:" if scheme and len(scheme[1]) > 1 else ""  # `&#106;avascript:` holds `avascript:`
    yield Finding(code, "error", message, hint,
                  tuple(dict.fromkeys(n for n in (_as_written(value.strip()[:60]), written, tail, name) if n)))
