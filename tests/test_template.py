"""The template generator: every spec name with its shape on its sheet, made for people
(protection, validation, styles, formats), no agreement number in a formula, deterministic, and
the committed workbooks are what the generator makes."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.cell import range_boundaries

from conftest import DATA, EXAMPLE_FILE, TEMPLATE_FILE
from dsi_xl import template
from dsi_xl.spec import TEMPLATE_VERSION, names
from dsi_xl.template.example import INPUTS
from dsi_xl.template.styles import FORMULA_FILL, INPUT_FILL, TERM_FILL
from template_snapshot import snapshot


def _shape(attr_text: str) -> tuple[str, tuple[int, int]]:
    sheet, area = attr_text.rsplit("!", 1)
    left, top, right, bottom = range_boundaries(area.replace("$", ""))
    return sheet.strip("'"), (bottom - top + 1, right - left + 1)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skabelon")
    return {"template": template.save(template.build(), folder / "t.xlsx"),
            "example": template.save(template.build_example(), folder / "e.xlsx")}


def _check_names(book, agreement):
    for spec in names(agreement):
        assert spec.name in book.defined_names, spec.name
        defined = book.defined_names[spec.name]
        assert defined.localSheetId is None, spec.name  # workbook scope
        sheet, shape = _shape(defined.attr_text)
        assert (sheet, shape) == (spec.sheet, spec.shape_for(agreement)), spec.name


def test_every_spec_name_has_its_shape_on_its_sheet(saved, randers):
    book = openpyxl.load_workbook(saved["template"])
    _check_names(book, randers)
    assert book["Vejledning"]["B4"].value == TEMPLATE_VERSION
    assert book["Vejledning"]["B5"].value == randers.id
    assert book.sheetnames == [
        "Vejledning",
        "Stamdata",
        "Tilsagn",
        "Regnskab",
        "Betalingsmål",
        "Prognose",
        "Sagsstamme",
        "Status",
    ]


def test_a_made_up_agreement_gets_its_own_shapes(tmp_path, made_up):
    out = tmp_path / "made-up.xlsx"
    env = {**os.environ, "DSI_XL_AGREEMENTS": str(DATA)}
    run = subprocess.run([sys.executable, "-m", "dsi_xl", "template", "--agreement", "made-up-2030", "--out", str(out)],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    book = openpyxl.load_workbook(out)
    _check_names(book, made_up)
    assert _shape(book.defined_names["DSI_BETALING"].attr_text)[1] == (2, 3)
    assert _shape(book.defined_names["DSI_BUDGET"].attr_text)[1] == (1, 4)
    assert _shape(book.defined_names["DSI_SAGSSTAMME"].attr_text)[1] == (1, 16)
    assert book["Vejledning"]["B5"].value == "made-up-2030"
    quarters = book["Sagsstamme"]["C4:R4"][0]
    assert [c.value for c in quarters][:2] == ["2030K1", "2030K2"] and quarters[-1].value == "2033K4"


def test_inputs_unlocked_and_yellow_everything_else_locked(saved, randers):
    book = openpyxl.load_workbook(saved["template"])
    inputs = set()
    for spec in names(randers):
        sheet, area = book.defined_names[spec.name].attr_text.rsplit("!", 1)
        for row in (
            book[sheet.strip("'")][area.replace("$", "")]
            if ":" in area
            else [[book[sheet.strip("'")][area.replace("$", "")]]]
        ):
            for cell in row:
                if spec.kind == "input":
                    inputs.add((cell.parent.title, cell.coordinate))
                    assert cell.protection.locked is False, spec.name
                    assert cell.fill.start_color.rgb.endswith(INPUT_FILL), spec.name
                else:
                    assert cell.protection.locked is True, spec.name
                    fill = FORMULA_FILL if spec.kind == "formula" else TERM_FILL
                    assert cell.fill.start_color.rgb.endswith(fill), spec.name
    unlocked = {(ws.title, c.coordinate) for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.protection.locked is False}
    for ws in book.worksheets:  # a merged input (an explanation) spans several cells
        for merged in ws.merged_cells.ranges:
            if (ws.title, merged.start_cell.coordinate) in inputs:
                inputs |= {(ws.title, c.coordinate) for row in ws[merged.coord] for c in row}
    spec_and_extra = {k for k in unlocked if k not in inputs}
    assert all(sheet in ("Prognose", "Status") for sheet, _ in spec_and_extra)  # DSI_X_PROGNOSE_*, the status day
    for ws in book.worksheets:
        assert ws.protection.sheet is True and not ws.protection.password, ws.title
        assert ws.page_setup.orientation in ("landscape", "portrait") and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title


def test_inputs_have_danish_validation(saved, randers):
    book = openpyxl.load_workbook(saved["template"])
    covered = {}
    for ws in book.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert dv.prompt and dv.error and dv.showErrorMessage and dv.showInputMessage
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    for cell in row:
                        covered[(ws.title, cell.coordinate)] = dv
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.protection.locked is False and not isinstance(cell, MergedCell):
                    assert (ws.title, cell.coordinate) in covered, (ws.title, cell.coordinate)
    year = covered[("Stamdata", "B6")]
    assert year.type == "list" and year.formula1 == '"' + ",".join(map(str, randers.budget_years)) + '"'
    assert covered[("Betalingsmål", "C7")].type == "whole" and covered[("Betalingsmål", "C7")].formula1 == "0"
    assert covered[("Regnskab", "C10")].type == "decimal"
    received = covered[("Regnskab", "E28")]
    assert received.type == "date" and received.formula1 == f"DATE({randers.budget_years[0]},1,1)"
    assert "Skriv" in received.prompt and "Datoen" in received.error


def test_danish_formats(saved):
    book = openpyxl.load_workbook(saved["example"])
    assert book["Regnskab"]["C5"].number_format == '#,##0.00 "kr."'
    assert book["Betalingsmål"]["C20"].number_format == '0.0 "%"'
    assert book["Regnskab"]["E28"].number_format == "dd.mm.yyyy"  # one date format in cells and messages
    assert book["Stamdata"]["B11"].number_format == "dd.mm.yyyy"
    assert book["Regnskab"].freeze_panes == "C4"


def test_formulas_lists_every_formula_cell_and_passes_the_agreement(saved, randers):
    listed = template.formulas(randers)
    book = openpyxl.load_workbook(saved["template"])
    found = {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")}
    assert listed == found
    for (sheet, cell), formula in listed.items():
        for call in re.findall(r"DSI_[A-Z0-9_]+\(", formula):
            if call != "DSI_VERSION(":
                assert "DSI_TILSAGN_ID)" in formula, (sheet, cell, formula)
    sheet, where = template.layout_for(randers).names["DSI_IKKE_ANVENDT"]
    assert listed[(sheet, where)].endswith(",DSI_UNUSED_GRANT(DSI_UDBETALT_BELOEB,DSI_FAKTISK,DSI_PERIODISERING,"
                                           "DSI_REGNSKABSAAR,DSI_UDBETALT_DATO,DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,"
                                           "DSI_TILSAGN_ID))")


def test_no_agreement_number_is_typed_into_a_formula(randers, made_up):
    for agreement in (randers, made_up):
        for key, formula in template.formulas(agreement).items():
            text = re.sub(r'"[^"]*"', "", formula)
            text = re.sub(r"\$?[A-Z]{1,3}\$?\d+", "", text)  # cell references
            text = re.sub(r"DSI_[A-Z0-9_]+", "", text)
            numbers = {int(n) for n in re.findall(r"\d+", text)}
            assert numbers <= set(range(0, 21)) | {100}, (key, formula)


def test_formulas_is_cheap_and_stable(randers):
    assert template.formulas(randers) is not template.formulas(randers)  # a copy each time
    assert template.formulas(randers) == template.formulas(randers)


def test_generation_is_deterministic(saved, tmp_path):
    again = template.save(template.build_example(), tmp_path / "again.xlsx")
    assert snapshot(again) == snapshot(saved["example"])
    book = openpyxl.load_workbook(again)
    assert book.properties.creator == "dsi-xl" and book.properties.created.year == 2026


def test_rebuilding_gives_the_same_bytes(tmp_path):
    first = template.save(template.build_example(), tmp_path / "1.xlsx").read_bytes()
    second = template.save(template.build_example(), tmp_path / "2.xlsx").read_bytes()
    assert first == second
    book = openpyxl.load_workbook(tmp_path / "1.xlsx")
    assert book.properties.modified == book.properties.created


@pytest.mark.parametrize("which", ["template", "example"])
def test_committed_files_are_what_the_generator_makes(saved, which):
    committed = TEMPLATE_FILE if which == "template" else EXAMPLE_FILE
    assert committed.exists(), "run dsi-xl template/example --out workbook_templates/..."
    assert snapshot(committed) == snapshot(saved[which]), "regenerate with dsi-xl template/example"


@pytest.mark.parametrize("which", ["template", "example"])
def test_openpyxl_round_trip_keeps_names_validation_protection(saved, which, tmp_path):
    book = openpyxl.load_workbook(saved[which])
    copy = tmp_path / "copy.xlsx"
    book.save(copy)
    before, after = snapshot(saved[which]), snapshot(copy)
    for key in ("names", "validation", "protection", "unlocked", "cells"):
        assert before[key] == after[key], key


def test_example_inputs_fill_their_names(saved, randers):
    book = openpyxl.load_workbook(saved["example"])
    for name, grid in INPUTS.items():
        sheet, area = book.defined_names[name].attr_text.rsplit("!", 1)
        ws = book[sheet.strip("'")]
        left, top, right, bottom = range_boundaries(area.replace("$", ""))
        assert (bottom - top + 1, right - left + 1) == (len(grid), len(grid[0])), name
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                assert ws.cell(top + r, left + c).value == value, (name, r, c)


def test_cli_writes_both_files(tmp_path):
    from click.testing import CliRunner

    from dsi_xl.cli import main

    for command in ("template", "example"):
        out = tmp_path / f"{command}.xlsx"
        result = CliRunner().invoke(main, [command, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert openpyxl.load_workbook(out).defined_names["DSI_TILSAGN_ID"]
    bad = CliRunner().invoke(main, ["template", "--agreement", "ukendt-2099", "--out", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "ukendt-2099" in bad.output


def _spec_disagreements(path, agreement):
    """Every cell of every defined name whose number format, or (an input) data validation, is not its spec's."""
    from dsi_xl.spec import by_name
    from dsi_xl.template.data_validation import rules

    book, checks, wrong = openpyxl.load_workbook(path), rules(agreement), []
    for name, spec in by_name(agreement).items():
        sheet, area = book.defined_names[name].attr_text.rsplit("!", 1)
        ws = book[sheet.strip("'")]
        left, top, right, bottom = range_boundaries(area.replace("$", ""))
        prompts = {}
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    prompts.update({c.coordinate: dv.prompt for c in row})
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                cell = ws.cell(r, c)
                expected = spec.number_format_at(agreement, r - top, c - left) or "General"
                if cell.number_format != expected:
                    wrong.append((name, cell.coordinate, cell.number_format, expected))
                key = spec.validation_at(agreement, r - top, c - left)
                if spec.kind == "input" and prompts.get(cell.coordinate) != checks[key].prompt:
                    wrong.append((name, cell.coordinate, prompts.get(cell.coordinate), key))
    return wrong


def test_every_named_cell_has_its_specs_format_and_validation(saved, randers, made_up, fjordby, tmp_path):
    """One home for a name's facts: the committed files and a fresh build for every agreement show each
    name's number format and data validation as spec.py gives them (DSI_CVR text "@", DSI_RAADGIVERE
    "#,##0.0", a value goal's results "#,##0.0" beside the percentages)."""
    for path, agreement in ((TEMPLATE_FILE, randers), (EXAMPLE_FILE, randers), (saved["template"], randers)):
        assert _spec_disagreements(path, agreement) == [], path
    for agreement in (made_up, fjordby):
        path = template.save(template.build(agreement), tmp_path / f"{agreement.id}.xlsx", cache=False)
        assert _spec_disagreements(path, agreement) == [], agreement.id
    book = openpyxl.load_workbook(TEMPLATE_FILE)
    assert book["Stamdata"]["B5"].number_format == "@" and book["Sagsstamme"]["C6"].number_format == "#,##0.0"


def test_the_spec_check_sees_a_cell_that_disagrees(saved, randers, tmp_path):
    book = openpyxl.load_workbook(saved["template"])
    book["Stamdata"]["B5"].number_format = "General"  # DSI_CVR
    book.save(tmp_path / "changed.xlsx")
    assert _spec_disagreements(tmp_path / "changed.xlsx", randers) == [("DSI_CVR", "B5", "General", "@")]
