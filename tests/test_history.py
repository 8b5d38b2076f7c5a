"""The cross-file findings (HISTORIK-): each fires on the run that calls for it and stays quiet on
a consistent run of one municipality's years. Files are built by defined name and validated by
the real engine; only the file name and checksum are set here, as validate_file would."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from dsi_xl.agreement import load
from dsi_xl.clauses import unused_grant
from dsi_xl.spec import (
    DSI_CVR,
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_UNDERSKRIFT_DATO,
)
from dsi_xl.validation.engine import validate
from dsi_xl.validation.history import compare, rules
from dsi_xl.validation.rules import catalogue
from plain_danish import assert_plain_danish
from submission_builder import build, valid_inputs

DSI_M2_AFSLUTTEDE = "DSI_M2_AFSLUTTEDE"  # Randers' goal 2, cases closed

RANDERS = load()
AS_OF = date(2030, 12, 31)


def file(year: int, name: str | None = None, digest: str | None = None, **changes):
    """One municipality's accounts for ``year``, valid, holding back the installment's later months
    as an accrual so that nothing is left unused (unless ``changes`` say otherwise)."""
    accrual = {DSI_PERIODISERING: int(unused_grant.accrual_limit(RANDERS, year)),
               DSI_PERIODISERING_FORKLARING: "Løn januar-februar året efter"}
    result = validate(replace(build(RANDERS, year, **(accrual | changes)), path=name or f"randers-{year}.xlsx"),
                      agreement=RANDERS, as_of=AS_OF)
    return replace(result, identity=result.identity | {"sha256": digest or f"{name or year}-{sorted(changes)}"})


def hits(results, rule_id: str):
    return [(r.file, f) for r in results for f in r.findings if f.rule == rule_id]


def history_ids(results):
    return sorted({f.rule for r in results for f in r.findings if f.rule.startswith("HISTORIK-")})


@pytest.fixture(scope="module")
def years():
    return [file(2026), file(2027), file(2028)]


def test_a_consistent_run_of_three_years_has_no_cross_file_finding(years):
    results = compare(years)
    assert history_ids(results) == []
    assert all(r.counted for r in results)


def test_every_cross_file_rule_is_in_the_catalogue_and_begins_with_historik():
    ids = [row[0] for row in catalogue()]
    assert [r.id for r in rules()] == [f"HISTORIK-0{n}" for n in range(1, 9)]
    assert all(r.id in ids for r in rules())
    assert ids.index("HISTORIK-01") > ids.index("STRUKTUR-01") and ids[-1] == "INTERN-01"


def test_the_same_bytes_twice_is_counted_once(years):
    copy = replace(years[1], file="kopi/randers-2027.xlsx")
    results = compare([*years, copy])
    found = hits(results, "HISTORIK-01")
    assert [f for f, _ in found] == ["kopi/randers-2027.xlsx"]
    assert "samme indhold som en fil, DSI allerede har modtaget" in found[0][1].message
    assert ".xlsx" not in found[0][1].message and found[0][1].severity == "advarsel"  # never a path of DSI's
    assert [r.counted for r in results] == [True, True, True, False]
    assert hits(results, "HISTORIK-02") == []  # a copy is no second version


def test_two_different_files_for_one_year_the_later_signature_counts(years):
    later = file(2027, "rettet/randers-2027.xlsx", **{DSI_UNDERSKRIFT_DATO: datetime(2028, 6, 1)})
    results = compare([years[0], later, years[1], years[2]])
    found = dict((f, finding) for f, finding in hits(results, "HISTORIK-02"))
    assert set(found) == {"rettet/randers-2027.xlsx", "randers-2027.xlsx"}
    assert "underskrevet senest (01.06.2028)" in found["rettet/randers-2027.xlsx"].message
    assert "en anden fil (underskrevet 01.06.2028)" in found["randers-2027.xlsx"].message
    assert not any("rettet/" in f.message for f in found.values())  # files by date, never by DSI's path
    assert found["randers-2027.xlsx"].cell is not None and found["randers-2027.xlsx"].sheet == "Stamdata"
    assert [r.counted for r in results] == [True, True, False, True]


def test_a_tie_in_signatures_counts_the_file_given_last(years):
    other = file(2027, "anden/randers-2027.xlsx", **{DSI_FAKTISK: {(0, 1): 1}})
    results = compare([years[1], other])
    assert [r.counted for r in results] == [False, True]
    assert "angivet sidst" in hits(results, "HISTORIK-02")[0][1].message


def test_a_different_municipality_or_agreement_is_never_compared(years):
    other = file(2027, "aarhus-2027.xlsx", **{DSI_CVR: "55133018", DSI_FAKTISK: {(0, 0): 1}})
    assert history_ids(compare([years[0], years[1], other])) == []


def test_restated_costs_give_both_values_and_the_cells(years):
    a = RANDERS
    changed = file(2027, **{DSI_FAKTISK: {(0, 0): int(a.budget_lines[0].amounts[0]) - 1000}})
    results = compare([years[0], changed])
    [(name, finding)] = hits(results, "HISTORIK-03")
    assert name == "randers-2027.xlsx" and finding.name == DSI_FAKTISK and finding.severity == "advarsel"
    line, amount = a.budget_lines[0].name, int(a.budget_lines[0].amounts[0])
    assert f"{line} 2026" in finding.message
    assert f"{amount - 1000:,} kr. her".replace(",", ".") in finding.message
    assert f"{amount:,} kr. i regnskabet for 2026 (underskrevet 15.05.2027)".replace(",", ".") in finding.message
    assert "randers-2026.xlsx" not in finding.message  # the earlier file by year and signing date, not by path
    # and what the restated cost does to the amount owed: the 2027 unused grant is 1.000 kr. more
    assert "ikke-anvendt tilskud for 2027 fra 0 kr. med de tidligere tal til 1.000 kr. her" in finding.message
    assert "DSI_" not in finding.message and finding.cell == changed.record[DSI_FAKTISK].refs[0][0]


def test_a_later_budget_year_filled_early_is_not_owned_by_the_earlier_file():
    early = file(2026, **{DSI_FAKTISK: {(0, 1): 1}})  # a 2027 cost in the 2026 accounts: not 2026's own
    assert hits(compare([early, file(2027)]), "HISTORIK-03") == []


def test_restated_installments_dates_and_amounts_one_finding_per_name(years):
    changed = file(2027, **{DSI_UDBETALT_DATO: {(0, 0): datetime(2026, 4, 2)}, DSI_UDBETALT_BELOEB: {(0, 0): 1}})
    found = hits(compare([years[0], changed]), "HISTORIK-04")
    assert sorted(f.name for _, f in found) == [DSI_UDBETALT_BELOEB, DSI_UDBETALT_DATO]
    dated = next(f for _, f in found if f.name == DSI_UDBETALT_DATO)
    assert "rate 1: 02.04.2026 her" in dated.message and "i regnskabet for 2026" in dated.message


def test_a_blank_where_the_earlier_year_stated_a_value_is_a_difference(years):
    changed = file(2027, **{DSI_UDBETALT_BELOEB: {(0, 0): None}})
    [(_, finding)] = hits(compare([years[0], changed]), "HISTORIK-04")
    assert "en tom celle her" in finding.message


def test_restated_goal_inputs_and_repayments(years):
    inputs = valid_inputs(RANDERS, 2028)
    col = next(c for c, v in enumerate(inputs[DSI_M2_AFSLUTTEDE][0]) if v is not None)
    changed = file(2029, **{DSI_M2_AFSLUTTEDE: {(0, col): 14}})
    found = hits(compare([years[2], changed]), "HISTORIK-05")
    assert [f.name for _, f in found] == [DSI_M2_AFSLUTTEDE]
    assert "14 her, 15 i regnskabet for 2028" in found[0][1].message
    # by hand: goal 2 pays (14 - 12,4) x 128.000 = 204.800 kr. instead of (15 - 12,4) x 128.000 = 332.800 kr.
    assert ("rate 1 fra 1.209.100 kr. i regnskabet for 2028 (underskrevet 15.05.2029) til 1.081.100 kr. her"
            in found[0][1].message)
    earlier = file(2028, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 1000}})
    later = file(2029, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 900}})
    [(_, repaid)] = hits(compare([earlier, later]), "HISTORIK-06")
    assert "900 kr. her, 1.000 kr. i regnskabet for 2028" in repaid.message


def _with_unused():
    """2026 accounts that leave 10.000 kr. unused, and what 2027's accounts say was repaid."""
    line = RANDERS.budget_lines[0]
    return {DSI_FAKTISK: {(0, 0): int(line.amounts[0]) - 10000}}


def test_an_earlier_years_unused_grant_not_repaid_by_the_deadline_is_an_error():
    earlier = file(2026, **_with_unused())
    assert earlier.computed["DSI_IKKE_ANVENDT"][0][0] == 10000
    costs = {DSI_FAKTISK: {(0, 0): int(RANDERS.budget_lines[0].amounts[0]) - 10000}}
    unpaid = file(2027, **costs)
    [(name, finding)] = hits(compare([earlier, unpaid]), "HISTORIK-07")
    assert name == "randers-2027.xlsx" and finding.severity == "advarsel"
    assert "10.000 kr." in finding.message and "31.07.2027" in finding.message
    assert "ingen tilbagebetaling" in finding.message
    short = file(2027, **costs, **{DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 0): 4000},
                                   DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 0): datetime(2027, 7, 1)}})
    [(_, finding)] = hits(compare([earlier, short]), "HISTORIK-07")
    assert "kun 4.000 kr. tilbagebetalt, 6.000 kr. for lidt" in finding.message
    late = file(2027, **costs, **{DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 0): 10000},
                                  DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 0): datetime(2027, 9, 1)}})
    [(_, finding)] = hits(compare([earlier, late]), "HISTORIK-07")
    assert "først den 01.09.2027" in finding.message


def test_unused_grant_repaid_in_time_is_quiet():
    earlier = file(2026, **_with_unused())
    costs = {DSI_FAKTISK: {(0, 0): int(RANDERS.budget_lines[0].amounts[0]) - 10000}}
    paid = file(2027, **costs, **{DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: {(0, 0): 10000},
                                  DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: {(0, 0): datetime(2027, 7, 15)}})
    assert hits(compare([earlier, paid]), "HISTORIK-07") == []


def test_a_missing_year_between_two_present_years(years):
    results = compare([years[0], years[2]])
    [(name, finding)] = hits(results, "HISTORIK-08")
    assert name == "randers-2028.xlsx" and "Regnskabet for 2027 er ikke med" in finding.message
    assert hits(compare([years[0], years[1]]), "HISTORIK-08") == []  # adjacent years: nothing missing
    assert hits(compare([years[1], years[2]]), "HISTORIK-08") == []  # no earlier year given is no gap


def test_unreadable_and_unidentified_files_take_no_part(years):
    from dsi_xl.validation.engine import _unreadable

    broken = _unreadable("x.xlsx", "Filen kan ikke læses.", "abc")
    results = compare([broken, years[0], replace(broken, file="y.xlsx")])
    assert [f for f, _ in hits(results, "HISTORIK-01")] == ["y.xlsx"]
    assert history_ids(results) == ["HISTORIK-01"]


def _later(name: str, **changes):
    return lambda: [file(2026), file(2027, name, **changes)]


FIRE = {  # a run of files on which each cross-file rule fires
    "HISTORIK-01": lambda: [file(2026), replace(file(2026), file="kopi/randers-2026.xlsx")],
    "HISTORIK-02": lambda: [file(2026), file(2026, "rettet/randers-2026.xlsx", **{DSI_FAKTISK: {(0, 1): 1}})],
    "HISTORIK-03": _later("randers-2027.xlsx", **{DSI_FAKTISK: {(0, 0): 1}}),
    "HISTORIK-04": _later("randers-2027.xlsx", **{DSI_UDBETALT_BELOEB: {(0, 0): 1}}),
    "HISTORIK-05": lambda: [file(2028), file(2029, **{DSI_M2_AFSLUTTEDE: {(0, next(
        c for c, v in enumerate(valid_inputs(RANDERS, 2028)[DSI_M2_AFSLUTTEDE][0]) if v is not None)): 14}})],
    "HISTORIK-06": lambda: [file(2028, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 1000}}),
                            file(2029, **{DSI_TILBAGEBETALT_BELOEB: {(0, 0): 900}})],
    "HISTORIK-07": lambda: [file(2026, **_with_unused()), file(2027, **_with_unused())],
    "HISTORIK-08": lambda: [file(2026), file(2028)],
}


def test_every_cross_file_rule_has_a_firing_run():
    assert set(FIRE) == {r.id for r in rules()}


@pytest.mark.parametrize("rule_id", sorted(FIRE))
def test_every_cross_file_message_is_plain_danish(rule_id):
    results = compare(FIRE[rule_id]())
    found = hits(results, rule_id)
    assert found
    severity = next(row[1] for row in catalogue() if row[0] == rule_id)
    for _, finding in found:
        assert finding.severity == severity
        assert_plain_danish(finding.message)


def test_single_file_and_cross_file_rules_share_one_registry_and_one_framing():
    from dsi_xl.validation import framing, rule
    from dsi_xl.validation.history import cross_rule

    ids = [r.id for r in rule.RULES]
    assert {r.id for r in rules()} <= set(ids) and "STAM-03" in ids and len(ids) == len(set(ids))
    assert all(r.across == r.id.startswith("HISTORIK-") for r in rule.RULES)
    assert not hasattr(cross_rule, "CROSS_RULES")  # no second registry
    with pytest.raises(ValueError):
        rule.registrar("Stamdata")("HISTORIK-99", "info", "x")
    with pytest.raises(ValueError):
        cross_rule.rule("STAM-99", "info", "x")
    results = compare(FIRE["HISTORIK-08"]())
    [(_, finding)] = hits(results, "HISTORIK-08")
    hit = rule.Hit(finding.message, finding.name)
    assert framing.frame(next(r for r in rules() if r.id == "HISTORIK-08"), hit).sheet == finding.sheet
