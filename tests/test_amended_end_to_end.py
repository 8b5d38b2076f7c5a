"""An agreement with amendments through everything Randers goes through: the template and a filled
example built after the amendments (with the values dsi-xl saves), the ``formulas`` engine,
LibreOffice's printout of the Tilsagn sheet, and validation: DSI's decisions accepted, the same
deliberate mistakes still found.

The agreement is Randers' with goal 2's baseline renegotiated (tillæg 1, 15.09.2026) and rate 2
withheld (tillæg 2, 20.03.2027), in a folder that ``DSI_XL_AGREEMENTS`` names; the example is the
shipped one's inputs with rate 2 left blank, as a municipality fills it after the decision.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

import amended
from conftest import soffice
from dsi_xl import template
from dsi_xl.agreement import in_force, load
from dsi_xl.agreement.clock import on
from dsi_xl.printout import to_pdf
from dsi_xl.spec import (
    DSI_BETALING,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
)
from dsi_xl.template.example import INPUTS
from dsi_xl.template.render import render
from dsi_xl.validation.engine import validate_file
from test_mutations import MUTATIONS

BUILT = date(2027, 4, 1)  # after both amendments
AS_OF = date(2028, 6, 1)  # after the example's signature (15.05.2028)


def _inputs() -> dict:
    inputs = {name: [list(row) for row in grid] for name, grid in INPUTS.items()}
    inputs[DSI_UDBETALT_BELOEB][1][0] = inputs[DSI_UDBETALT_DATO][1][0] = None  # withheld: nothing received
    inputs[DSI_PERIODISERING] = [[None]]  # nothing left to hold back without rate 2
    inputs[DSI_PERIODISERING_FORKLARING] = [[None]]
    return inputs


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(folder, the blank template, the filled example), built on BUILT with saved values."""
    folder = tmp_path_factory.mktemp("amended")
    agreements = amended.folder(folder / "tilsagn", amended.BASELINE, amended.WITHHELD)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DSI_XL_AGREEMENTS", str(agreements))
        terms = in_force(load(), BUILT)
        blank = template.save(template.build(on=BUILT), folder / "skabelon.xlsx")
        example = template.save(render(template.layout_for(terms), _inputs(), day=BUILT), folder / "eksempel.xlsx")
        yield folder, blank, example


@pytest.fixture()
def amended_env(built, monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(built[0] / "tilsagn"))
    return built


def _cells(book, name):
    sheet, ref = next(iter(book.defined_names[name].destinations))
    area = book[sheet][ref.replace("$", "")]
    return [list(r) for r in area] if isinstance(area, tuple) else [[area]]


def test_the_example_with_dsis_decisions_has_no_fejl(amended_env):
    _, _, example = amended_env
    result = validate_file(example, as_of=AS_OF)
    assert not [f for f in result.findings if f.severity == "fejl"], result.findings
    assert [f.rule for f in result.findings if f.rule.startswith("TILLAEG")] == ["TILLAEG-01", "TILLAEG-01"]
    # the saved values were computed with the terms in force when it was built, as the validator's
    book = openpyxl.load_workbook(example, data_only=True)
    assert _cells(book, DSI_BETALING)[1][0].value == result.computed[DSI_BETALING][1][0] == 128000


def test_the_formulas_engine_computes_with_the_terms_of_its_day(amended_env):
    from dsi_xl.template.calculation import calculate

    _, _, example = amended_env
    sheet, ref = _betaling_goal_2(example)
    with on(date(2028, 5, 15)):
        assert calculate(example)[(sheet, ref)] == 128000
    with on(date(2026, 9, 14)):  # before the baseline was renegotiated
        assert calculate(example)[(sheet, ref)] == 332800


def _betaling_goal_2(path):
    book = openpyxl.load_workbook(path)
    cell = _cells(book, DSI_BETALING)[1][0]
    return cell.parent.title, cell.coordinate


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_the_same_deliberate_mistakes_are_still_found(amended_env, tmp_path, mutation):
    _, _, example = amended_env
    change, rule = MUTATIONS[mutation]
    book = openpyxl.load_workbook(example)
    change(book)
    target = tmp_path / "kopi.xlsx"
    book.save(target)
    assert rule in {f.rule for f in validate_file(target, as_of=AS_OF).findings}, mutation


def _tilsagn_printed(path, folder) -> str:
    """The Tilsagn sheet alone, printed by LibreOffice, as text."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    book = openpyxl.load_workbook(path)
    for other in [ws for ws in book.worksheets if ws.title != "Tilsagn"]:
        book.remove(other)
    book.defined_names.clear()
    alone = folder / "tilsagn.xlsx"
    book.save(alone)
    pdf = to_pdf(alone, folder, soffice())  # a Danish locale, as DSI's and the municipality's office prints
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True,
                          timeout=120).stdout


@pytest.mark.libreoffice
def test_libreoffice_prints_the_amendments_on_the_tilsagn_sheet(amended_env, tmp_path):
    text = _tilsagn_printed(amended_env[1], tmp_path)
    assert "###" not in text
    for expected in ("Tillæg og DSI's afgørelser", "Tillæg 1 af 15.09.2026", "Tillæg 2 af 20.03.2027", "Ændret ved",
                     "12,4 %", "14,0 %", "tilbageholdt", "udbetales", "6.1.1(iii)"):
        assert expected in text, expected


@pytest.mark.libreoffice
def test_libreoffice_prints_the_second_agreements_amendments(fjordby_files, tmp_path):
    """Fjordby's template, built after both its amendments: its own clauses, goal 2 from 38,0 % to
    35,0 %, rate 2 withheld (0,00 kr. in the plan)."""
    text = _tilsagn_printed(fjordby_files["template"], tmp_path)
    assert "###" not in text
    for expected in ("Tillæg 1 af 15.03.2027", "Tillæg 2 af 20.01.2028", "Bilag 5, pkt. 3.2", "38,0 %", "35,0 %",
                     "tilbageholdt", "0,00 kr.", "statusrapporten"):
        assert expected in text, expected
