"""The Excel shell without Excel: xlwings' remote engine, fed a book payload built from the
example file exactly as xlwings' Office.js client sends it, runs the ``validate`` script; the
actions it sends back must touch only the ``Valideringsrapport`` sheet."""

from __future__ import annotations

import asyncio
import copy
import importlib
import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is first imported

import pytest
import xlwings as xw

from dsi_xl.agreement import load
from dsi_xl.report.report_sheet import STATUS_TEXT
from dsi_xl.spec import REPORT_SHEET, formula_names
from dsi_xl.validation.engine import validate_file
from officejs_payload import payload
from validate_files import example

if "remote" not in [engine.name for engine in xw.engines]:  # xlwings was imported before the key was set
    from xlwings.main import Engine
    from xlwings.pro import _xlremote

    xw.engines.add(Engine(impl=_xlremote.engine))


@pytest.fixture()
def excel(monkeypatch):
    """dsi_xl.excel as xlwings Server / Lite load it: the script registered with xlwings.server."""
    monkeypatch.setenv("XLWINGS_ON_SERVER", "true")
    import dsi_xl.excel

    module = importlib.reload(dsi_xl.excel)
    yield module
    monkeypatch.delenv("XLWINGS_ON_SERVER")
    importlib.reload(dsi_xl.excel)


@pytest.fixture()
def example_file(tmp_path):
    return example(tmp_path)


def book_for(path, change=None):
    data = payload(path, validate_file(path).computed)
    if change:
        change(data)
    return xw.Book(json=data)


def run_script(excel, book):
    from xlwings.server import custom_scripts_call

    returned = asyncio.run(custom_scripts_call(excel, "validate", typehint_to_value={xw.Book: book}))
    return returned.json()["actions"]


def report_position(book) -> int:
    return [s.name for s in book.sheets].index(REPORT_SHEET)


def assert_only_report(actions, position):
    assert actions
    for action in actions:
        if action["func"] == "addSheet":
            assert action["args"] == [position, REPORT_SHEET]
        elif action["func"] == "activateSheet":
            assert action["args"] == [position]
        else:
            assert action["sheet_position"] == position, action


def status_cell(actions):
    first_values = next(a for a in actions if a["func"] == "setValues")
    assert (first_values["start_row"], first_values["start_column"]) == (0, 0)
    return first_values["values"][1][0]


def set_cvr(data, text):
    name = next(n for n in data["names"] if n["name"] == "DSI_CVR")
    address = name["address"].split(":")[0]
    column = address.rstrip("0123456789")
    row = int(address[len(column):]) - 1
    col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(column))) - 1
    data["sheets"][name["sheet_index"]]["values"][row][col] = text


def test_the_script_is_registered_for_xlwings_server(excel):
    assert excel.validate.__xlscript__["lazy"] is False
    assert any(meta["function_name"] == "validate"
               for meta in __import__("xlwings.server", fromlist=["x"]).custom_scripts_meta(excel))


def test_the_script_writes_only_the_report_sheet(excel, example_file):
    book = book_for(example_file)
    sheets_before = [s.name for s in book.sheets]
    actions = run_script(excel, book)
    position = report_position(book)
    assert position == len(sheets_before)  # added after the last sheet
    assert actions[0] == {**actions[0], "func": "addSheet", "args": [position, REPORT_SHEET]}
    assert_only_report(actions, position)
    expected = validate_file(example_file).status
    assert status_cell(actions) == STATUS_TEXT[expected]
    assert any(a["func"] == "setRangeColor" for a in actions)


def test_a_fejl_shows_red_and_links_to_its_cell(excel, example_file):
    book = book_for(example_file, lambda data: set_cvr(data, "12345674"))
    actions = run_script(excel, book)
    assert_only_report(actions, report_position(book))
    assert status_cell(actions) == STATUS_TEXT["fejl"]
    assert {"func": "setRangeColor", "args": ["#FFC7CE"]}.items() <= next(
        a for a in actions if a["func"] == "setRangeColor" and a["start_row"] == 1).items()
    links = [a["args"][0] for a in actions if a["func"] == "addHyperlink"]
    assert any(link.startswith("#'Stamdata'!") for link in links)


def test_running_twice_replaces_the_report(excel, example_file):
    data = payload(example_file, validate_file(example_file).computed)
    first = xw.Book(json=copy.deepcopy(data))
    run_script(excel, first)
    # the second run sees the workbook as Excel now holds it: with a report sheet
    data["sheets"].append({"name": REPORT_SHEET, "values": [["gammel rapport"]], "pictures": [], "tables": []})
    second = xw.Book(json=copy.deepcopy(data))
    actions = run_script(excel, second)
    position = len(data["sheets"]) - 1
    assert not any(a["func"] == "addSheet" for a in actions)
    assert actions[0]["func"] == "sheetClear" and actions[0]["sheet_position"] == position
    assert_only_report(actions, position)
    assert [s.name for s in second.sheets].count(REPORT_SHEET) == 1


def test_office_js_sends_no_formulas_and_the_report_says_so(excel, example_file):
    from dsi_xl.workbook import xlwings_book

    book = book_for(example_file)
    adapted = xlwings_book.read(book)
    assert adapted.formulas_known is False
    assert all(cell.formula is None for named in adapted.submission.names.values() for row in named.cells
               for cell in row)
    actions = run_script(excel, xw.Book(json=payload(example_file, validate_file(example_file).computed)))
    texts = [v for a in actions if a["func"] == "setValues" for row in a["values"] for v in row]
    assert excel.not_checked("officejs") in texts and "FORMEL-01 og FORMEL-02" in excel.not_checked("officejs")
    assert not any(isinstance(t, str) and t in ("FORMEL-01", "FORMEL-02") for t in texts)


def test_the_adapter_reads_what_the_file_reader_reads(excel, example_file):
    from dsi_xl.workbook import reader, xlwings_book

    live = xlwings_book.read(book_for(example_file)).submission
    saved = reader.read(example_file)
    assert set(live.names) == set(saved.names)
    for name, named in saved.names.items():
        if name not in formula_names(load()):  # inputs: values must agree exactly
            assert live.names[name].values == named.values, name
        assert live.names[name].ref == named.ref and live.names[name].sheet == named.sheet


def test_a_quoted_formula_in_a_finding_stays_text(excel, example_file):
    book = book_for(example_file, lambda data: set_cvr(data, '=HYPERLINK("http://x","klik")'))
    actions = run_script(excel, book)
    texts = [v for a in actions if a["func"] == "setValues" for row in a["values"] for v in row]
    assert not any(isinstance(t, str) and t.startswith("=") for t in texts)


@pytest.mark.parametrize("raw, rows, columns, grid", [
    ("=A1", 1, 1, [["=A1"]]),  # desktop Excel: one cell is a scalar
    (("a", "b"), 1, 2, [["a", "b"]]),
    (("a", "b"), 2, 1, [["a"], ["b"]]),
    ((("a", "b"), ("c", "d")), 2, 2, [["a", "b"], ["c", "d"]]),
    ((("a",), ("b",)), 2, 1, [["a"], ["b"]]),
])
def test_xlwings_shapes_become_rows_and_columns(raw, rows, columns, grid):
    from dsi_xl.workbook import xlwings_book

    assert xlwings_book._grid(raw, rows, columns) == grid


@pytest.mark.parametrize("raw, expected", [
    ("", None), (None, None), (2027.0, 2027), (28.5, 28.5), ("#NAME?", "#NAME?"), ("tekst", "tekst"), (True, True),
])
def test_values_are_normalised_as_the_file_reader_does(raw, expected):
    from dsi_xl.workbook import xlwings_book
    from dsi_xl.workbook.submission import ExcelError

    value = xlwings_book.value(raw)
    assert value == expected and type(value) is type(expected) or isinstance(value, ExcelError)
    if raw == "#NAME?":
        assert isinstance(value, ExcelError)
