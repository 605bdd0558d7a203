"""Realistic bilingual news text: one set of random picks from `phrases.yml`, written in both languages.

Ukrainian needs the right case, gender and plural form of every word it fills in: the pools
give the case forms, Babel gives the CLDR plural category of each number, and the helpers
here agree adjectives and past-tense verbs with their noun. The English text translates the
Ukrainian one, because both are written from the same picks.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

PHRASES: dict[str, Any] = yaml.safe_load(Path(__file__).with_name("phrases.yml").read_text(encoding="utf-8"))
LANGUAGES = ("uk", "en")
ADJECTIVE_ENDINGS = {"m": ("ий", "ого", "ий", "ому"), "f": ("а", "ої", "у", "ій"), "n": ("е", "ого", "е", "ому")}
"""Hard-stem adjective endings by gender: nominative, genitive, accusative (inanimate), locative."""
COUNTS = {"participants": (8, 120), "children": (2, 60), "families": (5, 200), "months": (2, 18),
          "hromadas": (2, 40), "trained": (5, 150)}
"""The range of each counted phrase of `phrases.yml`."""


@dataclass(frozen=True)
class Draft:
    """A post's text in one language."""

    title: str
    summary: str
    cover_alt: str
    body: str


@dataclass(frozen=True)
class Story:
    """A post in every language, and a Latin name for its URL like 'lviv-training'."""

    name: str
    texts: dict[str, Draft]


def write(rng: random.Random, day: date, partners: Mapping[str, Sequence[str]],
          project: Mapping[str, str] | None) -> Story:
    """A post about an event on `day`; `partners` and `project` are names by language."""
    picks = _pick(rng, day)
    texts = {lang: _compose(lang, picks, _slots(lang, picks, partners, project)) for lang in LANGUAGES}
    return Story(f"{picks['city']['slug']}-{picks['event']['slug']}", texts)


def _pick(rng: random.Random, day: date) -> dict[str, Any]:
    """Every random choice of a post, made once for all languages."""
    sentences = PHRASES["sentences"]

    def template(kind: str) -> int:
        return rng.randrange(len(sentences[kind]))

    def some(kind: str, low: int, high: int) -> list[int]:
        return rng.sample(range(len(sentences[kind])), rng.randint(low, high))

    event = rng.choice(PHRASES["events"])
    return {
        "city": rng.choice(PHRASES["cities"]),
        "actor": rng.choice(PHRASES["actors"]),
        "verb": rng.choice(PHRASES["verbs"]),
        "event": event,
        "modifier": rng.choice(PHRASES["modifiers"]) if event["mod"] and rng.random() < 0.5 else None,
        "audience": rng.choice(PHRASES["audiences"]),
        "skills": rng.sample(PHRASES["skills"], rng.randint(3, 6)),
        "month": day.month - 1,
        "person": rng.choice(PHRASES["people"]),
        "role": rng.choice(PHRASES["roles"]),
        "quote": rng.choice(PHRASES["quotes"]),
        "statements": rng.sample(PHRASES["statements"], rng.randint(2, 4)),
        "counts": {name: rng.randint(*bounds) for name, bounds in COUNTS.items()},
        "title": template("title"), "summary": template("summary"), "lead": template("lead"),
        "quote_line": template("quote"), "alt": template("alt"),
        "context": some("context", 1, 2),
        "results": some("result", 0, 2),
        "next": some("next", 0, 1),
        "voices": rng.random() < 0.6,
    }


def _slots(lang: str, picks: dict[str, Any], partners: Mapping[str, Sequence[str]],
           project: Mapping[str, str] | None) -> dict[str, Any]:
    """The words a template of `lang` can use, each also under a capitalised name (`city` → `City`)."""
    slots = _ukrainian(picks) if lang == "uk" else _english(picks)
    slots |= {name: _counted(lang, name, n) for name, n in picks["counts"].items()}
    slots |= {
        "skill": picks["skills"][0][lang],
        "skills": [skill[lang] for skill in picks["skills"]],
        "audience": picks["audience"][lang],
        "person": picks["person"][lang],
        "quote": picks["quote"][lang],
        "statements": [statement[lang] for statement in picks["statements"]],
        "partners": _listed(lang, partners[lang]),
        "project": project[lang] if project else "",
    }
    return slots | {name[0].upper() + name[1:]: _capital(value) for name, value in slots.items() if isinstance(value, str)}


def _ukrainian(picks: dict[str, Any]) -> dict[str, str]:
    event, modifier, actor = picks["event"], picks["modifier"], picks["actor"]
    forms = event["uk"]
    if modifier:
        forms = [f"{modifier['uk']}{ending} {form}" for ending, form in zip(ADJECTIVE_ENDINGS[event["g"]], forms)]
    city, city_gen, city_loc = picks["city"]["uk"]
    region = picks["city"]["region"][0]
    months = PHRASES["months"]
    person, role = picks["person"], picks["role"]
    return {
        "actor": actor["uk"],
        "did": picks["verb"]["uk"][actor["g"]],
        "event": forms[0], "event_gen": forms[1], "event_acc": forms[2], "event_loc": forms[3],
        "happened": PHRASES["happened"][event["g"]],
        "city": city, "city_gen": city_gen, "city_loc": _in(city_loc),
        "region_gen": f"{region}ої області", "region_loc": _in(f"{region}ій області"),
        "month_loc": _in(months[picks["month"]][1]),
        "next_month": months[(picks["month"] + 1) % 12][0],
        "role": role[0] if person["g"] == "m" else role[1],
    }


def _english(picks: dict[str, Any]) -> dict[str, str]:
    event = picks["event"]["en"]
    if picks["modifier"]:
        event = f"{picks['modifier']['en']} {event}"
    months = PHRASES["months"]
    return {
        "actor": picks["actor"]["en"],
        "did": picks["verb"]["en"],
        "event": event,
        "a_event": f"{'an' if event[0] in 'aeiou' else 'a'} {event}",
        "city": picks["city"]["en"],
        "region": picks["city"]["region"][1],
        "month": months[picks["month"]][2],
        "next_month": months[(picks["month"] + 1) % 12][2],
        "role": picks["role"][2],
    }


def _compose(lang: str, picks: dict[str, Any], slots: dict[str, Any]) -> Draft:
    headings = {key: pair[LANGUAGES.index(lang)] for key, pair in PHRASES["headings"].items()}

    def say(kind: str, index: int, **more: str) -> str:
        return PHRASES["sentences"][kind][index][lang].format_map(slots | more)

    items = [say("list_item", 0, skill=skill) for skill in slots["skills"]]
    statements = slots["statements"]
    blocks = [
        " ".join([say("lead", picks["lead"]), *(say("context", i) for i in picks["context"]), say("participation", 0)]),
        " ".join(statements[:2]),
        f"## {headings['topics']}",
        say("list_intro", 0) + "\n\n" + ";\n".join(f"- {item}" for item in items) + ".",
    ]
    if picks["voices"]:
        blocks += [f"## {headings['voices']}", " ".join([say("quote", picks["quote_line"]), *statements[2:3]])]
    if picks["results"]:
        blocks += [f"## {headings['results']}", " ".join(say("result", i) for i in picks["results"])]
    closing = [*(say("next", i) for i in picks["next"]), *statements[3:], say("support", 0)]
    if slots["project"]:
        closing.append(say("project", 0))
    blocks.append(" ".join(closing))
    return Draft(say("title", picks["title"]), say("summary", picks["summary"]), say("alt", picks["alt"]), "\n\n".join(blocks) + "\n")


def _counted(lang: str, name: str, n: int) -> str:
    forms = PHRASES["counted"][name][lang]
    return forms.get(_locale(lang).plural_form(n), forms["other"]).format(n=n)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _listed(lang: str, names: Sequence[str]) -> str:
    """«ЮНІСЕФ, Lumos і KfW», "UNICEF, Lumos and KfW"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {PHRASES['conjunction'][lang]} {names[-1]}"


def _in(place: str) -> str:
    """Ukrainian «у Львові», but «в Одесі»: в before a vowel."""
    return f"{'в' if place[0].lower() in 'аеєиіїоуюя' else 'у'} {place}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
