"""Reading 5 (4.3): the unused grant of one accounts year, one figure everywhere.

The core (``clauses.unused_grant``), DSI_UNUSED_GRANT (in-process and through xlwings' Office.js
dispatch), the template's formula computed by the ``formulas`` engine, and the validator's
``computed`` agree to the øre on random accounts of every budget year, for both agreements.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA
from dsi_xl.agreement import load, load_file
from dsi_xl.clauses import unused_grant
from dsi_xl.validation.engine import validate
from submission_builder import build
from test_udfs import DAY, DISPATCH, excel_date

REPAID, REPAID_ON = "DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB", "DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO"
RANDERS = load()
MADE_UP = load_file(DATA / "made-up-2030.toml")


def accounts(rng: random.Random, agreement) -> dict:
    """Random inputs of one file: any accounts year, installments received before or after its
    end (later ones entered too), costs (later years sometimes filled), an accrual, repayments."""
    years = agreement.budget_years
    year = rng.choice(years)
    dates, amounts = [], []
    for inst in agreement.installments:
        if rng.random() < 0.85:
            dates.append(datetime.combine(inst.due + timedelta(days=rng.randint(-40, 400)), datetime.min.time()))
            amounts.append(float(inst.amount) if rng.random() < 0.6 else round(rng.uniform(0, 900000), 2))
        else:
            dates.append(None)
            amounts.append(None)
    actual = [[round(rng.uniform(0, 700000), 2) if (y <= year or rng.random() < 0.2) and rng.random() < 0.9 else None
               for y in years] for _ in agreement.budget_lines]
    accrual = None if rng.random() < 0.4 else round(rng.uniform(0, 150000), 2)
    repaid = [round(rng.uniform(0, 300000), 2) if (y < year or rng.random() < 0.1) and rng.random() < 0.7 else None
              for y in years]
    repaid_on = [datetime(y + 1, 7, rng.randint(1, 28)) if r is not None else None for y, r in zip(years, repaid)]
    return {"year": year, "dates": dates, "amounts": amounts, "actual": actual, "accrual": accrual,
            "repaid": repaid, "repaid_on": repaid_on}


def oracle(agreement, case) -> Decimal | None:
    """An independent reading of 4.3 (reading 5), written out plainly."""
    n = case["year"]
    if all(a is None for a in case["amounts"]) or all(v is None for row in case["actual"] for v in row):
        return None
    got = Decimal(0)
    for inst, day, amount in zip(agreement.installments, case["dates"], case["amounts"]):
        if amount is not None and day is not None and day.date() <= date(n, 12, 31) and inst.start.year <= n:
            got += Decimal(repr(amount))
    spent = sum(Decimal(repr(v)) for row in case["actual"] for y, v in zip(agreement.budget_years, row)
                if v is not None and y <= n)
    held = Decimal(repr(case["accrual"])) if case["accrual"] is not None else 0
    back = sum(Decimal(repr(r)) for y, r in zip(agreement.budget_years, case["repaid"]) if r is not None and y < n)
    return max(got - spent - held - back, Decimal(0)).quantize(Decimal("0.01"))


def core(agreement, case) -> Decimal | None:
    if oracle(agreement, case) is None:
        return None
    return unused_grant.from_cells(agreement, case["year"], case["dates"], case["amounts"], case["actual"],
                                   case["accrual"], case["repaid"])


def _udf_args(agreement, case, serials: bool):
    day = (lambda d: None if d is None else excel_date(d.year, d.month, d.day)) if serials else (lambda d: d)
    return [[[a] for a in case["amounts"]], case["actual"], [[case["accrual"]]], [[case["year"]]],
            [[day(d)] for d in case["dates"]], [case["repaid"]], [[agreement.id]]]


def worksheet(agreement, case) -> Decimal | None:
    from dsi_xl import udfs

    args = _udf_args(agreement, case, False)
    with pytest.MonkeyPatch.context() as patch:  # the made-up agreement is found by its id
        patch.setenv("DSI_XL_AGREEMENTS", str(DATA))
        result = udfs.DSI_UNUSED_GRANT(args[0], args[1], case["accrual"], case["year"], args[4], args[5], agreement.id)
    return None if result == "" else Decimal(repr(result))


def validator(agreement, case) -> Decimal | None:
    sub = build(agreement, case["year"], DSI_UDBETALT_DATO=[[d] for d in case["dates"]],
                DSI_UDBETALT_BELOEB=[[a] for a in case["amounts"]], DSI_FAKTISK=case["actual"],
                DSI_PERIODISERING=case["accrual"], **{REPAID: [case["repaid"]], REPAID_ON: [case["repaid_on"]]})
    value = validate(sub, agreement=agreement, as_of=date(agreement.budget_years[-1] + 2, 1, 1)).computed
    return value["DSI_IKKE_ANVENDT"][0][0]  # a Decimal to the øre already (typed results)


def _case(agreement, **changes) -> dict:
    years = agreement.budget_years
    case = {"year": years[0], "dates": [None] * len(agreement.installments),
            "amounts": [None] * len(agreement.installments),
            "actual": [[None] * len(years) for _ in agreement.budget_lines], "accrual": None,
            "repaid": [None] * len(years), "repaid_on": [None] * len(years)}
    case.update(changes)
    return case


def _issue_case(year: int, repaid: float | None = None, costs_2027: float | None = None) -> dict:
    return _case(RANDERS, year=year,
                 dates=[datetime(2026, 3, 27), datetime(2027, 3, 15), None], amounts=[1050000, 650000, None],
                 actual=[[400000, 0, None, None], [509212.54, costs_2027, None, None]],
                 repaid=[repaid, None, None, None],
                 repaid_on=[datetime(2027, 7, 20) if repaid else None, None, None, None])


@pytest.mark.parametrize("way", [core, worksheet, validator])
def test_issue_an_installment_of_a_later_period_does_not_count(way):
    # Accounts 2026 with installment 2 (650,000, received 15.03.2027) typed in.
    assert way(RANDERS, _issue_case(2026)) == Decimal("140787.46")  # not 790,787.46


@pytest.mark.parametrize("way", [core, worksheet, validator])
def test_issue_2026_repaid_is_not_billed_again_in_2027(way):
    # 2027: 1,700,000 - (909,212.54 + 600,000) - 140,787.46 repaid for 2026 = 50,000.00
    assert way(RANDERS, _issue_case(2027, 140787.46, 600000)) == Decimal("50000.00")
    assert way(RANDERS, _issue_case(2027, None, 600000)) == Decimal("190787.46")


def test_the_documented_form_still_works():
    from dsi_xl import udfs

    assert udfs.DSI_UNUSED_GRANT(1700000, 1591667, 100000) == 8333
    assert udfs.DSI_UNUSED_GRANT(1700000, 1591667, 100000, "randers-2026") == 8333  # template 1.0's cells
    assert udfs.DSI_UNUSED_GRANT([[1050000], [650000]], [[1], [2]]) == 1699997


def test_a_date_that_is_no_date_is_a_danish_error():
    with pytest.raises(Exception, match="Modtaget dato"):
        unused_grant.from_cells(RANDERS, 2026, ["snart", None, None], [1, None, None],
                                [[1, None, None, None], [None] * 4], None, None)


cases = st.sampled_from([RANDERS, MADE_UP]).flatmap(
    lambda a: st.builds(lambda r: (a, accounts(r, a)), st.randoms(use_true_random=False)))


@settings(max_examples=150, deadline=None)
@given(cases)
def test_core_worksheet_function_and_validator_agree(drawn):
    agreement, case = drawn
    expected = oracle(agreement, case)
    assert core(agreement, case) == expected
    assert worksheet(agreement, case) == expected
    assert validator(agreement, case) == expected


def _seeded(count: int, seed: int):
    rng = random.Random(seed)
    return [(a, accounts(rng, a)) for a in (RANDERS, MADE_UP) for _ in range(count)]


def test_through_xlwings_dispatch_the_same_figure():
    drawn = _seeded(25, 14)
    calls = [["DSI_UNUSED_GRANT", _udf_args(a, c, True)] for a, c in drawn]
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial", DSI_XL_AGREEMENTS=str(DATA))
    done = subprocess.run([sys.executable, "-c", DISPATCH], input=json.dumps([calls, DAY.isoformat()]),
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)["answers"]
    for (agreement, case), answer in zip(drawn, answers):
        expected = oracle(agreement, case)
        result = answer["result"]
        value = result[0][0] if isinstance(result, list) else result
        assert (None if value == "" else Decimal(repr(value))) == expected, (case, answer)


def test_the_templates_formula_computes_the_same_figure(tmp_path):
    pytest.importorskip("formulas")
    from dsi_xl import template
    from dsi_xl.template import layout_for
    from dsi_xl.template.calculation import calculate
    from dsi_xl.template.render import render

    for k, (agreement, case) in enumerate(_seeded(2, 5) + [(RANDERS, _issue_case(2026))]):
        inputs = {"DSI_REGNSKABSAAR": [[case["year"]]], "DSI_UDBETALT_DATO": [[d] for d in case["dates"]],
                  "DSI_UDBETALT_BELOEB": [[a] for a in case["amounts"]], "DSI_FAKTISK": case["actual"],
                  "DSI_PERIODISERING": [[case["accrual"]]], REPAID: [case["repaid"]], REPAID_ON: [case["repaid_on"]]}
        path = template.save(render(layout_for(agreement), inputs), tmp_path / f"c{k}.xlsx")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DSI_XL_AGREEMENTS", str(DATA))
            values = calculate(path)
        sheet, cell = layout_for(agreement).names["DSI_IKKE_ANVENDT"]
        found = values[(sheet, cell)]
        assert isinstance(found, (int, float, str)) and not str(found).startswith("#"), (found, case)
        assert (None if found == "" else Decimal(repr(found))) == oracle(agreement, case), case



def test_a_template_1_0_file_still_validates_as_if_nothing_was_repaid():
    sub = build(RANDERS, 2027, DSI_SKABELON_VERSION="1.0", drop=(REPAID, REPAID_ON),
                DSI_FAKTISK={(1, 0): 500000})
    result = validate(sub, agreement=RANDERS, as_of=date(2028, 6, 1))
    rules = [f.rule for f in result.findings]
    assert "UBRUGT-06" in rules and "STRUKTUR-04" not in rules and "STRUKTUR-03" not in rules
    assert result.status != "fejl"
    # 1,700,000 - (400,000 + 500,000 + 650,000 + 650,000 ... ) as the 1.1 file with no repayment
    same = validate(build(RANDERS, 2027, DSI_FAKTISK={(1, 0): 500000}), agreement=RANDERS, as_of=date(2028, 6, 1))
    assert result.computed["DSI_IKKE_ANVENDT"] == same.computed["DSI_IKKE_ANVENDT"]
    assert "UBRUGT-06" not in [f.rule for f in same.findings]


def test_a_short_or_late_repayment_is_reported_with_both_amounts():
    sub = build(RANDERS, 2027, DSI_FAKTISK={(1, 0): 500000}, **{REPAID: {(0, 0): 40000},
                REPAID_ON: {(0, 0): datetime(2027, 8, 15)}})
    found = {f.rule: f.message for f in validate(sub, agreement=RANDERS, as_of=date(2028, 6, 1)).findings}
    # 2026: 1,050,000 - 900,000 - at most 108,333.33 held back = at least 41,666.67
    assert "40.000 kr." in found["UBRUGT-11"] and "41.666,67 kr." in found["UBRUGT-11"]
    assert "15.08.2027" in found["UBRUGT-10"] and "31.07.2027" in found["UBRUGT-10"]


def test_the_final_reconciliation_covers_the_unused_grant():
    sub = build(RANDERS, 2029, **{REPAID: [[1000, 2000, 3000, None]],
                REPAID_ON: [[datetime(2027, 7, 1), datetime(2028, 7, 1), datetime(2029, 7, 1), None]]},
                DSI_UNDERSKRIFT_DATO=datetime(2030, 5, 1))
    found = [f.message for f in validate(sub, agreement=RANDERS, as_of=date(2030, 5, 2)).findings
             if f.rule == "MAAL-07" and f.name == "DSI_IKKE_ANVENDT"]
    assert len(found) == 1 and "tilbagebetalt 6.000 kr." in found[0]
    quiet = build(RANDERS, 2028, DSI_UNDERSKRIFT_DATO=datetime(2030, 5, 1))
    assert not [f for f in validate(quiet, agreement=RANDERS, as_of=date(2030, 5, 2)).findings
                if f.rule == "MAAL-07" and f.name == "DSI_IKKE_ANVENDT"]
