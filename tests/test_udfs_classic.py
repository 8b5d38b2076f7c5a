"""The DSI_ functions outside Office.js: classic COM UDFs and plain Python callers (the
``formulas`` engine), where an error is the text ``"#VÆRDI! <Danish message>"``.

Run in a fresh interpreter without ``XLWINGS_ON_SERVER``, so that xlwings' decorators are its
plain ones whatever other test modules did to this process. Valid inputs are also checked
in-process against the core: there the two modes agree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dsi_xl.agreement import load
from dsi_xl.clauses import goal_payment, turnover
from dsi_xl.money import to_excel

PLAIN = r"""
import json
import xlwings
import dsi_xl.udfs as u
import dsi_xl.udfs.boundary as boundary

bad = u.DSI_TURNOVER(7, [25] * 11)
print(json.dumps({
    "office_js": boundary.OFFICE_JS,
    "registered": hasattr(u.DSI_PAYMENT_GOAL1, "__xlfunc__"),
    "example": u.DSI_PAYMENT_GOAL1(28),
    "text": u.DSI_PAYMENT_GOAL1("abc"),
    "negative": u.DSI_CASELOAD(-5, 2),
    "bad": bad,
    "chained": u.DSI_PAYMENT_GOAL1(bad),
    "blank": u.DSI_PAYMENT_GOAL1(u.DSI_TURNOVER(None, [25] * 12)),
    "excel_error": u.DSI_SHARE("#DIV/0!", 12),
    "bug_guard": u.DSI_PAYMENT_GOAL1(object()),
}, ensure_ascii=False))
"""


def _plain() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_ON_SERVER"}
    done = subprocess.run([sys.executable, "-c", PLAIN], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_outside_office_js_errors_are_readable_text():
    out = _plain()
    assert out["office_js"] is False and out["registered"] is False  # xlwings' no-op decorators on Linux
    assert out["example"] == 399000
    assert out["text"] == '#VÆRDI! Resultat for betalingsmål 1: forventede et tal, fandt teksten "abc".'
    assert out["negative"] == "#VÆRDI! Antal sager: forventede et tal på 0 eller derover, fandt -5."
    assert out["bad"].startswith("#VÆRDI! Antal ansatte pr. måned: forventede 12 månedstal")
    # A chain shows the first error's message, not "expected a number, found text".
    assert out["chained"] == out["bad"]
    assert out["blank"] == ""
    assert out["excel_error"] == "#VÆRDI! Argumentet taeller henviser til en celle med fejlen #DIV/0!."
    # Even an input nothing foresaw gives one Danish sentence, never a traceback.
    assert out["bug_guard"].startswith("#VÆRDI! Resultat for betalingsmål 1: forventede et tal")
    assert "Traceback" not in json.dumps(out)


def test_unforeseen_exception_is_reported_without_traceback():
    import dsi_xl.udfs.boundary as boundary

    @boundary.cell("x")
    def broken(x):
        return 1 / x

    try:
        shown = broken(0)
    except boundary.SheetError as error:  # this process runs xlwings as the server
        shown = f"{boundary.ERROR_PREFIX} {error}"
    assert shown == "#VÆRDI! Uventet fejl i broken (ZeroDivisionError: division by zero). Meld den til DSI."


@given(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False))
def test_goal_functions_are_the_core(value):
    import dsi_xl.udfs as u

    agreement = load()
    number = float(value)
    for goal, function in zip(agreement.goals, (u.DSI_PAYMENT_GOAL1, u.DSI_PAYMENT_GOAL2, u.DSI_PAYMENT_GOAL3)):
        expected = to_excel(goal_payment.compute(goal, number))
        assert function(number) == expected
        assert u.DSI_PAYMENT(goal.number, number) == expected
        assert type(function(number)) is type(expected)


@given(
    st.integers(min_value=0, max_value=60), st.lists(st.integers(min_value=1, max_value=80), min_size=12, max_size=12)
)
def test_turnover_is_the_core_for_rows_and_columns(departures, headcounts):
    import dsi_xl.udfs as u

    expected = to_excel(turnover.compute(departures, headcounts))
    assert u.DSI_TURNOVER(departures, [headcounts]) == expected
    assert u.DSI_TURNOVER(departures, [[h] for h in headcounts]) == expected
    assert u.DSI_TURNOVER(float(departures), [float(h) for h in headcounts]) == expected
    assert isinstance(expected, (int, float)) and Decimal(str(expected)) >= 0


def test_values_of_the_formulas_engine_are_understood():
    """The ``formulas`` engine hands ranges as numpy arrays, empty cells as its ``empty``
    token and errors as ``XlError`` text; the functions read them like Excel's values."""
    import numpy as np
    from formulas.functions import sh
    from formulas.tokens.operand import XlError

    import dsi_xl.udfs as u

    assert u.DSI_TURNOVER(np.float64(7), np.array([[25.0]] * 12, dtype=object)) == 28
    assert u.DSI_PAYMENT_GOAL1(np.array([[sh.EMPTY]], dtype=object)) == ""
    assert u.DSI_REPAYMENT(np.array([[20, sh.EMPTY], [12.4, sh.EMPTY], [10.7, sh.EMPTY]], dtype=object)) == [
        [900000, ""]
    ]
    try:
        shown = u.DSI_PAYMENT_GOAL1(XlError("#DIV/0!"))
    except Exception as error:  # SheetError when this process runs xlwings as the server
        shown = f"#VÆRDI! {error}"
    assert shown == "#VÆRDI! Argumentet resultat henviser til en celle med fejlen #DIV/0!."
