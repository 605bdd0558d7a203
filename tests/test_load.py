"""The content loader on its own: the model it builds from the shipped content."""

from __future__ import annotations

import shutil
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from conftest import ROOT, post_text, shared_line, write_pdf, write_post
from hub.content.catalog import Catalog
from hub.content.errors import ContentError, Problem
from hub.content.load import load_content
from hub.content import workload
from hub.content.nesting import LIMIT, too_deep
from hub.site.pictures import sources

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
               {"uk": post_text("Новина"), "en": "---\ntitle: News: the start\nsummary: S\n---\n\nText.\n"})


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as raised:
        load_content(root, ("uk", "en"))
    return raised.value.problems


def test_mistakes_are_explained_in_the_writers_terms_with_the_fixed_line(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    found = {(p.relative_path(tmp_path), p.line): p for p in problems_of(tmp_path)}
    colon = found["news/2026/colon/index.uk.md", 3]
    assert "holds a colon" in colon.message and colon.hint == 'put the whole text in quotes: summary: "Результати: що змінилося"'
    assert "tab" in found["news/2026/tab/index.uk.md", 5].message
    named = [p.message for (path, _line), p in found.items() if path == "news/2026/by-name/index.uk.md"]
    assert any("'Навчання' is the name of the topic 'training'" in m for m in named), named
    assert any("'UNICEF' is the name of the partner 'unicef'" in m for m in named), named
    assert any("'Спільно' is the name of the project 'jointly'" in m for m in named), named


def test_one_run_finds_every_mistake_of_a_post(tmp_path: Path) -> None:
    """A wrong date and an unquoted colon in the other text do not hide a topic's typo."""
    writers_mistakes(tmp_path)
    layers = [p for p in problems_of(tmp_path) if "layers" in str(p.path)]
    assert {(p.path.name, p.field or p.code) for p in layers} == {("index.uk.md", "date"), ("index.uk.md", "tags"),
                                                                           ("index.en.md", "yaml")}


@pytest.mark.parametrize("meta, line", [
    ('extra: !!python/object/apply:os.system ["touch {marker}"]\n', 5),
    ('tags:\n  - training\n  - !!python/object/apply:os.system ["touch {marker}"]\n', 7),
    ("extra: !!set {{a, b}}\n", 5),
])
def test_a_value_asking_yaml_for_a_type_is_refused_in_the_writers_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       meta: str, line: int) -> None:
    """`!!python/…` runs nothing (the loader is safe) and is named at its line, in the writer's language, not in
    PyYAML's English ("could not determine a constructor")."""
    marker = tmp_path / "ran"
    writers_mistakes(tmp_path)
    write_post(tmp_path, "typed", "date: 2026-11-13\n" + meta.format(marker=marker), {"uk": post_text("Т"), "en": post_text("T")})
    found = [p for p in problems_of(tmp_path) if "typed" in str(p.path)]
    assert [(p.relative_path(tmp_path), p.line) for p in found] == [("news/2026/typed/index.uk.md", line)]
    written = "!!set" if "set" in meta else "!!python/object/apply:os.system"
    assert found[0].message.endswith(f"asks YAML for the type '{written}': the values here are texts, numbers, dates, "
                                     "true or false, and lists") and written in found[0].hint
    assert not marker.exists()
    monkeypatch.setenv("HUB_LANG", "uk")
    found = [p for p in problems_of(tmp_path) if "typed" in str(p.path)]
    assert f"просить у YAML тип «{written}»" in found[0].message


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
        "news/2026/mixed/index.uk.md:4: помилка: 'draft': має бути true або false, а вказано 'maybe'"


def test_a_malformed_event_names_its_file_and_field_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers_mistakes(tmp_path)
    write_post(tmp_path, "event-key", "date: 2026-11-10\nevent: {when: 2026-12-01}\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(tmp_path, "event-place", "date: 2026-11-10\nevent: {date: 2026-12-01, place: {uk: Львів}}\n",
               {"uk": post_text("Т"), "en": post_text("T")})
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "event" in str(p.path)}
    assert "news/2026/event-key/index.uk.md:5: 'event': 'when' is not a field of it; expected a mapping like " \
           "{date: 2026-11-20, place: {uk: Львів, en: Lviv}}" in found
    assert "news/2026/event-place/index.uk.md:5: 'event': has no 'en' text: add 'en: …' under 'place'" in found
    monkeypatch.setenv("HUB_LANG", "uk")
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "event-key" in str(p.path)}
    assert "news/2026/event-key/index.uk.md:5: 'event': «when» — не його поле; очікується набір полів на зразок " \
           "{date: 2026-11-20, place: {uk: Львів, en: Lviv}}" in found


def test_a_project_status_needs_the_date_it_was_confirmed(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    text = tmp_path / "projects" / "jointly" / "index.uk.md"
    text.write_text(text.read_text(encoding="utf-8").replace("\nfunders:", "\nstatus: ongoing\nfunders:"), encoding="utf-8")
    found = {p.describe(tmp_path) for p in problems_of(tmp_path) if "jointly" in str(p.path)}
    assert f"projects/jointly/index.uk.md:{shared_line(text.parent, 'status')}: 'status': a status is shown with the date it was last confirmed: write it like " \
           "{state: completed, confirmed: 2026-11-20}, or leave 'status' out when the sources give none" in found


def described(root: Path, *folders: str) -> set[str]:
    """The problems of the content at `root` in `folders`, as reported."""
    return {p.describe(root) for p in problems_of(root) if set(p.relative_path(root).split("/")) & set(folders)}


def test_the_old_layout_is_refused_file_by_file_with_what_to_do(tmp_path: Path) -> None:
    """A post or project still in meta.yml + uk.md + en.md is never skipped or half read (issue 17)."""
    writers_mistakes(tmp_path)
    old = tmp_path / "news" / "2026" / "old-layout"
    old.mkdir()
    (old / "meta.yml").write_text("date: 2026-11-10\n", encoding="utf-8")
    (old / "uk.md").write_text(post_text("Т"), encoding="utf-8")
    (old / "en.md").write_text(post_text("T"), encoding="utf-8")
    only_meta = tmp_path / "news" / "2026" / "only-meta"
    only_meta.mkdir()
    (only_meta / "meta.yml").write_text("date: 2026-11-10\n", encoding="utf-8")
    leftover = tmp_path / "projects" / "jointly" / "meta.yml"
    leftover.write_text("funders: []\n", encoding="utf-8")
    found = described(tmp_path, "old-layout", "only-meta", "jointly")
    move = ("is the old layout: move its lines into the front matter of index.uk.md (between the '---' lines, after the "
            "title and summary), then delete it")
    assert found == {
        f"news/2026/old-layout/meta.yml: {move}",
        "news/2026/old-layout/uk.md: is the old layout: rename it index.uk.md (git mv uk.md index.uk.md)",
        "news/2026/old-layout/en.md: is the old layout: rename it index.en.md (git mv en.md index.en.md)",
        f"news/2026/only-meta/meta.yml: {move}",
        f"projects/jointly/meta.yml: {move}",
    }


def test_a_folder_of_texts_without_the_first_one_is_no_post_and_says_so(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    folder = tmp_path / "news" / "2026" / "english-without-uk"
    folder.mkdir()
    (folder / "index.en.md").write_text(post_text("T"), encoding="utf-8")
    (problem,) = [p for p in problems_of(tmp_path) if "english-without-uk" in p.relative_path(tmp_path)]
    assert problem.describe(tmp_path).startswith(
        "news/2026/english-without-uk/index.uk.md: is missing: news/2026/english-without-uk/ holds texts but not index.uk.md, "
        "the post's first file")
    assert "'only_language: en' (index.en.md)" in problem.message


def test_a_shared_field_in_the_other_language_belongs_in_the_first_text(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    write_post(tmp_path, "misplaced", "date: 2026-11-10\n",
               {"uk": post_text("Т"), "en": "---\ntitle: T\nsummary: S\ntags: [training]\n---\n\nText.\n"})
    found = described(tmp_path, "misplaced")
    assert found == {("news/2026/misplaced/index.en.md:4: 'tags': belongs in index.uk.md, with the other fields both languages "
                      "share; here only the en text's own fields (title, summary, cover_alt)")}


def test_a_slug_in_the_front_matter_must_be_the_folders_name(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    write_post(tmp_path, "same-slug", "slug: same-slug\ndate: 2026-11-10\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(tmp_path, "other-slug", "slug: another-name\ndate: 2026-11-10\n", {"uk": post_text("Т"), "en": post_text("T")})
    found = described(tmp_path, "same-slug", "other-slug")
    assert found == {("news/2026/other-slug/index.uk.md:4: 'slug': is 'another-name', but the folder is named 'other-slug': the "
                      "folder's name is the web address; make them the same (rename the folder), or leave 'slug' out")}


def test_a_cover_named_in_other_letter_case_is_missing_and_the_file_meant_is_named(tmp_path: Path) -> None:
    """Windows and macOS open 'Cover.JPG' for cover.jpg; the site's server does not: the loader never does either."""
    writers_mistakes(tmp_path)
    texts = {"uk": post_text("Обкладинка").replace("---\n\n", "cover_alt: Діти\n---\n\n", 1),
             "en": post_text("Cover").replace("---\n\n", "cover_alt: Children\n---\n\n", 1)}
    folder = write_post(tmp_path, "cover-case", "date: 2026-11-10\ncover: Cover.JPG\n", texts)
    Image.new("RGB", (1200, 630), (20, 120, 110)).save(folder / "cover.jpg")
    (problem,) = [p for p in problems_of(tmp_path) if "cover-case" in str(p.path)]
    assert (problem.field, problem.line) == ("cover", shared_line(folder, "cover"))
    assert problem.message == "the cover image 'Cover.JPG' does not exist in cover-case/ (did you mean 'cover.jpg'?)"


def test_a_picture_named_too_long_for_its_copies_is_refused_at_its_line(tmp_path: Path) -> None:
    """A photo named with a whole Ukrainian sentence: its copies' names (`…-social.jpg`) would pass the file system's
    255 bytes, and the build stopped with a traceback; a name of 100 characters is fine."""
    writers_mistakes(tmp_path)
    long, fine = "Тренінг-у-Львові-" * 6 + ".jpg", "ф" * 96 + ".jpg"
    body = f"Перший абзац.\n\n![Тренінг]({long})\n\n![Фото]({fine})\n"
    folder = write_post(tmp_path, "long-name", "date: 2026-11-10\n", {"uk": post_text("Назви", body=body), "en": post_text("Names")})
    for name in (long, fine):
        Image.new("RGB", (60, 40), (20, 120, 110)).save(folder / name)
    (problem,) = [p for p in problems_of(tmp_path) if "long-name" in str(p.path)]
    assert problem.line == (folder / "index.uk.md").read_text(encoding="utf-8").splitlines().index(f"![Тренінг]({long})") + 1
    assert f"has a name of {len(long)} characters" in problem.message and "100 characters or fewer" in problem.message


def test_texts_and_partners_out_of_their_place_are_named_not_read_as_posts(tmp_path: Path) -> None:
    """A post's texts put straight in news/ or its year's folder, or a post copied inside another, used to be read as
    posts of those folders (and every post under news/2026/ became a stray file of one); a partner saved as .yaml, or
    in a folder, was never read, in silence. Each is now one error naming the place it belongs in."""
    writers_mistakes(tmp_path)
    text = post_text("Допис").replace("---\n\n", "date: 2026-11-20\n---\n\n", 1)
    for folder in ("news/loose", "news/2026", "news/2026/by-name/copy"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.uk.md").write_text(text, encoding="utf-8")
    unicef = (tmp_path / "partners" / "unicef.yml").read_text(encoding="utf-8")
    (tmp_path / "partners" / "extra.yaml").write_text(unicef.replace("unicef", "extra"), encoding="utf-8")
    (tmp_path / "partners" / "more").mkdir()
    found = {p.relative_path(tmp_path): p.message for p in problems_of(tmp_path)}
    for folder in ("news/loose", "news/2026", "news/2026/by-name/copy"):
        assert "go in a folder of its own in its year's folder" in found[folder], found
    assert "news/2026/by-name/index.uk.md" in found or any(path.startswith("news/2026/by-name/") for path in found), \
        "the post itself is still read (it has mistakes of its own)"
    for path in ("partners/extra.yaml", "partners/more"):
        assert "each partner is a file partners/<name>.yml" in found[path]


def test_a_hand_written_pages_name_is_its_address_so_latin_and_lower_case(tmp_path: Path) -> None:
    """'Our Team.uk.md' would be published at /Our%20Team/, in both languages: named at the file, as a post's slug is."""
    writers_mistakes(tmp_path)
    for lang, title in (("uk", "Команда"), ("en", "Team")):
        (tmp_path / "docs" / f"Our Team.{lang}.md").write_text(f"---\ntitle: {title}\ndescription: {title}.\n---\n\n{title}.\n",
                                                              encoding="utf-8")
    found = {p.relative_path(tmp_path): p.message for p in problems_of(tmp_path) if p.path.parent.name == "docs"}
    assert found == {f"docs/Our Team.{lang}.md": "the name 'Our Team' is used in URLs: expected Latin lower-case letters, "
                     "digits and hyphens, like 'lviv-training'" for lang in ("uk", "en")}


def test_a_page_or_folder_of_docs_at_an_address_the_site_makes_is_refused(tmp_path: Path) -> None:
    """`docs/news.uk.md` lost to the news section, `docs/en/` to the English pages, `docs/404.uk.md` to the error page:
    MkDocs dropped one of the two in silence. Each is named once (a folder, not every file in it)."""
    writers_mistakes(tmp_path)
    page = "---\ntitle: Сторінка\ndescription: Опис.\n---\n\nТекст.\n"
    for name in ("news", "404"):
        for lang in ("uk", "en"):
            (tmp_path / "docs" / f"{name}.{lang}.md").write_text(page, encoding="utf-8")
    for folder in ("en", "admin", "pagefind", "newsletter"):
        (tmp_path / "docs" / folder / "sub").mkdir(parents=True)
        for lang in ("uk", "en"):
            (tmp_path / "docs" / folder / "sub" / f"index.{lang}.md").write_text(page, encoding="utf-8")
    (tmp_path / "docs" / "search.uk.md").write_text(page, encoding="utf-8")
    (tmp_path / "docs" / "search.en.md").write_text(page, encoding="utf-8")
    found = {p.relative_path(tmp_path): p.message for p in problems_of(tmp_path) if "docs" in p.path.parts}
    assert sorted(found) == ["docs/404.en.md", "docs/404.uk.md", "docs/admin", "docs/en", "docs/news.en.md", "docs/news.uk.md",
                             "docs/newsletter", "docs/pagefind"]
    assert found["docs/news.uk.md"] == ("the name 'news' is kept for the news, which the site makes from news/: this page "
                                        "would never be published — give it another name")
    assert found["docs/en"] == ("the name 'en' is kept for the pages in 'en', written as <name>.en.md next to the others: "
                                "nothing in this folder is published — give the folder another name")
    assert found["docs/newsletter"].endswith("give the folder another name, or delete it if an older version of the hub wrote it")
    assert (tmp_path / "docs" / "newsletter" / "sub" / "index.uk.md").is_file(), "reading deletes nothing"


def test_dates_in_quotes_are_read_as_yaml_reads_dates(tmp_path: Path) -> None:
    """The browser editor writes `date: '2026-11-05'`: the same value as without quotes, and the same strictness."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    write_post(tmp_path, "quoted", "date: '2026-11-05'\npublish_at: '2026-11-05T09:00:00+02:00'\n"
                                   "event: {date: '2026-12-03'}\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(tmp_path, "plain", "date: 2026-11-05\npublish_at: 2026-11-05T09:00:00+02:00\nevent: {date: 2026-12-03}\n",
               {"uk": post_text("Т"), "en": post_text("T")})
    quoted, plain = sorted(load_content(tmp_path, ("uk", "en")).posts, key=lambda post: post.slug, reverse=True)
    assert (quoted.date, quoted.publish_at, quoted.event) == (plain.date, plain.publish_at, plain.event)
    assert quoted.date == datetime(2026, 11, 5, tzinfo=KYIV) and quoted.publish_at.utcoffset().total_seconds() == 7200
    write_post(tmp_path, "impossible", "date: '2026-02-31'\n", {"uk": post_text("Т"), "en": post_text("T")})
    found = {p.describe(tmp_path) for p in problems_of(tmp_path)}
    assert found == {("news/2026/impossible/index.uk.md:4: 'date': '2026-02-31' is not a date in the calendar: February 2026 "
                      "has 28 days")}


def test_a_text_changed_after_it_was_checked_is_refused_not_published_unchecked(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The model keeps where each text is, not every post's text (a page reads it when it is rendered): a text
    rewritten or removed between the check and its page stops the build at its file and line, in the writer's
    language, instead of reaching readers unchecked."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    folder = write_post(tmp_path, "visit", "date: 2026-11-10\n",
                        {"uk": post_text("Т"), "en": post_text("T", body="The first\n\nvisit.")})
    (post,) = load_content(tmp_path, ("uk", "en")).posts
    english, ukrainian = post.text["en"].body, post.text["uk"].body
    assert english.read() == "The first\n\nvisit.\n" and ukrainian.read() == "Текст допису.\n"
    assert not any("The first" in value for value in vars(english).values() if isinstance(value, str))
    (folder / "index.en.md").write_text(post_text("T", body="<script>alert(1)</script>"), encoding="utf-8")
    (folder / "index.uk.md").unlink()
    monkeypatch.setenv("HUB_LANG", "uk")
    for body, line in ((english, 6), (ukrainian, 7)):
        with pytest.raises(ContentError) as raised:
            body.read()
        (problem,) = raised.value.problems
        assert (problem.path, problem.line) == (body.path, line)
        assert "змінився або зник" in problem.message


def test_a_file_named_in_html_in_any_letter_case_is_one_the_post_publishes(tmp_path: Path) -> None:
    """A text names a file of its folder with Markdown or with HTML, whose attributes browsers read in any letter case:
    each is published (and checked); a text without HTML is read for its Markdown links only (`MARKDOWN_ONLY`)."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    body = ('[The report](report.pdf)\n\n[plan]: plan.pdf\n\nSee the [plan].\n\n<a HREF="annex.pdf">Annex</a>\n\n'
            "<IMG Src=photo.png alt=Photo>\n\n`<a href=code.pdf>` names nothing.\n")
    folder = write_post(tmp_path, "named", "date: 2026-11-10\n", {"uk": post_text("Т"), "en": post_text("T", body=body)})
    for name in ("report.pdf", "plan.pdf", "annex.pdf"):
        write_pdf(folder / name)
    Image.new("RGB", (40, 30), (0, 105, 92)).save(folder / "photo.png")
    (post,) = load_content(tmp_path, ("uk", "en")).posts
    assert {path.name for path in post.attachments} == {"report.pdf", "plan.pdf", "annex.pdf", "photo.png"}
    assert [inline.picture.path.name for inline in post.pictures] == ["photo.png"]


def test_errors_about_a_picture_point_at_the_text_that_shows_it(tmp_path: Path) -> None:
    """A picture's copies are made after the texts are read: an error then points at the first text that shows it, as
    the loader found it, not at one that only writes its name in prose or code."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    uk = post_text("Т", body="Файл photo.png і `![фото](photo.png)` ще не показано.")
    folder = write_post(tmp_path, "shown", "date: 2026-11-10\n", {"uk": uk, "en": post_text("T", body="![Photo](photo.png)")})
    Image.new("RGB", (40, 30), (0, 105, 92)).save(folder / "photo.png")
    (post,) = load_content(tmp_path, ("uk", "en")).posts
    assert [(source.path.name, source.owner.name) for source in sources([post])] == [("photo.png", "index.en.md")]


def test_a_post_in_english_only_keeps_the_shared_fields_in_its_only_text(tmp_path: Path) -> None:
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    write_post(tmp_path, "english-only", "date: 2026-11-10\nonly_language: en\ntags: [training]\n", {"en": post_text("T")})
    (post,) = load_content(tmp_path, ("uk", "en")).posts
    assert list(post.text) == ["en"] and post.tags == ("training",)
    assert post.shared == tmp_path / "news" / "2026" / "english-only" / "index.en.md"


def test_a_blank_other_language_file_of_a_one_language_post_is_as_if_absent(tmp_path: Path) -> None:
    """The browser editor writes an empty `index.en.md` for a post in Ukrainian only: no error, and nothing published
    from it (the post has no English text, so no English page)."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    folder = write_post(tmp_path, "ukrainian-only", "date: 2026-11-10\nonly_language: uk\n", {"uk": post_text("Т")})
    (folder / "index.en.md").write_text("\n  \n", encoding="utf-8")
    (post,) = load_content(tmp_path, ("uk", "en")).posts
    assert list(post.text) == ["uk"] and folder / "index.en.md" not in post.attachments
    published = Catalog.build(load_content(tmp_path, ("uk", "en")), datetime(2026, 11, 23, 12, tzinfo=KYIV)).published
    assert [list(p.text) for p in published] == [["uk"]]


def test_a_partners_slug_must_be_its_files_name(tmp_path: Path) -> None:
    """The browser editor writes `slug:` into a partner's file: its file's name, or an error at that line."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    partners = tmp_path / "partners"
    same = next(iter(sorted(partners.glob("*.yml"))))
    same.write_text(f"slug: {same.stem}\n" + same.read_text(encoding="utf-8"), encoding="utf-8")
    load_content(tmp_path, ("uk", "en"))
    other = sorted(partners.glob("*.yml"))[1]
    other.write_text("slug: another-name\n" + other.read_text(encoding="utf-8"), encoding="utf-8")
    found = {p.describe(tmp_path) for p in problems_of(tmp_path)}
    assert found == {(f"partners/{other.name}:1: 'slug': is 'another-name', but the file is named '{other.name}': the file's "
                      "name is the partner's name in posts and projects; make them the same (rename the file), or leave "
                      "'slug' out")}


def test_topics_are_a_list_each_with_its_slug_and_names(tmp_path: Path) -> None:
    """news/tags.yml: the list the browser editor writes; each mistake named at its line, the old map refused."""
    writers_mistakes(tmp_path)
    tags = tmp_path / "news" / "tags.yml"
    tags.write_text("topics:\n"
                    "  - slug: training\n    name:\n      uk: навчання\n      en: training\n"            # 2
                    "  - slug: training\n    name:\n      uk: навчання ще раз\n      en: again\n"      # 6
                    "  - slug: Соцпослуги\n    name:\n      uk: соціальні послуги\n      en: services\n"  # 10
                    "  - slug: family\n    name:\n      uk: сімʼя\n"                                      # 14
                    "  - hromadas\n", encoding="utf-8")                                               # 17
    found = {p.line: p.message for p in problems_of(tmp_path) if p.path == tags}
    assert "given twice (also on line 2)" in found[6]
    assert "Latin slug" in found[10]
    assert "has no 'en' text" in found[15]  # at its 'name:'
    assert "expected a topic with its 'slug:' and 'name:'" in found[17]

    tags.write_text("training:\n  uk: навчання\n  en: training\n", encoding="utf-8")  # the map of before the editor
    found = {p.line: p.message for p in problems_of(tmp_path) if p.path == tags}
    assert list(found) == [1] and "a list under 'topics:'" in found[1]


@pytest.mark.parametrize(("kind", "level"), [
    ("list", lambda depth: "    " * depth + "- пункт"),
    ("list with tabs", lambda depth: "\t" * depth + "- пункт"),
    ("quote", lambda depth: "> " * depth + "цитата"),
    ("quoted list", lambda depth: "> " * (depth // 2) + "    " * (depth - depth // 2) + "- пункт"),
])
def test_a_text_nested_past_the_limit_is_refused_at_its_line_and_a_real_one_is_not(kind: str, level) -> None:
    """Markdown fails past some 250 levels with an error that names no file; the loader names the line first."""
    lines = [level(depth) for depth in range(LIMIT + 5)]
    assert too_deep("\n".join(lines[: LIMIT + 1])) is None
    assert too_deep("Вступ.\n\n" + "\n".join(lines)) == (LIMIT + 4, LIMIT + 1), kind  # after the two lines of the lead
    html = "\n".join(['<div markdown="1">'] * (LIMIT + 2) + ["текст"] + ["</div>"] * (LIMIT + 2))
    assert too_deep(html) == (LIMIT + 2, LIMIT + 1)
    real = "## Кроки\n\n1. Перший\n    - деталь\n        - ще глибше\n\n> Цитата\n>\n> > вкладена\n\n<div>\n<p>Текст</p>\n</div>\n"
    assert too_deep(real * 50) is None, "closed blocks and ordinary lists never add up"



def test_a_text_markdown_would_take_minutes_to_read_is_refused_before_it_reads_it(tmp_path: Path) -> None:
    """Python-Markdown takes time growing with the square of a paragraph's '[' and '<', of a block's lines, of the
    spaces after a code fence (minutes for a pasted flood): the loader refuses the block that goes over, at its line,
    and reads a text of many real links or a long table at once."""
    links = " ".join(f"[джерело {number}](https://example.org/{number})" for number in range(1000))
    table = "| Громада | Область |\n|---|---|\n" + "| Дружківська | Донецька |\n" * 1469
    assert workload.overload("Вступ.\n\n" + links + "\n\n" + links[:5000] + "\n\n" + table) is None
    assert workload.overload("```\n" + "[" * 50_000 + "\n" + "x\n" * 50_000 + "```\n") is None, "fenced code is not read"
    assert workload.overload("Вступ.\n\n" + "[`" * (workload.BRACKETS + 1)) == (3, "brackets", workload.BRACKETS + 1)
    spread = "\n\n".join(["<a " * 1500] * 3)
    assert workload.overload("Вступ.\n\n" + spread) == (5, "brackets", 1500), "heavy paragraphs add up: refused at the second"
    assert workload.overload("<![CDATA[" * 201) == (1, "brackets", 201 * workload.CDATA_WEIGHT)
    assert workload.overload("Вступ.\n\n" + "# Заголовок\n" * (workload.LINES + 1)) == (3, "lines", workload.LINES + 1)
    assert workload.overload("Вступ.\n\n```" + " " * 600 + "\nкод\n```") == (3, "fence", 603)
    floods = {"brackets": "Вступ.\n\n" + "[" * 3000, "lines": "Вступ.\n\n" + "***\n" * 20_000,
              "fence": "Вступ.\n\n```" + " " * 20_000 + "\nкод\n```"}
    for kind, body in floods.items():
        write_post(tmp_path, f"flood-{kind}", "date: 2026-11-13\n", {"uk": post_text("Т", body=body), "en": post_text("T")})
    (tmp_path / "docs").mkdir()
    started = time.monotonic()
    found = {p.path.parent.name: p for p in problems_of(tmp_path) if "flood" in str(p.path)}
    assert time.monotonic() - started < 30
    assert "more brackets ('[' or '<') than the site can read in good time (3000" in found["flood-brackets"].message
    assert "more lines with no blank line between them than the site can read in good time (20000" in found["flood-lines"].message
    assert "code block is 20003 characters long" in found["flood-fence"].message
    for kind, problem in found.items():
        lines = problem.path.read_text(encoding="utf-8").splitlines()
        assert problem.line == next(number for number, line in enumerate(lines, 1) if line.startswith(("[[[", "***", "```"))), kind


@pytest.mark.parametrize(("kind", "value"), [
    ("flow lists", "tags: " + "[" * 100_000 + "]" * 100_000),
    ("flow mappings", "tags: " + "{a: " * 5_000 + "b" + "}" * 5_000),
    ("block lists", "tags:\n  " + "- " * 100_000 + "training"),
    ("indented mappings", "extra:\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(1, 3_000)) + " " * 3_000 + "v"),
])
def test_values_nested_past_the_limit_are_refused_at_their_line_before_yaml_recurses(tmp_path: Path, kind: str,
                                                                                    value: str) -> None:
    """PyYAML builds nested values by recursion: a thousand levels raise a RecursionError naming no file, a hundred
    thousand crash the process. The loader names the line first, in seconds."""
    write_post(tmp_path, "deep", "date: 2026-11-13\n" + value + "\n", {"uk": post_text("Т"), "en": post_text("T")})
    (tmp_path / "docs").mkdir()
    started = time.monotonic()
    (problem,) = [p for p in problems_of(tmp_path) if "deep" in str(p.path)]
    assert time.monotonic() - started < 30
    assert "nested more than 20 levels deep" in problem.message, kind
    lines = problem.path.read_text(encoding="utf-8").splitlines()
    assert problem.line == next(number for number, line in enumerate(lines, 1) if line.startswith(("tags:", "extra:"))) + \
        (0 if kind.startswith("flow") else 1 if kind == "block lists" else 20), kind


@pytest.mark.parametrize(("written", "said"), [
    ("2026-11-10 10:00 EET", "'2026-11-10 10:00 EET' is not a time written as the site reads it: write it like 2026-11-23 09:30"),
    ("{date: 2026-11-18}", "expected a date like 2026-11-23, or a time like 2026-11-23 09:30 or 2026-11-23T09:30:00+02:00, got {date: 2026-11-18}"),
    ("'2026-11-10T10:00:00+25:00'", "is not a time written as the site reads it"),
    ("0000-01-01", "'0000-01-01' is not a date in the calendar: there is no year 0"),
    ("２０２６-１１-１０", "expected a date like 2026-11-23"),
])
def test_a_date_written_wrongly_is_told_what_is_wrong_with_it(tmp_path: Path, written: str, said: str) -> None:
    """A valid day with a time written otherwise was said to be no day of the calendar («November 2026 has 30 days»)."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    write_post(tmp_path, "wrong-date", f"date: {written}\n", {"uk": post_text("Т"), "en": post_text("T")})
    (found,) = [p.describe(tmp_path) for p in problems_of(tmp_path)]
    assert found.startswith("news/2026/wrong-date/index.uk.md:4: 'date': ") and said in found, found


def test_a_month_day_or_hour_of_one_digit_is_read_as_meant(tmp_path: Path) -> None:
    """`2026-11-5` and `2026-12-15 9:00`, which YAML and Python read as no date, were said to be no day of the calendar."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    write_post(tmp_path, "short-date", "date: 2026-11-5\npublish_at: 2026-11-5 9:00\nevent: {date: 2026-11-3, place: {uk: Львів, en: Lviv}}\n",
               {"uk": post_text("Т"), "en": post_text("T")})
    write_post(tmp_path, "short-zone", "date: 2026-11-6\npublish_at: 2026-11-6T9:00+01:00\n", {"uk": post_text("Т"), "en": post_text("T")})
    zoned, post = load_content(tmp_path, ("uk", "en")).posts
    assert (post.date, post.publish_at, post.event.date) == (datetime(2026, 11, 5, tzinfo=KYIV), datetime(2026, 11, 5, 9, tzinfo=KYIV),
                                                             date(2026, 11, 3))
    assert zoned.publish_at == datetime(2026, 11, 6, 10, tzinfo=KYIV)


@pytest.mark.parametrize(("lang", "written", "line", "said", "fixed"), [
    ("uk", 'title: "Проєкт "Спільно": підсумки року', 2, "begins with a quote but goes on after the closing one",
     'title: "Проєкт «Спільно»: підсумки року"'),
    ("en", "title: 'UNICEF's training in Lviv", 2, "begins with a quote but goes on after the closing one",
     "title: \"UNICEF's training in Lviv\""),
    ("uk", 'title: "Тренінг для фахівців громад у Львові', 2, "a quote opened on this line is never closed", None),
])
def test_a_quote_a_writer_left_open_or_doubled_is_shown_fixed_on_its_own_line(tmp_path: Path, lang: str, written: str,
                                                                             line: int, said: str, fixed: str | None) -> None:
    """The fixed line of `"Проєкт "Спільно": …` came out garbled («Проєкт »Спільно\\"…), and a quote left open was
    blamed on the next line, whose own quotes were right."""
    writers_mistakes(tmp_path)
    shutil.rmtree(tmp_path / "news" / "2026")
    texts = {"uk": post_text("Т"), "en": post_text("T")}
    texts[lang] = f'---\n{written}\nsummary: "Підсумок: що змінилося"\n---\n\nТекст.\n'
    write_post(tmp_path, "quotes", "date: 2026-11-10\n", texts)
    (problem,) = [p for p in problems_of(tmp_path) if p.path.name == f"index.{lang}.md"]
    assert problem.line == line and said in problem.message, (problem.line, problem.message)
    if fixed is not None:
        assert problem.hint is not None and problem.hint.endswith(fixed), problem.hint


def test_every_mistake_of_a_partner_is_found_in_one_run(tmp_path: Path) -> None:
    """A wrong kind and website hid the missing English name and the missing logo until they were fixed."""
    writers_mistakes(tmp_path)
    (tmp_path / "partners" / "family-fund.yml").write_text(
        "kind: фонд\nname:\n  uk: Фонд «Родина поруч»\ndescription:\n  uk: Опис.\n  en: About.\n"
        "website: family-nearby.example.org\nlogo: logo.png\n", encoding="utf-8")
    found = {(p.line, p.field) for p in problems_of(tmp_path) if p.path.name == "family-fund.yml"}
    assert found == {(1, "kind"), (2, "name"), (7, "website"), (8, "logo")}, found
