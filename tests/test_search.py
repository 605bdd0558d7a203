"""Search: the index written by the build, and what a reader gets from the search box, in Chromium.

The browser tests drive the system Chromium through Playwright (bench/browsing.py). Those on the
built test site type into the real search box, and run the benchmark's queries; those on a small
site of known pages check which word forms, families, typos and names find each other, with the
same indexing code and scripts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.browsing import find, served, site_path
from bench.corpus import copy_project
from bench.search_recall import load_queries, with_material_search
from conftest import build
from hub.content.errors import ContentError
from hub.content.load import SYNONYMS, load_content
from hub.outputs import search, vocabulary
from hub.outputs.search import SYNONYMS_FILE, SearchDocuments, normalize_apostrophes
from hub.outputs.vocabulary import WORDS_FILE, Vocabulary
from reading import BASE, search_records

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "assets" / "search"
LANGS = ("uk", "en")


# -- the indexing step, without a browser ------------------------------------------------------

def test_apostrophes_between_ukrainian_letters_become_one_letter() -> None:
    for typed in ("сім'я", "сім’я", "сім‘я", "сім`я", "сімʼя"):
        assert normalize_apostrophes(typed) == "сімʼя"
    assert normalize_apostrophes("'Лапки' навколо слова") == "'Лапки' навколо слова"
    assert normalize_apostrophes("children's rights") == "children's rights"


def _built_page(article: str, lang: str = "uk") -> str:
    return (f'<html lang="{lang}"><head><title>t</title></head><body><nav>Меню сайту</nav>'
            f'<article class="md-content__inner md-typeset">{article}</article><footer>Підвал</footer></body></html>')


def test_only_the_pages_own_text_is_indexed(tmp_path: Path) -> None:
    """As the hub's templates write a post: other posts' cards and the way back are marked for Pagefind to skip."""
    documents = SearchDocuments()
    documents.add("uk", "news/2026/x/", _built_page(
        '<article class="hub-post"><h1 id="x">Сім’я<a class="headerlink" href="#x" title="Permanent link">&para;</a></h1>'
        '<p class="hub-meta"><time datetime="2026-11-05" data-pagefind-meta="date">5 листопада 2026</time>'
        '<a class="hub-tag" href="#">Навчання</a><a class="hub-tag" href="#">Громади</a></p><p>Текст</p>'
        '<ul class="hub-cards" data-pagefind-ignore><li>Картка іншого допису</li></ul>'
        '<p class="hub-back" data-pagefind-ignore><a href="#">Усі новини</a></p></article>'))
    documents.add("uk", "about/", "<html lang='uk'><body><p>no content area</p></body></html>")
    assert documents.write_index("uk", tmp_path) == 1
    documents.discard()
    (record,) = search_records(tmp_path)
    assert record["lang"] == "uk" and record["url"] == "/news/2026/x/"
    assert "Сімʼя" in record["content"] and "Текст" in record["content"]
    assert "Навчання Громади" in record["content"], "links that touch on the page are still two words"
    assert "Меню сайту" not in record["content"] and "Підвал" not in record["content"], "not the theme's navigation"
    assert "Картка" not in record["content"] and "Усі новини" not in record["content"] and "¶" not in record["content"]
    assert record["meta"]["date"] == "5 листопада 2026"


def test_materials_own_search_still_indexes_both_languages(tmp_path: Path) -> None:
    """The benchmark's comparison: with Material's `search` plugin on, the languages are built in one process
    and its one index holds the pages of both (mkdocs-static-i18n's merge, which the hub runs after its passes)."""
    root = with_material_search(copy_project(tmp_path / "project"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "in parallel" not in result.stderr
    docs = json.loads((root / "site/search/search_index.json").read_bytes())["docs"]
    for prefix in ("en/about/", "about/"):
        texts = " ".join(doc["text"] for doc in docs if doc["location"].startswith(prefix))
        assert len(texts.split()) > 50, f"{prefix}: the page's text is indexed, not only its title"


def test_each_language_has_a_whole_bundle_of_its_own(site: Path) -> None:
    for lang in LANGS:
        bundle = site / "pagefind" / lang
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        meta = entry["languages"][lang]
        assert (bundle / f"pagefind.{meta['hash']}.pf_meta").is_file() and (bundle / "pagefind.js").is_file()
        assert (bundle / f"wasm.{meta['wasm'] or 'unknown'}.pagefind").is_file(), "the engine that reads the index"
        assert not [path.name for path in bundle.glob("pagefind-*ui*")], "Pagefind's own search boxes, which the site never loads"


def test_each_language_has_its_own_index_without_listing_or_untranslated_pages(site: Path) -> None:
    urls = {lang: {r["url"] for r in search_records(site) if r["lang"] == lang} for lang in ("uk", "en")}
    assert urls["uk"] and not [url for url in urls["uk"] if url.startswith("/en/")]
    assert urls["en"] and all(url.startswith("/en/") for url in urls["en"])
    assert not {"/news/", "/news/2025/", "/news/tags/training/", "/en/news/", "/en/news/tags/training/"} & (urls["uk"] | urls["en"])
    assert "/news/2026/synthetic-english-only/" not in urls["uk"], "a page with only a 'not translated' notice"
    assert "/en/news/2026/synthetic-english-only/" in urls["en"]


def test_the_vocabulary_holds_the_indexed_words_with_the_pages_they_are_on(site: Path) -> None:
    """The words the box corrects typos to are exactly those Pagefind indexed, of five letters or more."""
    for lang in LANGS:
        pages: Counter[str] = Counter()
        for record in (r for r in search_records(site) if r["lang"] == lang):
            pages.update({word for word in vocabulary.WORD.findall(record["content"].lower()) if len(word.replace("ʼ", "")) >= 5})
        data = json.loads((site / "pagefind" / lang / WORDS_FILE).read_text(encoding="utf-8"))
        held = {word: int(count) for count, words in data["pages"].items() for word in words.split()}
        assert held == dict(pages), lang
        assert ({"деінституціалізація", "реінтеграція", "усиновлення", "обʼєднання"} if lang == "uk" else {"reintegration"}) <= held.keys()


def test_the_vocabulary_leaves_out_what_pagefind_leaves_out(tmp_path: Path) -> None:
    """Each element holds a word of its own; the vocabulary and Pagefind's index must hold the same ones."""
    elements = [*vocabulary.LEFT_OUT, "header", "aside", "button", "select", "figcaption", "table"]
    documents = SearchDocuments()
    documents.add("en", "page/", _built_page("<p>Start.</p>" + "\n".join(f"<{name}>words{name}</{name}>" for name in elements)
                                             + '<div data-pagefind-ignore><div>inner</div>wordsignored</div>', "en"))
    documents.write_index("en", tmp_path)
    documents.discard()
    (record,) = search_records(tmp_path)
    held = json.loads((tmp_path / "pagefind/en" / WORDS_FILE).read_text(encoding="utf-8"))["pages"]["1"].split()
    assert held == sorted(word for word in vocabulary.WORD.findall(record["content"].lower()) if len(word) >= 5)
    assert "wordsheader" in held and "wordsform" not in held and "wordsignored" not in held


def test_the_vocabulary_keeps_the_most_frequent_words_up_to_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = Vocabulary()
    for text in ("Громада підтримує родини.", "Громада і родини.", "Громада."):
        kept.add(_built_page(f"<p>{text}</p><ul data-pagefind-ignore><li>Картка <b>іншого</b> допису</li></ul>"
                             "<form><label>Адреса пошти</label></form><p>рeформа</p>"))
    monkeypatch.setattr(vocabulary, "LIMIT", 2)
    assert kept.write(tmp_path) == 2
    data = json.loads((tmp_path / WORDS_FILE).read_text(encoding="utf-8"))
    assert data == {"pages": {"3": "громада", "2": "родини"}}, "not «підтримує» (one page), short, ignored or mixed words"


def test_the_synonyms_of_the_content_and_of_the_partners_names_reach_each_bundle(site: Path) -> None:
    for lang in LANGS:
        groups = json.loads((site / "pagefind" / lang / SYNONYMS_FILE).read_text(encoding="utf-8"))["groups"]
        assert ["KfW", "КфВ"] in groups, "news/search-synonyms.yml"
        assert ["ЮНІСЕФ", "UNICEF"] in groups, "partners/unicef.yml: its short names"
        assert [group for group in groups if "KfW" in group] == [["KfW", "КфВ"]], "a name written alike is no group"


def test_a_wrong_line_of_the_synonyms_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / SYNONYMS).write_text("# names\nKfW: [КфВ]\nyes: [так]\nЮНІСЕФ:\nЄС: [EU, <b>ЄС</b>]\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(root, LANGS)
    report = raised.value.report()
    assert "news/search-synonyms.yml:3: YAML reads this word as True, not as a word: put it in quotes" in report
    assert "news/search-synonyms.yml:4: 'ЮНІСЕФ': is missing: expected a list of a word or a name" in report
    assert "news/search-synonyms.yml:5: 'ЄС': item 2: is plain text, but holds markup" in report
    assert len(raised.value.problems) == 3


# -- the search box of the built site ------------------------------------------------------------

@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page()
    failures: list[str] = []
    opened.on("pageerror", lambda error: failures.append(str(error)))
    first_party = ("http://127.0.0.1", BASE)  # Material's script reads the sitemap from the site's own address
    opened.on("request", lambda request: None if request.url.startswith(first_party) else failures.append(request.url))
    yield opened
    opened.close()
    assert not failures, f"script errors or requests to another host: {failures}"


def search_box(page: Page, query: str) -> list[str]:
    """Type `query` into the page's search box as a reader would; the site-relative URLs of the results shown."""
    page.keyboard.press("/")
    box = page.get_by_role("searchbox")
    expect(box).to_be_focused()
    box.press_sequentially(query)
    expect(page.locator("#hub-search-results > li").first).to_be_visible(timeout=10_000)
    return [site_path(href) for href in page.locator("#hub-search-results a").evaluate_all("links => links.map(a => a.href)")]


def test_a_query_on_a_ukrainian_page_finds_ukrainian_pages_from_an_inflected_form(page: Page, base: str) -> None:
    page.goto(base + "methodology/")
    results = search_box(page, "реінтеграції")
    assert "methodology/reintegration/" in results[:3], results
    assert results and not [url for url in results if url.startswith("en/")]
    expect(page.get_by_role("status")).to_have_text(_count_pattern("результат"))
    expect(page.locator("#hub-search-results mark").first).to_be_visible()


def test_a_query_on_an_english_page_finds_english_pages_from_another_form(page: Page, base: str) -> None:
    page.goto(base + "en/methodology/")
    expect(page.get_by_role("searchbox")).to_have_attribute("placeholder", "Search")
    results = search_box(page, "reintegrating")
    assert "en/methodology/reintegration/" in results[:3], results
    assert all(url.startswith("en/") for url in results)
    expect(page.get_by_role("status")).to_have_text(_count_pattern("result"))


def test_news_results_show_their_date_and_the_keyboard_opens_them(page: Page, base: str) -> None:
    page.goto(base)
    results = search_box(page, "меморандумів")
    assert results[0] == "news/2026/eastern-communities-sign-memorandums/"
    expect(page.locator("#hub-search-results .hub-search__date").first).to_have_text("2 листопада 2026")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#hub-search-results a").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/2026/eastern-communities-sign-memorandums/")


def test_hidden_posts_are_not_found(page: Page, base: str) -> None:
    page.goto(base)
    page.keyboard.press("/")
    page.get_by_role("searchbox").fill("невидимка")  # a word of the draft's title only
    expect(page.get_by_role("status")).to_have_text("Нічого не знайдено", timeout=10_000)
    page.get_by_role("searchbox").fill("Чернетка-невидимка")  # the title: the guide speaks of drafts
    expect(page.get_by_role("status")).to_contain_text("Показано результати без: невидимка")
    assert "news/2026/synthetic-draft/" not in [site_path(href) for href in
                                                page.locator("#hub-search-results a").evaluate_all("links => links.map(a => a.href)")]


# -- a query that finds nothing is no dead end ---------------------------------------------------

def test_every_query_of_the_benchmark_finds_its_pages_among_the_first_five(browser: Browser, base: str) -> None:
    """scripts/bench/search_queries.yml: inflected forms, word families, typos, other layouts and scripts, and words
    no page has beside the others (issue 22's queries among them), on the page of their language."""
    misses = []
    for lang, home in (("uk", ""), ("en", "en/")):
        opened = browser.new_page()
        opened.goto(base + home)
        for query in (q for q in load_queries() if q.lang == lang):
            found = find(opened, query.text, 5)
            misses += [f"{query.text!r} → {found}" for wanted in query.pages if wanted not in found]
        opened.close()
    assert not misses, misses


def test_a_misspelt_word_is_corrected_from_the_sites_words_and_the_box_says_so(page: Page, base: str) -> None:
    page.goto(base)
    results = search_box(page, "юнисеф")  # Russian spelling: и for і
    assert results[0] == "partners/unicef/"
    expect(page.get_by_role("status")).to_contain_text("Показано результати для «юнісеф»")


def test_words_no_page_has_with_the_others_are_left_out_and_named_in_english(page: Page, base: str) -> None:
    page.goto(base + "en/")
    results = search_box(page, "internally displaced persons")  # the pages say "internally displaced families"
    assert set(results[:3]) == {"en/methodology/community-social-services/", "en/projects/jointly/",
                                "en/news/2026/eastern-communities-sign-memorandums/"}, results
    expect(page.get_by_role("status")).to_contain_text("No page has all the words. Showing results without: persons")


def test_a_correction_that_would_find_more_is_offered_to_click(page: Page, base: str, site: Path) -> None:
    page.goto(base)
    search_box(page, "деінституалізація кенгуру дітей")  # a typo, a word of no page, and a word of many
    status = page.get_by_role("status")
    expect(status).to_contain_text("без: деінституалізація, кенгуру")
    suggestion = status.get_by_role("button", name="деінституціалізація кенгуру дітей")
    expect(status).to_contain_text("Можливо, ви мали на увазі «деінституціалізація кенгуру дітей»?")
    suggestion.click()
    expect(page.get_by_role("searchbox")).to_have_value("деінституціалізація кенгуру дітей")
    expect(page.get_by_role("searchbox")).to_be_focused()
    expect(status).to_contain_text("Показано результати без: кенгуру")
    expect(status.get_by_role("button")).to_have_count(0)
    first = page.locator("#hub-search-results a").first.get_attribute("href")
    (text,) = [r["content"] for r in search_records(site) if r["url"] == first]
    assert "деінституціалізац" in text and "дітей" in text, "the first result has both words found"


def _count_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"^\d+ {word}")


# -- which forms find each other, on a small site of known pages -----------------------------------

KNOWN = {
    "uk/child/": ("uk", "Дитина в новій родині", "Дитина має право зростати з батьками, а родина дитини — на підтримку."),
    "uk/children/": ("uk", "Діти та громада", "Діти ходять до школи у своїх громадах."),
    "uk/family/": ("uk", "Сімʼя поруч", "Патронатна сімʼя приймає малюків на час кризи."),
    "uk/services/": ("uk", "Соціальні послуги", "Послуги для батьків: консультації та реінтеграція."),
    "uk/schools/": ("uk", "Закриття шкіл-інтернатів", "Скільки шкіл закрили минулого року."),
    "uk/adoption/": ("uk", "Усиновлення", "Усиновлювачі проходять навчання."),
    "uk/town/": ("uk", "Дружківська рада", "Засідання ради Дружківської міської територіальної одиниці."),
    "uk/bank/": ("uk", "Банк KfW", "Банк фінансує проєкт."),
    "en/services/": ("en", "Social services", "Services for families in their communities."),
}
KNOWN_SYNONYMS = (("KfW", "КфВ"),)


@pytest.fixture(scope="module")
def known_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages with one topic each, indexed by the build's own code, with the site's search scripts."""
    root = tmp_path_factory.mktemp("search-site")
    documents = SearchDocuments()
    documents.synonyms = KNOWN_SYNONYMS
    for url, (lang, title, text) in KNOWN.items():
        path = root / url / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(_built_page(f"<h1>{title}</h1><p>{text}</p>", lang), encoding="utf-8")
        documents.add(lang, url, path.read_text(encoding="utf-8"))
    documents.part_pages = 3  # a large site's bundle: parts the browser searches as one
    assert sum(documents.write_index(lang, root) for lang in LANGS) == len(KNOWN)
    assert json.loads((root / "pagefind/uk/hub-synonyms.json").read_text(encoding="utf-8"))["parts"] == ["part-2/", "part-3/"]
    assert (root / "pagefind/uk/part-3/pagefind-entry.json").is_file()
    documents.discard()
    assert not documents.folder.exists(), "the pages' searchable parts are not left behind"
    shutil.copytree(SCRIPTS, root / "assets" / "search")
    config = '{"base": "/", "lang": "%s", "bundle": "pagefind/%s/"}'
    for url, (lang, _, _) in KNOWN.items():
        page = root / url / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "</body>", f'<script type="application/json" id="hub-search-config">{config % (lang, lang)}</script></body>'),
            encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def known(known_site: Path, browser: Browser) -> Iterator[Page]:
    with served(known_site) as url:
        opened = browser.new_page()
        opened.goto(url + "uk/child/")
        yield opened
        opened.close()


@pytest.mark.parametrize("query, wanted", [
    ("дитини", {"uk/child/", "uk/children/"}),
    ("дітей", {"uk/child/", "uk/children/"}),
    ("дитина", {"uk/child/", "uk/children/"}),
    ("громадах", {"uk/children/"}),
    ("громада", {"uk/children/"}),
    ("послуг", {"uk/services/"}),
    ("реінтеграції", {"uk/services/"}),
    ("сім'я", {"uk/family/"}),
    ("сім’ї", {"uk/family/"}),
    ("сімей", {"uk/family/"}),
    ("шкіл", {"uk/schools/", "uk/children/"}),
])
def test_inflected_forms_find_each_other(known: Page, query: str, wanted: set[str]) -> None:
    found = set(find(known, query, shown=10))
    assert found == wanted, f"{query!r} found {sorted(found)}"


@pytest.mark.parametrize("query, wanted", [
    ("усиновити", {"uk/adoption/"}),  # the verb finds the noun
    ("усиновлювачам", {"uk/adoption/"}),
    ("усиновленні", {"uk/adoption/"}),
    ("Дружківка", {"uk/town/"}),  # the town finds its adjective
    ("дружківський", {"uk/town/"}),
    ("КфВ", {"uk/bank/"}),  # a name in the other script, from the synonyms
    ("кфв банк", {"uk/bank/"}),
    ("реинтеграцыя", {"uk/services/"}),  # Russian letters: ы, и for і
    ("реiнтеграцiя", {"uk/services/"}),  # Latin i inside a Cyrillic word
    ("послугы", {"uk/services/"}),
])
def test_word_families_names_and_other_keyboards_find_each_other(known: Page, query: str, wanted: set[str]) -> None:
    found = set(find(known, query, shown=10))
    assert found == wanted, f"{query!r} found {sorted(found)}"


FOUND = """async (query) => {
  const config = JSON.parse(document.getElementById("hub-search-config").textContent);
  const engine = await import("/assets/search/engine.js");
  const found = await engine.find(query, config.lang, new URL("/", location.href), new URL(config.bundle, location.origin + "/"));
  return {...found, results: found.results.map((result) => new URL(result.url, location.href).pathname.slice(1))};
}"""


def test_a_typo_is_corrected_to_the_closest_word_of_the_site_only_when_the_query_finds_nothing(known: Page) -> None:
    fresh = known.context.browser.new_page()  # the scripts not loaded yet
    requested: list[str] = []
    fresh.on("request", lambda request: requested.append(request.url))
    fresh.goto(known.url)
    assert fresh.evaluate(FOUND, "громаді") == {"total": 1, "results": ["uk/children/"]}, "nothing said of a query that finds"
    assert any(SYNONYMS_FILE in url for url in requested)
    assert not any(WORDS_FILE in url or "typos.js" in url for url in requested), "fetched only for a query that finds nothing"
    assert fresh.evaluate(FOUND, "усеновлення") == {"total": 1, "results": ["uk/adoption/"], "corrected": "усиновлення"}
    assert any(WORDS_FILE in url for url in requested)
    assert fresh.evaluate(FOUND, "Проходять усеновлення")["corrected"] == "Проходять усиновлення", "the reader's capitals kept"
    fresh.close()


def test_a_word_the_site_lacks_is_left_out_and_the_others_found(known: Page) -> None:
    assert known.evaluate(FOUND, "усиновлення кенгуру") == {
        "total": 1, "results": ["uk/adoption/"], "leftOut": ["кенгуру"], "suggestion": None}
    found = known.evaluate(FOUND, "усиновлювачі навчання батьків")  # no page has all three: the one with two first
    assert found["results"][0] == "uk/adoption/" and set(found["results"][1:]) == {"uk/services/", "uk/child/"}
    assert found["leftOut"] == ["батьків"]


TYPOS = """async ([word, known]) => {
  const typos = await import("/assets/search/typos.js");
  return typos.correct(word, known.map(([word, pages]) => ({word, folded: word, pages})));
}"""


@pytest.mark.parametrize("typed, corrected", [
    ("reintegartion", "reintegration"),  # two letters swapped: one edit
    ("zaporizhia", "zaporizhzhia"),  # two left out, in a word of eight letters or more
    ("unisef", "unicef"),
    ("юнисеф", "юнісеф"),  # и for і: half an edit
    ("громадя", "громада"),  # of two words as close, the one on more pages
    ("unicf", "unicef"),  # one left out
    ("unisaf", None),  # two edits in a word of fewer than eight letters: too far
    ("рефорама", "реформа"),
])
def test_the_correction_is_the_closest_and_most_frequent_word_within_reach(known: Page, typed: str, corrected: str | None) -> None:
    vocabulary = [["reintegration", 3], ["zaporizhzhia", 1], ["unicef", 9], ["юнісеф", 9], ["громади", 2], ["громада", 5],
                  ["реформа", 4]]
    assert known.evaluate(TYPOS, [typed, vocabulary]) == corrected


def test_a_ukrainian_page_searches_the_ukrainian_index_only(known: Page) -> None:
    assert find(known, "послуги") == ["uk/services/"]
    assert find(known, "services") == [], "the English page is in the English index"


WORDS = """async (samples) => {
  const words = await import("/assets/search/words.js");
  return samples.map((sample) => [words.normalize(sample), words.stem(sample), words.queries(words.parse(sample, "uk"))]);
}"""


def test_the_query_stemmer_keeps_what_the_forms_share(known: Page) -> None:
    pairs = [("дитини", "дитина"), ("реінтеграції", "реінтеграція"), ("громадах", "громада"), ("послуг", "послуги"),
             ("спроможності", "спроможність"), ("навчанням", "навчань")]
    samples = [word for pair in pairs for word in pair]
    stems = [stem for _, stem, _ in known.evaluate(WORDS, samples)]
    for (first, second), (a, b) in zip(pairs, zip(stems[::2], stems[1::2])):
        assert a == b and first.startswith(a) and second.startswith(b), (first, second, a, b)
    assert [queries for _, _, queries in known.evaluate(WORDS, ["послуги в громаді", "в"])] == [["послуг громад"], ["в"]]


FAMILIES = """async (families) => {
  const words = await import("/assets/search/words.js");
  return families.map((family) => family.map((word) => words.stems(word)[0]));
}"""


def test_the_words_of_a_family_are_searched_as_the_root_they_share(known: Page) -> None:
    families = [["усиновити", "усиновлення", "усиновлювачі", "усиновив"], ["Дружківка", "Дружківська", "дружківському"],
                ["реінтегрувати", "реінтеграція", "реінтеграції"], ["оцінка", "оцінювання", "оцінювати"],
                ["містечок", "містечка", "містечкам"], ["будинок", "будинків"]]
    for family, roots in zip(families, known.evaluate(FAMILIES, families)):
        assert len(set(roots)) == 1 and all(word.lower().startswith(roots[0]) for word in family), (family, roots)
    unchanged = ["громада", "послуги", "соціальних", "дитини", "Оксани", "районного"]
    assert [roots[0] for roots in known.evaluate(FAMILIES, [[word] for word in unchanged])] == \
        ["громад", "послуг", "соціальн", "дитин", "оксан", "район"], "no root shorter than four letters, no cut of a plain stem"


def test_letters_of_other_layouts_are_read_as_ukrainian_ones(known: Page) -> None:
    typed = ["реинтеграцыя", "обьэкт", "обЪєднання", "реiнтеграцiя", "ёлка", "Lumos", "children's"]
    assert [text for text, _, _ in known.evaluate(WORDS, typed)] == \
        ["реинтеграция", "обьект", "обʼєднання", "реінтеграція", "елка", "lumos", "children's"]


def test_the_browser_writes_apostrophes_as_the_index_does(known: Page) -> None:
    samples = ["сім'я", "Сім’я", "сім`я", "об‘єднання", "'сім'я'", "children's"]
    normalized = [text for text, _, _ in known.evaluate(WORDS, samples)]
    assert normalized == [normalize_apostrophes(sample).lower() for sample in samples]


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no folder in memory on this system")
def test_only_the_part_pagefind_indexes_waits_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The searchable parts of every page waited in /dev/shm, one file a page: 40 MB at 2,000 posts per language at
    the build's peak. They wait in a log on the disk, and only the part being indexed is in memory, when it fits."""
    documents = SearchDocuments()
    try:
        assert documents.folder.parent == Path(tempfile.gettempdir())
        for number in range(5):
            documents.add("uk", f"news/{number}/", _built_page(f"<h1>Допис {number}</h1><p>Текст.</p>", "uk"))
        assert [path.name for path in documents.folder.iterdir()] == ["uk.jsonl"]
        folders: list[Path] = []

        def pagefind(pages: Path, bundle: Path, words: Vocabulary, background: bool = False) -> int:
            folders.append(pages)
            bundle.mkdir(parents=True)
            return len(list(pages.rglob("index.html")))

        monkeypatch.setattr(search, "_pagefind", pagefind)
        documents.part_pages = 2
        assert documents.write_index("uk", tmp_path) == 5
        assert len(folders) == 3 and all(folder.parent == Path("/dev/shm") for folder in folders)
        assert search._in_memory(10 ** 15) is None, "on the disk rather than fill the memory"
    finally:
        documents.discard()
    assert not documents.folder.exists()


def test_the_log_of_searchable_parts_gives_each_pages_last_text() -> None:
    """Read one at a time from the disk, never all at once; a page left out since (None) is gone; other processes
    (a language's forked pass) append to the same log."""
    documents = SearchDocuments()
    try:
        documents.add("uk", "news/a/", _built_page("<h1>Перший</h1><p>Старий текст.</p>", "uk"))
        documents.add("uk", "", _built_page("<h1>Головна</h1><p>Громади.</p>", "uk"))
        documents.add("uk", "news/b/", _built_page("<h1>Другий</h1><p>Текст\tз табуляцією.</p>", "uk"))
        documents.keep("uk", "news/a/", _built_page("<h1>Перший</h1><p>Новий текст.</p>", "uk"))
        documents.keep("uk", "news/b/", None)
        child = os.fork()
        if child == 0:  # as a language's pass does
            documents.add("en", "en/news/a/", _built_page("<h1>First</h1><p>Text.</p>", "en"))
            os._exit(0)
        os.waitpid(child, 0)
        pages = search.DocumentLog(documents.folder / "uk.jsonl")
        assert list(pages) == ["", "news/a/"] and len(pages) == 2
        assert "Новий текст" in pages["news/a/"] and "Старий" not in pages["news/a/"]
        assert [(lang, url) for lang, url, _ in documents.documents()] == [("en", "en/news/a/"), ("uk", ""),
                                                                           ("uk", "news/a/")]
    finally:
        documents.discard()
