"""The live preview: `mkdocs serve` rebuilds when a post in news/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_preview_reloads_when_a_post_changes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    post = next(p.parent for p in sorted((root / "news" / "2026").glob("*/meta.yml")))
    url = f"http://127.0.0.1:{free_port()}"
    page = f"{url}/en/news/2026/{post.name}/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", url.removeprefix("http://")], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: fetch(page) is not None, 120), "the preview did not start"
        english = post / "en.md"
        english.write_text(english.read_text(encoding="utf-8").replace("title: ", "title: Edited live — ", 1), encoding="utf-8")
        assert wait_for(lambda: "Edited live" in (fetch(page) or ""), 60), "the preview did not rebuild"
        assert not (root / "site").exists(), "the preview does not write the site folder"
    finally:
        server.terminate()
        server.wait(timeout=30)
