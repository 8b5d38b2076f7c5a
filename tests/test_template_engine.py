"""An independent engine, the ``formulas`` package, calculates every formula cell of the example
with the DSI_ functions of :mod:`dsi_xl.udfs` registered (:mod:`dsi_xl.template.calculation`); each
indicator and amount equals the core's value computed directly from the example's inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import EXAMPLE_FILE
from dsi_xl import template
from dsi_xl.clauses import caseload, deadlines, goal_payment, repayment, share, turnover, unused_grant
from dsi_xl.template.example import INPUTS

formulas = pytest.importorskip("formulas")
udfs = pytest.importorskip("dsi_xl.udfs")

EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()


@pytest.fixture(scope="module")
def calculated():
    from dsi_xl.template.calculation import calculate

    return calculate(EXAMPLE_FILE)


def _value(calculated, sheet, ref):
    return calculated[(sheet, ref)]


def _name_cells(layout, name):
    from openpyxl.utils.cell import range_boundaries

    sheet, area = layout.names[name]
    left, top, right, bottom = range_boundaries(area)
    from dsi_xl.template.layout import ref

    return sheet, [[ref(r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)]


def _near(found, expected: Decimal | None, amount: bool):
    if expected is None:
        return found in ("", None)
    tolerance = Decimal("0.005") if amount else Decimal("1e-9")
    return abs(Decimal(repr(float(found))) - expected) <= tolerance


def test_every_formula_cell_calculates_without_error(calculated, randers):
    for (sheet, ref), formula in template.formulas(randers).items():
        value = _value(calculated, sheet, ref)
        assert not (isinstance(value, str) and value.startswith("#")), (sheet, ref, formula, value)
        assert "XlError" not in type(value).__name__, (sheet, ref, formula, value)


def test_indicators_and_amounts_equal_the_core(calculated, randers):
    layout = template.layout_for(randers)
    results = {
        "DSI_M1_RESULTAT": [
            turnover.compute(INPUTS["DSI_M1_FRATRAEDELSER"][0][0], [r[0] for r in INPUTS["DSI_M1_ANSATTE"]]),
            None,
        ],
        "DSI_M2_RESULTAT": [share.compute(INPUTS["DSI_M2_AFSLUTTEDE"][0][0], INPUTS["DSI_M2_SAGER"][0][0]), None],
        "DSI_M3_RESULTAT": [share.compute(INPUTS["DSI_M3_OVERGAAET"][0][0], INPUTS["DSI_M3_BORGERE"][0][0]), None],
    }
    by_goal = [results["DSI_M1_RESULTAT"], results["DSI_M2_RESULTAT"], results["DSI_M3_RESULTAT"]]
    expected = {
        **results,
        "DSI_BETALING": [[goal_payment.compute(g, r) if r is not None else None for r in row]
                         for g, row in zip(randers.goals, by_goal)],
        "DSI_TILBAGEBETALING": [list(repayment.compute(randers, by_goal))],
        "DSI_IKKE_ANVENDT": [[unused_grant.from_cells(
            randers, INPUTS["DSI_REGNSKABSAAR"][0][0], [r[0] for r in INPUTS["DSI_UDBETALT_DATO"]],
            [r[0] for r in INPUTS["DSI_UDBETALT_BELOEB"]], INPUTS["DSI_FAKTISK"], INPUTS["DSI_PERIODISERING"][0][0],
            INPUTS["DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB"][0])]],
        "DSI_SAGSSTAMME": [[caseload.compute(c, a) if c is not None else None
                            for c, a in zip(INPUTS["DSI_SAGER"][0], INPUTS["DSI_RAADGIVERE"][0])]],
    }
    for name in ("DSI_M1_RESULTAT", "DSI_M2_RESULTAT", "DSI_M3_RESULTAT"):
        expected[name] = [expected[name]]
    assert expected["DSI_TILBAGEBETALING"][0][0] > 0 and expected["DSI_IKKE_ANVENDT"][0][0] > 0
    for name, grid in expected.items():
        sheet, refs = _name_cells(layout, name)
        amount = name in ("DSI_BETALING", "DSI_TILBAGEBETALING", "DSI_IKKE_ANVENDT")
        for ref_row, value_row in zip(refs, grid, strict=True):
            for ref, value in zip(ref_row, value_row, strict=True):
                found = _value(calculated, sheet, ref)
                assert _near(found, value, amount), (name, ref, found, value)


def _labelled(layout, sheet, label, col=3, last=False):
    """The ref of the cell in column ``col`` beside the (first, or ``last``) label ``label`` on ``sheet``."""
    from dsi_xl.workbook.cells import ref

    rows = sorted(r for (r, c), cell in layout.sheets[sheet].cells.items() if c == 1 and cell.value == label)
    return ref(rows[-1] if last else rows[0], col)


def test_deadlines_and_plain_sums(calculated, randers):
    layout = template.layout_for(randers)
    serial = deadlines.accounts_due(randers, 2027).toordinal() - EXCEL_EPOCH_ORDINAL
    assert _value(calculated, "Regnskab", _labelled(layout, "Regnskab", "Regnskabet afleveres senest")) == serial
    received = sum(r[0] or 0 for r in INPUTS["DSI_UDBETALT_BELOEB"])
    assert _value(calculated, "Regnskab", _labelled(layout, "Regnskab", "I alt", 6, last=True)) == received
    assert _value(calculated, "Sagsstamme", "C10") == "Intet brud"  # no breach in the example


def test_the_unused_grants_terms_add_up_to_it(calculated, randers):
    """Regnskab prints every term of reading 5's sum, and they add up to DSI_IKKE_ANVENDT."""
    from dsi_xl.template.regnskab import UNUSED_LINES

    layout = template.layout_for(randers)
    values = [_value(calculated, "Regnskab", _labelled(layout, "Regnskab", label)) for label, *_ in UNUSED_LINES]
    assert values == [1700000, 1585500, 108333, 1167, 0, 5000]
    signs = [-1 if label.startswith("−") else 1 for label, *_ in UNUSED_LINES[:-1]]
    assert sum(s * v for s, v in zip(signs, values)) == values[-1]


def test_the_sagsstamme_sheet_shows_every_breach(tmp_path, randers):
    """Was: one cell showing the first breach only. 2026K2-K3 and 2027K2-K3 above the limit: the
    sheet's breach cell (DSI_X_SAGSSTAMME_BRUD) shows both, newest first."""
    from dsi_xl.template.calculation import calculate
    from dsi_xl.template.example import inputs
    from dsi_xl.template.render import render

    filled = inputs(randers) | {"DSI_SAGER": [[118, 140, 140, 122, 128, 140, 140, 125] + [None] * 5]}
    path = template.save(render(template.layout_for(randers), filled), tmp_path / "brud.xlsx", cache=False)
    layout = template.layout_for(randers)
    sheet, cells = _name_cells(layout, "DSI_X_SAGSSTAMME_BRUD")
    assert calculate(path)[(sheet, cells[0][0])] == "2027K3; 2026K3"


def test_vejledning_sends_the_accountant_to_no_readme(randers):
    texts = [cell.value for cell in template.layout_for(randers).sheets["Vejledning"].cells.values()
             if isinstance(cell.value, str)]
    assert texts and not [t for t in texts if "README" in t]
