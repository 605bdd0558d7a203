"""Why email-validator refused an address, in the writer's language.

email-validator writes its reasons in English only and has no catalog to translate them, so they are matched here
by their English text (email-validator 2.x) and told again in the hub's words, in Ukrainian or English, the
characters they name kept. A reason this table does not know (a new one of a later version) is given as the library
wrote it: a refusal is never hidden for want of a translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from email_validator import EmailNotValidError

from . import _, n_

Reason = Callable[[re.Match[str]], str]

CHARACTER_NAMES: dict[str, Callable[[], str]] = {
    "SPACE": lambda: _("a space"),
    "NO-BREAK SPACE": lambda: _("a no-break space"),
    "ZERO WIDTH SPACE": lambda: _("a zero-width space"),
    "U+0009": lambda: _("a tab"),
}
"""The characters email-validator names rather than shows, most often pasted with an address from a document."""

REASONS: dict[str, Reason] = {
    r"An email address must have an @-sign\.": lambda m: _("it has no @ sign"),
    r"There must be something before the @-sign\.": lambda m: _("there is nothing before the @ sign"),
    r"There must be something after the @-sign\.": lambda m: _("there is nothing after the @ sign"),
    r"The part after the @-sign is not valid\. It should have a period\.":
        lambda m: _("the part after the @ sign has no period: a domain like ukr.net was expected"),
    r"The part after the @-sign is not valid\. It is not within a valid top-level domain\.":
        lambda m: _("the part after the @ sign does not end in a top-level domain, like .ua or .org"),
    r"The part after the @-sign is a special-use or reserved name that cannot be used with email\.":
        lambda m: _("the part after the @ sign is a name kept for tests or local networks, which no mail reaches"),
    r"An email address cannot have two periods in a row\.": lambda m: _("it has two periods in a row"),
    r"An email address cannot start with a period\.": lambda m: _("it starts with a period"),
    r"An email address cannot have a period immediately before the @-sign\.":
        lambda m: _("a period stands right before the @ sign"),
    r"An email address cannot have a period immediately after the @-sign\.":
        lambda m: _("a period stands right after the @ sign"),
    r"An email address cannot have a hyphen immediately after the @-sign\.":
        lambda m: _("a hyphen stands right after the @ sign"),
    r"An email address cannot end with a period\.": lambda m: _("it ends with a period"),
    r"An email address cannot end with a hyphen\.": lambda m: _("it ends with a hyphen"),
    r"An email address cannot have a period and a hyphen next to each other\.":
        lambda m: _("a period and a hyphen stand next to each other"),
    r"The email address contains invalid characters before the @-sign\.":
        lambda m: _("characters no address holds stand before the @ sign"),
    r"The email address contains invalid characters before the @-sign: (?P<chars>.+)\.":
        lambda m: _("characters no address holds before the @ sign: {characters}", characters=_characters(m)),
    r"The part after the @-sign contains invalid characters(?: after Unicode normalization)?: (?P<chars>.+)\.":
        lambda m: _("characters no address holds after the @ sign: {characters}", characters=_characters(m)),
    r"The email address contains unsafe characters: (?P<chars>.+)\.":
        lambda m: _("invisible or unsafe characters: {characters} (they come pasted with an address: type it again)",
                    characters=_characters(m)),
    r"The email address is too long before the @-sign \((?P<count>\d+) characters? too many\)\.":
        lambda m: n_("the part before the @ sign is {count} character too long",
                     "the part before the @ sign is {count} characters too long", int(m["count"])),
    r"The email address is too long after the @-sign \((?P<count>\d+) characters? too many\)\.":
        lambda m: n_("the part after the @ sign is {count} character too long",
                     "the part after the @ sign is {count} characters too long", int(m["count"])),
    r"The email address is too long \((?P<count>\d+) characters? too many\)\.":
        lambda m: n_("it is {count} character too long", "it is {count} characters too long", int(m["count"])),
    r"After the @-sign, periods cannot be separated by so many characters \((?P<count>\d+) characters? too many\)\.":
        lambda m: n_("a part of the domain between periods is {count} character too long",
                     "a part of the domain between periods is {count} characters too long", int(m["count"])),
    r"The part after the @-sign (?:is not valid IDNA|is invalid|contains invalid characters) \(.+\)\.":
        lambda m: _("the part after the @ sign is no domain name, not even an international one"),
    r"The display name contains invalid characters when not quoted: .+|"
    r"A display name and angle brackets around the email address are not permitted here\.":
        lambda m: _("it is a name with an address in angle brackets, like 'Olena <olena@example.org>': "
                    "only the address was expected"),
    r"The email address has the .+ character instead of a regular at-sign\.":
        lambda m: _("a character that looks like @ stands in place of the @ sign"),
    r"There can't be anything after the email address\.": lambda m: _("something follows the address"),
    r"A bracketed IP address after the @-sign is not allowed here\.":
        lambda m: _("an IP address in brackets follows the @ sign, where a domain was expected"),
    r"Quoting the part before the @-sign is not allowed here\.":
        lambda m: _("the part before the @ sign is in quotes"),
}
"""email-validator's reason (a regular expression of the whole message) → the hub's, translated when it is told."""

PATTERNS = [(re.compile(pattern), reason) for pattern, reason in REASONS.items()]


def email_reason(error: EmailNotValidError) -> str:
    """Why the address was refused, in the writer's language; email-validator's own words for a reason not listed."""
    text = str(error)
    for pattern, reason in PATTERNS:
        if (match := pattern.fullmatch(text)) is not None:
            return reason(match)
    return text


def _characters(match: re.Match[str]) -> str:
    """The characters of email-validator's list (`'@', ','` or a name like `SPACE`), spaces and tabs named in the
    writer's language."""
    return ", ".join(CHARACTER_NAMES[name]() if name in CHARACTER_NAMES else name for name in match["chars"].split(", "))
