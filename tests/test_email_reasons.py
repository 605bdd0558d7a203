"""Why an address is refused, in the writer's language: email-validator tells it in English only."""

from __future__ import annotations

import re

import pytest
from email_validator import EmailNotValidError, EmailSyntaxError, validate_email

from hub.messages.email_reasons import email_reason

PASTED = {
    "olena petrenko@ukr.net": "перед знаком @ є символи, яких не буває в адресах: пробіл",
    "olena@ukr": "у частині після знака @ немає крапки, а очікувався домен на зразок ukr.net",
    "olena.ukr.net": "у ній немає знака @",
    "@ukr.net": "перед знаком @ нічого немає",
    "olena@": "після знака @ нічого немає",
    "olena..p@ukr.net": "у ній дві крапки поспіль",
    "olena.@ukr.net": "просто перед знаком @ стоїть крапка",
    ".olena@ukr.net": "вона починається з крапки",
    "olena@.ukr.net": "одразу після знака @ стоїть крапка",
    "olena@ukr.net.": "вона закінчується крапкою",
    "olena@ukr.net-": "вона закінчується дефісом",
    "olena@ukr.-net": "крапка й дефіс стоять поруч",
    "olena@-ukr.net": "одразу після знака @ стоїть дефіс",
    "olena@@ukr.net": "після знака @ є символи, яких не буває в адресах: '@'",
    "olena@ukr.net;ivan@ukr.net": "після знака @ є символи, яких не буває в адресах: ';', '@'",
    "olena@site.test": "частина після знака @ — назва, відведена для тестів чи локальних мереж: туди не доходить пошта",
    "olena@ukr.n1": "частина після знака @ не закінчується доменом верхнього рівня, як-от .ua чи .org",
    "Олена <olena@ukr.net>": "це імʼя з адресою в кутових дужках, як-от «Олена <olena@example.org>», а очікувалася лише адреса",
    "\u00a0olena@ukr.net": "невидимі чи небезпечні символи: нерозривний пробіл (їх вставляють разом з адресою: наберіть її заново)",
    "olena\t@ukr.net": "перед знаком @ є символи, яких не буває в адресах: табуляція",
    "olena\uff20ukr.net": "замість знака @ стоїть схожий на нього символ",
    "<olena@ukr.net> дякую": "після адреси є ще щось",
    '"olena"@ukr.net': "частина перед знаком @ узята в лапки",
    "olena@[192.0.2.1]": "після знака @ стоїть IP-адреса в дужках, а очікувався домен",
    "olena@ukr.xn--zz": "частина після знака @ — не доменне імʼя, навіть не міжнародне",
    "o" * 300 + "@ukr.net": "вона довша на 54 символи, ніж можна",
    "olena@" + "a" * 64 + ".net": "частина домену між крапками довша на 1 символ, ніж можна",
    "olena@" + ".".join(["a" * 60] * 5) + ".net": "частина після знака @ довша на 55 символів, ніж можна",
}
"""Addresses as they come pasted into a sheet or typed into a form → the reason a Ukrainian communicator reads."""


def refusal(address: str) -> EmailNotValidError:
    with pytest.raises(EmailNotValidError) as caught:
        validate_email(address, check_deliverability=False)
    return caught.value


@pytest.mark.parametrize("address", PASTED)
def test_a_refused_address_is_told_in_ukrainian(address: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_LANG", "uk")
    assert email_reason(refusal(address)) == PASTED[address]


@pytest.mark.parametrize("address", PASTED)
def test_and_in_plain_english(address: str) -> None:
    english = email_reason(refusal(address))
    assert english != str(refusal(address)) and "@-sign" not in english and not re.search(r"[а-яіїєґ]", english)


def test_a_reason_the_table_does_not_know_is_told_as_the_library_wrote_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_LANG", "uk")
    assert email_reason(EmailSyntaxError("A new reason of a later version.")) == "A new reason of a later version."
