"""The communicators' tool: `hub new` starts a post the build accepts, `hub preview` serves it, slugs follow the national rules."""

from __future__ import annotations

import hashlib
import io
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import NOW, build, copy_project, post_text, write_post
from hub.commands.cli import main
from hub.content.load import load_content
from hub.content.translit import slugify
from reading import page

LVIV = ["--uk-title", "Тренінг для фахівців громад у Львові", "--en-title", "Training for community specialists in Lviv",
        "--tags", "training", "--projects", "strategy-pilot-regions", "--partners", "unicef,coordination-center"]
LVIV_SLUG = "training-for-community-specialists-in-lviv"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_NOW", NOW)


def hub(root: Path, *args: str) -> int:
    """`hub <args>` on the project at `root`; a refusal (SystemExit) gives its exit code."""
    try:
        return main([args[0], "--root", str(root), *args[1:]])
    except SystemExit as stop:
        return int(stop.code or 0)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_help_is_in_plain_words() -> None:
    command = Path(sys.executable).with_name("hub")
    listed = subprocess.run([str(command), "--help"], capture_output=True, text=True, check=True).stdout
    for name in ("new", "check", "preview"):
        assert re.search(rf"^\s+{name}\s+\w", listed, re.M), f"'{name}' is listed with what it does"
    new = subprocess.run([str(command), "new", "--help"], capture_output=True, text=True, check=True).stdout
    assert "today in Kyiv" in new and "never overwritten" in new


def test_new_post_has_both_files_valid_for_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "project")
    assert hub(root, "new", *LVIV, "--date", "2026-11-20") == 0
    folder = root / "news" / "2026" / LVIV_SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["index.en.md", "index.uk.md"]
    assert f"Created news/2026/{LVIV_SLUG}/" in capsys.readouterr().out

    (post,) = [p for p in load_content(root, ("uk", "en")).posts if p.slug == LVIV_SLUG]
    assert post.date == datetime(2026, 11, 20, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert (post.tags, post.projects, post.partners) == (("training",), ("strategy-pilot-regions",), ("unicef", "coordination-center"))
    assert post.text["uk"].title == "Тренінг для фахівців громад у Львові"
    assert post.text["en"].title == "Training for community specialists in Lviv"
    assert not post.draft and post.text["uk"].summary and post.text["en"].body.read()

    result = build(root)
    assert result.returncode == 0, result.stderr
    for prefix, title in (("", "Тренінг для фахівців громад у Львові"), ("en/", "Training for community specialists in Lviv")):
        html = page(root / "site", f"{prefix}news/2026/{LVIV_SLUG}/")
        assert html.xpath("string(//h1)").strip() == title
        assert html.xpath('//a[contains(@href, "projects/strategy-pilot-regions/")]'), "the post links its project"


def test_new_post_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "project")
    assert hub(root, "new", *LVIV) == 0
    folder = root / "news" / "2026" / LVIV_SLUG
    (folder / "index.uk.md").write_text(post_text("Уже написаний текст"), encoding="utf-8")
    before = snapshot(root / "news")
    capsys.readouterr()
    assert hub(root, "new", *LVIV, "--date", "2025-03-01") == 2, "the same slug in another year is refused too"
    assert f"a post named '{LVIV_SLUG}' exists already: news/2026/{LVIV_SLUG}/ (nothing was changed)" in capsys.readouterr().err
    assert snapshot(root / "news") == before


def test_new_post_without_english_title_is_named_by_transliteration_and_left_to_translate(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    assert hub(root, "new", "--uk-title", "Згуртовані громади Запоріжжя") == 0
    folder = root / "news" / "2026" / "zghurtovani-hromady-zaporizhzhia"
    assert (folder / "index.en.md").is_file() and (folder / "index.uk.md").is_file()
    capsys.readouterr()
    assert hub(root, "check") == 1, "the template text still to replace is an error"
    out = capsys.readouterr().out
    assert "news/2026/zghurtovani-hromady-zaporizhzhia/index.en.md:2: error: still has template text marked ✎" in out


def test_new_post_date_defaults_to_today_in_kyiv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("HUB_NOW", "2026-11-23T23:30:00+00:00")  # already the 24th in Kyiv (UTC+2)
    assert hub(root, "new", "--uk-title", "Пізній вечір", "--en-title", "Late evening") == 0
    assert "\ndate: 2026-11-24\n" in (root / "news" / "2026" / "late-evening" / "index.uk.md").read_text(encoding="utf-8")


def test_new_post_with_an_unknown_tag_suggests_one_and_writes_nothing(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    before = snapshot(root / "news")
    assert hub(root, "new", "--uk-title", "Тест", "--en-title", "Test", "--tags", "trainng") == 2
    assert "unknown topic 'trainng' (did you mean 'training'?)" in capsys.readouterr().err
    assert snapshot(root / "news") == before


def test_new_post_refuses_a_title_the_build_would_refuse_and_writes_nothing(tmp_path: Path, capsys) -> None:
    """A title with markup used to be written, and then stopped the build."""
    root = copy_project(tmp_path / "project")
    before = snapshot(root / "news")
    assert hub(root, "new", "--uk-title", "Школа <b>батьків</b>", "--en-title", "School") == 2
    assert "--uk-title: is plain text, but holds markup ('<b…')" in capsys.readouterr().err
    assert hub(root, "new", "--uk-title", "Школа", "--en-title", "School <script>") == 2
    assert "--en-title: is plain text, but holds markup ('<script…')" in capsys.readouterr().err
    assert snapshot(root / "news") == before


def test_new_post_refuses_a_name_or_a_year_the_check_would_and_writes_nothing(tmp_path: Path, capsys) -> None:
    """A 300-letter address name ended in a traceback (a folder's name holds 255 bytes); a post dated 9999 was written,
    then refused by hub check."""
    root = copy_project(tmp_path / "project")
    before = snapshot(root / "news")
    assert hub(root, "new", "--uk-title", "Тест", "--en-title", "Test", "--slug", "a" * 300) == 2
    assert "is too long for a web address name: 100 characters at most" in capsys.readouterr().err
    assert hub(root, "new", "--uk-title", "Тест", "--en-title", "Test", "--date", "9999-12-31") == 2
    assert "the year 9999 is not one the site publishes news of (1970 to 2100)" in capsys.readouterr().err
    assert snapshot(root / "news") == before


class Terminal(io.StringIO):
    """Typed answers, from what looks like a terminal."""

    def isatty(self) -> bool:
        return True


def test_new_post_asks_in_a_terminal_offering_existing_choices(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_project(tmp_path / "project")
    answers = ["Зустріч у Краматорську", "Meeting in Kramatorsk", "", "", "trainng", "training, hromadas", "", "unicef"]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    assert hub(root, "new") == 0
    out, err = capsys.readouterr()
    assert "Topics you can choose:" in out and re.search(r"^\s+training\s+навчання$", out, re.M)
    assert re.search(r"^\s+unicef\s+ЮНІСЕФ$", out, re.M), "partners are offered with their names"
    assert "unknown topic 'trainng' (did you mean 'training'?)" in err
    meta = (root / "news" / "2026" / "meeting-in-kramatorsk" / "index.uk.md").read_text(encoding="utf-8")
    assert "date: 2026-11-23\ntags: [training, hromadas]\nprojects: []\npartners: [unicef]\n" in meta


@pytest.mark.parametrize(("title", "slug"), [
    ("Завершено освітній проєкт «Стійкість через розвиток»", "zaversheno-osvitnii-proiekt-stiikist-cherez-rozvytok"),
    ("Юні журналісти Ізюма та Яготина", "yuni-zhurnalisty-iziuma-ta-yahotyna"),  # Ю, І, Я first: yu, i, ya; inside: iu, ia
    ("Громади Згурівщини підписали меморандум", "hromady-zghurivshchyny-pidpysaly-memorandum"),  # зг → zgh, щ → shch
    ("Сімʼя для кожної дитини в Знамʼянці", "simia-dlia-kozhnoi-dytyny-v-znamiantsi"),  # ʼ dropped; ї inside → i
    ("Їжакевич і Єнакієве: Йосипівка", "yizhakevych-i-yenakiieve-yosypivka"),  # Ї, Є, Й first: yi, ye, y
    ("Київщина, Житомир, Чернігів, Харків", "kyivshchyna-zhytomyr-chernihiv-kharkiv"),
])
def test_ukrainian_titles_follow_the_national_transliteration(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_preview_serves_the_site_and_prints_the_newest_post(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    write_post(root, "newest-preview-post", "date: 2026-11-23\n", {"uk": post_text("Найновіший допис"), "en": post_text("The newest post")})
    env = {**os.environ, "HUB_NOW": NOW}
    preview = subprocess.Popen([str(Path(sys.executable).with_name("hub")), "preview", "--root", str(root)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in preview.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        newest = None
        deadline = time.monotonic() + 180
        while newest is None:
            assert preview.poll() is None and time.monotonic() < deadline, "the preview stopped, or never got ready"
            with suppress(queue.Empty):
                line = lines.get(timeout=1)
                newest = re.search(r"^Newest post: uk (http://127\.0\.0\.1:\d+/news/2026/newest-preview-post/)  en ", line)
        with urllib.request.urlopen(newest[1], timeout=10) as response:
            assert "Найновіший допис" in response.read().decode("utf-8")
        # a page elsewhere that points a name of its own at 127.0.0.1 (DNS rebinding) reads nothing
        rebound = urllib.request.Request(newest[1], headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=10)
        assert refused.value.code == 403
    finally:
        os.killpg(preview.pid, signal.SIGINT)  # Ctrl+C in the terminal: the preview and its server stop
        assert preview.wait(timeout=30) == 0
    assert not (root / "site").exists(), "the preview does not write the site folder"


def test_new_post_asks_again_after_a_wrong_answer_and_keeps_what_was_typed(tmp_path: Path, monkeypatch, capsys) -> None:
    """A date typed as Ukrainians write it, a wrong one asked again, a topic given by its Ukrainian name, a taken or
    impossible address name asked again: the titles typed first are kept."""
    root = copy_project(tmp_path / "project")
    assert hub(root, "new", "--uk-title", "Перший", "--en-title", "First", "--date", "2026-11-20") == 0
    capsys.readouterr()
    answers = ["Друга зустріч", "", "first", "Друга Зустріч!", "", "31.02.2026", "23.11.2026", "Навчання", "", "ЮНІСЕФ"]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(answers) + "\n"))
    assert hub(root, "new") == 0
    out, err = capsys.readouterr()
    assert "'druha-zustrich'" in out, "the address is proposed from the Ukrainian title by the national rules"
    assert "a post named 'first' exists already" in err and "cannot be a web address name" in err
    assert "'31.02.2026' is not a date" in err
    text = (root / "news" / "2026" / "druha-zustrich" / "index.uk.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Друга зустріч\n")
    assert "\ndate: 2026-11-23\ntags: [training]\nprojects: []\npartners: [unicef]\n" in text


def test_new_post_speaks_ukrainian(tmp_path: Path, monkeypatch, capsys) -> None:
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("HUB_LANG", "uk")
    assert hub(root, "new", "--uk-title", "Тест", "--en-title", "Test", "--date", "32.13.2026") == 2
    assert "«32.13.2026» — це не дата" in capsys.readouterr().err
