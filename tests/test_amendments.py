"""Amendments (tillæg) and DSI's decisions: the terms in force on a day, and a file judged by them.

The core first (:func:`dsi_xl.agreement.in_force`), then the decisions of issue 24's "Why" tried
as DSI's staff would: the shipped Randers file plus an amendment, in a folder that
``DSI_XL_AGREEMENTS`` names, and the shipped example changed by defined name and validated.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

import amended
from dsi_xl import template
from dsi_xl.agreement import amendments, in_force, load
from dsi_xl.agreement.clock import on
from dsi_xl.spec import (
    DSI_BUDGET,
)
from dsi_xl.validation.engine import validate_file
from test_decisions import _found

AS_OF = date(2028, 6, 1)  # after the example's signature (15.05.2028)
BOTH = amended.agreement(amended.BASELINE, amended.WITHHELD)


# -- the core: the agreement in force on a day --------------------------------------------------


def test_amendments_apply_from_their_date_in_number_order():
    assert in_force(BOTH, date(2026, 9, 14)).goal(2).baseline == Decimal("12.4")
    assert in_force(BOTH, date(2026, 9, 15)).goal(2).baseline == Decimal("14.0")
    assert in_force(BOTH, date(2027, 3, 19)).installment(2).withheld is False
    later = in_force(BOTH, date(2027, 3, 20))
    assert later.installment(2).withheld is True and later.goal(2).baseline == Decimal("14.0")
    assert [c.amendment.number for c in later.amended] == [1, 2]


def test_without_an_amendment_in_force_the_agreement_is_the_one_written():
    assert in_force(BOTH, date(2026, 1, 1)) is BOTH
    randers = load()
    assert in_force(randers, date(2099, 1, 1)) is randers


def test_in_force_of_an_agreement_in_force_starts_from_the_file():
    later = in_force(BOTH, date(2030, 1, 1))
    assert in_force(later, date(2026, 9, 15)).installment(2).withheld is False
    assert in_force(later, date(2026, 1, 1)) is BOTH


def test_a_changed_term_remembers_its_amendment_and_old_value():
    twice = amended.agreement(
        amended.BASELINE,
        amended.amendment(2, date(2027, 1, 10), "Bilag 5.1, pkt. 2.3", "Baseline justeret igen.",
                          goals__2__baseline=13.5),
    )
    now = in_force(twice, date(2027, 6, 1))
    last = now.amendment_of("goals.2.baseline")
    assert (last.amendment.number, last.old, last.new) == (2, Decimal("14.0"), Decimal("13.5"))
    assert [(c.old, c.new) for c in now.amended] == [(Decimal("12.4"), Decimal("14.0")),
                                                     (Decimal("14.0"), Decimal("13.5"))]
    assert amendments.after(now, "goals.2.baseline") == "efter tillæg 2 af 10.01.2027"
    assert amendments.after(now, "goals.1.baseline") == ""


@pytest.mark.parametrize(("term", "value", "read"), [
    ("goals.1.dkk_per_point", 60000, lambda a: a.goal(1).dkk_per_point),
    ("goals.2.cap", 500000, lambda a: a.goal(2).cap),
    ("goals.3.direction", "lower", lambda a: a.goal(3).direction),
    ("installments.3.amount", 600000, lambda a: a.installment(3).amount),
    ("installments.1.due", date(2026, 4, 15), lambda a: a.installment(1).due),
    ("budget.2.2028", 600000, lambda a: a.budget_amount(2, 2028)),
    ("caps.total", 2500000, lambda a: a.total_cap),
    ("accrual.2027", 200000, lambda a: a.accrual_limits.get(2027)),
    ("repayment_rates.1.statement_due", date(2028, 6, 15), lambda a: a.repayment_rates[0].statement_due),
    ("repayment_rates.2.payment_due", date(2029, 8, 31), lambda a: a.repayment_rates[1].payment_due),
])
def test_every_kind_of_term_can_be_amended(term, value, read):
    written = amended.agreement(amended.amendment(1, date(2027, 1, 1), "4.2", "Ændret.", changes={term: value}))
    before, after = read(in_force(written, date(2026, 12, 31))), read(in_force(written, date(2027, 1, 1)))
    assert after == value and before != after
    assert in_force(written, date(2027, 1, 1)).amendment_of(term).old == before


# -- a template built before an amendment stays valid -------------------------------------------

BUDGET = amended.amendment(1, date(2027, 6, 1), "11.1", "Budgettet for koordinatoren i 2028 ændret skriftligt.",
                           budget__2__2028=600000, budget__2__2029=158333)


def test_a_template_built_before_a_budget_change_is_still_accepted(tmp_path, monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", BUDGET)))
    agreement = load()
    for built in (date(2027, 1, 1), date(2027, 7, 1)):
        path = template.save(template.build_example(agreement, on=built), tmp_path / f"eksempel-{built}.xlsx",
                             cache=False)
        result = validate_file(path, as_of=AS_OF)
        assert _found(result, "BUDGET-01") == [], built
        assert not [f for f in result.findings if f.severity == "fejl"], (built, result.findings)
    new = openpyxl.load_workbook(tmp_path / "eksempel-2027-07-01.xlsx")
    old = openpyxl.load_workbook(tmp_path / "eksempel-2027-01-01.xlsx")
    assert _name_values(new, DSI_BUDGET)[1][2:] == [600000, 158333]
    assert _name_values(old, DSI_BUDGET)[1][2:] == [650000, 108333]
    # the formulas are the same: a filled copy of the older template has no changed formula
    assert _formulas(new) == _formulas(old)


def test_a_budget_cell_that_is_no_version_names_the_amendment(tmp_path, monkeypatch):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", BUDGET)))
    path = template.save(template.build_example(load(), on=date(2027, 7, 1)), tmp_path / "e.xlsx", cache=False)
    book = openpyxl.load_workbook(path)
    sheet, ref = next(iter(book.defined_names[DSI_BUDGET].destinations))
    book[sheet][ref.replace("$", "")][1][2].value = 650001
    book.save(path)
    messages = _found(validate_file(path, as_of=AS_OF), "BUDGET-01", "fejl")
    assert messages == ['Budgettet for linjen "Løn til faglig koordinator" i 2028 skal være tilsagnets 600.000 kr. '
                        "(efter tillæg 1 af 01.06.2027), fandt 650.001."]


def _name_values(book, name):
    sheet, ref = next(iter(book.defined_names[name].destinations))
    return [[c.value for c in row] for row in book[sheet][ref.replace("$", "")]]


def _formulas(book):
    return {(ws.title, c.coordinate): c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")}


# -- the template shows the terms in force and every amendment -----------------------------------


def _texts(book, sheet: str) -> list[str]:
    return [str(c.value) for row in book[sheet].iter_rows() for c in row if c.value is not None]


def test_the_tilsagn_sheet_lists_the_amendments_in_force():
    book = template.build(BOTH, on=date(2027, 4, 1))
    texts = _texts(book, "Tilsagn")
    for expected in ("Tillæg og DSI's afgørelser", "Tillæg 1 af 15.09.2026", "Tillæg 2 af 20.03.2027",
                     "Bilag 5.1, pkt. 2.5", "6.1.1(iii)", "Baseline, mål 2", "12,4\u00a0%", "14,0\u00a0%", "Rate 2",
                     "udbetales", "tilbageholdt",
                     "Rate 2 tilbageholdes, fordi sagsstammen var over 65 i to kvartaler."):
        assert expected in texts, expected
    assert "Rate 2 (01.03.2027 til 29.02.2028), tilbageholdt" in _texts(book, "Regnskab")
    earlier = _texts(template.build(BOTH, on=date(2026, 12, 1)), "Tilsagn")
    assert "Tillæg 1 af 15.09.2026" in earlier and "Tillæg 2 af 20.03.2027" not in earlier


def test_the_status_sheet_shows_a_withheld_installment_as_the_regnskab_sheet_does():
    """Status' "Beløb efter plan" showed rate 2's 650.000 kr. though DSI withheld it, and added it to
    the plan's total, where Regnskab and Tilsagn show 0 and "tilbageholdt"."""
    sheet = template.build(BOTH, on=date(2027, 4, 1))["Status"]
    rows = {row[0].value: row for row in sheet.iter_rows() if isinstance(row[0].value, str)}
    withheld = rows["Rate 2 (01.03.2027 til 29.02.2028), tilbageholdt"]
    assert withheld[2].value == 0 and rows["Rate 3 (01.03.2028 til 28.02.2029)"][2].value == 650000
    assert "Rate 2 (01.03.2027 til 29.02.2028)" not in rows


def test_a_template_without_amendments_is_unchanged():
    assert "Tillæg og DSI's afgørelser" not in _texts(template.build(load()), "Tilsagn")
    assert template.layout_for(load()).formulas() == template.layout_for(in_force(BOTH, date(2030, 1, 1))).formulas()


# -- the worksheet functions compute with the terms in force on their day ------------------------


def test_the_functions_use_the_terms_in_force_on_their_day(tmp_path, monkeypatch):
    from dsi_xl.udfs import DSI_INSTALLMENT, DSI_PAYMENT_GOAL2, DSI_TERM

    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", amended.BASELINE,
                                                                amended.REDUCED)))
    with on(date(2026, 9, 14)):
        assert (DSI_PAYMENT_GOAL2(15), DSI_INSTALLMENT(2, "beløb")) == (332800, 650000)
    with on(date(2026, 9, 15)):
        assert (DSI_PAYMENT_GOAL2(15), DSI_INSTALLMENT(2, "beløb"), DSI_TERM("baseline_maal2")) == (128000, 650000, 14)
    with on(date(2027, 3, 20)):
        assert DSI_INSTALLMENT(2, "beløb") == 600000


def test_a_withheld_installment_pays_nothing_in_the_functions(tmp_path, monkeypatch):
    from dsi_xl.udfs import DSI_INSTALLMENT

    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", amended.BASELINE,
                                                                amended.WITHHELD)))
    with on(date(2027, 3, 19)):
        assert DSI_INSTALLMENT(2, "beløb") == 650000
    with on(date(2027, 3, 20)):
        assert DSI_INSTALLMENT(2, "beløb") == 0 and DSI_INSTALLMENT(3, "beløb") == 650000


def test_values_saved_before_an_amendment_are_named_so(tmp_path, monkeypatch):
    """A workbook computed before the baseline was renegotiated and not recalculated since: its
    saved payment for goal 2 is the old terms'. FORMEL-03 says which amendment it predates."""
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", amended.BASELINE)))
    path = template.save(template.build_example(load(), on=date(2026, 9, 1)), tmp_path / "eksempel.xlsx")
    messages = _found(validate_file(path, as_of=AS_OF), "FORMEL-03", "fejl")
    expected = ("Beløb pr. mål før loft er gemt med vilkårene fra før tillæg 1 af 15.09.2026 (332.800 kr.); med "
                "vilkårene efter tillægget er den 128.000 kr. Genberegn")
    assert any(m.startswith(expected) for m in messages), messages
    assert all("Ctrl+Alt+F9" in m for m in messages), messages


def test_the_functions_day_is_the_clock_unless_set():
    from dsi_xl.agreement import today

    assert today() == date.today()
    with on(date(2027, 3, 20)):
        assert today() == date(2027, 3, 20)
        with on(None):
            assert today() == date.today()
    assert today() == date.today()
