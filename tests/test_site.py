"""The built site as readers meet it, in both languages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import build, copy_project, post_text, write_post, reader_pages
from reading import links, page, resolve, search_records, switcher, text

LANGS = {"uk": "", "en": "en/"}
POST = "news/2026/synthetic-due/"
PROJECT = "projects/jointly/"
PARTNER = "partners/unicef/"
CDNS = re.compile(r"unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|"
                  r"googletagmanager\.com|google-analytics\.com")
"""Where a theme's or a library's script fetches code, fonts or counts readers from."""
HIDDEN = ("synthetic-draft", "synthetic-future", "synthetic-scheduled")
HIDDEN_TITLES = ("Чернетка-невидимка", "Invisible draft", "Допис-із-майбутнього", "Post from the future",
                 "Запланований-на-вечір", "Scheduled for the evening")


def all_html(site: Path) -> list[Path]:
    return reader_pages(site)


@pytest.mark.parametrize("url", ["", "about/", "methodology/", "news/", "news/page/2/", "news/2025/", "news/tags/",
                                 POST, PROJECT, "projects/", PARTNER, "partners/", "subscribe/"])
@pytest.mark.parametrize("lang", LANGS)
def test_page_exists_in_both_languages_with_right_lang(site: Path, url: str, lang: str) -> None:
    html = page(site, LANGS[lang] + url)
    assert html.get("lang") == lang
    assert html.xpath("//h1"), f"{LANGS[lang] + url} has no title"


@pytest.mark.parametrize("url", [POST, PROJECT, PARTNER, "news/", "projects/", "partners/", "about/", ""])
def test_switcher_lands_on_the_translation(site: Path, url: str) -> None:
    assert switcher(site, url, "en") == "en/" + url
    assert switcher(site, "en/" + url, "uk") == url


def test_every_page_declares_its_language(site: Path) -> None:
    for path in all_html(site):
        relative = path.relative_to(site).as_posix()
        expected = "en" if relative.startswith("en/") else "uk"
        assert f'<html lang="{expected}"' in path.read_text(encoding="utf-8"), relative


def test_project_page_lists_its_partners_and_news_newest_first(site: Path) -> None:
    for prefix in LANGS.values():
        url = prefix + PROJECT
        targets = links(site, url)
        assert prefix + "partners/unicef/" in targets
        assert prefix + "partners/kfw/" in targets
        news = links(site, url, '//section[contains(@class, "hub-related")]//a[contains(@href, "news/")]')
        assert news[0] == prefix + POST, "the newest post comes first"
        dates = page(site, url).xpath('//section[contains(@class, "hub-related")]//time/@datetime')
        assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def test_partner_page_lists_its_projects_and_news(site: Path) -> None:
    for prefix in LANGS.values():
        targets = links(site, prefix + PARTNER)
        assert prefix + PROJECT in targets
        assert prefix + POST in targets


def test_post_links_its_projects_partners_and_tags(site: Path) -> None:
    for prefix in LANGS.values():
        targets = links(site, prefix + "news/2026/lviv-strategy-planning-training/", '//article[contains(@class, "hub-post")]//a[@href]')
        assert prefix + "projects/strategy-pilot-regions/" in targets
        assert prefix + "partners/coordination-center/" in targets
        assert prefix + "news/tags/training/" in targets
        own = [t for t in targets if t.startswith(("news/", "projects/", "partners/", "en/"))]
        assert all(t.startswith("en/") == bool(prefix) for t in own), "a post links the pages of its own language"


def test_drafts_and_future_posts_appear_nowhere(site: Path) -> None:
    for slug in HIDDEN:
        assert not list(site.rglob(f"*{slug}*")), slug
    haystack = [*all_html(site), site / "sitemap.xml"]
    for path in haystack:
        content = path.read_text(encoding="utf-8")
        for needle in (*HIDDEN, *HIDDEN_TITLES):
            assert needle not in content, f"{needle} leaks into {path.relative_to(site)}"
    for record in search_records(site):
        indexed = record["url"] + record["content"] + json.dumps(record["meta"], ensure_ascii=False)
        for needle in (*HIDDEN, *HIDDEN_TITLES):
            assert needle not in indexed, f"{needle} leaks into the search index ({record['url']})"


def test_a_post_due_today_is_published(site: Path) -> None:
    assert "Щойно-опублікований" in text(site, "news/")
    assert "Just published" in text(site, "en/news/")
    assert "news/2026/synthetic-due/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_untranslated_post_shows_a_notice_linking_to_the_original(site: Path) -> None:
    url = "news/2026/synthetic-english-only/"
    notice = page(site, url).xpath('//*[contains(@class, "hub-untranslated")]')
    assert notice and "ще не перекладено" in notice[0].text_content()
    assert notice[0].xpath(".//a/@href") and links(site, url, '//*[contains(@class, "hub-untranslated")]//a') == ["en/" + url]
    assert switcher(site, url, "en") == "en/" + url
    assert "Only in English" in text(site, "en/news/")
    assert "Only in English" not in text(site, "news/"), "the Ukrainian index lists Ukrainian posts only"


def test_news_index_is_paginated_newest_first(site: Path) -> None:
    for prefix in LANGS.values():
        first = page(site, prefix + "news/").xpath('//ul[contains(@class, "hub-cards")]//time/@datetime')
        second = page(site, prefix + "news/page/2/").xpath('//ul[contains(@class, "hub-cards")]//time/@datetime')
        assert len(first) == 10 and second
        assert first + second == sorted(first + second, reverse=True)
        assert prefix + "news/page/2/" in links(site, prefix + "news/", '//nav[contains(@class, "hub-pager")]//a')


def test_year_and_tag_archives(site: Path) -> None:
    assert len(page(site, "news/2025/").xpath('//ul[contains(@class, "hub-cards")]/li')) == 10
    assert (site / "news/2025/page/3/index.html").exists(), "25 posts of 2025 make three pages"
    assert "en/news/tags/training/" in links(site, "en/news/tags/")
    assert "en/news/2026/synthetic-future/" not in links(site, "en/news/tags/training/")


def test_dates_and_plurals_are_localised(site: Path) -> None:
    assert "23 листопада 2026" in text(site, POST)
    assert "23 November 2026" in text(site, "en/" + POST)
    assert re.search(r"\b25 новин\b", text(site, "news/2025/"))
    assert re.search(r"\b25 news items\b", text(site, "en/news/2025/"))


def test_interface_strings_are_in_the_page_language(site: Path) -> None:
    assert "Новини проєкту" in text(site, PROJECT) and "Project news" in text(site, "en/" + PROJECT)
    en_search = page(site, "en/").xpath('//input[@name="query"]/@placeholder')
    uk_search = page(site, "").xpath('//input[@name="query"]/@placeholder')
    assert en_search == ["Search"] and uk_search == ["Пошук"]


def test_home_page_shows_current_projects_and_latest_news(site: Path) -> None:
    for prefix in LANGS.values():
        targets = links(site, prefix)
        assert prefix + POST in targets
        assert any(t.startswith(prefix + "projects/") and t != prefix + "projects/" for t in targets)


def test_partner_directory_is_grouped_by_kind(site: Path) -> None:
    for prefix, kinds in (("", ("Агенції ООН", "Донори та уряди інших країн", "Мережі та коаліції")),
                          ("en/", ("UN agencies", "Donors and governments of other countries", "Networks and coalitions"))):
        headings = [h.text_content().strip() for h in page(site, prefix + "partners/").xpath("//h2")]
        assert all(kind in headings for kind in kinds), headings
        assert links(site, prefix + "partners/").count(prefix + "partners/unicef/") == 1


def test_no_request_to_a_third_party_host(site: Path) -> None:
    external = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for path in all_html(site):
        content = path.read_text(encoding="utf-8")
        for match in external.finditer(content):
            tag = content[match.start(): content.index(">", match.start()) + 1]
            assert 'rel="alternate"' in tag or 'rel="canonical"' in tag, f"{path.relative_to(site)}: {tag}"
    assert not list(site.glob("assets/javascripts/*.map"))
    # Material's own search, 1.2 MB with a source map naming other hosts: the site searches with Pagefind
    assert not (site / "assets/javascripts/lunr").exists() and not (site / "assets/javascripts/workers").exists()
    # What a stylesheet or a script loads itself: Material's script named unpkg.com (a polyfill, mermaid.js).
    for path in [*site.rglob("*.css"), *site.rglob("*.js")]:
        if "admin" not in path.relative_to(site).parts:  # the editor's, for communicators, has a policy of its own
            assert not CDNS.findall(path.read_text(encoding="utf-8")), path.relative_to(site)

def test_posts_are_not_in_the_navigation(site: Path) -> None:
    nav = page(site, "news/").xpath('//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert not [href for href in nav if "synthetic" in href or "/2026/" in href]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_the_navigation_entries_as_their_pages_are_titled(site: Path, lang: str) -> None:
    """The menu reads the same on the first page written and the last: each entry has its page's title (never
    'None', as when a page's text was let go once written)."""
    def entries(url: str) -> dict[str, str]:
        nav = page(site, url).xpath('//nav[contains(@class, "md-nav--primary")]//a[contains(@class, "md-nav__link")]')
        return {link.get("href"): " ".join(link.text_content().split()) for link in nav if "#" not in link.get("href")}

    prefix = LANGS[lang]
    home = {resolve(prefix, href): label for href, label in entries(prefix).items()}
    assert prefix + "methodology/" in home and all(home.values()), home
    for path in all_html(site):
        url = path.parent.relative_to(site).as_posix().removeprefix(".") + "/"
        if path.name != "index.html" or (url.startswith("en/") != (lang == "en")):
            continue
        url = url.removeprefix("/")
        for href, label in entries(url).items():
            target = resolve(url, href)
            assert label and "None" not in label.split(), f"{url}: the entry for {target} reads {label!r}"
            if target in home:
                assert label == home[target], f"{url}: the entry for {target} reads {label!r}, not {home[target]!r}"


def test_search_index_has_both_languages_and_no_listing_pages(site: Path) -> None:
    locations = {record["url"].lstrip("/") for record in search_records(site)}
    assert any(loc.startswith("en/news/2026/") for loc in locations)
    assert any(loc.startswith("news/2026/") for loc in locations)
    assert not any(loc.startswith(("news/page/", "en/news/page/")) for loc in locations)


def test_cover_image_is_published_with_alt_text_and_size(site: Path) -> None:
    for prefix, alt in (("", "Діти малюють у класі"), ("en/", "Children drawing in a classroom")):
        url = prefix + "news/2026/synthetic-cover/"
        (img,) = page(site, url).xpath('//figure[contains(@class, "hub-cover")]/img')
        assert img.get("alt") == alt and (img.get("width"), img.get("height")) == ("640", "360")
        assert (site / resolve(url, img.get("src"))).is_file()
        card = page(site, prefix + "news/").xpath('//img[contains(@class, "hub-card__cover")]')
        assert card and card[0].get("alt") == "", "the card's image is decorative: its title follows"


def test_project_and_partner_pages_show_the_newest_news_and_page_through_the_rest(project: Path, tmp_path: Path) -> None:
    """No page grows with the news: a project's or partner's own page lists the newest ten, older ones follow."""
    root = tmp_path / "project"
    shutil.copytree(project, root)
    for n in range(1, 66):  # with the project's and partner's news in the shipped content: three pages
        write_post(root, f"synthetic-unicef-{n:02}", f"date: 2024-{1 + n // 28:02}-{1 + n % 28:02}\nprojects: [jointly]\npartners: [unicef]\n",
                   {"uk": post_text(f"Новина проєкту {n}"), "en": post_text(f"Project news {n}")}, year="2024")
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for prefix in LANGS.values():
        for own in (prefix + "projects/jointly/", prefix + "partners/unicef/"):
            first = page(site, own)
            shown = first.xpath('//li[@class="hub-card"]//a[contains(@href, "news/")]/@href')
            assert len(shown) == 10, own
            (older,) = first.xpath('//nav[@class="hub-pager"]/a[@rel="next"]/@href')
            second_url = resolve(own, older)
            assert second_url == own + "page/2/"
            second = page(site, second_url)
            assert "2" in second.findtext(".//h1") and first.findtext(".//h1") in second.findtext(".//h1"), "its name, and the page"
            rest = second.xpath('//li[@class="hub-card"]//a[contains(@href, "news/")]/@href')
            assert rest and not set(rest) & set(shown), "the older news, each once"
            dates = [*first.xpath('//li[@class="hub-card"]//time/@datetime'), *second.xpath('//li[@class="hub-card"]//time/@datetime')]
            assert dates == sorted(dates, reverse=True), "newest first, across the pages"
            assert resolve(second_url, second.xpath('//nav[@class="hub-pager"]/a[@rel="prev"]/@href')[0]) == own
            assert second.xpath('//link[@rel="alternate"][@hreflang]/@href'), "linked to its translation"
            assert len(rest) == 50, "an archive holds five listings' worth"
            (third,) = second.xpath('//nav[@class="hub-pager"]/a[@rel="next"]/@href')
            assert resolve(second_url, third) == own + "page/3/"


def test_links_from_the_sites_root_work_under_a_sub_path(project: Path, tmp_path: Path) -> None:
    """`/projects/jointly/`, as the guide teaches, leads to the page on the site's own address, also when the site lives
    at https://<owner>.github.io/<repo>/, and in the preview alike (hub.outputs.page_html)."""
    root = copy_project(tmp_path / "root", project)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://right-to-family.example.org/",
                                                                 "site_url: https://ngo.github.io/hub/"), encoding="utf-8")
    write_post(root, "rooted-links", "date: 2026-11-21\n", {
        "uk": post_text("Посилання", body="Див. [проєкт](/projects/jointly/#partners) і [новини](/news/)."),
        "en": post_text("Links", body="See [the project](/en/projects/jointly/) and [the news](/en/news/)."),
    })
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "absolute link" not in result.stderr
    site = root / "site"
    for lang, url, targets in (("uk", "news/2026/rooted-links/", {"projects/jointly/", "news/"}),
                               ("en", "en/news/2026/rooted-links/", {"en/projects/jointly/", "en/news/"})):
        hrefs = [a.get("href") for a in page(site, url).xpath("//article//a[@href]") if not a.get("href").startswith("#")]
        found = {resolve(url, href) for href in hrefs} & targets
        assert found == targets, (lang, hrefs)
        assert not any(href.startswith("/") for href in hrefs), "relative: the same link works under /hub/"
        for target in targets:
            assert (site / target / "index.html").is_file()


# -- issue 18: a news site with pictures, events, honest projects and the organisation behind it ------------------


def test_every_post_card_and_post_page_has_a_picture(site: Path) -> None:
    for prefix in LANGS.values():
        for listing in (prefix, prefix + "news/", prefix + PROJECT):
            cards = page(site, listing).xpath('//ul[@class="hub-cards"]/li')
            assert cards, listing
            for card in cards:
                src = card.xpath(".//img/@src")
                assert len(src) == 1 and (site / resolve(listing, src[0])).is_file(), (listing, src)
        for post in (POST, "news/2026/synthetic-cover/"):
            src = page(site, prefix + post).xpath('//figure[contains(@class, "hub-cover")]/img/@src')
            assert len(src) == 1 and (site / resolve(prefix + post, src[0])).is_file()


def test_a_post_without_a_cover_gets_one_drawn_from_its_title_also_its_share_card(site: Path) -> None:
    for lang, prefix in LANGS.items():
        html = page(site, prefix + POST)
        figure = html.xpath('//figure[contains(@class, "hub-cover--drawn")]/img')[0]
        assert figure.get("alt") == "", "the picture repeats the title: a screen reader skips it"
        drawn = site / resolve(prefix + POST, figure.get("src"))
        with Image.open(drawn) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630))
            assert len(picture.convert("RGB").getcolors(maxcolors=1 << 16) or ()) > 2, "a title is drawn on the colour"
        share = html.xpath('//meta[@property="og:image"]/@content')[0]
        assert share.endswith(prefix + POST + "cover-drawn-social.png")
    uk, en = (site / prefix / POST / "cover-drawn-social.png" for prefix in LANGS.values())
    assert uk.read_bytes() != en.read_bytes(), "each language's title"


def test_an_event_shows_its_date_and_place_on_the_post_and_in_listings(site: Path) -> None:
    for prefix, shown in (("", "Подія: 3 грудня 2026, Львів"), ("en/", "Event: 3 December 2026, Lviv")):
        for url in (prefix + POST, prefix + "news/", prefix + PROJECT):
            assert shown in " ".join(text(site, url).split()), url


def test_a_project_shows_a_status_only_with_the_date_it_was_confirmed(site: Path) -> None:
    for prefix, never in (("", "Триває"), ("en/", "Ongoing")):
        assert never not in text(site, prefix + "projects/")
        jointly = page(site, prefix + PROJECT)
        facts = [dt.text_content() for dt in jointly.xpath('//dl[@class="hub-facts"]/dt')]
        assert ("Стан" if prefix == "" else "Status") not in facts, "the sources give Jointly no status"
    completed = " ".join(text(site, "projects/building-resilience/").split())
    assert "Завершено, станом на 9 листопада 2026" in completed
    assert "Completed, as of 9 November 2026" in " ".join(text(site, "en/projects/building-resilience/").split())


def test_a_project_shows_its_results_and_whom_to_contact(site: Path) -> None:
    html = page(site, "en/projects/better-care-zaporizhzhia/")
    assert [li.text_content() for li in html.xpath('//section[@class="hub-results"]//li')] == \
        ["Four family-type children’s homes supported", "15 children reintegrated into family life"]
    contact = html.xpath('//dt[.="Contact"]/following-sibling::dd[1]/a/@href')
    assert resolve("en/projects/better-care-zaporizhzhia/", contact[0]) == "en/partners/responsible-citizens/"


def test_the_partner_directory_shows_a_logo_or_a_monogram_for_each(site: Path) -> None:
    for prefix in LANGS.values():
        entries = page(site, prefix + "partners/").xpath('//ul[@class="hub-directory"]/li')
        assert entries and all(li.xpath('./img[@class="hub-logo"] | ./span[@class="hub-monogram"]') for li in entries)
    monograms = page(site, "partners/").xpath('//span[@class="hub-monogram"]/text()')
    assert "Ю" in monograms and all(re.fullmatch(r"[А-ЯҐЄІЇA-Z]{1,2}", m) for m in monograms), monograms


def test_the_organisation_is_in_the_footer_about_and_privacy(site: Path) -> None:
    for prefix, name, controller in (("", "Редакція хабу «Право на родину»", "Розпорядник персональних даних"),
                                     ("en/", "The editors of the Right to a Family hub", "Data controller")):
        assert name in text(site, prefix + "news/")  # the footer of every page
        for url in ("about/", "privacy/"):
            html = page(site, prefix + url)
            assert html.xpath(f'//dl[contains(@class, "hub-organisation")]/dt[.="{controller}"]'), prefix + url
            assert html.xpath('//dl[contains(@class, "hub-organisation")]//a[starts-with(@href, "mailto:")]')
        privacy = " ".join(text(site, prefix + "privacy/").split())
        for needed in (("стаття 11 Закону України «Про захист персональних даних»", "Поки ви підписані", "Поскаржитися")
                       if prefix == "" else ("Article 11 of the Law of Ukraine", "As long as you are subscribed", "Complain")):
            assert needed in privacy, needed


def test_the_home_page_is_the_sites_own_and_leads_with_the_news(site: Path) -> None:
    for prefix, name, sections in (("", "Право на родину", ["Останні новини", "Проєкти", "Методологія", "Підписка"]),
                                   ("en/", "Right to a Family", ["Latest news", "Projects", "Methodology", "Subscribe"])):
        html = page(site, prefix)
        assert [h.text_content().strip("¶ ") for h in html.xpath('//article//h1')] == [name]
        assert [h.text_content().strip("¶ ") for h in html.xpath('//article//h2')][:4] == sections
        assert len(html.xpath('//article/h1/following-sibling::p[1]')[0].text_content().split(". ")) == 1, "one sentence"


def test_each_language_has_its_own_404_page_with_search_and_a_way_on(site: Path) -> None:
    for path, title, home in (("404.html", "Сторінку не знайдено", "/"), ("en/404.html", "Page not found", "/en/")):
        html = page(site, path)
        assert html.xpath("//h1")[0].text_content() == title
        assert html.xpath('//article//label[@for="__search"]')
        onward = html.xpath('//ul[@class="hub-onward"]//a/@href')
        assert onward[0] == home and len(onward) == 6 and all(href.startswith(home) for href in onward)


def test_the_themes_strings_are_in_the_readers_language(site: Path) -> None:
    uk, en = page(site, "about/"), page(site, "en/about/")
    assert "Made with" not in text(site, "about/") and "Зроблено за допомогою" in text(site, "about/")
    assert set(uk.xpath('//a[@class="headerlink"]/@title')) == {"Постійне посилання на цей розділ"}
    assert set(en.xpath('//a[@class="headerlink"]/@title')) == {"Permanent link to this section"}
    assert uk.xpath('//button[@data-md-component="top"]')[0].text_content().strip() == "Нагору"
    assert "'" not in json.dumps(uk.xpath('//script[@id="__config"]/text()'), ensure_ascii=False).replace("\\'", "")


def test_english_text_has_curly_quotes_and_ukrainian_keeps_its_own(site: Path) -> None:
    english = " ".join(text(site, "en/projects/dobre-vdoma/").split())
    assert "“Dobre vdoma” means “good at home” in Ukrainian" in english and '"Dobre' not in english
    assert "children’s" in " ".join(text(site, "en/projects/better-care-zaporizhzhia/").split())
    ukrainian = text(site, "projects/dobre-vdoma/")
    assert "«Добре вдома»" in ukrainian and "“" not in ukrainian


def test_a_pages_title_is_parted_from_the_sites_name_by_a_dash(site: Path) -> None:
    """«Про хаб — Право на родину»: a hyphen-minus between words is no Ukrainian (nor English) typography."""
    for url in ("about/", "en/about/"):
        title = page(site, url).findtext(".//title")
        assert title.count(" — ") == 1 and " - " not in title, title
