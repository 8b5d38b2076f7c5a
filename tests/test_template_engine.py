"""An independent engine, the ``formulas`` package, calculates every formula cell of the example
with the DSI_ functions of :mod:`dsi_xl.udfs` registered; each indicator and amount equals the
core's value computed directly from the example's inputs."""

from __future__ import annotations

import functools
from decimal import Decimal

import numpy as np
import pytest

from conftest import EXAMPLE_FILE
from dsi_xl import template
from dsi_xl.clauses import caseload, deadlines, goal_payment, repayment, share, turnover, unused_grant
from dsi_xl.template.example import INPUTS

formulas = pytest.importorskip("formulas")
udfs = pytest.importorskip("dsi_xl.udfs")
from formulas.ranges import Ranges  # noqa: E402

EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()


def _register(constants):
    """Every DSI_ function of dsi_xl.udfs, with a defined name's cell (which the engine passes as
    an unresolved ``Ranges`` when it holds a constant, and as a 1x1 array otherwise) replaced by
    that cell's value."""
    def resolve(arg):
        if isinstance(arg, Ranges):
            try:
                arg = arg.value
            except Exception:
                r = arg.ranges[0]
                return constants[(r["sheet"], r["ref"])]
        if getattr(arg, "shape", None) == (1, 1):  # a one-cell name is a value, as in Excel
            return arg[0][0]
        return arg

    def wrap(function):
        @functools.wraps(function)
        def call(*args):
            result = function(*(resolve(a) for a in args))
            # an array result as the engine's own functions give it, so INDEX can pick from it
            return np.asarray(result, dtype=object) if isinstance(result, list) else result
        return call

    table = formulas.get_functions()
    for name in dir(udfs):
        if name.startswith("DSI_"):
            table[name] = wrap(getattr(udfs, name))


@pytest.fixture(scope="module")
def calculated():
    import openpyxl

    book = openpyxl.load_workbook(EXAMPLE_FILE)
    constants = {(ws.title.upper(), c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows()
                 for c in row if c.value is not None and not str(c.value).startswith("=")}
    _register(constants)
    solution = formulas.ExcelModel().loads(str(EXAMPLE_FILE)).finish().calculate()
    values = {}
    prefix = f"'[{EXAMPLE_FILE.name}]"
    for key, value in solution.items():
        key = str(key)
        if not key.startswith(prefix) or ":" in key.split("!")[-1]:
            continue
        sheet, ref = key[len(prefix):].split("'!")
        cell = value.value[0][0] if hasattr(value, "value") else value
        values[(sheet, ref)] = cell
    return values


def _value(calculated, sheet, ref):
    return calculated[(sheet.upper(), ref)]


def _name_cells(layout, name):
    from openpyxl.utils.cell import range_boundaries

    sheet, area = layout.names[name]
    left, top, right, bottom = range_boundaries(area)
    from dsi_xl.template.layout import ref

    return sheet, [[ref(r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)]


def _near(found, expected: Decimal | None, amount: bool):
    if expected is None:
        return found in ("", None) or str(found) == "empty"
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
        "DSI_M1_RESULTAT": [turnover.compute(INPUTS["DSI_M1_FRATRAEDELSER"][0][0], [r[0] for r in INPUTS["DSI_M1_ANSATTE"]]), None],
        "DSI_M2_RESULTAT": [share.compute(INPUTS["DSI_M2_AFSLUTTEDE"][0][0], INPUTS["DSI_M2_SAGER"][0][0]), None],
        "DSI_M3_RESULTAT": [share.compute(INPUTS["DSI_M3_OVERGAAET"][0][0], INPUTS["DSI_M3_BORGERE"][0][0]), None],
    }
    by_goal = [results["DSI_M1_RESULTAT"], results["DSI_M2_RESULTAT"], results["DSI_M3_RESULTAT"]]
    expected = {
        **results,
        "DSI_BETALING": [[goal_payment.compute(g, r) if r is not None else None for r in row]
                         for g, row in zip(randers.goals, by_goal)],
        "DSI_TILBAGEBETALING": [list(repayment.compute(randers, by_goal))],
        "DSI_IKKE_ANVENDT": [[unused_grant.compute(
            sum(r[0] or 0 for r in INPUTS["DSI_UDBETALT_BELOEB"]),
            sum(v or 0 for row in INPUTS["DSI_FAKTISK"] for v in row),
            INPUTS["DSI_PERIODISERING"][0][0])]],
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


def test_deadlines_and_plain_sums(calculated, randers):
    serial = deadlines.accounts_due(randers, 2027).toordinal() - EXCEL_EPOCH_ORDINAL
    assert _value(calculated, "Regnskab", "C38") == serial
    assert _value(calculated, "Regnskab", "C33") == sum(r[0] or 0 for r in INPUTS["DSI_UDBETALT_BELOEB"])
    assert _value(calculated, "Sagsstamme", "C10") is False or str(_value(calculated, "Sagsstamme", "C10")) == "False"
