"""Languages of unequal size: posts in one language only, listings of different lengths, a language with no news.

Which pages exist in which language is the hub's decision, not the engine's fallback: a listing page one language
lacks is not built there, and every page's language switcher leads to its translation or to the nearest page that
exists (the last page of a shorter listing, else the language's home)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, copy_project, post_text, with_shared, write_post
from reading import switcher

UK_ONLY, EN_ONLY = 25, 12


def generated_pages(site: Path) -> list[str]:
    """Site-relative URLs of every page of the news, projects and partners, in both languages."""
    return sorted(path.parent.relative_to(site).as_posix() + "/" for folder in ("news", "projects", "partners", "en/news",
                  "en/projects", "en/partners") for path in (site / folder).rglob("index.html"))


def assert_every_switcher_lands(site: Path) -> None:
    for url in generated_pages(site):
        for lang in ("uk", "en"):
            target = switcher(site, url, lang)
            assert (site / target / "index.html").is_file(), f"{url}: the switcher to {lang} leads to {target}, which does not exist"


@pytest.fixture(scope="module")
def unequal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped posts, 25 posts in Ukrainian only and 12 in English only: listings of different lengths."""
    root = copy_project(tmp_path_factory.mktemp("unequal"))
    for n in range(1, UK_ONLY + 1):
        write_post(root, f"uk-only-{n:02}", f"date: 2026-10-{n:02}\nonly_language: uk\ntags: [training]\n",
                   {"uk": post_text(f"Лише українською {n}")})
    for n in range(1, EN_ONLY + 1):
        write_post(root, f"en-only-{n:02}", f"date: 2026-09-{n:02}\nonly_language: en\ntags: [care-reform]\n",
                   {"en": post_text(f"Only in English {n}", "An English-only post.")})
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_each_language_lists_its_own_posts_on_as_many_pages_as_it_needs(unequal: Path) -> None:
    uk_pages = sorted(int(p.name) for p in (unequal / "news" / "page").iterdir())
    en_pages = sorted(int(p.name) for p in (unequal / "en" / "news" / "page").iterdir())
    assert len(uk_pages) > len(en_pages) >= 1, (uk_pages, en_pages)
    assert uk_pages == list(range(2, len(uk_pages) + 2)) and en_pages == list(range(2, len(en_pages) + 2))


def test_the_last_page_of_a_longer_listing_switches_to_the_last_page_of_the_shorter(unequal: Path) -> None:
    uk_last = max(int(p.name) for p in (unequal / "news" / "page").iterdir())
    en_last = max(int(p.name) for p in (unequal / "en" / "news" / "page").iterdir())
    assert switcher(unequal, f"news/page/{uk_last}/", "en") == f"en/news/page/{en_last}/"
    assert switcher(unequal, f"en/news/page/{en_last}/", "uk") == f"news/page/{en_last}/", "the translation, where it exists"


def test_a_post_in_one_language_has_its_notice_page_in_the_other(unequal: Path) -> None:
    assert switcher(unequal, "news/2026/uk-only-01/", "en") == "en/news/2026/uk-only-01/"
    assert switcher(unequal, "en/news/2026/en-only-01/", "uk") == "news/2026/en-only-01/"


def test_every_switcher_of_every_generated_page_lands_on_a_page(unequal: Path) -> None:
    assert_every_switcher_lands(unequal)


def test_a_language_with_no_news_at_all_builds(tmp_path: Path) -> None:
    """Every post in Ukrainian only: the English news listing says there is none, and nothing breaks."""
    root = copy_project(tmp_path / "project")
    for text in (root / "news").rglob("index.uk.md"):
        text.write_text(with_shared(text.read_text(encoding="utf-8"), "only_language: uk\n"), encoding="utf-8")
        (text.parent / "index.en.md").unlink()
    for n in range(1, 16):
        write_post(root, f"uk-only-{n:02}", f"date: 2026-10-{n:02}\nonly_language: uk\n", {"uk": post_text(f"Допис {n}")})
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    assert not (site / "en" / "news" / "page").exists() and (site / "news" / "page" / "2").is_dir()
    assert switcher(site, "news/page/2/", "en") == "en/news/"
    assert_every_switcher_lands(site)
