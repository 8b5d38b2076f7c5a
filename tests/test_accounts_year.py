"""The accountant's year (issue 26): nothing is demanded before it can exist, figures that cannot
exist yet are warned about (reading 8), every caseload breach is shown (reading 10), and a file
states amounts only for what its accounts year covers.

Each case is one an accountant met filling the template for a plausible year; built with
tests/submission_builder.py, validated by the engine as DSI and the button do.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from dsi_xl.report.summary import amounts_due
from dsi_xl.validation.engine import validate
from submission_builder import build, valid_inputs


def _rules(result, *ids):
    return [f for f in result.findings if f.rule in ids]


# -- installments ---------------------------------------------------------------------------


def test_an_installment_dated_before_its_own_period_is_warned_about(randers):
    """Installment 2 (period from 01.03.2027) "received 30.03.2026", a year early."""
    sub = build(randers, 2027, DSI_UDBETALT_DATO={(1, 0): datetime(2026, 3, 30)})
    found = _rules(validate(sub, agreement=randers, as_of=date(2028, 6, 1)), "RATE-04")
    assert len(found) == 1 and found[0].severity == "advarsel"
    assert "30.03.2026" in found[0].message and "01.03.2027" in found[0].message and "før" in found[0].message


def test_an_installment_dated_after_the_signing_is_warned_about(randers):
    sub = build(randers, 2027, DSI_UDBETALT_DATO={(1, 0): datetime(2028, 5, 20)})  # signed 15.05.2028
    found = _rules(validate(sub, agreement=randers, as_of=date(2028, 6, 1)), "RATE-04")
    assert len(found) == 1 and "underskriftsdatoen 15.05.2028" in found[0].message


def test_an_installment_within_its_period_and_before_the_signing_is_quiet(randers):
    sub = build(randers, 2027, DSI_UDBETALT_DATO={(1, 0): datetime(2027, 3, 1)})
    assert not _rules(validate(sub, agreement=randers, as_of=date(2028, 6, 1)), "RATE-04")


def test_an_installment_is_demanded_only_after_its_due_date(randers):
    """Accounts for 2027 judged on 15.03.2027 (unsigned, run's day): installment 2 is due 31.03.2027."""
    sub = build(randers, 2027, DSI_UNDERSKRIFT_DATO=None, DSI_UDBETALT_DATO={(1, 0): None},
                DSI_UDBETALT_BELOEB={(1, 0): None})
    early = _rules(validate(sub, agreement=randers, as_of=date(2027, 3, 15)), "RATE-01")
    late = _rules(validate(sub, agreement=randers, as_of=date(2027, 4, 1)), "RATE-01")
    assert early == [] and len(late) == 2


# -- caseload ----------------------------------------------------------------------------------


def test_caseloads_for_quarters_after_the_signing_are_warned_about(randers):
    """The 2026 accounts signed 20.05.2027 hold caseloads for 2027K1-K4: K1 was over; K2-K4 were not."""
    later = {(0, q): 120 for q in range(4, 8)}
    sub = build(randers, 2026, DSI_UNDERSKRIFT_DATO=datetime(2027, 5, 20), DSI_SAGER=later,
                DSI_RAADGIVERE={(0, q): 2 for q in range(4, 8)})
    result = validate(sub, agreement=randers, as_of=date(2027, 6, 1))
    found = _rules(result, "SAG-04")
    assert [f.name for f in found] == ["DSI_SAGER", "DSI_RAADGIVERE"]
    assert all(f.severity == "advarsel" and "2027K2, 2027K3, 2027K4" in f.message and "2027K1" not in f.message
               and "underskriftsdatoen 20.05.2027" in f.message for f in found)
    assert result.status == "advarsler"


def test_a_quarter_is_demanded_only_once_it_is_over(randers):
    """Unsigned 2027 accounts judged on 15.08.2027: 2027K3 and K4 are not over, so not demanded."""
    blank = {(0, q): None for q in range(6, 8)}
    sub = build(randers, 2027, DSI_UNDERSKRIFT_DATO=None, DSI_SAGER=blank, DSI_RAADGIVERE=blank)
    assert not _rules(validate(sub, agreement=randers, as_of=date(2027, 8, 15)), "SAG-01")
    assert len(_rules(validate(sub, agreement=randers, as_of=date(2028, 1, 2)), "SAG-01")) == 2


def test_every_caseload_breach_is_reported_the_accounts_years_own_first(randers):
    """2027 accounts with breaches in 2026K2-K3 and 2027K2-K3: both, 2027's first."""
    cases = {(0, q): 140 for q in (1, 2, 5, 6)}
    sub = build(randers, 2027, DSI_SAGER=cases)
    found = _rules(validate(sub, agreement=randers, as_of=date(2028, 6, 1)), "SAG-03")
    assert len(found) == 2
    assert "2027K2" in found[0].message and "2027K3" in found[0].message and "2026" not in found[0].message
    assert "2026K2" in found[1].message and "2026K3" in found[1].message
    assert ":" in found[0].cell  # both quarters' cells, as a range


def test_no_caseload_breach_is_quiet(randers):
    assert not _rules(validate(build(randers, 2027), agreement=randers, as_of=date(2028, 6, 1)), "SAG-03", "SAG-04")


# -- what a file states --------------------------------------------------------------------


def test_the_2026_accounts_state_no_repayment_rate(randers):
    """Measurement year 2's figures typed into the 2026 accounts: the sheet computes rate 1, but the
    2026 accounts do not report it (its statement is due with the 2027 accounts)."""
    goals = valid_inputs(randers, 2027)
    names = ("DSI_M1_FRATRAEDELSER", "DSI_M1_ANSATTE", "DSI_M2_AFSLUTTEDE", "DSI_M2_SAGER", "DSI_M3_OVERGAAET",
             "DSI_M3_BORGERE")
    sub = build(randers, 2026, DSI_UNDERSKRIFT_DATO=datetime(2027, 5, 20), **{n: goals[n] for n in names})
    result = validate(sub, agreement=randers, as_of=date(2027, 6, 1))
    assert result.computed["DSI_TILBAGEBETALING"][0][0]  # the sheet's figure is there ...
    assert not [label for label, _ in amounts_due(result) if "rate 1" in label]  # ... but not stated
    stated = validate(build(randers, 2027), agreement=randers, as_of=date(2028, 6, 1))
    assert [label for label, _ in amounts_due(stated) if "rate 1" in label]


# -- payment goals -----------------------------------------------------------------------------

GOAL_INPUTS = ("DSI_M1_FRATRAEDELSER", "DSI_M1_ANSATTE", "DSI_M2_AFSLUTTEDE", "DSI_M2_SAGER", "DSI_M3_OVERGAAET",
               "DSI_M3_BORGERE")


def test_a_measurement_year_not_over_is_not_demanded(randers):
    """Was: the 2027 accounts signed 15.02.2028, while measurement year 2 runs to 29.02.2028, got six
    MAAL-01 fejl for measurements that cannot be made yet."""
    blank = {name: {(r, 0): None for r in range(12 if name == "DSI_M1_ANSATTE" else 1)} for name in GOAL_INPUTS}
    early = build(randers, 2027, DSI_UNDERSKRIFT_DATO=datetime(2028, 2, 15), **blank)
    result = validate(early, agreement=randers, as_of=date(2028, 6, 1))
    assert not _rules(result, "MAAL-01") and result.status == "ok", result.findings
    late = build(randers, 2027, DSI_UNDERSKRIFT_DATO=datetime(2028, 3, 1), **blank)  # the year was over
    assert len(_rules(validate(late, agreement=randers, as_of=date(2028, 6, 1)), "MAAL-01")) == 6


def test_figures_of_a_measurement_year_not_over_are_warned_about(randers):
    """Was: the 2026 accounts signed 20.05.2027 holding measurement year 2's figures validated ok."""
    goals = valid_inputs(randers, 2027)
    sub = build(randers, 2026, DSI_UNDERSKRIFT_DATO=datetime(2027, 5, 20), **{n: goals[n] for n in GOAL_INPUTS})
    result = validate(sub, agreement=randers, as_of=date(2027, 6, 1))
    found = _rules(result, "MAAL-10")
    assert [f.name for f in found] == list(GOAL_INPUTS) and all(f.severity == "advarsel" for f in found)
    assert "måleår 2, der løber til 29.02.2028, efter underskriftsdatoen 20.05.2027" in found[0].message
    assert not _rules(result, "MAAL-09")  # nor is its amount stated as these accounts'
    assert not _rules(validate(build(randers, 2027), agreement=randers, as_of=date(2028, 6, 1)), "MAAL-10")


def _difference(message: str) -> tuple[Decimal, Decimal, Decimal]:
    """(owed, repaid, difference) as a MAAL-07 message states them."""
    def amount(text: str) -> Decimal:
        return Decimal(text.replace(".", "").replace(",", "."))

    owed = re.search(r"skyldigt (?:for \S+ )?i alt (?:mindst )?([\d.,]+) kr\.", message).group(1)
    repaid = re.search(r"tilbagebetalt ([\d.,]+) kr\.", message).group(1)
    difference = re.search(r"forskel \(tilbagebetalt minus skyldigt\) ([+-][\d.,]+) kr\.", message).group(1)
    return amount(owed), amount(repaid), amount(difference)


def test_every_5_3_difference_is_repaid_minus_owed(randers):
    """Was: "forskel 90.900 kr." (repaid minus owed) beside "forskel -108.333,33 kr.." (owed minus
    repaid, and two full stops) in the same 2029 file."""
    as_of = date(2029, 8, 1)
    base = build(randers, 2029, DSI_UNDERSKRIFT_DATO=datetime(2029, 8, 1))
    due = validate(base, agreement=randers, as_of=as_of).computed["DSI_TILBAGEBETALING"][0]
    sub = build(randers, 2029, DSI_UNDERSKRIFT_DATO=datetime(2029, 8, 1),
                DSI_TILBAGEBETALT_BELOEB=[[due[0] + 90900, due[1]]],
                DSI_TILBAGEBETALT_DATO=[[datetime(2028, 7, 1), datetime(2029, 7, 1)]],
                DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB={(0, 0): 200000},
                DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO={(0, 0): datetime(2027, 7, 1)})
    messages = [f.message for f in validate(sub, agreement=randers, as_of=as_of).findings if f.rule == "MAAL-07"]
    assert len(messages) == 2, messages
    for message in messages:
        owed, repaid, difference = _difference(message)
        assert difference == repaid - owed and difference > 0 and "betalt for meget" in message, message
        assert ".." not in message
    assert any("+90.900 kr." in m for m in messages)


def test_a_repayment_rates_label_reads_in_lower_case_inside_a_sentence(randers):
    """Was: "For Måleår 2 skal kommunen ..." with a capital in mid-sentence."""
    result = validate(build(randers, 2027), agreement=randers, as_of=date(2028, 6, 1))
    message = next(f.message for f in result.findings if f.rule == "MAAL-09")
    assert message.startswith("For måleår 2 skal kommunen tilbagebetale")
