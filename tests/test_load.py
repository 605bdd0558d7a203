"""The content loader on its own: the model it builds from the shipped content."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, post_text, write_post
from hub.content.catalog import Catalog
from hub.content.errors import ContentError, Problem
from hub.content.load import load_content

KYIV = ZoneInfo("Europe/Kyiv")


def test_shipped_content_is_complete_and_valid() -> None:
    content = load_content(ROOT, ("uk", "en"))
    assert len(content.projects) >= 6
    assert len(content.partners) >= 15
    published = Catalog.build(content, datetime(2026, 11, 23, 12, tzinfo=KYIV)).published
    assert len(published) >= 8
    for post in content.posts:
        assert set(post.text) == {"uk", "en"}, post.slug
        assert post.date.tzinfo is not None
    for project in content.projects.values():
        assert project.partners, project.slug


def test_naive_dates_are_kyiv_time() -> None:
    content = load_content(ROOT, ("uk", "en"))
    post = content.posts[0]
    assert post.date.utcoffset() == datetime(post.date.year, post.date.month, post.date.day, tzinfo=KYIV).utcoffset()


def writers_mistakes(root: Path) -> None:
    """Three posts, each with a mistake writers make, and one with three at once."""
    (root / "news").mkdir(parents=True)
    shutil.copy(ROOT / "news" / "tags.yml", root / "news" / "tags.yml")
    shutil.copytree(ROOT / "partners", root / "partners")
    shutil.copytree(ROOT / "projects", root / "projects")
    (root / "docs").mkdir()
    write_post(root, "colon", "date: 2026-11-10\n",
               {"uk": "---\ntitle: Т\nsummary: Результати: що змінилося\n---\n\nТекст.\n", "en": post_text("T")})
    write_post(root, "tab", "date: 2026-11-11\n\ttags: [training]\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(root, "by-name", "date: 2026-11-12\ntags: [Навчання]\npartners: [UNICEF]\nprojects: [Спільно]\n",
               {"uk": post_text("Т"), "en": post_text("T")})
    write_post(root, "layers", "date: 2026-13-40\ntags: [trainng]\n",
               {"uk": "---\ntitle: Новина: старт\nsummary: С\n---\n\nТекст.\n", "en": post_text("T")})


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_content(root, ("uk", "en"))
    return raised.value.problems


def test_mistakes_are_explained_in_the_writers_terms_with_the_fixed_line(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    found = {(p.relative_path(tmp_path), p.line): p for p in problems_of(tmp_path)}
    colon = found["news/2026/colon/uk.md", 3]
    assert "holds a colon" in colon.message and colon.hint == 'put the whole text in quotes: summary: "Результати: що змінилося"'
    assert "tab" in found["news/2026/tab/meta.yml", 2].message
    named = [p.message for (path, _line), p in found.items() if path == "news/2026/by-name/meta.yml"]
    assert any("'Навчання' is the name of the topic 'training'" in m for m in named), named
    assert any("'UNICEF' is the name of the partner 'unicef'" in m for m in named), named
    assert any("'Спільно' is the name of the project 'jointly'" in m for m in named), named


def test_one_run_finds_every_mistake_of_a_post(tmp_path: Path) -> None:
    """A wrong date and an unquoted colon do not hide a topic's typo."""
    writers_mistakes(tmp_path)
    layers = [p for p in problems_of(tmp_path) if "layers" in str(p.path)]
    assert {(p.path.name, p.field or p.code) for p in layers} == {("meta.yml", "date"), ("meta.yml", "tags"), ("uk.md", "yaml")}


def test_the_messages_speak_ukrainian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_LANG", "uk")
    writers_mistakes(tmp_path)
    found = {p.message for p in problems_of(tmp_path)}
    assert "«Навчання» — це назва теми «training»: напишіть її слаг, «training»" in found
    assert "у тексті «summary» є двокрапка (:), а YAML читає її як початок іншого ключа" in found


def test_the_schemas_the_loaders_and_the_reports_words_speak_ukrainian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only the YAML parser's: what a field expects, what a picture is, the labels and the count of problems."""
    monkeypatch.setenv("HUB_LANG", "uk")
    (tmp_path / "docs").mkdir()
    write_post(tmp_path, "mixed", "date: 2026-11-10\ndraft: maybe\n", {"uk": "---\nsummary: С\n---\n\nТекст.\n", "en": post_text("T")})
    fake = write_post(tmp_path, "fake", "date: 2026-11-11\ncover: fake.jpg\n",
                      {lang: "---\ntitle: T\nsummary: S\ncover_alt: A\n---\n\nText.\n" for lang in ("uk", "en")})
    (fake / "fake.jpg").write_text("not a picture", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(tmp_path, ("uk", "en"))
    messages = {p.message for p in raised.value.problems}
    assert "має бути true або false, а вказано 'maybe'" in messages
    assert "не вказано: має бути непорожній текст" in messages
    assert "обкладинка «fake.jpg»: це не зображення або зображення такого типу, якого браузери не показують" in messages
    report = raised.value.report().splitlines()
    assert report[0] == "У вмісті сайту 3 проблеми; нічого не зібрано:"
    draft = next(p for p in raised.value.problems if p.field == "draft")
    assert draft.describe(tmp_path, severity=True) == \
        "news/2026/mixed/meta.yml:2: помилка: 'draft': має бути true або false, а вказано 'maybe'"


def test_a_malformed_event_names_its_file_and_field_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers_mistakes(tmp_path)
    write_post(tmp_path, "event-key", "date: 2026-11-10\nevent: {when: 2026-12-01}\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(tmp_path, "event-place", "date: 2026-11-10\nevent: {date: 2026-12-01, place: {uk: Львів}}\n",
               {"uk": post_text("Т"), "en": post_text("T")})
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "event" in str(p.path)}
    assert "news/2026/event-key/meta.yml:2: 'event': 'when' is not a field of it; expected a mapping like " \
           "{date: 2026-11-20, place: {uk: Львів, en: Lviv}}" in found
    assert "news/2026/event-place/meta.yml:2: 'event': has no 'en' text: add 'en: …' under 'event'" in found
    monkeypatch.setenv("HUB_LANG", "uk")
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "event-key" in str(p.path)}
    assert "news/2026/event-key/meta.yml:2: 'event': «when» — не його поле; очікується набір полів на зразок " \
           "{date: 2026-11-20, place: {uk: Львів, en: Lviv}}" in found


def test_a_project_status_needs_the_date_it_was_confirmed(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    (tmp_path / "projects" / "jointly" / "meta.yml").write_text("status: ongoing\npartners: [unicef]\n", encoding="utf-8")
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "jointly" in str(p.path)}
    assert "projects/jointly/meta.yml:1: 'status': a status is shown with the date it was last confirmed: write it like " \
           "{state: completed, confirmed: 2026-11-20}, or leave 'status' out when the sources give none" in found
