"""Bad content stops the build with a message naming the file and field, and the previous site stays."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build, post_text, shared_line, write_post


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def first_post(root: Path) -> Path:
    return next(p.parent for p in sorted((root / "news" / "2026").glob("*/index.uk.md")) if "synthetic" not in p.parent.name)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def broken_yaml(root: Path) -> str:
    text = first_post(root) / "index.uk.md"
    line = shared_line(text.parent, "tags")
    lines = text.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = "tags: [training\n"
    text.write_text("".join(lines), encoding="utf-8")
    return f"news/2026/{text.parent.name}/index.uk.md:{line}: a list opened with '[' on this line is never closed — close it with ']'"


def missing_title(root: Path) -> str:
    folder = write_post(root, "no-title", "date: 2026-11-10\n", {"uk": "---\nsummary: Опис.\n---\nТекст\n", "en": post_text("Title")})
    return f"news/2026/{folder.name}/index.uk.md: 'title': is missing: expected a non-empty text"


def date_not_a_date(root: Path) -> str:
    write_post(root, "bad-date", "tags: [training]\ndate: 23.11.2026\n", {"uk": post_text("А"), "en": post_text("B")})
    return "news/2026/bad-date/index.uk.md:5: 'date': expected a date like 2026-11-23"


def unknown_partner(root: Path) -> str:
    write_post(root, "bad-partner", "date: 2026-11-10\npartners: [unicf]\n", {"uk": post_text("А"), "en": post_text("B")})
    return "news/2026/bad-partner/index.uk.md:5: 'partners': unknown partner 'unicf' (did you mean 'unicef'?)"


def unknown_project(root: Path) -> str:
    edit(root / "projects" / "jointly" / "index.uk.md", "\npartners:", "\npartners: [no-such-org]\nold_partners:")
    return "projects/jointly/index.uk.md"


def unknown_project_slug(root: Path) -> str:
    write_post(root, "bad-project", "date: 2026-11-10\nprojects: [jointy]\n", {"uk": post_text("А"), "en": post_text("B")})
    return "'projects': unknown project 'jointy' (did you mean 'jointly'?)"


def tag_typo(root: Path) -> str:
    write_post(root, "bad-tag", "date: 2026-11-10\ntags: [trainng]\n", {"uk": post_text("А"), "en": post_text("B")})
    return "news/2026/bad-tag/index.uk.md:5: 'tags': unknown topic 'trainng' (did you mean 'training'?)"


def synonym_without_others(root: Path) -> str:
    (root / "news" / "search-synonyms.yml").write_text("KfW: [КфВ]\nЮНІСЕФ:\n", encoding="utf-8")
    return "news/search-synonyms.yml:2: 'ЮНІСЕФ': is missing: expected a list of a word or a name"


def duplicate_slug(root: Path) -> str:
    write_post(root, "synthetic-due", "date: 2025-01-10\n", {"uk": post_text("А"), "en": post_text("B")}, year="2025")
    return "duplicate slug 'synthetic-due'"


def one_language_unmarked(root: Path) -> str:
    write_post(root, "half-written", "date: 2026-11-10\n", {"uk": post_text("Лише українською")})
    return "news/2026/half-written/index.en.md: is missing: translate the post, or, to publish it in one language only, add 'only_language: uk'"


def page_without_translation(root: Path) -> str:
    (root / "docs" / "about.en.md").unlink()
    return "docs/about.en.md: is missing: about.uk.md needs its 'en' translation"


def page_left_in_the_navigation(root: Path) -> str:
    """A page deleted in both languages while mkdocs.yml still names it: MkDocs only warned and published a dead link."""
    for page in (root / "docs").glob("privacy.*.md"):
        page.unlink()
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if text.strip().endswith(": privacy.md"))
    return (f"mkdocs.yml:{line}: 'nav': 'privacy.md' in the navigation is a page that does not exist — write the page "
            "(docs/privacy.uk.md, docs/privacy.en.md), or take the line out of the navigation")


def unknown_field(root: Path) -> str:
    write_post(root, "typo-field", "date: 2026-11-10\ntagz: [training]\n", {"uk": post_text("А"), "en": post_text("B")})
    return "news/2026/typo-field/index.uk.md:5: 'tagz': is not a known field (did you mean 'tags'?)"


def template_error(root: Path) -> str:
    """A failure half-way through writing pages: the staging folder must protect the old site."""
    (root / "overrides" / "hub" / "partner.html").write_text("{% extends 'main.html' %}{% block content %}{{ hub.missing_method() }}{% endblock %}")
    return "missing_method"


def english_template_error(root: Path) -> str:
    """A failure in the English pages only, which are built in a process of their own (hub.engine.mkdocs.passes)."""
    (root / "overrides" / "hub" / "partner.html").write_text(
        "{% extends 'main.html' %}{% block content %}{% if hub.views.lang == 'en' %}{{ hub.missing_method() }}{% endif %}"
        "{% endblock %}")
    return "the 'en' pages could not be built"


CASES: list[Callable[[Path], str]] = [broken_yaml, missing_title, date_not_a_date, unknown_partner, unknown_project,
                                      unknown_project_slug, tag_typo, synonym_without_others, duplicate_slug, one_language_unmarked,
                                      page_without_translation, page_left_in_the_navigation, unknown_field, template_error, english_template_error]


def test_a_folder_of_docs_at_the_sites_own_address_stops_the_build_and_is_kept(project: Path, tmp_path: Path) -> None:
    """The build used to delete docs/news/, docs/newsletter/… (earlier versions wrote the generated pages there),
    whatever a writer had put in them, without a word."""
    root = tmp_path / "project"
    shutil.copytree(project, root)
    before = snapshot(root / "site")
    written = root / "docs" / "newsletter" / "index.uk.md"
    written.parent.mkdir()
    written.write_text("---\ntitle: Архів\ndescription: Наші розсилки.\n---\n\nТекст, який не можна загубити.\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "docs/newsletter: the name 'newsletter' is kept for the archive of the newsletter's issues: nothing in this " \
           "folder is published" in result.stderr, result.stderr
    assert written.read_text(encoding="utf-8").endswith("Текст, який не можна загубити.\n")
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_bad_content_fails_clearly_and_keeps_the_site(project: Path, tmp_path: Path, case: Callable[[Path], str]) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    before = snapshot(root / "site")
    expected = case(root)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr or case in (template_error, english_template_error)
    assert snapshot(root / "site") == before, "the previous site must stay as it was"
    assert not (root / "site.partial").exists()
    assert not list(root.glob(".site*")), "no language's scratch folder is left behind"
