"""The decisions of issue 24's "Why", tried as DSI's staff would: the shipped Randers agreement
plus an amendment, in a folder that ``DSI_XL_AGREEMENTS`` names, and the shipped example changed
by defined name and validated. A decision DSI took lawfully (a reduced or withheld installment, an
agreed accrual, a renegotiated baseline) is the agreement, not the municipality's mistake.

This module imports only what dsi-xl had before amendments existed, so that it runs (and fails)
on that code too.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl

import amended
from conftest import EXAMPLE_FILE
from dsi_xl.spec import (
    DSI_BETALING,
    DSI_PERIODISERING,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_UNDERSKRIFT_DATO,
)
from dsi_xl.validation.engine import validate_file

AS_OF = date(2028, 6, 1)  # after the example's signature (15.05.2028)


def _example(tmp_path, changes: dict) -> str:
    """A copy of the shipped example with cells changed by defined name ((name, row, col) -> value)."""
    book = openpyxl.load_workbook(EXAMPLE_FILE)
    for (name, row, col), value in changes.items():
        sheet, ref = next(iter(book.defined_names[name].destinations))
        area = book[sheet][ref.replace("$", "")]
        cells = [list(r) for r in area] if isinstance(area, tuple) else [[area]]
        cells[row][col].value = value
    target = tmp_path / "regnskab.xlsx"
    book.save(target)
    return str(target)


def _validated(tmp_path, monkeypatch, changes: dict, *decisions: str, as_of: date = AS_OF):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", *decisions)))
    return validate_file(_example(tmp_path, changes), as_of=as_of)


def _found(result, rule: str, severity: str | None = None) -> list[str]:
    return [f.message for f in result.findings if f.rule == rule and severity in (None, f.severity)]


BLANK_RATE_2 = {(DSI_UDBETALT_BELOEB, 1, 0): None, (DSI_UDBETALT_DATO, 1, 0): None}


def test_a_withheld_installment_left_blank_is_no_fejl(tmp_path, monkeypatch):
    """Rate 2 withheld under 6.1: today's code gave RATE-01 fejl twice (amount and date)."""
    result = _validated(tmp_path, monkeypatch, BLANK_RATE_2, amended.BASELINE, amended.WITHHELD)
    assert _found(result, "RATE-01") == [] and _found(result, "RATE-02") == []
    assert any("Tillæg 2 af 20.03.2027 (6.1.1(iii))" in m and "rate 2: tilbageholdt" in m
               for m in _found(result, "TILLAEG-01", "info"))
    assert not [f for f in result.findings if f.severity == "fejl"], result.findings


def test_a_withheld_installment_shown_as_received_names_the_amendment(tmp_path, monkeypatch):
    result = _validated(tmp_path, monkeypatch, {}, amended.BASELINE, amended.WITHHELD)
    assert _found(result, "RATE-02", "fejl") == [
        "Rate 2 er tilbageholdt efter tillæg 2 af 20.03.2027, så intet er modtaget; forventede en tom celle eller 0, "
        "fandt 650.000 kr."]


def test_a_reduced_installment_is_the_plan(tmp_path, monkeypatch):
    """Rate 2 reduced to 600.000 kr. under 4.2: today's code gave RATE-02 fejl ("efter udbetalingsplanen
    650.000 kr., fandt 600.000 kr.")."""
    result = _validated(tmp_path, monkeypatch, {(DSI_UDBETALT_BELOEB, 1, 0): 600000}, amended.BASELINE,
                        amended.REDUCED)
    assert _found(result, "RATE-02") == []
    assert not [f for f in result.findings if f.severity == "fejl"], result.findings
    old_amount = _validated(tmp_path, monkeypatch, {}, amended.BASELINE, amended.REDUCED)
    assert _found(old_amount, "RATE-02", "fejl") == ["Rate 2 er efter tillæg 2 af 20.03.2027 600.000 kr., fandt "
                                                     "650.000 kr."]


def test_a_reduction_decided_after_the_accounts_were_signed_does_not_apply(tmp_path, monkeypatch):
    late = amended.amendment(2, date(2028, 6, 1), "4.2", "Rate 2 nedsættes.", installments__2__amount=600000)
    result = _validated(tmp_path, monkeypatch, {}, late, as_of=date(2028, 7, 1))
    assert _found(result, "RATE-02") == [] and _found(result, "TILLAEG-01") == []


ACCRUAL_150 = {(DSI_PERIODISERING, 0, 0): 150000}


def test_an_agreed_accrual_is_no_fejl(tmp_path, monkeypatch):
    """An accrual the parties agreed under 4.3: today's code gave UBRUGT-04 fejl ("højst 108.333,33 kr.")."""
    result = _validated(tmp_path, monkeypatch, ACCRUAL_150, amended.BASELINE, amended.ACCRUAL)
    assert _found(result, "UBRUGT-04") == [] and _found(result, "UBRUGT-12") == []
    assert not [f for f in result.findings if f.severity == "fejl"], result.findings


def test_above_the_default_limit_an_accrual_is_an_advarsel_naming_the_limit(tmp_path, monkeypatch):
    result = _validated(tmp_path, monkeypatch, ACCRUAL_150)
    (message,) = _found(result, "UBRUGT-04", "advarsel")
    assert "150.000 kr." in message and "standardgrænsen 108.333,33 kr." in message
    assert not [f for f in result.findings if f.severity == "fejl"], result.findings


def test_above_the_agreed_limit_an_accrual_is_a_fejl_naming_the_amendment(tmp_path, monkeypatch):
    result = _validated(tmp_path, monkeypatch, {(DSI_PERIODISERING, 0, 0): 250000}, amended.BASELINE,
                        amended.ACCRUAL)
    assert _found(result, "UBRUGT-12", "fejl") == [
        "Periodiseringen for 2027 må efter tillæg 2 af 01.03.2028 højst være 200.000 kr.; fandt 250.000 kr."]
    assert _found(result, "UBRUGT-04") == []


def test_the_default_limit_is_a_setting_of_the_agreement_data(tmp_path, monkeypatch):
    half = amended.RANDERS_TEXT.replace("default_percent = 100", "default_percent = 50")
    assert half != amended.RANDERS_TEXT
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(amended.folder(tmp_path / "tilsagn", base=half)))
    result = validate_file(_example(tmp_path, {(DSI_PERIODISERING, 0, 0): 60000}), as_of=AS_OF)
    (message,) = _found(result, "UBRUGT-04", "advarsel")
    assert "standardgrænsen 54.166,67 kr., 50 % af budgettet" in message


def _goal_2(result) -> float:
    return result.computed[DSI_BETALING][1][0]


def test_a_renegotiated_baseline_changes_the_repayment_from_its_date_on(tmp_path, monkeypatch):
    """The example's goal 2 is 15 %: 332.800 kr. against 12,4 %, 128.000 kr. against 14,0 %. The
    amendment is dated 16.05.2028; the example is signed 15.05.2028 and judged on that day."""
    renegotiated = amended.amendment(1, date(2028, 5, 16), "Bilag 5.1, pkt. 2.5", "Baseline genforhandlet.",
                                     goals__2__baseline=14.0)
    before = _validated(tmp_path, monkeypatch, {}, renegotiated)
    assert _goal_2(before) == 332800 and _found(before, "TILLAEG-01") == []
    signed_later = {(DSI_UNDERSKRIFT_DATO, 0, 0): datetime(2028, 5, 20)}
    after = _validated(tmp_path, monkeypatch, signed_later, renegotiated)
    assert _goal_2(after) == 128000
    (due,) = _found(after, "MAAL-09")
    assert due.endswith("Beløbet er regnet efter tillæg 1 af 16.05.2028.")


def test_a_changed_budget_line_is_the_budget_and_named(tmp_path, monkeypatch):
    """The coordinator's 2027 budget raised to 660.000 kr. in writing (11.1): the example's 645.000 kr.
    is 15.000 kr. under it, not 5.000 kr., and the message names the amendment."""
    changed = amended.amendment(1, date(2027, 6, 1), "11.1", "Budgettet for koordinatoren i 2027 hævet.",
                                budget__2__2027=660000, budget__2__2028=635000)
    result = _validated(tmp_path, monkeypatch, {}, changed)
    assert _found(result, "BUDGET-05", "info") == [
        'Udgifterne på linjen "Løn til faglig koordinator" i 2027 er 15.000 kr. under budgettet efter tillæg 1 af '
        "01.06.2027; DSI kan nedsætte tilskuddet tilsvarende (4.2)."]
    assert _found(result, "BUDGET-01") == []  # the example's template was built before the change
