"""The live preview: `mkdocs serve` rebuilds when a post in news/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import NOW, copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def shown(url: str) -> str:
    """What the browser shows at `url`, an error page's body included (the preview answers 404 for a page not built)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_preview_reloads_when_a_post_changes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    post = next(p.parent for p in sorted((root / "news" / "2026").glob("*/index.uk.md")))
    url = f"http://127.0.0.1:{free_port()}"
    page = f"{url}/en/news/2026/{post.name}/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", url.removeprefix("http://")], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: fetch(page) is not None, 120), "the preview did not start"
        english = post / "index.en.md"
        english.write_text(english.read_text(encoding="utf-8").replace("title: ", "title: Edited live — ", 1), encoding="utf-8")
        assert wait_for(lambda: "Edited live" in (fetch(page) or ""), 60), "the preview did not rebuild"
        assert not (root / "site").exists(), "the preview does not write the site folder"
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve(root: Path, **env: str) -> tuple[subprocess.Popen, str]:
    url = f"http://127.0.0.1:{free_port()}"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", url.removeprefix("http://")], cwd=root,
                              env={**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, url


def test_a_content_error_shows_in_the_browser_in_the_writers_language_and_the_site_comes_back(tmp_path: Path) -> None:
    """Never a hanging request: the problems replace every page, with file, line and fix, until the fix is saved."""
    root = copy_project(tmp_path / "project")
    post = next(p.parent for p in sorted((root / "news" / "2026").glob("*/index.uk.md")))
    ukrainian = post / "index.uk.md"
    good = ukrainian.read_text(encoding="utf-8")
    broken = good.replace("summary: ", "summary: Підсумки: ", 1).replace('summary: "', 'summary: Підсумки: "', 1)
    ukrainian.write_text(broken, encoding="utf-8")
    server, url = serve(root, HUB_LANG="uk")
    try:
        assert wait_for(lambda: fetch(url + "/") is not None, 120), "the preview did not start"
        page = shown(url + f"/en/news/2026/{post.name}/")
        assert "Попередній перегляд не може показати сайт" in page, page[:500]
        assert f"news/2026/{post.name}/index.uk.md:3" in page and "візьміть увесь текст у лапки" in page
        ukrainian.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "<article" in (fetch(url + f"/news/2026/{post.name}/") or ""), 60), "the site is back"
        ukrainian.write_text(broken, encoding="utf-8")  # broken again while serving: shown at once, no request hangs
        assert wait_for(lambda: "Попередній перегляд не може" in shown(url + "/news/"), 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_drafts_show_in_the_preview_only_when_asked_and_marked(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    folder = root / "news" / "2026" / "unfinished-draft"
    folder.mkdir(parents=True)
    (folder / "index.uk.md").write_text("---\ntitle: Незавершена чернетка\nsummary: Опис.\ndate: 2026-11-20\ndraft: true\n---\n\n"
                                        "Текст.\n", encoding="utf-8")
    (folder / "index.en.md").write_text("---\ntitle: Unfinished draft\nsummary: Summary.\n---\n\nText.\n", encoding="utf-8")
    server, url = serve(root, HUB_PREVIEW_DRAFTS="1")
    try:
        assert wait_for(lambda: fetch(url + "/") is not None, 120), "the preview did not start"
        page = fetch(url + "/en/news/2026/unfinished-draft/") or ""
        assert 'class="admonition warning hub-unpublished"' in page and "Draft: not published" in page
        assert "Unfinished draft" in (fetch(url + "/en/news/") or ""), "listed too, marked"
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q"], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", "HUB_PREVIEW_DRAFTS": "1"})
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "en" / "news" / "2026" / "unfinished-draft").exists(), "never in a build for publishing"
