"""The preview's builds after the first render only what an edit changed (hub.engine.mkdocs.preview): after every kind of
edit, the site they serve must be byte for byte the site a whole build makes of the same content."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

from bench.corpus import make_project
from conftest import NOW, authored, copy_project, with_shared, write_pdf

SERVE_URL = "http://127.0.0.1:8000/"


class Session:
    """What `mkdocs serve` does at each change, without its server: load mkdocs.yml again and build, into one
    folder, with the plugin instances MkDocs keeps from one build to the next (those with `on_startup`)."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.plugins: dict = {}
        self.started = False
        self.hub = None

    def build(self) -> None:
        option = MkDocsConfig.plugins  # MkDocs's cache of plugin instances: one per session here
        saved, option.plugin_cache = option.plugin_cache, self.plugins
        try:
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
            config.site_url = SERVE_URL
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=False)
                self.started = True
            self.hub = config.plugins["hub"]
            build(config, serve_url=SERVE_URL)
        finally:
            option.plugin_cache = saved

    def files(self) -> dict[str, bytes]:
        """The served site, once its search index has caught up."""
        self.hub.preview.search.wait()
        return {path.relative_to(self.site).as_posix(): path.read_bytes()
                for path in sorted(self.site.rglob("*")) if path.is_file()}

    def close(self) -> None:
        self.hub.on_shutdown()


def whole_build(root: Path, site: Path) -> dict[str, bytes]:
    session = Session(root, site)
    try:
        session.build()
        return session.files()
    finally:
        session.close()
        shutil.rmtree(site, ignore_errors=True)


def set_title(path: Path, title: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f"title: {title}\n" if line.startswith("title: ") else line for line in lines), encoding="utf-8")


def set_meta(path: Path, key: str, value: str) -> None:
    """A shared field of the post whose first text is `path`, set at the end of its front matter."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith(f"{key}:")]
    path.write_text(with_shared("".join(lines), f"{key}: {value}\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("preview")
    make_project(root, 40, photo_scale=0.1)
    return root


def posts(root: Path) -> list[Path]:
    return sorted(meta.parent for meta in (root / "news").glob("*/*/index.uk.md"))


def edit_title(root: Path) -> None:
    set_title(posts(root)[5] / "index.uk.md", "Новий заголовок «після правки»")


def edit_body(root: Path) -> None:
    text = posts(root)[7] / "index.en.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nOne more paragraph, written in the preview.\n", encoding="utf-8")


def move_date(root: Path) -> None:
    set_meta(posts(root)[3] / "index.uk.md", "date", "2026-11-20")


def retag(root: Path) -> None:
    set_meta(posts(root)[9] / "index.uk.md", "tags", "[education]")


def add_post(root: Path) -> None:
    source = posts(root)[2]
    target = source.parent / "preview-added-post"
    shutil.copytree(source, target)
    set_meta(target / "index.uk.md", "date", "2026-11-22")
    set_title(target / "index.en.md", "A post added while the preview runs")


def remove_post(root: Path) -> None:
    shutil.rmtree(posts(root)[11])


def replace_cover(root: Path) -> None:
    post = next(folder for folder in posts(root) if (folder / "cover.jpg").exists())
    Image.new("RGB", (900, 700), (200, 40, 40)).save(post / "cover.jpg", quality=90)


def attach_report(root: Path) -> None:
    """A PDF as Word exports it, linked from a post: published without its author's name, built or previewed."""
    post = posts(root)[5]
    write_pdf(post / "report.pdf", change=authored)
    text = post / "index.uk.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n[Звіт (PDF)](report.pdf)\n", encoding="utf-8")


def edit_page(root: Path) -> None:
    page = root / "docs" / "about.uk.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nДодатковий абзац, дописаний у попередньому перегляді.\n", encoding="utf-8")


def retitle_methodology(root: Path) -> None:
    """A page the navigation names by its own title: every page's navigation changes."""
    set_title(root / "docs" / "methodology" / "reintegration.en.md", "Reintegration, retitled")


def rename_project(root: Path) -> None:
    project = sorted((root / "projects").glob("*/index.en.md"))[0]
    set_title(project, "A project renamed in the preview")


def rename_partner(root: Path) -> None:
    """A partner's short name shows on its page, in the directory and on every post that names it."""
    partner = root / "partners" / "unicef.yml"
    text = partner.read_text(encoding="utf-8")
    assert "  en: UNICEF\n" in text
    partner.write_text(text.replace("  en: UNICEF\n", "  en: UNICEF Ukraine\n", 1), encoding="utf-8")


def add_tag(root: Path) -> None:
    """A new tag has a page and feeds of its own."""
    with (root / "news" / "tags.yml").open("a", encoding="utf-8") as tags:
        tags.write("  - slug: preview-tag\n    name:\n      uk: тег попереднього перегляду\n      en: preview tag\n")
    set_meta(posts(root)[6] / "index.uk.md", "tags", "[preview-tag, education]")


def drop_tag(root: Path) -> None:
    """…which go when it does."""
    set_meta(posts(root)[6] / "index.uk.md", "tags", "[education]")
    tags = root / "news" / "tags.yml"
    tags.write_text(tags.read_text(encoding="utf-8").split("  - slug: preview-tag")[0], encoding="utf-8")


def add_synonym(root: Path) -> None:
    """The search's synonyms, which no page shows: only the search bundles change."""
    with (root / "news" / "search-synonyms.yml").open("a", encoding="utf-8") as synonyms:
        synonyms.write("Луганщина: [Луганська область]\n")


def rename_site(root: Path) -> None:
    """The site's name in mkdocs.yml: every page's header, the feeds' titles, the e-mail and social previews."""
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    assert text.startswith("site_name: Право на родину\n")
    settings.write_text(text.replace("Право на родину", "Право на сімʼю", 1), encoding="utf-8")


def edit_template(root: Path) -> None:
    template = root / "overrides" / "hub" / "post.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{# edited in the preview #}\n", encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [edit_title, edit_body, move_date, retag, add_post, remove_post, replace_cover, attach_report,
                                       edit_page, add_tag, drop_tag, add_synonym, retitle_methodology, rename_project,
                                       rename_partner, rename_site, edit_template]


RENDERED = re.compile(r"(\d+) of (\d+) generated pages changed since the last build")
ONE_POST = {edit_title, edit_body, replace_cover, attach_report, edit_page}
"""Edits whose build renders a few pages again; a template's or a navigation title's renders them all."""


def test_every_edit_serves_the_site_a_whole_build_makes(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("HUB_NOW", NOW)
    caplog.set_level(logging.INFO)
    session = Session(project, tmp_path / "served")
    try:
        session.build()
        for edit in EDITS:
            edit(project)
            caplog.clear()
            session.build()
            rendered = RENDERED.search(caplog.text)
            served, expected = session.files(), whole_build(project, tmp_path / "whole")
            differ = sorted(path for path in served.keys() | expected.keys() if served.get(path) != expected.get(path))
            assert not differ, f"after {edit.__name__}, the preview differs from a whole build in {differ[:10]}"
            if edit in ONE_POST:
                assert rendered and int(rendered[1]) < int(rendered[2]) / 5, f"{edit.__name__}: {caplog.text[-500:]}"
            if edit in (retitle_methodology, rename_site, edit_template):
                assert rendered is None, f"{edit.__name__} changes every page, yet the preview rendered only some"
    finally:
        session.close()


def test_a_broken_post_shows_its_problems_then_its_fix_shows_the_site(project: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    """The build does not fail (MkDocs's server would hang every request until it succeeds): every page of the preview
    shows the problems, with file, line and fix; the fix brings back exactly the site a whole build makes."""
    monkeypatch.setenv("HUB_NOW", NOW)
    session = Session(project, tmp_path / "served")
    try:
        session.build()
        meta = posts(project)[4] / "index.uk.md"
        good = meta.read_text(encoding="utf-8")
        meta.write_text(good.replace("date:", "date: [", 1), encoding="utf-8")
        with caplog.at_level(logging.ERROR):
            session.build()
        assert "index.uk.md" in caplog.text
        pages = {path: data.decode("utf-8") for path, data in session.files().items() if path.endswith(".html")}
        assert pages and all("The preview cannot show the site: 1 problem to fix" in page for page in pages.values())
        assert f"{meta.relative_to(project).as_posix()}:" in pages["index.html"]
        meta.write_text(good.replace("date:", "date: 2026-11-19\nx_old_date:", 1).replace("x_old_date:", "#", 1), encoding="utf-8")
        set_title(meta, "Виправлений допис")
        session.build()
        served = session.files()
        assert served == whole_build(project, tmp_path / "whole")
        assert any("Виправлений допис" in data.decode("utf-8", "replace") for path, data in served.items() if path.endswith(".html"))
    finally:
        session.close()


def test_a_selection_renders_what_changed_with_its_translations_and_everything_renders_all() -> None:
    """The preview's strategy on its own (no build): the pages it chooses of the plan, in seconds."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from conftest import ROOT
    from hub.build.plan import Settings, plan
    from hub.content.load import load_content
    from hub.engine.mkdocs.preview import EVERYTHING, Selection, _with_translations

    made = plan(load_content(ROOT, ("uk", "en")), Settings(("uk", "en"), 10, 5, 20),
                datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Europe/Kyiv")))
    post = made.catalog.published[0]
    source = f"news/{post.year}/{post.slug}/index.uk.md"
    pages = _with_translations({source}, list(made.specs))
    assert pages == {source, source.replace(".uk.md", ".en.md")}, "the switcher of each links to the other"
    specs, assets = Selection(pages, set(), set(), None).chosen(made.specs, made.assets)
    assert {spec.source for spec in specs} == pages and assets == {}
    assert EVERYTHING.chosen(made.specs, made.assets) == (list(made.specs), dict(made.assets))


def test_the_preview_never_serves_what_a_link_in_docs_points_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader refuses a symbolic link, and the preview goes on to show the problems; but MkDocs copied the files of
    docs/ it points to (`assets/id.js → ~/.ssh/id_rsa`, a linked folder), and the preview served them on localhost."""
    monkeypatch.setenv("HUB_NOW", NOW)
    root = copy_project(tmp_path / "project")
    key = tmp_path / "id_rsa"
    key.write_text("PRIVATE KEY", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.css").write_text("/* the family's address */", encoding="utf-8")
    (root / "docs" / "assets" / "id.js").symlink_to(key)
    (root / "docs" / "assets" / "home").symlink_to(home)
    session = Session(root, tmp_path / "served")
    try:
        session.build()
        served = session.files()
        assert "assets/id.js" not in served and "assets/home/notes.css" not in served
        assert not [path for path, data in served.items() if b"PRIVATE KEY" in data or b"family's address" in data]
        assert any(path.endswith(".html") for path in served), "the preview still shows its pages (the problems)"
    finally:
        session.close()
