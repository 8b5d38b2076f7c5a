"""Nothing from a submission runs, hides or breaks anything in an output (issue 29, cases 1-3).

A folder of workbooks whose every text cell holds hostile text (a lone surrogate, a
noncharacter, terminal escapes, formulas a spreadsheet would evaluate, rich markup, a
bidirectional override, Excel's own escape written literally; ``tests/hostile_text.py``), under
hostile file names (a formula, markup, an escape sequence, Latin-1 bytes), is validated into
every output: text, JSON, CSV, the xlsx report and the annotated copies. Each must be written
whole (no traceback, every file reported), well-formed, and free of control characters, of
fields Excel would evaluate and of terminal escapes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

import hostile_text
from dsi_xl.report import neutral

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
ESCAPE = re.compile(r"(?<!_x005F)_x00[0-1][0-9A-Fa-f]_")  # Excel's escape of a control character
NUMBER = re.compile(r"-?\d+(,\d+)?")  # a number the CSV writer itself wrote
FILES = len(hostile_text.NAMES)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    return hostile_text.inbox(tmp_path_factory.mktemp("hostile") / "indbakke")


def run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dsi_xl", "validate", str(folder), "--as-of", "2028-06-01", *args],
                          capture_output=True, timeout=600, cwd=folder.parent)


def clean(text: str, where: str) -> None:
    assert not CONTROL.search(text), f"{where}: {text!r}"


def test_neutral_text_leaves_nothing_hostile():
    for hostile in hostile_text.HOSTILE:
        for out in (neutral.text(hostile), neutral.xml(hostile), neutral.cell(hostile), neutral.line(hostile)):
            clean(out, hostile)
            out.encode("utf-8")
        assert not neutral.cell(hostile).lstrip(" ").startswith(neutral.FORMULA_START)
        assert "\x1b" not in neutral.terminal(hostile).plain and "\r" not in neutral.terminal(hostile).plain
    assert neutral.xml("_x001B_") == "_x005F_x001B_"  # Excel would decode the literal text back into ESC
    assert neutral.text("Randers Kommune, Ærø") == "Randers Kommune, Ærø"
    assert neutral.cell(-5) == -5 and neutral.cell("Randers") == "Randers"


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_every_file_is_reported_on_standard_output(inbox, fmt):
    done = run(inbox, "--format", fmt)
    assert done.returncode == 1, done.stderr.decode(errors="replace")  # fejl: the hostile text is no number
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8")
    clean(out.replace("\n", "").replace("\r", "").replace("\t", ""), fmt)
    assert "\x1b" not in out and "PWNED\x07" not in out


@pytest.fixture(scope="module")
def outputs(inbox, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("uddata")
    paths = {}
    for fmt, suffix in (("text", ".txt"), ("json", ".json"), ("csv", ".csv"), ("xlsx", ".xlsx")):
        paths[fmt] = folder / f"rapport{suffix}"
        extra = ("--annotate", str(folder / "retur")) if fmt == "xlsx" else ()
        done = run(inbox, "--format", fmt, "--out", str(paths[fmt]), *extra)
        assert done.returncode == 1, done.stderr.decode(errors="replace")
        assert done.stderr == b""  # every copy written, no file refused
    paths["retur"] = folder / "retur"
    return paths


def test_the_text_report_has_no_escape_and_every_file(outputs):
    text = outputs["text"].read_text(encoding="utf-8")
    clean(text.replace("\n", "").replace("\t", ""), "text")
    assert "\x1b" not in text and "\r" not in text
    assert text.count("Status: FEJL") == FILES
    assert "[link=https:/evil.example/]klik her[/link].xlsx" in text  # shown as the name it is, not a link
    assert "Regnskab 2027 [endelig].xlsx" in text and "x[/y]z.xlsx" in text


def test_the_terminal_gets_colours_and_nothing_else(tmp_path):
    from dsi_xl.batch import validate_files
    from dsi_xl.report.formats import get

    path = hostile_text.build(tmp_path / "ind", "\x1b]0;PWNED\x07 [bold]fed[red].xlsx")
    out = get("text").render(validate_files([str(path)]), terminal=True, width=120).decode("utf-8")
    sequences = set(re.findall(r"\x1b[^m]*m?", out))
    assert sequences and all(re.fullmatch(r"\x1b\[[0-9;]*m", s) for s in sequences), sequences  # colours only
    assert "]0;PWNED" in out and "\x1b]0" not in out and "\x07" not in out


def test_the_json_report_is_strict_and_clean(outputs):
    data = json.loads(outputs["json"].read_bytes().decode("utf-8"))
    assert len(data) == FILES

    def walk(value):
        if isinstance(value, str):
            clean(value.replace("\n", ""), "json")
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    assert any("\ufffd" in item["kommune"] for item in data if item["kommune"])  # the lone surrogate, shown


def test_no_csv_field_would_be_evaluated(outputs):
    raw = outputs["csv"].read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
    assert len(rows) == FILES + 1
    fields = [field for row in rows for field in row]
    for field in fields:
        clean(field.replace("\n", "").replace("\r", "").replace("\t", ""), "csv")
        if not NUMBER.fullmatch(field):
            assert not field.lstrip(" ").startswith(neutral.FORMULA_START), field
    names = {row[0] for row in rows[1:]}
    assert "'=2+5+cmd|' -C calc'!A0.xlsx" in names or any(n.endswith("=2+5+cmd|' -C calc'!A0.xlsx") for n in names)
    assert any(f.startswith("'=cmd|") for f in fields)  # the kommune, made inert, still readable


def _well_formed_and_clean(path: Path, copied: frozenset[str] = frozenset()) -> list[str]:
    """Every XML part parses; every text and attribute is clean but in the parts ``copied`` byte
    for byte from the input; no formula. The parts' names."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            data = package.read(name)
            root = ET.fromstring(data)  # well-formed
            if name in copied:
                continue
            for element in root.iter():
                clean(element.text or "", f"{path.name}:{name}")
                for value in element.attrib.values():
                    clean(value, f"{path.name}:{name}")
            if "/worksheets/" in name:
                assert not ESCAPE.search(data.decode("utf-8")), name
    return names


def test_the_xlsx_report_is_well_formed_and_evaluates_nothing(outputs):
    _well_formed_and_clean(outputs["xlsx"])
    with zipfile.ZipFile(outputs["xlsx"]) as package:
        assert not any(b"<f>" in package.read(n) or b"<f " in package.read(n)
                       for n in package.namelist() if "/worksheets/" in n)
    book = openpyxl.load_workbook(outputs["xlsx"])
    assert book["Oversigt"].max_row >= FILES + 1


def test_each_annotated_copy_is_written_well_formed_with_clean_report(outputs, inbox):
    copies = sorted(p for p in outputs["retur"].rglob("*.xlsx"))
    assert len(copies) == FILES
    with zipfile.ZipFile(inbox / hostile_text.NAMES[0]) as package:
        copied = frozenset(n for n in package.namelist() if "/worksheets/" in n)  # the submitter's own sheets
    for copy in copies:
        _well_formed_and_clean(copy, copied)
        book = openpyxl.load_workbook(copy)
        report = book["Valideringsrapport"]
        texts = [c.value for row in report.iter_rows() for c in row if isinstance(c.value, str)]
        assert any("Fil: " in t for t in texts)
        for text in texts:
            clean(text.replace("\n", ""), copy.name)


def test_analysis_hands_pandas_nothing_excel_would_evaluate(inbox, tmp_path):
    pytest.importorskip("pandas")
    from dsi_xl.analysis import frames_of

    files, findings = frames_of([inbox], as_of=None, jobs=1)
    for frame in (files, findings):
        for value in frame.to_numpy().ravel():
            if isinstance(value, str):
                clean(value.replace("\n", ""), "pandas")
                assert not value.lstrip(" ").startswith(neutral.FORMULA_START), value
    out = tmp_path / "analyse.xlsx"
    files.to_excel(out)
    with zipfile.ZipFile(out) as package:
        assert not any(b"<f>" in package.read(n) for n in package.namelist() if "/worksheets/" in n)


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_the_portfolio_shows_hostile_text_inert_too(inbox, fmt):
    done = subprocess.run([sys.executable, "-m", "dsi_xl", "portfolio", str(inbox), "--format", fmt,
                           "--as-of", "2028-06-01"], capture_output=True, timeout=600, cwd=inbox.parent)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    out = done.stdout.decode("utf-8")
    assert out.strip()
    clean(out.replace("\n", "").replace("\r", "").replace("\t", ""), fmt)
    if fmt == "csv":
        for row in csv.reader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";"):
            for field in row:
                assert NUMBER.fullmatch(field) or not field.lstrip(" ").startswith(neutral.FORMULA_START), field
