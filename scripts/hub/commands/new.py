"""`hub new`: start a news post in both languages, ready to be written."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from ..content.catalog import build_time
from ..content.errors import ContentError
from ..content.load import META
from ..content.model import Content
from ..content.schema import suggest
from ..content.translit import slugify
from ..engine.mkdocs.project import Workspace, add_root_option, fail
from .checks import TEMPLATE_MARK

M = TEMPLATE_MARK
TEMPLATES = {
    "uk": {
        "title": f"{M} Заголовок українською",
        "summary": f"{M} Одне-два речення про головне: що сталося, де і для кого. Їх видно в переліку новин, у стрічках і в соцмережах.",
        "body": f"{M} Перший абзац: що сталося, коли, де і хто брав участь.\n\n"
                f"## {M} Підзаголовок\n\n"
                f"{M} Подробиці: що це змінює для дітей і родин, слова учасників, що буде далі.\n",
    },
    "en": {
        "title": f"{M} The English title",
        "summary": f"{M} One or two sentences on the essentials: what happened, where and for whom. "
                   "They show in the news list, in feeds and on social networks.",
        "body": f"{M} First paragraph: what happened, when, where and who took part.\n\n"
                f"## {M} A subheading\n\n"
                f"{M} The details: what it changes for children and families, what participants said, what comes next.\n",
    },
}
"""What a new post says until it is written; `hub check` reports any text still marked ✎."""

EXAMPLE = """\
examples:
  hub new                     asks for everything, offering the existing topics, projects and partners
  hub new --uk-title "Тренінг для фахівців громад у Львові" --en-title "Training for community specialists in Lviv" \\
          --tags training --projects strategy-pilot-regions --partners unicef,coordination-center
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="start a news post in Ukrainian and English",
        description="Create the folder of a new post with its three files: meta.yml (date, topics, projects,\n"
                    "partners), uk.md and en.md (title, summary, text). The web address is made from the English\n"
                    "title, or from the Ukrainian one by the national transliteration rules. An existing post is\n"
                    "never overwritten. Options that are left out are asked for when you run it in a terminal.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uk-title", metavar="TEXT", help="the title in Ukrainian")
    parser.add_argument("--en-title", metavar="TEXT", help="the title in English (may be added later)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date readers see (default: today in Kyiv)")
    parser.add_argument("--tags", metavar="A,B", help="topics, separated by commas, from news/tags.yml")
    parser.add_argument("--projects", metavar="A,B", help="related projects, by their folder names in projects/")
    parser.add_argument("--partners", metavar="A,B", help="partners involved, by their file names in partners/")
    parser.add_argument("--slug", help="the post's name in its web address (default: made from the title)")
    parser.add_argument("--draft", action="store_true", help="keep the post off the site until you remove 'draft: true'")
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    if set(workspace.languages) != set(TEMPLATES):
        fail(f"'hub new' writes posts in {', '.join(TEMPLATES)}; this site's languages are {', '.join(workspace.languages)}")
    ask = _Asker(sys.stdin.isatty())
    try:
        return _create(workspace, args, ask, _known(workspace))
    except (KeyboardInterrupt, EOFError):
        print("\nCancelled: nothing was written.", file=sys.stderr)
        return 130


def _create(workspace: Workspace, args: argparse.Namespace, ask: _Asker, content: Content | None) -> int:
    default = workspace.languages[0]
    titles = {"uk": ask.text("Ukrainian title (заголовок українською)", args.uk_title, "--uk-title", required=True),
              "en": ask.text("English title (Enter to add it later)", args.en_title, "--en-title")}
    slug = args.slug or slugify(titles["en"] or titles["uk"])
    if not slug:
        fail("the title gives no Latin letters for the web address: give one with --slug, like --slug lviv-training")
    today = build_time().astimezone(ZoneInfo(workspace.timezone)).date()
    day = _date(ask.text(f"Date (Enter for {today})", args.date, "--date") or today.isoformat())
    known = {
        "tags": {s: t.label[default] for s, t in content.tags.items()},
        "projects": {s: p.text[default].title for s, p in content.projects.items()},
        "partners": {s: p.text[default].short_name for s, p in content.partners.items()},
    } if content else {}
    choices = {key: ask.slugs(key, getattr(args, key), known.get(key)) for key in ("tags", "projects", "partners")}
    folder = _folder(workspace, slug, day.year)
    _write(folder, day, choices, titles, args.draft)
    relative = folder.relative_to(workspace.root).as_posix()
    print(f"Created {relative}/: {META}, {', '.join(f'{lang}.md' for lang in TEMPLATES)}.")
    print(f"Next: write the texts, replacing everything marked {M}; then run 'hub check' and 'hub preview'.")
    return 0


def _known(workspace: Workspace) -> Content | None:
    """The content, to offer and check topics, projects and partners; None (with a note) if it has problems now."""
    try:
        return workspace.load()
    except ContentError as error:
        print(f"Note: the content has {len(error.problems)} problem(s) now (see 'hub check'); "
              "topics, projects and partners cannot be checked.", file=sys.stderr)
        return None


class _Asker:
    """Takes each answer from its option, or asks for it when the command runs in a terminal."""

    NAMES = {"tags": ("Topics", "topic"), "projects": ("Projects", "project"), "partners": ("Partners", "partner")}

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive

    def text(self, question: str, given: str | None, option: str, *, required: bool = False) -> str:
        if given is None and self.interactive:
            given = input(f"{question}: ").strip()
            while required and not given:
                given = input(f"{question}: ").strip()
        if required and not (given or "").strip():
            fail(f"give the {question.split(' (')[0].lower()} with {option} \"…\" (or run 'hub new' in a terminal to be asked)")
        return (given or "").strip()

    def slugs(self, key: str, given: str | None, known: Mapping[str, str] | None) -> list[str]:
        """Names separated by commas; each must be known, when the content could be read."""
        plural, singular = self.NAMES[key]
        if given is None and self.interactive and known:
            print(f"\n{plural} you can choose:")
            for slug, label in known.items():
                print(f"  {slug:<40} {label}")
        while True:
            if given is None and self.interactive:
                given = input(f"{plural} (names separated by commas, Enter for none): ")
            chosen = list(dict.fromkeys(s.strip() for s in (given or "").split(",") if s.strip()))
            unknown = [s for s in chosen if known is not None and s not in known]
            if not unknown:
                return chosen
            message = "; ".join(f"unknown {singular} '{s}'{suggest(s, known or ())}" for s in unknown)
            if not self.interactive:
                fail(f"{message}. Known {plural.lower()}: {', '.join(known or ())}")
            print(message, file=sys.stderr)
            given = None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        fail(f"expected a date like 2026-11-23, got {value!r}")


def _folder(workspace: Workspace, slug: str, year: int) -> Path:
    news = workspace.content_dir / "news"
    existing = sorted(news.glob(f"*/{slug}"))
    if existing:
        fail(f"a post named '{slug}' exists already: {existing[0].relative_to(workspace.root).as_posix()}/ "
             "(nothing was changed); choose another title or give --slug")
    return news / str(year) / slug


def _write(folder: Path, day: date, choices: dict[str, list[str]], titles: dict[str, str], draft: bool) -> None:
    lines = [f"date: {day.isoformat()}", *(f"{key}: [{', '.join(slugs)}]" for key, slugs in choices.items())]
    if draft:
        lines.append("draft: true  # remove this line to publish the post")
    lines.append("# cover: cover.jpg  # a picture in this folder; then add 'cover_alt: …' (what it shows) to uk.md and en.md")
    texts = {}
    for lang, template in TEMPLATES.items():
        front = yaml.safe_dump({"title": titles.get(lang) or template["title"], "summary": template["summary"]},
                               allow_unicode=True, sort_keys=False, width=1000)
        texts[f"{lang}.md"] = f"---\n{front}---\n\n{template['body']}"
    folder.mkdir(parents=True)  # fails if it exists: _folder checked, this guards a race
    (folder / META).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
