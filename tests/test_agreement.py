"""The agreement data: the shipped file matches TILSAGN.md, and bad files are refused by field."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from decimal import Decimal

import pytest

from dsi_xl.agreement import DATA_DIR, available, load, parse
from dsi_xl.agreement.terms import term, terms
from dsi_xl.errors import AgreementError, OutOfRange, UnknownAgreement

RAW = tomllib.loads((DATA_DIR / "randers-2026.toml").read_text(encoding="utf-8"))


def test_randers_terms_match_tilsagn_md(randers):
    assert randers.id == "randers-2026"
    assert randers.grantor.cvr == "40056823" and randers.recipient.cvr == "29189668"
    assert randers.grant == Decimal(2350000)
    assert (randers.effort_start, randers.effort_end) == (date(2026, 3, 1), date(2029, 2, 28))
    assert [(i.due, i.amount) for i in randers.installments] == [
        (date(2026, 3, 31), 1050000), (date(2027, 3, 31), 650000), (date(2028, 3, 31), 650000)]
    assert randers.budget_years == (2026, 2027, 2028, 2029)
    assert [randers.budget_year_total(y) for y in randers.budget_years] == [941667, 650000, 650000, 108333]
    assert randers.budget_amount(2, 2029) == 108333
    assert [(g.baseline, g.dkk_per_point, g.cap, g.renegotiation_threshold) for g in randers.goals] == [
        (Decimal("33.7"), 70000, 900000, 5), (Decimal("12.4"), 128000, None, 3), (Decimal("10.7"), 111000, None, 3)]
    assert randers.total_cap == 3000000
    assert (randers.caseload_limit, randers.caseload_consecutive_quarters) == (65, 2)
    assert randers.deviation_threshold_percent == 10
    rate1, rate2 = randers.repayment_rates
    assert (rate1.measurement_start, rate1.measurement_end) == (date(2027, 3, 1), date(2028, 2, 29))
    assert (rate1.statement_due, rate1.payment_due) == (date(2028, 5, 31), date(2028, 7, 31))
    assert (rate2.statement_due, rate2.payment_due) == (date(2029, 5, 31), date(2029, 7, 31))


def test_quarters_cover_the_effort_period(randers):
    labels = [q.label for q in randers.quarters]
    assert labels[0] == "2026K1" and labels[-1] == "2029K1" and len(labels) == 13
    assert randers.quarters[4].start == date(2027, 1, 1) and randers.quarters[4].end == date(2027, 3, 31)


def test_made_up_agreement_loads_with_its_own_shape(made_up):
    assert len(made_up.goals) == 2 and len(made_up.repayment_rates) == 3
    assert made_up.goals[0].cap == 150000 and made_up.total_cap == 250000
    assert len(made_up.quarters) == 16


def test_available_and_unknown(monkeypatch):
    assert "randers-2026" in available()
    with pytest.raises(UnknownAgreement, match="findes ikke"):
        load("no-such-agreement")
    with pytest.raises(UnknownAgreement, match="gyldigt"):
        load("../etc/passwd")


def test_extra_folder_from_environment(monkeypatch, made_up):
    monkeypatch.setenv("DSI_XL_AGREEMENTS", str(made_up.source.rsplit("/", 1)[0]))
    assert load("made-up-2030").recipient.name == "Testrup Kommune"


def test_terms_by_key(randers):
    assert term(randers, "tilskud") == 2350000
    assert term(randers, " Loft_maal1 ") == 900000
    assert terms(randers)["baseline_maal3"] == Decimal("10.7")
    with pytest.raises(OutOfRange, match="Nøgle"):
        term(randers, "ukendt")


def broken(path: str, value):
    """The Randers data with one field replaced; ``path`` like 'installments.0.amount'."""
    raw = copy.deepcopy(RAW)
    node = raw
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is KeyError:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("installments.0.amount", 1000000, "installments.amount"),
        ("budget.lines.0.amounts", [400001, 0, 0, 0], "budget.lines"),
        ("budget.lines.0.amounts", [400000, 0, 0], "budget.lines[0].amounts"),
        ("installments.2.end", date(2029, 3, 31), "installments[2].end"),
        ("repayment_rates.0.measurement_end", date(2028, 1, 31), "repayment_rates[0]"),
        ("repayment_rates.1.measurement_start", date(2028, 2, 1), "repayment_rates[1].measurement_start"),
        ("goals.1.indicator", "ratio", "goals[1].indicator"),
        ("goals.0.baseline", "mange", "goals[0].baseline"),
        ("goals.2.number", 4, "goals.number"),
        ("caps.total", 0, "caps.total"),
        ("grant", KeyError, "grant"),
        ("accounts.due", "13-01", "accounts.due"),
        ("budget.years", [2026, 2028, 2029, 2030], "budget.years"),
        ("effort.start", "2026-03-01", "effort.start"),
    ],
)
def test_inconsistent_agreement_is_refused_naming_the_field(path, value, field):
    with pytest.raises(AgreementError) as caught:
        parse(broken(path, value))
    assert field in str(caught.value)


def test_randers_goals_name_the_templates_inputs(randers):
    """Randers' file names its goals' inputs as every filed template has them (since 1.0)."""
    assert [g.input_names for g in randers.goals] == [
        ("DSI_M1_FRATRAEDELSER", "DSI_M1_ANSATTE"), ("DSI_M2_AFSLUTTEDE", "DSI_M2_SAGER"),
        ("DSI_M3_OVERGAAET", "DSI_M3_BORGERE")]
    assert [g.result_name for g in randers.goals] == ["DSI_M1_RESULTAT", "DSI_M2_RESULTAT", "DSI_M3_RESULTAT"]
    assert all(g.in_percent and g.unit == "%" for g in randers.goals)


def _goal_change(index: int, **changes):
    raw = copy.deepcopy(RAW)
    goal = raw["goals"][index]
    for key, value in changes.items():
        if value is KeyError:
            goal.pop(key, None)
        else:
            goal[key] = value
    return raw


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"indicator": "value"}, "goals[1].unit", "mangler"),  # a value goal needs its unit
        ({"unit": "dage"}, "goals[1].unit", "kun et mål med indikatoren value"),
        ({"inputs": ["DSI_M3_AFSLUTTEDE", "DSI_M2_SAGER"]}, "goals[1].inputs[0]", "skal begynde med DSI_M2_"),
        ({"inputs": ["DSI_M2_afsluttede", "DSI_M2_SAGER"]}, "goals[1].inputs[0]", "store bogstaver"),
        ({"inputs": ["DSI_M2_RESULTAT", "DSI_M2_SAGER"]}, "goals[1].inputs[0]", "resultatet for mål 2"),
        ({"inputs": ["DSI_M2_SAGER", "DSI_M2_SAGER"]}, "goals[1].inputs[1]", "et input til mål 2"),
        ({"inputs": ["DSI_M2_SAGER"]}, "goals[1].inputs", "har 2 inputs, men der står 1"),
        ({"inputs": ["DSI_M2_" + "X" * 250, "DSI_M2_SAGER"]}, "goals[1].inputs[0]", "højst 255"),
        ({"labels": ["Sager"]}, "goals[1].labels", "har 2 inputs, men der står 1"),
        ({"inputs": "DSI_M2_SAGER"}, "goals[1].inputs", "en liste"),
        ({"inputs": ["DSI_M2_A", 7]}, "goals[1].inputs[1]", "en tekst"),
        ({"indicator": "value", "unit": "dage", "dkk_per_point": 0, "inputs": KeyError, "labels": KeyError},
         "goals[1].dkk_per_point", "pr. enhed"),
    ],
)
def test_a_goal_the_template_cannot_place_is_refused_in_one_danish_sentence(changes, field, words):
    with pytest.raises(AgreementError) as caught:
        parse(_goal_change(1, **changes))
    message = str(caught.value)
    assert field in message and words in message, message
    assert message.endswith(".") and "\n" not in message, message


def test_a_value_goal_with_its_unit_and_a_fifth_goal_load():
    raw = _goal_change(2, indicator="value", unit="antal borgere", inputs=KeyError, labels=KeyError)
    raw["goals"].append({**raw["goals"][1], "number": 4, "inputs": ["DSI_M4_LUKKET"], "labels": ["Lukkede sager"],
                         "indicator": "value", "unit": "sager", "title": "Flere lukkede sager"})
    fifth = {key: value for key, value in raw["goals"][0].items() if key not in ("inputs", "labels")}
    raw["goals"].append({**fifth, "number": 5, "title": "Lavere personaleomsætning i udførerenheden"})  # two goals
    # may not share a title (dsi-xl agreement check)
    agreement = parse(raw)
    assert [g.input_names for g in agreement.goals[2:]] == [("DSI_M3_VAERDI",), ("DSI_M4_LUKKET",),
                                                           ("DSI_M5_FRATRAEDELSER", "DSI_M5_ANSATTE")]
    assert agreement.goals[2].input_labels == ("Antal borgere",) and agreement.goals[3].unit == "sager"


def test_a_file_without_an_accrual_table_gets_the_projects_default_limit():
    """Agreement files DSI wrote before reading 9 have no [accrual]: they load, with the default
    limit of 100 % of the rest of the period's budget and no agreed limits."""
    raw = tomllib.loads((DATA_DIR / "randers-2026.toml").read_text(encoding="utf-8"))
    del raw["accrual"]
    agreement = parse(raw)
    assert agreement.accrual_default_percent == Decimal(100) and agreement.accrual_limits == {}
    assert agreement.accrual_default_percent == load().accrual_default_percent
