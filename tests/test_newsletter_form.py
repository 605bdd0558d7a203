"""The subscribe form as readers meet it, and what a wrong mailing-service setting does to the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import build, copy_project, reader_pages
from hub.newsletter.config import NewsletterSettings
from hub.newsletter.form import SubscribeForm, subscribe_form
from hub.site.language import languages
from hub.site.urls import Urls
from reading import page, resolve

LANGS = {"uk": "", "en": "en/"}
ORGANISATION = {"uk": "«Право на родину»", "en": "Right to a Family"}
UNSUBSCRIBE = {"uk": "Відписатися можна будь-коли", "en": "unsubscribe at any time"}


@pytest.fixture(scope="module")
def settings(project: Path):
    """The newsletter settings of the built project, read as the build reads them."""
    return load_config(str(project / "mkdocs.yml")).plugins["hub"].config.newsletter


def built_form(site: Path, url: str, form_id: str):
    html = page(site, url)
    (form,) = html.xpath(f'//form[@id="{form_id}"]')
    return html, form


def field(form, name: str):
    (element,) = form.xpath(f'.//*[@name="{name}"]')
    return element


def label_of(form, element) -> str:
    (label,) = form.xpath(f'.//label[@for="{element.get("id")}"]')
    return " ".join(label.text_content().split())


@pytest.mark.parametrize("lang", LANGS)
def test_subscribe_page_has_the_whole_form_in_its_language(site: Path, settings, lang: str) -> None:
    url = LANGS[lang] + "subscribe/"
    html, form = built_form(site, url, "hub-subscribe")
    assert html.get("lang") == lang
    assert form.get("method") == "post" and form.get("action") == settings.url

    email = field(form, "email")
    assert email.get("type") == "email" and email.get("required") is not None and label_of(form, email)
    name = field(form, "name")
    assert name.get("required") is None, "the name is optional"
    assert label_of(form, name)

    language = field(form, "l")  # listmonk's list field: one list per language
    options = {option.get("lang"): option for option in language.xpath("./option")}
    assert {code: option.get("value") for code, option in options.items()} == dict(settings.lists)
    assert [code for code, option in options.items() if option.get("selected") is not None] == [lang]

    consent = field(form, "consent")
    assert consent.get("type") == "checkbox"
    assert consent.get("checked") is None, "consent is never pre-ticked"
    assert consent.get("required") is not None, "no sign-up without consent"
    text = label_of(form, consent)
    assert ORGANISATION[lang] in text and UNSUBSCRIBE[lang] in text and settings.consent_version in text
    assert field(form, "consent_version").get("value") == settings.consent_version

    trap = field(form, "nonce")  # listmonk's honeypot
    assert trap.get("value") == "" and trap.xpath("ancestor::*[@hidden]"), "the honeypot is hidden from people"

    (privacy,) = form.xpath('.//a[contains(@href, "privacy")]/@href')
    target = resolve(url, privacy)
    assert target == LANGS[lang] + "privacy/"
    notice = page(site, target)
    assert notice.get("lang") == lang and notice.xpath("//h1")


@pytest.mark.parametrize("url", ["", "about/", "news/", "news/2026/synthetic-due/", "en/", "en/projects/jointly/", "404.html", "en/404.html"])
def test_every_other_page_has_the_compact_form_in_its_footer(site: Path, url: str) -> None:
    lang = "en" if url.startswith("en/") else "uk"
    html, form = built_form(site, url, "hub-subscribe-footer")
    assert form.xpath("ancestor::aside"), "it comes after the page's content, in its own landmark"
    selected = form.xpath('.//select/option[@selected]/@lang')
    assert selected == [lang]
    assert field(form, "consent").get("checked") is None
    assert ORGANISATION[lang] in label_of(form, field(form, "consent"))
    assert not html.xpath('//form[@id="hub-subscribe"]')


def test_one_form_per_page_and_no_script_from_another_host(site: Path) -> None:
    for path in reader_pages(site):
        html = path.read_text(encoding="utf-8")
        relative = path.relative_to(site).as_posix()
        if 'http-equiv="refresh"' in html:
            continue  # a redirect page
        assert len(re.findall(r'<form class="hub-subscribe', html)) == 1, relative
        for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", src), f"{relative} loads {src}"


def configured(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the project with one change to mkdocs.yml."""
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize("old, new, expected", [
    ("provider: listmonk", "provider: mailchimps", "Sub-option 'provider': expected one of listmonk, mailchimp, buttondown, form, "
                                                   "got 'mailchimps' (did you mean 'mailchimp'?)"),
    ("url: https://lists.example.org/subscription/form", "url: http://lists.example.org/subscription/form",
     "Sub-option 'url': expected a web address starting with https://"),
    ("url: https://lists.example.org/subscription/form", "url: https://lists.example.org/join",
     "Sub-option 'url': 'https://lists.example.org/join' is not a listmonk form address; "
     "expected one like https://lists.example.org/subscription/form"),
    ("provider: listmonk", "provider: listmonk\n        honeypot_field: hp", "Sub-option 'honeypot_field': is not a known field (did you mean 'honeypot'?)"),
    ("          en: 00000000-0000-4000-8000-0000000000e1\n", "", "newsletter → lists: no list for 'en': add 'en: …' under 'lists'"),
])
def test_a_wrong_provider_setting_stops_the_build_with_a_clear_error(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = configured(tmp_path, old, new)
    result = build(root)
    assert result.returncode != 0
    assert expected in result.stderr
    assert not (root / "site").exists()


def test_without_a_provider_pages_offer_the_rss_feed_and_the_build_warns_once(tmp_path: Path) -> None:
    root = configured(tmp_path, "      newsletter:\n        provider: listmonk\n", "      newsletter:\n")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(re.sub(r"      newsletter:\n(        .*\n)+", "", text), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no newsletter provider is set") == 1
    site = root / "site"
    for url, form_id in (("subscribe/", "hub-subscribe"), ("en/subscribe/", "hub-subscribe"), ("about/", "hub-subscribe-footer")):
        html = page(site, url)
        assert not html.xpath("//form[contains(@class, 'hub-subscribe')]")
        (feed,) = html.xpath(f'//*[@id="{form_id}"]//a[@type="application/rss+xml"]/@href')
        target = resolve(url, feed)
        assert target == ("en/" if url.startswith("en/") else "") + "feed.xml"
        assert (site / target).is_file()


def newsletter_settings(**values: object) -> NewsletterSettings:
    settings, problems = NewsletterSettings.parse(values)
    assert settings is not None, problems
    return settings


def form_in(settings: NewsletterSettings, lang: str) -> SubscribeForm:
    return subscribe_form(settings, lang, "Право на родину", {"uk": "Українська", "en": "English"},
                          languages(("uk", "en"))[lang], Urls("uk"))


def test_a_mailchimp_form_posts_its_field_names_and_its_own_honeypot() -> None:
    settings = newsletter_settings(provider="mailchimp", consent_version="3",
                                   url="https://right.us21.list-manage.com/subscribe/post?u=5f0e1a&id=9c2b7d")
    form = form_in(settings, "en")
    assert form.action == settings.url
    assert form.fields == {"email": "EMAIL", "name": "FNAME", "language": "LANGUAGE", "honeypot": "b_5f0e1a_9c2b7d"}
    assert [(c.code, c.value, c.selected) for c in form.choices] == [("uk", "uk", False), ("en", "en", True)]
    assert form.privacy_url == "en/privacy/"


def test_a_buttondown_form_tags_the_language() -> None:
    settings = newsletter_settings(provider="buttondown", url="https://buttondown.com/api/emails/embed-subscribe/right",
                                   honeypot="website", lists={"uk": "ukrainian", "en": "english"}, consent_version="3")
    form = form_in(settings, "uk")
    assert form.fields["language"] == "tag" and ("embed", "1") in form.hidden
    assert [(c.value, c.selected) for c in form.choices] == [("ukrainian", True), ("english", False)]
    assert "«Право на родину»" in form.consent and "3" in form.consent_version


@pytest.mark.parametrize("values, key, message", [
    ({"provider": "form", "url": "https://forms.example.org/x", "consent_version": "1"}, "honeypot", "the hidden field your form endpoint"),
    ({"provider": "listmonk", "url": "https://lists.example.org/subscription/form", "consent_version": "1"}, "lists", "needs the list of each language"),
    ({"provider": "mailchimp", "url": "https://right.us21.list-manage.com/subscribe/post?u=5f0e1a", "consent_version": "1"},
     "url", "is not a mailchimp form address"),
    ({"provider": "listmonk", "url": "https://l.example.org/subscription/form", "lists": {"uk": "a", "en": "b"}}, "consent_version",
     "change it whenever the consent text changes"),
    ({"url": "https://lists.example.org/subscription/form"}, "url", "'provider' is not"),
])
def test_settings_that_cannot_work_are_refused_with_what_to_do(values: dict, key: str, message: str) -> None:
    settings, problems = NewsletterSettings.parse(values)
    assert settings is None
    assert [name for name, _ in problems] == [key]
    assert message in problems[0][1]


def test_no_provider_means_a_link_to_the_feed() -> None:
    form = form_in(newsletter_settings(), "en")
    assert form.action is None and form.feed_url == "en/feed.xml"
