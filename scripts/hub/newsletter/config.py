"""The `newsletter:` settings of the `hub` plugin in `mkdocs.yml`, and what each mailing service expects.

Read and checked here, engine-free: the engine's plugin configuration hands the mapping over (hub.engine.mkdocs.config).

```yaml
plugins:
  - hub:
      newsletter:
        provider: listmonk            # listmonk, mailchimp, buttondown or form; leave out for none
        url: https://lists.example.org/subscription/form
        lists: {uk: <list UUID>, en: <list UUID>}
        consent_version: "2026-11"
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..content.schema import Choice, Localized, Option, Schema, Text, ValidationError, validate
from ..messages import _


@dataclass(frozen=True)
class Provider:
    """The names a mailing service's public form posts, and the merge tags its e-mails use."""

    email: str
    name: str
    language: str
    """The field that carries the chosen language: its value is the language's list (or its code)."""
    url_example: str
    url_check: Callable[[str], bool]
    unsubscribe: str | None = None
    """The merge tag the service replaces with each subscriber's unsubscribe link."""
    honeypot: Callable[[str], str] | None = None
    """The service's own bot-trap field, derived from the form URL; None: it must be configured."""
    needs_lists: bool = False
    hidden: tuple[tuple[str, str], ...] = ()


def _url(path: str, host: str | None = None, query: tuple[str, ...] = ()) -> Callable[[str], bool]:
    """A check that a form URL has a path matching `path`, on `host` or its subdomains, with the `query` keys."""
    pattern = re.compile(path)

    def check(url: str) -> bool:
        parts = urlsplit(url)
        hostname = parts.hostname or ""
        keys = parse_qs(parts.query)
        return (host is None or hostname == host or hostname.endswith("." + host)) and bool(pattern.search(parts.path)) \
            and all(keys.get(key) for key in query)

    return check


def _mailchimp_honeypot(url: str) -> str:
    query = parse_qs(urlsplit(url).query)
    return f"b_{query['u'][0]}_{query['id'][0]}"


PROVIDERS: dict[str, Provider] = {
    "listmonk": Provider("email", "name", "l", "https://lists.example.org/subscription/form",
                         _url(r"/subscription/form/?$"), "{{ UnsubscribeURL }}", lambda url: "nonce", needs_lists=True),
    "mailchimp": Provider("EMAIL", "FNAME", "LANGUAGE", "https://<account>.<dc>.list-manage.com/subscribe/post?u=…&id=…",
                          _url(r"^/subscribe/post/?$", "list-manage.com", ("u", "id")), "*|UNSUB|*", _mailchimp_honeypot),
    "buttondown": Provider("email", "metadata__name", "tag", "https://buttondown.com/api/emails/embed-subscribe/<username>",
                           _url(r"^/api/emails/embed-subscribe/[^/]+/?$"), "{{ unsubscribe_url }}", hidden=(("embed", "1"),)),
    "form": Provider("email", "name", "language", "https://forms.example.org/newsletter", _url("")),
}


class HttpsURL(Option):
    @property
    def expected(self) -> str:  # type: ignore[override]  # a message: made when shown, in the writer's language
        return _("a web address starting with https://")

    def check(self, value: object) -> str:
        if not isinstance(value, str) or urlsplit(value).scheme != "https" or not urlsplit(value).hostname or " " in value:
            raise ValidationError(_("expected a web address starting with https://, got {value}: the form sends e-mail "
                                    "addresses, so only an encrypted address will do", value=repr(value)))
        return value


class NewsletterSchema(Schema):
    provider = Choice(tuple(PROVIDERS))
    url = HttpsURL()
    """Where the form posts."""
    lists = Localized()
    """Per language, the list (listmonk UUID, Buttondown tag…) a subscriber of that language joins."""
    honeypot = Text()
    """The hidden field that bots fill in; listmonk's and Mailchimp's are known."""
    consent_version = Text()
    """Names the version of the consent text; change it whenever the text changes."""
    unsubscribe_tag = Text()
    """The merge tag of the unsubscribe link in e-mail issues, when the provider's is not known."""
    privacy = Text(default="privacy/")
    """The privacy notice, as a URL of the default language relative to the site's root."""


@dataclass(frozen=True)
class NewsletterSettings:
    """The mailing service the subscribe form posts to, as `mkdocs.yml` sets it (see `parse`)."""

    provider: str | None = None
    url: str | None = None
    lists: Mapping[str, str] | None = None
    honeypot: str | None = None
    consent_version: str | None = None
    unsubscribe_tag: str | None = None
    privacy: str = "privacy/"

    @classmethod
    def parse(cls, data: Mapping[str, Any] | None) -> tuple[NewsletterSettings | None, list[tuple[str, str]]]:
        """The settings in `data`, or None and every (setting, message) problem: each value, then the rules across them."""
        values, problems = validate(NewsletterSchema, dict(data or {}))
        if problems:
            return None, problems
        settings = cls(**values)
        problems = settings._cross_check()
        return (None if problems else settings), problems

    def _cross_check(self) -> list[tuple[str, str]]:
        if self.provider is None:
            stray = [key for key in ("url", "lists", "honeypot") if getattr(self, key)]
            return [(key, _("is set but 'provider' is not: add 'provider: listmonk' (or mailchimp, buttondown, form)"))
                    for key in stray]
        provider = PROVIDERS[self.provider]
        problems = []
        if not self.url:
            problems.append(("url", _("is missing: the address the form posts to, like {example}", example=provider.url_example)))
        elif not provider.url_check(self.url):
            problems.append(("url", _("'{url}' is not a {provider} form address; expected one like {example}", url=self.url,
                                      provider=self.provider, example=provider.url_example)))
        if provider.needs_lists and not self.lists:
            problems.append(("lists", _("is missing: {provider} needs the list of each language, like\n      uk: <list id>\n"
                                        "      en: <list id>", provider=self.provider)))
        if provider.honeypot is None and not self.honeypot:
            problems.append(("honeypot", _("is missing: the name of the hidden field your form endpoint treats as a bot trap")))
        if not self.consent_version:
            problems.append(("consent_version", _("is missing: name the version of the consent text (like '2026-11'), "
                                                  "and change it whenever the consent text changes")))
        return problems

    def check_languages(self, languages: tuple[str, ...]) -> list[str]:
        """Problems of `lists` against the site's languages, which the settings alone cannot see."""
        if not self.lists:
            return []
        missing = [_("no list for '{lang}': add '{lang}: …' under 'lists'", lang=lang) for lang in languages if lang not in self.lists]
        extra = [_("'{lang}' is not a language of this site ({languages})", lang=lang, languages=", ".join(languages))
                 for lang in self.lists if lang not in languages]
        return missing + extra

    @property
    def service(self) -> Provider | None:
        return PROVIDERS[self.provider] if self.provider else None

    @property
    def form_privacy(self) -> str | None:
        """The privacy notice the subscribe form links to; None when pages show no form (no provider is set)."""
        return self.privacy if self.service is not None else None

    @property
    def honeypot_name(self) -> str | None:
        provider = self.service
        if provider is None or self.url is None:
            return None
        return self.honeypot or (provider.honeypot(self.url) if provider.honeypot else None)

    @property
    def unsubscribe(self) -> str | None:
        """The unsubscribe merge tag for e-mail issues, or None when neither setting nor provider gives one."""
        return self.unsubscribe_tag or (self.service.unsubscribe if self.service else None)

    def list_value(self, lang: str) -> str:
        return (self.lists or {}).get(lang, lang)
