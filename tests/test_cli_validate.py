"""``dsi-xl validate``: exit statuses, the JSON shape, text, xlsx and --annotate outputs, batches,
and that no input is ever changed. Through click's CliRunner and through a real subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.writer.excel import ExcelWriter

from dsi_xl.agreement import load
from dsi_xl.atomic import TEMPORARY_PREFIX
from dsi_xl.cli import main
from dsi_xl.report import overview, zip_copy
from dsi_xl.report.formats import xlsxout
from dsi_xl.report.report_sheet import SHEET_NAME, STATUS_TEXT
from dsi_xl.spec import FORMULA_NAMES, by_name, formula_names
from validate_files import AS_OF, broken, example

STATUSES = {"ok", "advarsler", "fejl", "ulæselig"}
SEVERITIES = {"fejl", "advarsel", "info"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


@pytest.fixture()
def ex(tmp_path):
    return example(tmp_path)


def with_fejl(folder: Path) -> Path:
    """The example with its CVR number changed: STAM-03 (and perhaps STAM-02) fejl."""
    path = example(folder, "med-fejl.xlsx")
    book = openpyxl.load_workbook(path)
    sheet, ref = next(iter(book.defined_names["DSI_CVR"].destinations))
    book[sheet][ref.replace("$", "").split(":")[0]] = "12345674"
    book.save(path)
    return path


def test_the_example_exits_0_and_says_its_status(ex):
    before = digest(ex)
    result = run(str(ex), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    assert "Status:" in result.output and STATUS_TEXT["ok"].split(":")[0] in result.output
    assert "\x1b[" not in result.output  # no colour codes when not a terminal
    assert digest(ex) == before


def test_json_shape_is_the_specs(ex, tmp_path):
    bad = broken(tmp_path)
    result = run(str(ex), str(bad), "--format", "json", "--as-of", AS_OF.isoformat())
    data = json.loads(result.stdout)
    assert [item["file"] for item in data] == [str(ex), str(bad)]
    randers = load()
    for item in data:
        assert set(item) >= {"file", "status", "findings", "computed"}
        assert item["status"] in STATUSES
        for finding in item["findings"]:
            assert set(finding) >= {"rule", "severity", "name", "sheet", "cell", "message"}
            assert finding["severity"] in SEVERITIES and finding["message"]
    good, unreadable = data
    assert good["status"] == "ok"
    assert unreadable["status"] == "ulæselig" and unreadable["findings"][0]["severity"] == "fejl"
    assert unreadable["computed"] == {name: [] for name in FORMULA_NAMES}  # no agreement: the shared names
    assert list(good["computed"]) == list(formula_names(randers)) and len(formula_names(randers)) == 7
    for name in formula_names(randers):
        rows, columns = by_name(randers)[name].shape_for(randers)
        grid = good["computed"][name]
        assert len(grid) == rows and all(len(row) == columns for row in grid), name
    assert result.exit_code == 2


def test_a_fejl_exits_1_and_a_broken_file_wins_with_2(tmp_path):
    bad_data = with_fejl(tmp_path)
    result = run(str(bad_data), "--format", "json", "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["status"] == "fejl"
    assert run(str(bad_data), str(broken(tmp_path)), "--as-of", AS_OF.isoformat()).exit_code == 2


@pytest.mark.parametrize("args, words", [
    (["findes-ikke.xlsx"], "findes ikke"),
    (["{ex}", "--format", "pdf"], "Ukendt format"),
    (["{ex}", "--format", "xlsx"], "--out"),
    (["{ex}", "--as-of", "i morgen"], "--as-of"),
    (["{ex}", "--jobs", "0"], "--jobs"),
    (["{ex}", "--jobs", "mange"], "--jobs"),
    (["{ex}", "--annotate", "{folder}"], "overskrevet"),
    ([], "mindst én fil"),
    (["{ex}", "--ukendt"], "Forkert brug"),
    (["{ex}", "--out"], "Forkert brug"),
])
def test_bad_usage_is_one_danish_sentence_and_exit_2(ex, args, words):
    args = [a.format(ex=ex, folder=ex.parent) for a in args]
    before = digest(ex)
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
    assert digest(ex) == before


def test_xlsx_report_has_a_summary_row_per_file_and_all_findings(ex, tmp_path):
    fejl, bad = with_fejl(tmp_path), broken(tmp_path)
    out = tmp_path / "rapport" / "dsi.xlsx"
    out.parent.mkdir()
    before = [digest(f) for f in (ex, fejl, bad)]
    result = run(str(ex), str(fejl), str(bad), "--format", "xlsx", "--out", str(out), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == list(xlsxout.SHEETS)
    rows = list(book[xlsxout.SUMMARY_SHEET].values)
    assert rows[0].count(None) == 0 and len(rows[0]) == len(overview.SHEETS[overview.STATUS_SHEET])
    assert [(r[0], r[1]) for r in rows[1:-1]] == [(str(ex), "ok"), (str(fejl), "fejl"), (str(bad), "ulæselig")]
    assert rows[-1][0] == overview.TOTALS["all"]
    answer = json.loads(run(str(ex), "--format", "json", "--as-of", AS_OF.isoformat()).stdout)[0]
    computed = answer["computed"]
    amounts = list(book[overview.AMOUNTS_SHEET].values)
    rates = len(load().repayment_rates)
    at = {h: i for i, h in enumerate(amounts[0])}
    assert amounts[1][at[overview.UNUSED.heading]] == computed["DSI_IKKE_ANVENDT"][0][0]
    first = at[overview.rate(1).heading]
    assert list(amounts[1][first:first + rates]) == computed["DSI_TILBAGEBETALING"][0]
    assert amounts[1][at["Kommune"]] == answer["kommune"] and amounts[1][at["Regnskabsår"]] == answer["regnskabsaar"]
    files = list(book[overview.FILES_SHEET].values)
    at = {h: i for i, h in enumerate(files[0])}
    assert files[1][at["SHA-256"]] == answer["sha256"] and files[3][at["SHA-256"]] == digest(bad)
    assert files[1][at["E-mail"]] == answer["kontakt_email"] == "mette.holm.jensen@randers.dk"
    assert files[3][at["Tilsagn"]] is None
    findings = list(book[xlsxout.FINDINGS_SHEET].values)[1:]
    assert any(r[0] == str(fejl) and r[2] == "fejl" and r[3].startswith("STAM-") for r in findings)
    assert any(r[0] == str(bad) and r[1] == "ulæselig" for r in findings)
    assert [p.name for p in out.parent.iterdir()] == ["dsi.xlsx"]
    assert [digest(f) for f in (ex, fejl, bad)] == before


def test_out_writes_json_to_a_file_and_nothing_to_stdout(ex, tmp_path):
    out = tmp_path / "fund.json"
    result = run(str(ex), "--format", "json", "--out", str(out), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["file"] == str(ex)
    assert run(str(ex), "--format", "json", "--out", str(ex)).exit_code == 2  # never over an input


def _cells(book, skip=()):
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets if ws.title not in skip
            for row in ws.iter_rows() for c in row if c.value is not None}


def test_annotate_adds_only_the_report_sheet(tmp_path):
    source = with_fejl(tmp_path)
    before = digest(source)
    folder = tmp_path / "retur"
    result = run(str(source), "--annotate", str(folder), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1
    copy = folder / source.name
    original, annotated = openpyxl.load_workbook(source), openpyxl.load_workbook(copy)
    assert annotated.sheetnames == original.sheetnames + [SHEET_NAME]
    assert _cells(annotated, skip={SHEET_NAME}) == _cells(original)
    assert set(annotated.defined_names) == set(original.defined_names)
    report = annotated[SHEET_NAME]
    assert report["A2"].value == STATUS_TEXT["fejl"]
    assert report["A2"].fill.fgColor.rgb.endswith("FFC7CE")
    linked = [c for row in report.iter_rows() for c in row if c.hyperlink is not None]
    assert linked and all(c.hyperlink.location and "!" in c.hyperlink.location for c in linked)
    assert digest(source) == before
    # annotating the annotated copy replaces its report instead of adding a second one
    again = tmp_path / "igen"
    assert run(str(copy), "--annotate", str(again), "--as-of", AS_OF.isoformat()).exit_code == 1
    assert openpyxl.load_workbook(again / source.name).sheetnames.count(SHEET_NAME) == 1
    assert sorted(p.name for p in folder.iterdir()) == [source.name]


def test_a_batch_with_a_broken_file_validates_the_others_in_order(tmp_path):
    files = [example(tmp_path, f"kommune-{i}.xlsx") for i in range(5)]
    files.insert(2, broken(tmp_path))
    before = [digest(f) for f in files]
    result = run(*map(str, files), "--format", "json", "--jobs", "3", "--as-of", AS_OF.isoformat())
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(f) for f in files]
    assert [d["status"] for d in data] == ["ok", "advarsler", "ulæselig", "advarsler", "advarsler", "advarsler"]
    assert [d["taelles_med"] for d in data] == [True, False, False, False, False, False]  # one file counts
    assert result.exit_code == 2
    assert "Validerer" not in result.stderr + result.stdout  # progress only on a terminal, not into logs
    assert [digest(f) for f in files] == before


def test_an_interrupted_write_leaves_no_file(ex, tmp_path, monkeypatch):
    def half_then_fail(self):
        self._archive.writestr("xl/workbook.xml", b"half a workbook")
        raise KeyboardInterrupt

    def half_a_copy(package, changes, dropped, temporary):
        Path(temporary).write_bytes(b"PK\x03\x04 half a copy")
        raise KeyboardInterrupt

    monkeypatch.setattr(ExcelWriter, "write_data", half_then_fail)
    out, folder = tmp_path / "out" / "dsi.xlsx", tmp_path / "retur"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["validate", str(ex), "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 130
    assert list(out.parent.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.setattr(zip_copy, "write", half_a_copy)
    result = CliRunner().invoke(main, ["validate", str(ex), "--annotate", str(folder)])
    assert result.exit_code == 130
    assert list(folder.iterdir()) == []


def test_a_failed_copy_is_reported_and_the_others_are_written(tmp_path, monkeypatch):
    first, second = example(tmp_path, "a.xlsx"), example(tmp_path, "b.xlsx")
    real_write = zip_copy.write

    def full_disk_for_a(package, changes, dropped, temporary):
        if Path(temporary).name.startswith(TEMPORARY_PREFIX) and ".a.tmp" in Path(temporary).name:
            Path(temporary).write_bytes(b"PK half")
            raise OSError(28, "No space left on device")
        real_write(package, changes, dropped, temporary)

    monkeypatch.setattr(zip_copy, "write", full_disk_for_a)
    folder = tmp_path / "retur"
    result = run(str(first), str(second), "--annotate", str(folder), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2
    assert "a.xlsx" in result.stderr and "Traceback" not in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["b.xlsx"]


def test_headless_subprocess_as_dsi_runs_it(ex, tmp_path):
    bad = broken(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "dsi_xl", "validate", str(ex), "--format", "json", "--as-of",
                           AS_OF.isoformat()], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["status"] == "ok"
    done = subprocess.run(["dsi-xl", "validate", str(ex), str(bad)], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 2
    assert "ulæselig" in done.stdout.lower() or "ULÆSELIG" in done.stdout
    assert "Traceback" not in done.stderr
    done = subprocess.run(["dsi-xl", "validate", str(tmp_path / "mangler.xlsx")], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 2 and done.stderr.strip() == f"Filen {tmp_path / 'mangler.xlsx'} findes ikke."



@pytest.mark.parametrize("typed", ["01.01.2027", "2027-01-01", " 01-01-2027 "])
def test_as_of_takes_the_danish_date_as_well_as_iso(ex, typed):
    result = run(str(ex), "--format", "json", "--as-of", typed)
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.output)[0]["as_of"] == "2027-01-01"  # before the example's signing date


def test_json_as_of_is_the_signing_date_when_the_run_is_later(ex):
    result = run(str(ex), "--format", "json", "--as-of", "01.06.2028")
    assert json.loads(result.output)[0]["as_of"] == "2028-05-15"  # deadlines are judged on the signature


def test_as_of_refuses_an_impossible_danish_date_in_one_danish_sentence(ex):
    result = run(str(ex), "--as-of", "31.02.2028")
    assert result.exit_code == 2
    assert "30.06.2028" in result.output and "Traceback" not in result.output


IDENTITY = ("sha256", "tilsagn", "skabelon_version", "kommune", "cvr", "regnskabsaar", "underskrift_dato", "as_of",
            "dsi_xl_version")


def test_json_says_who_sent_the_file_and_what_it_is(ex):
    item = json.loads(run(str(ex), "--format", "json", "--as-of", "01.06.2028").output)[0]
    assert [key for key in item if key in IDENTITY] == list(IDENTITY)
    assert item["sha256"] == hashlib.sha256(ex.read_bytes()).hexdigest()
    assert (item["tilsagn"], item["kommune"], item["cvr"], item["regnskabsaar"]) == (
        "randers-2026", "Randers Kommune", "29189668", 2027)
    assert item["underskrift_dato"] == "2028-05-15" and item["dsi_xl_version"]


def test_identification_is_null_for_an_unreadable_file_but_its_checksum(tmp_path):
    bad = tmp_path / "ikke-en-skabelon.xlsx"
    bad.write_bytes(b"not a zip")
    item = json.loads(run(str(bad), "--format", "json").output)[0]
    assert item["status"] == "ulæselig" and item["sha256"] == hashlib.sha256(b"not a zip").hexdigest()
    assert all(item[key] is None for key in IDENTITY if key not in ("sha256", "dsi_xl_version"))


def test_csv_has_one_row_per_file_with_a_bom_and_semicolons(ex, tmp_path):
    import csv

    bad = tmp_path / "ikke-en-skabelon.xlsx"
    bad.write_bytes(b"not a zip")
    out = tmp_path / "oversigt.csv"
    result = run(str(ex), str(bad), "--format", "csv", "--out", str(out), "--as-of", "01.06.2028")
    assert result.exit_code == 2, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert [row["fil"] for row in rows] == [str(ex), str(bad)]
    assert [row["status"] for row in rows] == ["ok", "ulæselig"]
    assert (rows[0]["kommune"], rows[0]["cvr"], rows[0]["regnskabsaar"]) == ("Randers Kommune", "29189668", "2027")
    assert (
        rows[0]["tilbagebetaling_rate_1"] == "1133397,30" and rows[0]["ikke_anvendt_tilskud"] == "5000"
    )  # after the 2026 repayment in the example
    assert rows[1]["kommune"] == "" and rows[1]["sha256"] == hashlib.sha256(b"not a zip").hexdigest()
    # DSI can write back: the contact person; and the year's own figures, not cumulative ones
    assert (rows[0]["kontakt_navn"], rows[0]["kontakt_email"]) == ("Mette Holm Jensen", "mette.holm.jensen@randers.dk")
    assert (rows[0]["faktiske_udgifter"], rows[0]["modtaget_tilskud"]) == ("645000", "650000")
    assert rows[0]["taelles_med"] == "SAND" and rows[0]["taelles_med_hvorfor"] == "eneste fil for regnskabsåret 2027"


@pytest.mark.parametrize("fmt, name", [("xlsx", "rapport.txt"), ("json", "rapport.xlsx"), ("csv", "rapport.json"),
                                       ("text", "rapport.xlsx")])
def test_an_output_whose_extension_does_not_match_its_format_is_refused(ex, tmp_path, fmt, name):
    result = run(str(ex), "--format", fmt, "--out", str(tmp_path / name))
    assert result.exit_code == 2 and "passer ikke til --format" in result.output
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("command", ["template", "example"])
def test_template_and_example_refuse_to_overwrite_a_file_unless_told(tmp_path, command):
    filled = tmp_path / "mit-udfyldte-regnskab.xlsx"
    filled.write_bytes(b"the municipality's filled accounts")
    refused = CliRunner().invoke(main, [command, "--out", str(filled)])
    assert refused.exit_code == 2 and "--overskriv" in refused.output
    assert filled.read_bytes() == b"the municipality's filled accounts"
    told = CliRunner().invoke(main, [command, "--overskriv", "--out", str(filled)])
    assert told.exit_code == 0, told.output
    assert filled.read_bytes().startswith(b"PK")


ENGLISH_CLICK = ("Usage:", "Options", "Show this message", "Error:", "No such command", "Missing option",
                 "Missing argument", "Try '", "[OPTIONS]", "Commands:")


@pytest.mark.parametrize("args", [["--help"], ["nosuch"], ["template"], ["template", "--help"],
                                  ["validate", "--help"], ["example", "--nosuch"]])
def test_the_command_line_speaks_danish_including_clicks_own_words(args):
    result = CliRunner().invoke(main, args)
    assert result.output.strip()
    for phrase in ENGLISH_CLICK:
        assert phrase not in result.output, (phrase, result.output)


def test_a_folder_is_every_workbook_under_it_sorted_without_lock_files_or_last_runs_copies(tmp_path):
    inbox = tmp_path / "indkomne"
    for name in ("randers/2027.xlsx", "aarhus/2026.xlsm", "aarhus/2027.xlsx"):
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        example(inbox / name.split("/")[0], name.split("/")[1])
    (inbox / "aarhus" / "~$2027.xlsx").write_bytes(b"Excel's lock file")
    (inbox / "noter.txt").write_text("ikke en projektmappe", encoding="utf-8")
    example(inbox / "retur" if (inbox / "retur").mkdir() is None else inbox, "gammel-kopi.xlsx")
    result = run(str(inbox), "--format", "json", "--annotate", str(inbox / "retur"), "--as-of", AS_OF.isoformat())
    assert result.exit_code in (0, 1), result.output
    files = [d["file"] for d in json.loads(result.stdout)]
    assert files == [str(inbox / "aarhus" / "2026.xlsm"), str(inbox / "aarhus" / "2027.xlsx"),
                     str(inbox / "randers" / "2027.xlsx")]
    assert (inbox / "retur" / "aarhus" / "2027.xlsx").exists()


def test_an_empty_folder_is_one_sentence(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2 and "indeholder ingen .xlsx- eller .xlsm-filer" in result.output
