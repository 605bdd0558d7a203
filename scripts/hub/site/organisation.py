"""The organisation behind the site: `organisation:` under the `hub` plugin in `mkdocs.yml`.

Shown where readers and the law look for it: the footer, About, the privacy notice (the data controller of the
subscribe form) and every e-mail issue's footer (a postal address and a contact). Checked here, engine-free; the
engine's plugin configuration hands the mapping over (hub.engine.mkdocs.config).

```yaml
plugins:
  - hub:
      organisation:
        name: {uk: ГО «…», en: NGO "…"}
        email: info@example.org
        address: {uk: вул. …, Київ, 01001, Україна, en: … St., Kyiv 01001, Ukraine}
        controller: {uk: …, en: …}   # the data controller, when not the organisation itself
        registration: "12345678"     # optional: the registry code (ЄДРПОУ)
```
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from ..content.schema import Localized, Option, Schema, Text, ValidationError, validate
from ..messages import _, n_
from ..messages.email_reasons import email_reason

PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
"""The domains reserved for examples (RFC 2606): a setting on one of them has not been filled in yet."""


def is_placeholder(address: str) -> bool:
    """Whether a web or e-mail address is on a domain reserved for examples."""
    host = address.rsplit("@", 1)[-1] if "@" in address and "//" not in address else (urlsplit(address).hostname or "")
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)


def placeholder_settings(site_url: str, newsletter_url: str | None, organisation: Organisation | None) -> list[str]:
    """The settings of `mkdocs.yml` that still hold an example's address: readers of a site published with them reach
    nobody (a subscriber's form posts nowhere, a letter to the contact bounces)."""
    found = ["site_url"] if is_placeholder(site_url) else []
    if newsletter_url and is_placeholder(newsletter_url):
        found.append("plugins → hub → newsletter → url")
    return found + [f"plugins → hub → organisation → {key}" for key in (organisation.placeholders if organisation else [])]


def placeholder_message(settings: list[str]) -> str:
    return n_("{settings} in mkdocs.yml is still an example address (example.org, .com, .net): put the real one before "
              "publishing; the deploy workflow refuses to publish until then",
              "{settings} in mkdocs.yml are still example addresses (example.org, .com, .net): put the real ones before "
              "publishing; the deploy workflow refuses to publish until then", len(settings), settings=", ".join(settings))


class Email(Option):
    @property
    def expected(self) -> str:
        return _("an e-mail address, like info@your-ngo.org.ua")

    def check(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(_("expected {expected}, got {value}", expected=self.expected, value=repr(value)))
        try:
            return validate_email(value.strip(), check_deliverability=False).normalized
        except EmailNotValidError as error:
            raise ValidationError(_("'{value}' is not an e-mail address: {reason}", value=value, reason=email_reason(error))) from None


class OrganisationSchema(Schema):
    name = Localized(required=True)
    """The organisation's name in each language."""
    email = Email(required=True)
    """Where readers, subscribers and people whose data the site holds write to."""
    address = Localized(required=True)
    """The postal address, in each language: an e-mail newsletter must carry one."""
    controller = Localized()
    """The data controller of the subscribe form, when it is not the organisation itself."""
    registration = Text()
    """The organisation's code in the state register (ЄДРПОУ), when it wants it shown."""


@dataclass(frozen=True)
class Organisation:
    """Who publishes the site, as `mkdocs.yml` sets it (see `parse`)."""

    name: Mapping[str, str]
    email: str
    address: Mapping[str, str]
    controller: Mapping[str, str] | None = None
    registration: str | None = None

    @classmethod
    def parse(cls, data: Mapping[str, Any] | None) -> tuple[Organisation | None, list[tuple[str, str]]]:
        """The settings in `data`, or None and every (setting, message) problem."""
        values, problems = validate(OrganisationSchema, dict(data or {}))
        return (None if problems else cls(**values)), problems

    def check_languages(self, languages: tuple[str, ...]) -> list[tuple[str, str]]:
        """Each text the site's languages lack, which the settings alone cannot see."""
        texts = {"name": self.name, "address": self.address, "controller": self.controller or {}}
        return [(key, _("no text for '{lang}': add '{lang}: …'", lang=lang))
                for key, given in texts.items() if given for lang in languages if lang not in given]

    def named(self, lang: str) -> str:
        return self.name[lang]

    def postal(self, lang: str) -> str:
        return self.address[lang]

    def data_controller(self, lang: str) -> str:
        """The data controller's name: the organisation's unless another is set."""
        return (self.controller or self.name)[lang]

    def shown(self, lang: str) -> dict[str, str | None]:
        """What readers of `lang` see of it (the footer, About, the privacy notice)."""
        return {"name": self.named(lang), "email": self.email, "address": self.postal(lang),
                "controller": self.data_controller(lang), "registration": self.registration}

    @property
    def placeholders(self) -> list[str]:
        """The settings that still hold an example's value."""
        return ["email"] if is_placeholder(self.email) else []
