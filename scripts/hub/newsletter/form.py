"""The subscribe form of one language: what `hub/partials/subscribe-form.html` shows and posts.

A plain HTML form post to the mailing service: no JavaScript, no third-party script. The field
names are the service's own (see `config.PROVIDERS`); the consent checkbox is never pre-ticked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..site.language import Language
from ..site.urls import Urls
from .config import NewsletterSettings


@dataclass(frozen=True)
class Choice:
    """One newsletter language a subscriber can pick: the value is its list at the mailing service."""

    code: str
    label: str
    value: str
    selected: bool


@dataclass(frozen=True)
class SubscribeForm:
    lang: str
    labels: Mapping[str, str]
    """Interface strings of the form (`subscribe.*` in strings.yml) in this language."""
    privacy_url: str
    """Site-relative URL of the privacy notice in this language."""
    action: str | None = None
    """Where the form posts; None when no provider is configured: the template links to `feed_url` instead."""
    fields: Mapping[str, str] | None = None
    """The service's names of the fields: email, name, language, honeypot."""
    choices: tuple[Choice, ...] = ()
    hidden: tuple[tuple[str, str], ...] = ()
    consent: str = ""
    consent_version: str = ""
    feed_url: str = ""
    """The RSS feed of the language's news: what the page offers when no provider is configured."""


def subscribe_form(settings: NewsletterSettings, lang: str, organisation: str, names: Mapping[str, str],
                   t: Language, urls: Urls) -> SubscribeForm:
    """The form for pages in `lang`; `names` gives each newsletter language's name in itself, default first."""
    labels = {key: t.t(f"subscribe.{key}") for key in t.strings["subscribe"] if key not in ("consent", "version")}
    privacy = urls.prefix(lang) + settings.privacy
    provider = settings.service
    if provider is None:
        return SubscribeForm(lang, labels, privacy, feed_url=urls.feed(urls.home(lang), "rss"))
    version = settings.consent_version
    return SubscribeForm(
        lang, labels, privacy,
        action=settings.url,
        fields={"email": provider.email, "name": provider.name, "language": provider.language,
                "honeypot": settings.honeypot_name or ""},
        choices=tuple(Choice(code, label, settings.list_value(code), code == lang) for code, label in names.items()),
        hidden=(*provider.hidden, ("consent_version", version)),
        consent=t.t("subscribe.consent", organisation=organisation),
        consent_version=t.t("subscribe.version", version=version),
    )
