"""The hub's tools speak Ukrainian and English: every message has its translation, in the language the writer chose."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT
from hub import messages

HUB = ROOT / "scripts" / "hub"
CATALOG = messages.LOCALE_DIR / "uk" / "LC_MESSAGES" / "hub.po"
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def in_code() -> dict[str | tuple[str, str], list[str]]:
    """Every message of the code, with where it is: what `./run messages` extracts."""
    found: dict = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            HUB, method_map=[("**.py", "python")], keywords={"_": None, "n_": (1, 2)}):
        found.setdefault(message, []).append(f"{filename}:{line}")
    return found


def catalog():
    with CATALOG.open("rb") as stream:
        return read_po(stream, locale="uk")


def test_every_message_has_its_ukrainian_translation() -> None:
    translated = {message.id: message for message in catalog() if message.id}

    def done(message: str | tuple[str, str]) -> bool:
        entry = translated.get(message)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        return bool(strings) and all(strings) and not entry.fuzzy

    missing = [f"{where[0]}: {message!r}" for message, where in in_code().items() if not done(message)]
    assert missing == [], "run ./run messages, then translate these in " + CATALOG.relative_to(ROOT).as_posix()


def test_the_catalog_holds_no_message_the_code_no_longer_has() -> None:
    stale = [message.id for message in catalog() if message.id and message.id not in in_code()]
    assert stale == [], "run ./run messages: it drops them"


def test_each_translation_keeps_the_placeholders_of_its_message() -> None:
    """A {name} left out, renamed or translated would fail when the message is shown."""
    wrong = []
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != wanted:
                wrong.append((ids[0], string))
    assert wrong == []


def modules_speaking() -> list[Path]:
    return [path for path in sorted(HUB.rglob("*.py")) if "from ..messages import" in path.read_text(encoding="utf-8")
            or "from ...messages import" in path.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", modules_speaking(), ids=lambda path: path.relative_to(HUB).as_posix())
def test_messages_are_literal_made_when_shown_and_never_shadowed(path: Path) -> None:
    """Babel extracts only literal strings, and none inside an f-string; a message made at import time would miss
    `--lang`; a local `_` would hide the function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    inside = {id(child) for function in functions for child in ast.walk(function)}
    in_fstrings = {id(child) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for child in ast.walk(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "n_"):
            count = 2 if node.func.id == "n_" else 1
            assert all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in node.args[:count]), \
                f"{path.name}:{node.lineno}: a message must be a literal string (no f-string): values go in as keywords"
            assert id(node) in inside, f"{path.name}:{node.lineno}: a message made at import time"
            taken = {"message"} if node.func.id == "_" else {"singular", "plural", "count"}
            assert not taken & {keyword.arg for keyword in node.keywords}, \
                f"{path.name}:{node.lineno}: a value named like a parameter of {node.func.id}: rename it"
            assert id(node) not in in_fstrings, \
                f"{path.name}:{node.lineno}: a message inside an f-string, which Babel does not extract: make it outside"
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            raise AssertionError(f"{path.name}:{node.lineno}: `_` is the message function here: name the value")


@pytest.mark.parametrize(("variables", "expected"), [
    ({"HUB_LANG": "en", "LANG": "uk_UA.UTF-8"}, "en"),
    ({"LANG": "uk_UA.UTF-8"}, "uk"),
    ({"LANGUAGE": "en:uk", "LANG": "uk_UA.UTF-8"}, "en"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "uk_UA.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "uk"),
    ({"LANG": "ru_RU.UTF-8"}, "uk"),
])
def test_the_language_comes_from_the_command_line_then_the_locale(monkeypatch: pytest.MonkeyPatch, variables: dict[str, str],
                                                                    expected: str) -> None:
    for name in messages.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(messages.locale, "getlocale", lambda: (None, None))
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert messages.language() == expected


@pytest.mark.parametrize(("variables", "expected"), [
    ({"LANG": "C.UTF-8"}, "uk"),  # WSL's and containers' default, which Python 3.11 reads as en_US
    ({"LC_ALL": "POSIX"}, "uk"),
    ({}, "en"),  # Windows sets no variable: its own setting, read by Python
])
def test_a_locale_naming_no_language_leaves_the_hub_in_ukrainian(monkeypatch: pytest.MonkeyPatch, variables: dict[str, str],
                                                                 expected: str) -> None:
    for name in messages.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(messages.locale, "getlocale", lambda: ("en_US", "UTF-8"))
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert messages.language() == expected


def run_hub(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os
    return subprocess.run([sys.executable, "-m", "hub.commands.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=120)


def test_hub_speaks_the_language_asked_for() -> None:
    ukrainian = run_hub("--help", env={"HUB_LANG": "", "LANG": "uk_UA.UTF-8"})
    assert "Пишіть, перевіряйте" in ukrainian.stdout
    english = run_hub("--lang", "en", "--help", env={"HUB_LANG": "", "LANG": "uk_UA.UTF-8"})
    assert "Write, check, preview" in english.stdout
    wrong = run_hub("--lang", "de", "--help", env={})
    assert wrong.returncode == 2 and "--lang de" in wrong.stderr


def test_a_command_line_mistake_is_told_in_ukrainian(tmp_path: Path) -> None:
    """argparse's own errors: two options that exclude each other, a port that is no number."""
    both = run_hub("newsletter", "--since", "2026-11-01", "--dry-run", "--out", str(tmp_path), env={"HUB_LANG": "uk"})
    assert both.returncode == 2 and "аргумент --out: не можна поєднувати з аргументом --dry-run" in both.stderr, both.stderr
    port = run_hub("preview", "--port", "abc", env={"HUB_LANG": "uk"})
    assert port.returncode == 2 and "аргумент --port: неправильне значення: 'abc'" in port.stderr, port.stderr


@pytest.fixture
def ukrainian(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages in Ukrainian for one test; `hub --lang` sets HUB_LANG too, which monkeypatch then restores."""
    monkeypatch.setenv("HUB_LANG", "uk")


@pytest.mark.parametrize(("command", "words"), [
    ("check", ("Перевіряє весь вміст", "Код виходу — 1", "«text» — для людей")),
    ("newsletter", ("випуск розсилки для кожної мови", "перший день періоду", "приклади:")),
    ("subscribers", ("файли CSV або JSON із подіями підписників", "стовпці (у будь-якому порядку", "обовʼязкові")),
])
def test_the_commands_help_is_in_ukrainian(command: str, words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from hub.commands.cli import main
    monkeypatch.setenv("HUB_LANG", "en")  # restored after `--lang uk` changes it
    with pytest.raises(SystemExit):
        main(["--lang", "uk", command, "--help"])
    shown = capsys.readouterr().out
    for text in (*words, "використання:", "показати цю довідку й вийти", "тека проєкту"):
        assert text in shown, text
    assert "usage:" not in shown and "options:" not in shown


def test_a_wrong_command_line_is_refused_in_ukrainian(ukrainian: None, capsys: pytest.CaptureFixture[str]) -> None:
    from hub.commands.cli import main
    with pytest.raises(SystemExit) as stop:
        main(["newsletter", "--since", "2026-13-01"])
    assert stop.value.code == 2
    assert "помилка: аргумент --since: очікувано дату на кшталт 2026-11-01, а не «2026-13-01»" in capsys.readouterr().err


def test_hub_subscribers_reports_and_refuses_in_ukrainian(ukrainian: None, project: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from hub.commands.cli import main
    inputs = sorted((ROOT / "tests" / "fixtures" / "subscribers").glob("*.*"))
    assert main(["subscribers", "--root", str(project), *map(str, inputs), "--out", str(tmp_path / "out")]) == 0
    report = capsys.readouterr().out
    assert "рядків у 3 файлах: експортовано" in report and "Кожен рядок враховано:" in report
    assert "Відхилені рядки (також у rejects.csv):" in report and "немає адреси електронної пошти" in report
    assert "невідома подія «bounce»: очікувано signup, confirm або unsubscribe" in report
    assert "7 полів на 6 стовпців: візьміть у лапки значення, що містять «,»" in report

    legacy = tmp_path / "excel.csv"
    legacy.write_bytes("email;event;time\nолена@example.org;signup;2026-11-02\n".encode("cp1251"))
    with pytest.raises(SystemExit) as stop:
        main(["subscribers", "--root", str(project), str(legacy), "--out", str(tmp_path / "again")])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (f"hub: {legacy}:2: це не текст у кодуванні UTF-8 (байт 17): збережіть файл як "
                                       "«CSV UTF-8»; нічого не записано\n")


def test_hub_newsletter_refuses_in_ukrainian(ukrainian: None, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hub.commands.cli import main
    with pytest.raises(SystemExit):
        main(["newsletter", "--root", str(project), "--since", "2026-11-05", "--until", "2026-11-01"])
    assert capsys.readouterr().err == "hub: --until 2026-11-01 раніше за --since 2026-11-05\n"


@pytest.mark.parametrize(("total", "english", "ukrainian_text"), [
    ({"error": 1, "warning": 1}, "1 error, 1 warning: fix the errors before publishing.",
     "1 помилка, 1 попередження: виправте помилки до публікації."),
    ({"error": 3, "warning": 22}, "3 errors, 22 warnings: fix the errors before publishing.",
     "3 помилки, 22 попередження: виправте помилки до публікації."),
    ({"error": 11, "warning": 5}, "11 errors, 5 warnings: fix the errors before publishing.",
     "11 помилок, 5 попереджень: виправте помилки до публікації."),
    ({"error": 0, "warning": 21}, "0 errors, 21 warnings: nothing stops publishing.",
     "0 помилок, 21 попередження: ніщо не заважає публікації."),
])
def test_the_check_summary_counts_in_each_language(total: dict[str, int], english: str, ukrainian_text: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from hub.commands.check import _summary
    assert _summary(total) == english
    monkeypatch.setenv("HUB_LANG", "uk")
    assert _summary(total) == ukrainian_text
