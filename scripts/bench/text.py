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
SENTENCES: dict[str, list[dict[str, str]]] = PHRASES["sentences"] | {name: PHRASES[name] for name in ("background", "steps", "tips")}
"""Every pool of sentences by kind, each sentence by language."""
LANGUAGES = ("uk", "en")
ADJECTIVE_ENDINGS = {"m": ("ий", "ого", "ий", "ому"), "f": ("а", "ої", "у", "ій"), "n": ("е", "ого", "е", "ому")}
"""Hard-stem adjective endings by gender: nominative, genitive, accusative (inanimate), locative."""
COUNTS = {"participants": (8, 120), "children": (2, 60), "families": (5, 200), "months": (2, 18),
          "hromadas": (2, 40), "trained": (5, 150)}
"""The range of each counted phrase of `phrases.yml`."""
BACKGROUND = (15, 29)
"""How many sentences of `background` a post has: with the rest, Ukrainian posts of about 650 words."""


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


@dataclass(frozen=True)
class Link:
    """A link a post makes: its kind (a key of `links` in phrases.yml), its text and address by language."""

    kind: str
    name: Mapping[str, str]
    url: Mapping[str, str]


def write(rng: random.Random, day: date, partners: Mapping[str, Sequence[str]],
          project: Mapping[str, str] | None, links: Sequence[Link] = (), picture: str | None = None) -> Story:
    """A post about an event on `day`; `partners` and `project` are names by language.

    Its text carries `links`, one sentence each, and shows the file `picture` of its folder if given.
    """
    picks = _pick(rng, day, len(links))
    texts = {lang: _compose(lang, picks, _slots(lang, picks, partners, project), links, picture) for lang in LANGUAGES}
    return Story(f"{picks['city']['slug']}-{picks['event']['slug']}", texts)


def _pick(rng: random.Random, day: date, links: int) -> dict[str, Any]:
    """Every random choice of a post, made once for all languages."""
    def template(kind: str) -> int:
        return rng.randrange(len(SENTENCES[kind]))

    def some(kind: str, low: int, high: int) -> list[int]:
        return rng.sample(range(len(SENTENCES[kind])), rng.randint(low, high))

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
        "background": some("background", *BACKGROUND),
        "steps": rng.randint(3, len(SENTENCES["steps"])) if rng.random() < 0.3 else 0,
        "admonition": rng.randrange(len(PHRASES["admonitions"])) if rng.random() < 0.4 else None,
        "tip": template("tips"),
        "links": [(rng.random(), rng.random()) for _ in range(links)],
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


def _compose(lang: str, picks: dict[str, Any], slots: dict[str, Any], links: Sequence[Link], picture: str | None) -> Draft:
    """The post's Markdown: a lead, then sections with lists, a quote, an admonition and links spread over the prose."""
    column = LANGUAGES.index(lang)
    headings = {key: pair[column] for key, pair in PHRASES["headings"].items()}

    def say(kind: str, index: int, **more: str) -> str:
        return SENTENCES[kind][index][lang].format_map(slots | more)

    background = [say("background", i) for i in picks["background"]]
    prose = [" ".join(background[start:start + 3]) for start in range(0, len(background), 3)]
    for link, (where, which) in zip(links, picks["links"]):
        templates = PHRASES["links"][link.kind]
        sentence = templates[int(which * len(templates))][lang].format(name=link.name[lang], url=link.url[lang])
        at = int(where * len(prose))
        prose[at] = f"{prose[at]} {sentence}"
    statements = slots["statements"]
    items = [say("list_item", 0, skill=skill) for skill in slots["skills"]]
    topics = [say("list_intro", 0) + "\n\n" + ";\n".join(f"- {item}" for item in items) + "."]
    if picture:
        topics.append(f"![{say('alt', (picks['alt'] + 1) % len(SENTENCES['alt']))}]({picture})")
    sections = [("topics", topics)]
    if picks["voices"]:
        sections.append(("voices", ["> " + say("quote", picks["quote_line"]), *statements[2:3]]))
    if picks["steps"]:
        sections.append(("steps", ["\n".join(f"{n}. {say('steps', n - 1)}" for n in range(1, picks["steps"] + 1))]))
    sections.append(("results", [" ".join(say("result", i) for i in picks["results"])]) if picks["results"] else ("background", []))
    closing = [*(say("next", i) for i in picks["next"]), *statements[3:], say("support", 0)]
    if slots["project"]:
        closing.append(say("project", 0))
    sections.append(("next", [" ".join(closing)]))
    for number, paragraph in enumerate(prose[1:]):
        sections[number % len(sections)][1].append(paragraph)
    if picks["admonition"] is not None:
        kind, *titles = PHRASES["admonitions"][picks["admonition"]]
        sections[-1][1].insert(0, f'!!! {kind} "{titles[column]}"\n\n    {say("tips", picks["tip"])}')
    intro = " ".join([say("lead", picks["lead"]), *(say("context", i) for i in picks["context"]), say("participation", 0)])
    blocks = [intro, " ".join([*statements[:2], prose[0]])]
    for key, parts in sections:
        blocks += [f"## {headings[key]}", *parts]
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
