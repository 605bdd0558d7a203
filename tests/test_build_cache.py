"""`mkdocs build` renders only what a change affects, from `.cache/hub/build/` (hub.engine.mkdocs.build_cache): after
every kind of edit the site is byte for byte the one a build without the cache makes, and a cache that is damaged,
foreign or out of date is never trusted."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.corpus import copy_project, make_project
from conftest import NOW, ROOT, build, with_shared
from hub.engine.mkdocs import build_cache
from hub.replacing import replacing
from test_preview import (EDITS, ONE_POST, edit_body, edit_title, rename_site, retitle_methodology, edit_template,
                          set_meta)

RENDERED = re.compile(r"(\d+) of (\d+) generated pages changed since the last build")
CACHE = Path(".cache/hub/build")


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def built(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Build `root` (`env` as for `conftest.build`); MkDocs's log."""
    result = build(root, *args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def clean_build(root: Path, scratch: Path, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """The site a build without any cache makes of the content of `root`."""
    shutil.rmtree(scratch, ignore_errors=True)
    copy_project(scratch, root)
    built(scratch, env=env)
    return files(scratch / "site")


def differences(root: Path, scratch: Path, env: dict[str, str] | None = None) -> list[str]:
    made, expected = files(root / "site"), clean_build(root, scratch, env)
    return sorted(path for path in made.keys() | expected.keys() if made.get(path) != expected.get(path))


PART_PAGES = 30
"""Pages per part of each language's search index (`search: part_pages:`): several parts, as at 2,000 posts."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cached")
    make_project(root, 40, photo_scale=0.1)
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - hub:\n", f"  - hub:\n      search:\n        part_pages: {PART_PAGES}\n", 1), encoding="utf-8")
    built(root)
    assert (root / "site" / "pagefind" / "uk" / "part-3" / "pagefind-entry.json").is_file(), "the index is in parts"
    return root


def test_every_edit_builds_the_site_a_build_without_cache_makes(project: Path, tmp_path: Path) -> None:
    for edit in EDITS:
        edit(project)
        log = built(project)
        rendered = RENDERED.search(log)
        differ = differences(project, tmp_path / "clean")
        assert not differ, f"after {edit.__name__}, the cached build differs from a clean one in {differ[:10]}"
        if edit in ONE_POST:
            assert rendered and int(rendered[1]) < int(rendered[2]) / 4, f"{edit.__name__}: {log[-800:]}"
        if edit in (retitle_methodology, rename_site, edit_template):
            assert rendered is None, f"{edit.__name__} changes every page, yet the build rendered only some"


def part_files(root: Path) -> dict[str, int]:
    """The inode of each part's entry file in the built site's search bundles: kept while a part is carried over."""
    return {path.parent.relative_to(root / "site").as_posix(): path.stat().st_ino
            for path in (root / "site" / "pagefind").glob("*/**/pagefind-entry.json")}


def test_a_new_post_indexes_again_only_the_part_of_the_search_it_is_in(project: Path, tmp_path: Path) -> None:
    """The parts of the search index whose pages did not change are carried over from the last build (the listings
    that show the new post's card do not change: the cards are not searched), the site byte for byte a clean one."""
    built(project)
    before = part_files(project)
    source = sorted((project / "news").glob("*/*/index.uk.md"))[5].parent
    shutil.copytree(source, source.with_name("cache-added-post"))
    built(project)
    after = part_files(project)
    assert before.keys() == after.keys() and len(before) >= 6, sorted(after)
    again = sorted(part for part in after if after[part] != before[part])
    assert [part.split("/")[1] for part in again] == ["en", "uk"], f"indexed again: {again}"
    assert not differences(project, tmp_path / "clean")


def test_a_scheduled_post_is_published_by_the_first_build_after_its_time(project: Path, tmp_path: Path) -> None:
    """No file changes, the time does: the build after a scheduled post's time publishes it everywhere a build without
    the cache does (its page, the listings, the feeds, the sitemap, the search)."""
    post = sorted((project / "news").glob("*/*/index.uk.md"))[8].parent
    set_meta(post / "index.uk.md", "date", "2026-11-24")
    built(project)
    sitemap = project / "site" / "sitemap.xml"
    assert f"/{post.name}/" not in sitemap.read_text(encoding="utf-8")
    later = {"HUB_NOW": "2026-11-24T09:00:00+02:00"}
    built(project, env=later)
    assert f"/{post.name}/" in sitemap.read_text(encoding="utf-8")
    assert not differences(project, tmp_path / "clean", later)


def test_run_build_clean_renders_every_page_again(project: Path, tmp_path: Path) -> None:
    """The README's `./run build --clean` drops the build cache: after an edit that would render a few pages, it
    renders them all, and the site is a clean build's."""
    for name in ("run", "pyproject.toml", "constraints.txt", "package-lock.json"):
        shutil.copy2(ROOT / name, project / name)
    for name in (".venv", "node_modules"):  # set up already: `./run` finds its stamps and installs nothing
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name)
    built(project)
    edit_title(project)
    result = subprocess.run(["bash", "run", "build", "--clean"], cwd=project, env={**os.environ, "HUB_NOW": NOW},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "build cache" not in result.stderr and not RENDERED.search(result.stderr), result.stderr[-1500:]
    assert not differences(project, tmp_path / "clean")


def _damage_state(root: Path) -> None:
    state = root / CACHE / "state.json"
    state.write_bytes(state.read_bytes()[:-200])


def _foreign_state(root: Path) -> None:
    state = root / CACHE / "state.json"
    header, payload = state.read_bytes().split(b"\n", 1)
    state.write_bytes(json.dumps({**json.loads(header), "key": "0" * 64}).encode() + b"\n" + payload)


def _altered_page(root: Path) -> None:
    page = next((root / CACHE / "site" / "news").rglob("index.html"))
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"), encoding="utf-8")


def _missing_page(root: Path) -> None:
    next((root / CACHE / "site" / "en" / "news").rglob("index.html")).unlink()


def _altered_search(root: Path) -> None:
    """A page's searchable text changed: the search would find on it what it does not say."""
    search = root / CACHE / "search.jsonl"
    lines = search.read_text(encoding="utf-8").splitlines(keepends=True)
    lang, url, text = json.loads(lines[-1])
    lines[-1] = json.dumps([lang, url, text.replace("</article>", "<p>casino</p></article>")], ensure_ascii=False) + "\n"
    search.write_text("".join(lines), encoding="utf-8")


def _missing_search(root: Path) -> None:
    (root / CACHE / "search.jsonl").unlink()


@pytest.mark.parametrize("spoil", [_damage_state, _foreign_state, _altered_page, _missing_page, _altered_search,
                                   _missing_search])
def test_a_damaged_foreign_or_altered_cache_is_not_trusted(project: Path, tmp_path: Path, spoil) -> None:
    edit_title(project)
    built(project)
    spoil(project)
    edit_body(project)
    log = built(project)
    assert "build cache: not used" in log and not RENDERED.search(log), log[-800:]
    assert not differences(project, tmp_path / "clean")


def test_the_site_folder_is_filled_from_the_cache_and_a_failed_build_changes_nothing(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "site")
    edit_title(project)
    assert RENDERED.search(built(project))
    assert not differences(project, tmp_path / "clean")
    before = files(project / "site")
    post = sorted((project / "news").glob("*/*/index.uk.md"))[4]
    good = post.read_text(encoding="utf-8")
    post.write_text(with_shared(good, "contacts: [nobody-we-know]\n"), encoding="utf-8")
    assert build(project).returncode != 0
    assert files(project / "site") == before
    post.write_text(good, encoding="utf-8")
    built(project)
    assert not differences(project, tmp_path / "clean")



def test_a_fresh_checkout_renders_only_what_changed(project: Path, tmp_path: Path) -> None:
    """CI checks the project out anew for every build, giving every file a new modification time: the cache it
    restores still serves, as it tells files apart by what they hold (hub.content.digests)."""
    built(project)
    later = time.time() + 3600
    for path in project.rglob("*"):
        if path.is_file() and not path.relative_to(project).parts[0].startswith((".cache", "site")):  # site.old too
            os.utime(path, (later, later))
    edit_title(project)
    log = built(project)
    rendered = RENDERED.search(log)
    assert rendered and int(rendered[1]) < int(rendered[2]) / 4, log[-800:]
    assert not differences(project, tmp_path / "clean")


def test_a_change_to_the_hubs_code_or_a_dependencys_version_makes_the_cache_foreign(tmp_path: Path,
                                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's key (`key`) names the hub's own files (code, templates, messages) and every installed package's
    version: a new template, a fixed sanitiser or a Markdown extension upgraded makes every cached page foreign. Edits
    of the content, `overrides/` and `mkdocs.yml` are the pages' own fingerprints' (`EDITS` above)."""
    package = tmp_path / "hub"
    shutil.copytree(Path(build_cache.__file__).parents[2], package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_cache, "__file__", str(package / "engine" / "mkdocs" / "build_cache.py"))
    same = build_cache.key()
    assert build_cache.key() == same, "the same code and packages: the same key"
    for changed in ("outputs/sanitize.py", "messages/locale/uk/LC_MESSAGES/hub.po"):
        before = (package / changed).read_bytes()
        (package / changed).write_bytes(before + b"\n")
        assert build_cache.key() != same, changed
        (package / changed).write_bytes(before)
    assert build_cache.key() == same
    real = list(importlib.metadata.distributions())
    markdown = next(dist for dist in real if dist.metadata["Name"].lower() == "markdown")
    upgraded = type("Upgraded", (), {"metadata": markdown.metadata, "version": markdown.version + ".post1"})()
    monkeypatch.setattr(importlib.metadata, "distributions", lambda: [upgraded if dist is markdown else dist for dist in real])
    assert build_cache.key() != same, "Markdown upgraded"


def test_a_cache_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """A build that fails while writing its cache (the search texts, the state, a cover's copies) keeps the file it had."""
    kept = tmp_path / "search.jsonl"
    kept.write_bytes(b"the last build's\n")

    def failing() -> Iterator[bytes]:
        yield b"half of "
        raise OSError("disk full")

    with pytest.raises(OSError), replacing(kept) as stream:
        for part in failing():
            stream.write(part)
    assert kept.read_bytes() == b"the last build's\n"
    assert [path.name for path in tmp_path.iterdir()] == ["search.jsonl"], "no half-written file is left beside it"
    with replacing(kept) as stream:
        stream.write(b"this build's\n")
    assert kept.read_bytes() == b"this build's\n" and len(list(tmp_path.iterdir())) == 1
