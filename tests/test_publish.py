"""Publishing: byte-identical rebuilds, the response headers a static host applies, the CI workflow."""

from __future__ import annotations

import difflib
import gzip
import os
import re
import shutil
import urllib.request
import urllib.robotparser
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import lxml.etree
import pytest
import yaml
from playwright.sync_api import Browser

from conftest import ROOT, build, copy_project, post_text, write_post
from hosting import ORIGIN, Rule, Visit, headers_for, read_rules, serve
from hub.commands.cli import main
from hub.content.catalog import Catalog
from hub.content.load import load_content
from hub.outputs.headers import compute_headers

LANGS = {"uk": "", "en": "en/"}
KEY_PAGES = {"home": "", "news": "news/", "post": "news/2026/synthetic-cover/", "project": "projects/jointly/",
             "partner": "partners/unicef/", "partners": "partners/", "subscribe": "subscribe/", "404": "no-such-page/"}
YEAR = 365 * 24 * 3600
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# -- reproducible builds -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped content built twice from one copy, in folders of different depth, on the wall clock
    (no HUB_NOW), with different hash seeds and time zones, the English pages in a forked process and
    then after the Ukrainian ones in the same process (hub.engine.mkdocs.passes): nothing of that may reach the output."""
    base = tmp_path_factory.mktemp("reproducible")
    source = copy_project(base / "source")
    sites = []
    for folder, seed, tz, parallel in (("first", "1", "Pacific/Kiritimati", True),
                                       ("second/one/level/deeper", "2", "Pacific/Pago_Pago", False)):
        root = shutil.copytree(source, base / folder)
        if not parallel:
            config = root / "mkdocs.yml"
            text = config.read_text(encoding="utf-8")
            assert text.count("\n  - hub:\n") == 1
            config.write_text(text.replace("\n  - hub:\n", "\n  - hub:\n      parallel: false\n"), encoding="utf-8")
        result = build(root, env={"HUB_NOW": "", "PYTHONHASHSEED": seed, "TZ": tz})
        assert result.returncode == 0, result.stderr
        forked = "in parallel" in result.stderr
        assert forked == (parallel and len(os.sched_getaffinity(0)) > 1), result.stderr
        sites.append(root / "site")
    return sites[0], sites[1]


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def test_two_builds_of_the_same_content_are_identical_byte_for_byte(two_builds: tuple[Path, Path]) -> None:
    first, second = map(files, two_builds)
    differ = sorted(set(first) ^ set(second))
    differ += sorted(name for name in set(first) & set(second) if first[name].read_bytes() != second[name].read_bytes())
    assert len(first) > 100
    assert not differ, (f"{len(differ)} files differ between two builds of the same content: {', '.join(differ)}"
                        f"\nthe first difference:\n{first_difference(first.get(differ[0]), second.get(differ[0]))}")


def first_difference(one: Path | None, other: Path | None) -> str:
    """The first changed line of a file in the two builds, to point at the cause."""
    if one is None or other is None:
        return "present in one build only"
    old, new = (path.read_bytes().decode(errors="replace").splitlines() for path in (one, other))
    changed = [line for line in difflib.unified_diff(old, new, lineterm="", n=0) if line[:1] in "+-"][2:4]
    return "\n".join(line[:300] for line in changed) or "the same lines, in different bytes"


def test_sitemap_dates_come_from_the_content_not_the_clock(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    root = site.parent
    catalog = Catalog.build(load_content(root, LANGS), datetime.now(timezone.utc))
    newest = max(post.date for post in catalog.published).date().isoformat()
    posts = {f"{ORIGIN}/{prefix}news/{p.year}/{p.slug}/": p.date.date().isoformat()
             for p in catalog.published for prefix in LANGS.values()}
    sitemap = lxml.etree.parse(str(site / "sitemap.xml"))
    dated = {url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
             for url in sitemap.iterfind("s:url", SITEMAP)}
    assert set(posts) & set(dated), "the sitemap lists the posts"
    posts = {url: date for url, date in posts.items() if url in dated}
    assert {url: dated[url] for url in posts} == posts, "a post's page is dated by the post"
    assert {dated[url] for url in set(dated) - set(posts)} == {newest}, "other pages carry the newest post's date"
    mtime = int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert datetime.fromtimestamp(mtime, timezone.utc).date().isoformat() == newest
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


# -- the headers file ----------------------------------------------------------------------------

def test_crawlers_are_told_the_sitemap_and_kept_out_of_the_editor(two_builds: tuple[Path, Path]) -> None:
    """As WordPress and Hugo do: `robots.txt` names the sitemap; the browser editor is no page to index."""
    rules = urllib.robotparser.RobotFileParser()
    rules.parse((two_builds[0] / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert rules.site_maps() == [f"{ORIGIN}/sitemap.xml"]
    for url in ("", "news/2026/synthetic-cover/", "en/partners/unicef/", "pagefind/uk/pagefind.js"):
        assert rules.can_fetch("Googlebot", f"{ORIGIN}/{url}"), url
    assert not rules.can_fetch("Googlebot", f"{ORIGIN}/admin/")


def test_a_projects_own_robots_txt_is_published_as_it_is(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    own = "User-agent: *\nDisallow: /\n"
    (root / "docs" / "robots.txt").write_text(own, encoding="utf-8")
    assert build(root).returncode == 0
    assert (root / "site" / "robots.txt").read_text(encoding="utf-8") == own


@pytest.fixture(scope="module")
def rules(site: Path) -> list[Rule]:
    return read_rules((site / "_headers").read_text(encoding="utf-8"))


def header(headers: list[tuple[str, str]], name: str) -> str:
    (value,) = [v for k, v in headers if k.lower() == name.lower()]
    return value


def served_paths(site: Path) -> Iterator[tuple[str, str]]:
    """(file, URL path) for every file a reader can ask for: `news/index.html` is also `/news/`."""
    for name in files(site):
        if not name.startswith("_headers"):
            yield name, "/" + name
            if name.endswith("index.html"):
                yield name, "/" + name.removesuffix("index.html")


def test_every_response_gets_each_header_once(site: Path, rules: list[Rule]) -> None:
    for name, path in served_paths(site):
        headers = headers_for(rules, path)
        names = [k.lower() for k, _ in headers]
        assert len(names) == len(set(names)), f"{path}: a header is set twice (hosts join or drop them): {names}"
        for required in ("content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy",
                         "cache-control"):
            assert required in names, f"{path} gets no {required}"


def max_age(cache_control: str) -> int:
    return int(re.search(r"max-age=(\d+)", cache_control).group(1))


def test_fingerprinted_assets_are_cached_for_a_year_and_pages_and_feeds_briefly(site: Path, rules: list[Rule]) -> None:
    fingerprinted = [p for p in site.glob("assets/**/*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.", p.name)]
    assert any(p.name.startswith("bundle.") for p in fingerprinted) and len(fingerprinted) >= 3
    for path in fingerprinted:
        value = header(headers_for(rules, "/" + path.relative_to(site).as_posix()), "Cache-Control")
        assert "immutable" in value and max_age(value) >= YEAR, path
    short = ["/", "/en/", "/news/", "/en/news/2026/synthetic-cover/", "/feed.xml", "/en/atom.xml", "/en/feed.json",
             "/projects/jointly/feed.xml", "/sitemap.xml", "/assets/hub.css", "/404.html"]
    for path in short:
        value = header(headers_for(rules, path), "Cache-Control")
        assert "immutable" not in value and max_age(value) <= 600, path


def test_feeds_are_served_with_their_content_types(site: Path) -> None:
    expected = {"feed.xml": "application/rss+xml", "atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}
    feeds = [name for name in files(site) if name.rsplit("/", 1)[-1] in expected]
    assert {"feed.xml", "en/atom.xml", "en/feed.json", "projects/jointly/feed.xml"} <= set(feeds)
    with serve(site) as base:
        for name in feeds:
            with urllib.request.urlopen(f"{base}/{name}") as response:
                kind = response.headers["Content-Type"]
            assert kind.split(";")[0] == expected[name.rsplit("/", 1)[-1]], f"{name} is served as {kind}"


def test_the_policy_allows_no_inline_code_by_keyword_and_no_framing(site: Path, rules: list[Rule]) -> None:
    csp = header(headers_for(rules, "/"), "Content-Security-Policy")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert [s for s in directives["script-src"] if s.startswith("'sha256-")], "the theme's inline scripts are hashed"
    assert header(headers_for(rules, "/"), "X-Content-Type-Options") == "nosniff"


def test_the_headers_file_fits_cloudflare_pages(site: Path, rules: list[Rule]) -> None:
    text = (site / "_headers").read_text(encoding="utf-8")
    assert len(rules) <= 100
    assert max(len(line) for line in text.splitlines()) <= 2000


def test_the_nginx_snippet_sends_the_same_policy(site: Path, rules: list[Rule]) -> None:
    snippet = (site / "_headers.nginx.conf").read_text(encoding="utf-8")
    sent = dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', snippet, re.MULTILINE))
    assert sent["Content-Security-Policy"] == header(headers_for(rules, "/"), "Content-Security-Policy")
    assert "location = /_headers { return 404; }" in snippet
    assert "error_page 404 /en/404.html;" in snippet


def test_a_page_with_an_event_handler_stops_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the previous build", encoding="utf-8")
    body = '<span onclick="alert(1)">Натисніть</span>'
    write_post(root, "inline-handler", "date: 2026-11-01\n", {"uk": post_text("Кнопка", body=body), "en": post_text("Button")})
    result = build(root)
    assert result.returncode != 0
    assert "news/2026/inline-handler/index.uk.md:7: the attribute 'onclick' on <span> runs code" in result.stderr, "named at its source"
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_style_attributes_are_reported(tmp_path: Path) -> None:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text('<p style="color: red">Червоний</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>Звичайний</p>", encoding="utf-8")
    (warning,) = compute_headers(tmp_path).warnings()
    assert "blocks style=" in warning and warning.endswith("in 1 page: about/index.html")


# -- the policy in the browser -------------------------------------------------------------------

@pytest.fixture
def visit(browser: Browser, site: Path) -> Iterator[Visit]:
    with serve(site) as base:
        opened = Visit(browser, base)
        yield opened
        opened.context.close()


@pytest.mark.parametrize("kind", KEY_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_key_pages_break_no_rule_of_the_content_security_policy(visit: Visit, lang: str, kind: str) -> None:
    page = visit.open(LANGS[lang] + KEY_PAGES[kind])
    assert visit.response.status == (404 if kind == "404" else 200)
    assert "content-security-policy" in visit.response.headers, "the local host applies _headers"
    assert page.locator("html").get_attribute("lang") == lang
    page.mouse.wheel(0, 5000)  # Material's "back to top" button appears on the way back up
    page.mouse.wheel(0, -2500)
    page.wait_for_timeout(300)
    assert visit.violations(page) == []


@pytest.mark.parametrize("lang, query", [("uk", "реінтеграції"), ("en", "reintegration")])
def test_search_works_under_the_policy(visit: Visit, lang: str, query: str) -> None:
    page = visit.open(LANGS[lang])
    page.locator("input.md-search__input").fill(query)
    page.locator(".md-search-result__list > li").first.wait_for(timeout=15000)
    assert visit.violations(page) == []


def test_an_injected_inline_script_is_blocked(browser: Browser, site: Path) -> None:
    """The check above can fail: a script the build did not hash is refused and reported."""
    home = (site / "index.html").read_text(encoding="utf-8")
    injected = home.replace("</body>", "<script>document.title = 'injected'</script></body>")
    with serve(site, {"/injected/": injected.encode()}) as base:
        visit = Visit(browser, base)
        page = visit.open("injected/")
        assert page.title() != "injected"
        assert any("script-src" in v for v in visit.violations(page))
        visit.context.close()


# -- the CI workflow -----------------------------------------------------------------------------

def readme_commands() -> set[str]:
    """The commands of the README's 'Two commands' table."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"\| `(\./run [^`]+)` \|", section))


def test_the_workflow_runs_the_readme_commands_and_deploys_only_from_main() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert re.fullmatch(r"\S+ \S+ \* \* \*", triggers["schedule"][0]["cron"]), "a daily build publishes scheduled posts"
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    commands = {line.strip() for step in steps for line in step.get("run", "").splitlines() if line.strip().startswith("./run")}
    assert readme_commands() == {"./run build", "./run test"}
    assert commands == readme_commands()
    deploy = workflow["jobs"]["deploy"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["site"]


def test_the_workflow_refuses_to_publish_example_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before the site is handed to the deploy job, `hub check --strict` fails while a setting is an example's address."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("run", step.get("uses", "")) for step in steps]
    check = names.index(".venv/bin/hub check --strict")
    upload = next(n for n, name in enumerate(names) if name.startswith("actions/upload-pages-artifact@"))
    assert check < upload and steps[check]["if"] == steps[upload]["if"]
    assert main(["check", "--strict", "--root", str(ROOT)]) == 1, "the shipped settings are examples"
    assert "site_url, plugins → hub → newsletter → url, plugins → hub → organisation → email in mkdocs.yml are still " \
           "example addresses" in capsys.readouterr().out
    root = copy_project(tmp_path / "real")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("right-to-family.example.org", "right-to-family.org.ua")
                                     .replace("lists.example.org", "lists.right-to-family.org.ua"), encoding="utf-8")
    assert main(["check", "--strict", "--root", str(root)]) == 0, capsys.readouterr().out


def test_the_build_warns_of_example_settings_but_builds(tmp_path: Path) -> None:
    result = build(copy_project(tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    assert "are still example addresses (example.org, .com, .net): put the real ones before publishing" in result.stderr
