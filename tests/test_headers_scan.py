"""The scan behind the Content-Security-Policy: what a browser would run or load inline on a page.

The scan reads pages with regular expressions and hands the rare hard page to lxml, so these pages
hold the markup a careless pattern reads wrong; the hashes are those a browser computes, SHA-256 of
the exact text between the tags.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from hub.outputs.headers import InlineCode, scan_html, scan_pages


def csp_hash(source: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(source.encode('utf-8')).digest()).decode('ascii')}'"


def scan(body: str) -> InlineCode:
    code = InlineCode()
    scan_html("page/index.html", f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>', code)
    return code


@pytest.mark.parametrize("body, source", [
    ("<script>run('Діти')</script>", "run('Діти')"),
    ('<SCRIPT TYPE="Module">run()</SCRIPT >', "run()"),
    ('<script type=" text/JavaScript ">run()</script\n>', "run()"),
    ('<script type="text&#x2F;javascript">run()</script>', "run()"),
    ('<script data-note="a > b" type="module">run()</script>', "run()"),
    ("<script data-note='</script>'>run()</script>", "run()"),
    ("<script>if (a</b) '</scripts>'</script/>", "if (a</b) '</scripts>'"),
    ("<script>\n  run()\n</script>", "\n  run()\n"),
    ("<script>a<!--<script>b</script>c</script>", "a<!--<script>b</script>c"),  # the browser's escaped script data
    ("<script>a\r\nb\rc</script>", "a\nb\nc"),  # the browser reads line breaks as line feeds
])
def test_an_inline_script_is_hashed_as_the_browser_reads_it(body: str, source: str) -> None:
    assert scan(body).scripts == {csp_hash(source)}


@pytest.mark.parametrize("body", [
    '<script type="application/ld+json">{"@type": "Organization"}</script>',
    '<script type="text/javascript; charset=utf-8">run()</script>',
    '<script src="/assets/app.js"></script>',
    '<script src="">run()</script>',
    "<script SRC>run()</script>",
    "<!-- <script>run()</script> -->",
    "<title><script>run()</script></title>",
    "<textarea><script>run()</script></textarea>",
    "<p>&lt;script&gt;run()&lt;/script&gt;</p>",
])
def test_what_does_not_run_as_an_inline_script_is_not_hashed(body: str) -> None:
    assert scan(body).scripts == set()


def test_scripts_after_a_data_block_and_a_comment_are_found() -> None:
    body = ('<script type="application/json">{"a": "</p>"}</script><!-- a note --><script>one()</script>'
            "<p>text</p><script>two()</script>")
    assert scan(body).scripts == {csp_hash("one()"), csp_hash("two()")}


def test_inline_styles_are_hashed() -> None:
    assert scan('<STYLE media="print">.a > p { color: red }</STYLE><style></style>').styles == {
        csp_hash(".a > p { color: red }"), csp_hash("")}


@pytest.mark.parametrize("body, origins", [
    ('<form action="https://Lists.Example.org/subscribe?u=1&amp;id=2" method="post"></form>', {"https://Lists.Example.org"}),
    ("<FORM title='a > b' ACTION=https://lists.example.org/s></FORM>", {"https://lists.example.org"}),
    ('<form action="https&#58;//lists.example.org/s"></form>', {"https://lists.example.org"}),
    ('<form action="/search/"></form><form></form>', set()),
])
def test_forms_give_the_origins_they_post_to(body: str, origins: set[str]) -> None:
    assert scan(body).form_origins == origins


@pytest.mark.parametrize("body, problem", [
    ('<button type="button" onclick="go()">Go</button>', "<button onclick=…> (an event handler attribute)"),
    ('<img alt="" src="a.png"ONERROR = "go()">', "<img onerror=…> (an event handler attribute)"),
    ('<a href=" JavaScript:go()">Go</a>', '<a href="javascript:…">'),
])
def test_code_a_hash_cannot_allow_is_reported(body: str, problem: str) -> None:
    assert scan(body).problems == [f"  page/index.html: {problem}"]


def test_words_in_the_text_are_not_unsafe() -> None:
    assert scan("<p>Click on = yes, or type javascript: in the address bar; onclick=go() is text.</p>").problems == []


@pytest.mark.parametrize("body, styled", [
    ('<p style="color: red">Червоний</p>', True),
    ('<svg viewBox="0 0 1 1"><rect STYLE = "fill: red"/></svg>', True),
    ("<p style>Порожній</p>", True),
    ('<p>Write <code>&lt;p style="color: red"&gt;</code>, or style= in the text: the style of a page.</p>', False),
    ('<link rel="stylesheet" href="a.css"><p class="style">Звичайний</p>', False),
])
def test_pages_with_style_attributes_are_listed(body: str, styled: bool) -> None:
    assert scan(body).styled == (["page/index.html"] if styled else [])


def test_the_site_scan_names_pages_by_their_path_and_finds_webassembly(tmp_path: Path) -> None:
    """Pages come in the order of their paths, folder by folder (`a/` before `a-b/`), as `Path`s sort."""
    red = '<p style="color: red">Червоний</p>'
    pages = {"index.html": "<script>home()</script>", "en/news/index.html": '<button onclick="go()">Go</button>',
             "z/index.html": red, "a-b/index.html": red, "a/index.html": red}
    for name, body in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'<!doctype html><meta charset="utf-8">{body}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("<script>not a page()</script>", encoding="utf-8")
    code = scan_pages(tmp_path)
    assert code.scripts == {csp_hash("home()")}
    assert code.styled == ["a/index.html", "a-b/index.html", "z/index.html"]
    assert code.problems == ["  en/news/index.html: <button onclick=…> (an event handler attribute)"]
    assert not code.webassembly
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "wasm.en.pagefind").write_bytes(b"\0asm")
    assert scan_pages(tmp_path).webassembly
