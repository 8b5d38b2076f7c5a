"""Without the add-in: a formula cell that depends on no input shows a fixed term of the
agreement (a baseline, the caseload limit, the deviation threshold, a deadline of the repayment
plan) and refers to the Tilsagn cell holding that plain value, so LibreOffice and an Excel without
dsi-xl show it; its value stays what the DSI_ function gives."""

from __future__ import annotations

import re

import openpyxl
import pytest

from conftest import EXAMPLE_FILE
from dsi_xl import template, udfs
from dsi_xl.clauses import deadlines
from dsi_xl.workbook.cells import parse_area

REFERENCE = re.compile(r"(?:(\w+)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![\w(])")
NAME = re.compile(r"\b(DSI_[A-Z0-9_]+)\b(?!\()")


def _cells_read(layout, sheet: str, formula: str) -> set[tuple[str, int, int]]:
    """Every cell a formula reads, by reference or defined name."""
    text = re.sub(r'"[^"]*"', '""', formula)
    found = set()
    for name in NAME.findall(text):
        where, area = layout.names[name]
        top, left, bottom, right = parse_area(area)
        found |= {(where, r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
    for other, c1, r1, c2, r2 in REFERENCE.findall(NAME.sub("", text)):
        top, left, bottom, right = parse_area(f"{c1}{r1}:{c2 or c1}{r2 or r1}")
        found |= {(other or sheet, r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)}
    return found


def _reads_an_input(layout, sheet: str, formula: str, seen: set) -> bool:
    for where, r, c in _cells_read(layout, sheet, formula):
        if (where, r, c) in seen:
            continue
        seen.add((where, r, c))
        cell = layout.sheets[where].cells.get((r, c))
        if cell is None:
            continue
        if cell.kind == "input":
            return True
        if (
            isinstance(cell.value, str)
            and cell.value.startswith("=")
            and _reads_an_input(layout, where, cell.value, seen)
        ):
            return True
    return False


@pytest.mark.parametrize("which", ["randers", "made_up"])
def test_a_formula_on_no_input_calls_no_dsi_function(which, request):
    layout = template.layout_for(request.getfixturevalue(which))
    fixed = {}
    for (sheet, cell), formula in layout.formulas().items():
        if formula == "=DSI_VERSION()":  # the add-in's own version: nothing else can show it
            continue
        if not _reads_an_input(layout, sheet, formula, set()):
            fixed[(sheet, cell)] = formula
    wrong = {k: f for k, f in fixed.items() if re.search(r"DSI_\w+\(", f)}
    assert not wrong, wrong
    shown = {k for k, f in fixed.items() if f.startswith("=Tilsagn!")}
    goals, rates = len(layout.agreement.goals), len(layout.agreement.repayment_rates)
    # threshold, caseload limit and run, baselines, deadlines; the effort period on Status
    assert len(shown) == 1 + 2 + goals + 2 * rates + 2


def test_the_tilsagn_cell_holds_what_the_dsi_function_gives(randers):
    layout = template.layout_for(randers)
    tilsagn = layout.sheets["Tilsagn"]
    for key, place in layout.places.items():
        sheet, cell = place.split("!")
        value = tilsagn.cells[_rc(cell)].value
        if key.startswith(("opgoerelse_", "tilbagebetaling_")):
            art, n = key.rsplit("_", 1)
            assert value == deadlines.compute(randers, art, int(n)), key
            assert udfs.DSI_DEADLINE(art, int(n), randers.id) == udfs.DSI_TERM("indsats_start", randers.id) + (
                value - randers.effort_start).days, key  # the function gives the same day as a serial
        else:
            expected = udfs.DSI_TERM(key, randers.id)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert value == pytest.approx(expected), key


def _rc(cell: str) -> tuple[int, int]:
    from dsi_xl.workbook.cells import parse_ref

    return parse_ref(cell)


def test_the_example_shows_each_fixed_term_by_its_tilsagn_cell(randers):
    book = openpyxl.load_workbook(EXAMPLE_FILE)
    layout = template.layout_for(randers)
    assert book["Sagsstamme"]["C11"].value == "=" + layout.places["sagsstamme_graense"]
    assert book["Regnskab"]["C21"].value == "=" + layout.places["afvigelse_graense_pct"]


def test_vejledning_says_what_the_cells_mean_without_the_add_in(randers):
    sheet = template.layout_for(randers).sheets["Vejledning"]
    texts = {(r, c): cell for (r, c), cell in sheet.cells.items()}
    top = next(
        r for (r, c), cell in texts.items() if cell.kind == "section" and "Uden tilføjelsesprogrammet" in cell.value
    )
    rows = {r: {c: texts[(r, c)] for c in (1, 2) if (r, c) in texts} for r in range(top + 1, top + 5)}
    said = {cells[1].kind.removeprefix("legend:") + ("-error" if cells[1].value else ""): cells[2].value
            for cells in rows.values() if 1 in cells and 2 in cells}
    assert said["input"].startswith("Gule celler") and "gemmes" in said["input"]
    assert said["formula"].startswith("Blå celler") and "Tilsagn" in said["formula"]
    assert "#NAVN?" in said["formula-error"] and "#NAME?" in said["formula-error"]
    assert "ikke er indlæst" in said["formula-error"] and "Ctrl+Alt+F9" in said["formula-error"]


def test_a_copy_of_the_earlier_template_with_its_dsi_calls_is_no_changed_formula(tmp_path):
    """Filled copies of the 1.1 template written before these cells referred to Tilsagn keep
    the DSI_TERM/DSI_DEADLINE calls; they give the same value and are not FORMEL-02."""
    from dsi_xl.validation.engine import validate_file

    earlier = template.earlier_formulas()
    terms = [f for f in earlier.values() if f.startswith(("=DSI_TERM(", "=DSI_DEADLINE(\"opgoerelse\"",
                                                          "=DSI_DEADLINE(\"tilbagebetaling\""))]
    assert len([k for k, f in earlier.items() if f in terms and k[0] != "Status"]) == 10  # Status is new
    assert all("IF(" not in f for f in earlier.values())  # the plain calls before the guards
    path = tmp_path / "gammel.xlsx"
    book = openpyxl.load_workbook(EXAMPLE_FILE)
    for (sheet, ref), formula in earlier.items():
        book[sheet][ref] = formula
    sheet, where = template.layout_for(template.load()).names["DSI_IKKE_ANVENDT"]
    book[sheet][where] = "=1+1"  # and a formula really changed is still found
    book.save(path)
    fired = [f for f in validate_file(path).findings if f.rule == "FORMEL-02"]
    assert [f.cell for f in fired] == [where], fired
