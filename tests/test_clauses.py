"""The computable clauses, on the agreement's own worked examples and on any input (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dsi_xl.clauses import (
    caseload,
    deadlines,
    deviation,
    goal_payment,
    judging_day,
    progress,
    reconciliation,
    renegotiation,
    repayment,
    share,
    turnover,
    unused_grant,
    value,
)
from dsi_xl.errors import Inconsistent, InputError, MissingValue, NotANumber, OutOfRange, WrongCount

# -- the agreement's worked examples (Bilag 5.1 pkt. 2.1, 2.2) -------------------------------


def test_goal1_example_turnover_28_gives_399000(randers):
    amount = goal_payment.compute(randers.goal(1), 28)
    assert amount == Decimal("399000.00") and str(amount) == "399000.00"


def test_goal2_example_share_15_gives_332800(randers):
    assert goal_payment.compute(randers.goal(2), 15) == Decimal("332800.00")


def test_goal3_is_computed_the_same_way(randers):
    assert goal_payment.compute(randers.goal(3), 12.7) == Decimal("222000.00")  # (12.7 - 10.7) x 111,000


def test_a_tenth_of_a_point_is_exactly_7000(randers):
    assert goal_payment.compute(randers.goal(1), 33.6) == Decimal("7000.00")


def test_wrong_side_of_baseline_gives_zero(randers):
    assert goal_payment.compute(randers.goal(1), 40) == 0
    assert goal_payment.compute(randers.goal(2), 12.3) == 0
    assert goal_payment.compute(randers.goal(3), 0) == 0


def test_unrounded_points_rounded_amount(randers):
    # 7 departures, average headcount 21: 33.333...% -> 0.3666... pp x 70,000 = 25,666.666... -> 25,666.67
    rate = turnover.compute(7, [21] * 12)
    assert goal_payment.compute(randers.goal(1), rate) == Decimal("25666.67")


# -- indicators -------------------------------------------------------------------------------


def test_value_goal_in_its_own_unit(fjordby):
    """A value goal (the second agreement's goal 4: days of waiting, lower is better, 12.000 kr. a
    day, baseline 42): 35,5 days gives (42 - 35,5) x 12.000 = 78.000,00; 38,25 gives 45.000,00;
    a longer wait than the baseline gives 0."""
    goal = fjordby.goal(4)
    assert value.compute(35.5) == Decimal("35.5") and value.compute(12) == 12
    assert goal_payment.compute(goal, 35.5) == Decimal("78000.00")
    assert goal_payment.compute(goal, Decimal("38.25")) == Decimal("45000.00")
    assert goal_payment.compute(goal, 42) == goal_payment.compute(goal, 60) == 0
    assert goal_payment.compute(goal, 150) == 0  # a value is no share: above 100 is allowed
    with pytest.raises(InputError, match="0 eller derover"):
        goal_payment.compute(goal, -1)
    with pytest.raises(NotANumber):
        value.compute("ca. 40")


def test_turnover_from_twelve_monthly_headcounts():
    assert turnover.compute(7, [25] * 12) == 28
    assert turnover.compute(6, [20] * 6 + [30] * 6) == 24  # average 25


def test_turnover_counts_individuals_whole():
    with pytest.raises(OutOfRange, match="helt tal"):
        turnover.compute(7, [24.5] + [25] * 11)


def test_turnover_needs_exactly_twelve_months():
    with pytest.raises(WrongCount, match="12 månedstal") as caught:
        turnover.compute(7, [25] * 11)
    assert "11 værdier" in str(caught.value)


def test_turnover_bad_inputs():
    with pytest.raises(MissingValue, match="Antal fratrædelser"):
        turnover.compute(None, [25] * 12)
    with pytest.raises(OutOfRange, match="Antal ansatte i måned 3"):
        turnover.compute(7, [25, 25, -1] + [25] * 9)
    with pytest.raises(NotANumber, match='teksten "mange"'):
        turnover.compute("mange", [25] * 12)
    with pytest.raises(OutOfRange, match="mere end 0"):
        turnover.compute(0, [0] * 12)


def test_share():
    assert share.compute(15, 100) == 15
    assert share.compute(1, 3) == Decimal(1) / 3 * 100
    with pytest.raises(Inconsistent, match="højst nævneren"):
        share.compute(11, 10)
    with pytest.raises(OutOfRange, match="mere end 0"):
        share.compute(0, 0)


def test_share_above_100_is_impossible_for_a_share_goal(randers):
    with pytest.raises(OutOfRange, match="mellem 0 og 100"):
        goal_payment.compute(randers.goal(2), 100.5)
    assert goal_payment.compute(randers.goal(1), 120) == 0  # turnover may exceed 100 %


def test_negative_result_is_refused(randers):
    with pytest.raises(OutOfRange):
        goal_payment.compute(randers.goal(1), -1)


# -- the return cap (5.2) -----------------------------------------------------------------------


def results(g1, g2, g3):
    return [g1, g2, g3]


def test_goal1_cap_within_one_rate(randers):
    rate1, rate2 = repayment.schedule(randers, results([18, None], [12.4, None], [10.7, None]))
    assert rate1.before_caps[0] == Decimal("1099000.00")  # 15.7 pp x 70,000
    assert rate1.after_goal_caps[0] == 900000 and rate1.due == 900000
    assert rate2.due is None


def test_goal1_cap_across_rates(randers):
    due = repayment.compute(randers, results([25.7, 25.7], [12.4, 12.4], [10.7, 10.7]))
    assert due == (Decimal("560000.00"), Decimal("340000.00"))  # 8 pp = 560,000 each; 900,000 in all


def test_total_cap_within_one_rate(randers):
    rate1, _ = repayment.schedule(randers, results([33.7, 33.7], [40, 12.4], [10.7, 10.7]))
    assert rate1.before_caps[1] == Decimal("3532800.00") and rate1.due == 3000000


def test_total_cap_across_rates(randers):
    due = repayment.compute(randers, results([33.7, 33.7], [22.4, 22.4], [10.7, 10.7]))
    assert due == (Decimal("1280000.00"), Decimal("1280000.00"))
    due = repayment.compute(randers, results([23.7, 23.7], [22.4, 22.4], [20.7, 20.7]))
    # each rate: goal 1 700,000 + 1,280,000 + 1,110,000 = 3,090,000 -> capped to 3,000,000, then 0
    assert due == (Decimal("3000000.00"), Decimal("0.00"))


def test_goal_cap_applies_before_total_cap(randers):
    rate1, rate2 = repayment.schedule(randers, results([13.7, 13.7], [30, 12.4], [10.7, 10.7]))
    assert rate1.after_goal_caps[0] == 900000 and rate1.due == Decimal("3000000.00")
    assert rate2.after_goal_caps[0] == 0 and rate2.due == 0


def test_missing_result_makes_the_rate_and_later_rates_unknown(randers):
    rate1, rate2 = repayment.schedule(randers, results([30, 30], [None, 15], [11, 11]))
    assert rate1.due is None and rate2.due is None
    assert rate1.before_caps == (Decimal("259000.00"), None, Decimal("33300.00"))


def test_results_must_have_the_agreements_shape(randers):
    with pytest.raises(WrongCount, match="3 rækker"):
        repayment.compute(randers, [[30, 30], [15, 15]])


def test_made_up_agreement_uses_its_own_caps(made_up):
    # goal 1 is a share (higher is better), 10,000 per pp, cap 150,000; total cap 250,000.
    due = repayment.compute(made_up, [[40, 40, 40], [30, 30, 30]])
    # each rate: goal 1: 20 pp = 200,000 -> 150,000 then 0; goal 2: 10 pp x 5,000 = 50,000
    assert due == (Decimal("200000.00"), Decimal("50000.00"), Decimal("0.00"))


# -- properties ------------------------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=3)
turnover_results = st.decimals(min_value=0, max_value=400, places=3)


@given(result=percent, better=st.decimals(min_value=0, max_value=50, places=3), goal_number=st.sampled_from([1, 2, 3]))
def test_amount_never_negative_and_never_decreases_as_result_improves(randers, result, better, goal_number):
    goal = randers.goal(goal_number)
    improved = result - better if goal.direction == "lower" else result + better
    assume(0 <= improved <= 100)
    worse_amount = goal_payment.compute(goal, result)
    assert worse_amount >= 0
    assert goal_payment.compute(goal, improved) >= worse_amount


@given(st.lists(st.lists(percent, min_size=2, max_size=2), min_size=3, max_size=3))
def test_caps_hold_for_any_results(randers, values):
    schedule = repayment.schedule(randers, values)
    dues = [r.due for r in schedule]
    assert all(d is not None and d >= 0 for d in dues)
    assert sum(dues) <= randers.total_cap
    assert sum(r.after_goal_caps[0] for r in schedule) <= randers.goal(1).cap
    for rate in schedule:
        assert rate.due <= sum(rate.after_goal_caps)
        assert all(a <= b for a, b in zip(rate.after_goal_caps, rate.before_caps))


@given(st.lists(st.lists(st.one_of(percent, st.none()), min_size=3, max_size=3), min_size=2, max_size=2),
       st.lists(st.lists(turnover_results, min_size=3, max_size=3), min_size=1, max_size=1))
def test_caps_hold_for_the_made_up_agreement(made_up, shares, turnovers):
    schedule = repayment.schedule(made_up, [shares[0], turnovers[0]])
    known = [r.due for r in schedule if r.due is not None]
    assert sum(known) <= made_up.total_cap
    assert sum(r.after_goal_caps[0] for r in schedule if r.due is not None) <= made_up.goal(1).cap


@given(
    st.lists(st.integers(min_value=1, max_value=500), min_size=12, max_size=12), st.integers(min_value=0, max_value=500)
)
def test_turnover_is_departures_over_average_headcount(headcounts, departures):
    assert turnover.compute(departures, headcounts) == Decimal(departures * 1200) / Decimal(sum(headcounts))


# -- unused grant (4.3) --------------------------------------------------------------------------


def test_unused_grant():
    assert unused_grant.compute(1700000, 1591667, 108333) == 0
    assert unused_grant.compute(1700000, 1500000, None) == Decimal("200000.00")
    assert unused_grant.compute(1050000, 1100000, 0) == 0
    with pytest.raises(OutOfRange, match="Periodisering"):
        unused_grant.compute(1, 1, -5)


def test_accrual_limit_is_the_rest_of_the_running_installment_period(randers, made_up):
    assert unused_grant.accrual_limit(randers, 2026) == Decimal("108333.33")  # Jan-Feb 2027 of 650,000
    assert unused_grant.accrual_limit(randers, 2027) == Decimal("108333.33")
    assert unused_grant.accrual_limit(randers, 2028) == Decimal("108333.00")  # 2029 has 2 effort months
    assert unused_grant.accrual_limit(randers, 2029) == 0
    assert unused_grant.accrual_limit(made_up, 2030) == Decimal("125000.00")  # Jan-Jun 2031 of 250,000


@given(st.integers(0, 10**7), st.integers(0, 10**7), st.integers(0, 10**7))
def test_unused_grant_never_negative_and_never_more_than_received(received, spent, accrual):
    amount = unused_grant.compute(received, spent, accrual)
    assert 0 <= amount <= received


# -- deviation, caseload, renegotiation -----------------------------------------------------------


def test_deviation_threshold_is_strictly_more_than():
    assert deviation.compute(400000, 440000, 10).significant is False
    exceeded = deviation.compute(400000, 440001, 10)
    assert exceeded.significant and exceeded.amount == 40001
    assert deviation.compute(400000, 300000, 10).percent == -25
    assert deviation.compute(0, 1, 10) == deviation.Deviation(Decimal("1.00"), None, True)


def test_caseload_and_first_breach(randers):
    assert caseload.compute(1495, 23) == 65
    with pytest.raises(OutOfRange, match="mere end 0"):
        caseload.compute(100, 0)
    quarters = len(randers.quarters)
    # 65 is not above 65; a blank breaks the run
    loads = [65, 66, None, 66, 64, 66, 67, 70] + [None] * (quarters - 8)
    breach = caseload.first_breach(randers, loads)
    assert breach is not None and breach.quarters == ("2027K2", "2027K3", "2027K4") and breach.completed_in == "2027K3"
    assert caseload.first_breach(randers, [65] * quarters) is None
    with pytest.raises(WrongCount):
        caseload.first_breach(randers, [60] * 4)


def test_every_breach_is_found_each_run_once(randers):
    """Reading 10: 2026K2-K3 and 2027K2-K3 are two breaches; shown newest first in one cell."""
    quarters = len(randers.quarters)
    loads = [60, 66, 67, 60, 60, 70, 71, 60] + [None] * (quarters - 8)
    found = caseload.breaches(randers, loads)
    assert [b.quarters for b in found] == [("2026K2", "2026K3"), ("2027K2", "2027K3")]
    assert caseload.shown(found) == "2027K3; 2026K3"
    assert caseload.breaches(randers, [70] * quarters)[0].quarters == tuple(q.label for q in randers.quarters)
    assert caseload.breaches(randers, [60] * (quarters - 2) + [70, 70])[0].completed_in == randers.quarters[-1].label
    assert caseload.breaches(randers, [65.00000000000001, 65.00000000000001] + [None] * (quarters - 2)) == ()


def test_made_up_breach_needs_three_quarters(made_up):
    loads = [51, 51, 50, 51, 51, 51] + [None] * (len(made_up.quarters) - 6)
    assert caseload.first_breach(made_up, loads).quarters == ("2030K4", "2031K1", "2031K2")
    assert caseload.first_breach(made_up, [51, 51, 50] + [None] * (len(made_up.quarters) - 3)) is None


def test_renegotiation_is_absolute_and_inclusive(randers):
    assert renegotiation.compute(randers.goal(1), 28.7) is True  # exactly 5 pp below
    assert renegotiation.compute(randers.goal(1), 38.7) is True  # exactly 5 pp above
    assert renegotiation.compute(randers.goal(1), 29) is False
    assert renegotiation.compute(randers.goal(2), 15.4) is True
    assert renegotiation.compute(randers.goal(3), 8) is False


# -- deadlines (7.4, 4.3, Bilag 5.1), leap day, reconciliation (5.3) ----------------------------


def test_deadlines(randers):
    assert deadlines.compute(randers, "regnskab", 2027) == date(2028, 6, 30)
    assert deadlines.compute(randers, "ikke_anvendt", 2027) == date(2028, 7, 31)
    assert deadlines.compute(randers, "Udbetaling", 2) == date(2027, 3, 31)
    assert deadlines.compute(randers, "opgørelse", 1) == date(2028, 5, 31)
    assert deadlines.compute(randers, "tilbagebetaling", 2) == date(2029, 7, 31)
    with pytest.raises(OutOfRange, match="Regnskabsår"):
        deadlines.compute(randers, "regnskab", 2030)
    with pytest.raises(OutOfRange, match="Fristtype"):
        deadlines.compute(randers, "snart", 1)


def test_leap_day_belongs_to_measurement_year_2(randers):
    rate1 = randers.repayment_rates[0]
    assert rate1.measurement_start <= date(2028, 2, 29) <= rate1.measurement_end
    assert randers.installments[1].end == date(2028, 2, 29)


def test_reconciliation(randers):
    rec = reconciliation.compute([Decimal("399000.00"), None], [399000, None])
    assert rec.difference == 0
    assert reconciliation.compute([100, 200], [100, 150]).difference == -50
    with pytest.raises(InputError):
        reconciliation.compute([100], [100, 1])


values_in_days = st.decimals(min_value=0, max_value=400, places=2)


@given(result=values_in_days, better=st.decimals(min_value=0, max_value=100, places=2))
def test_a_value_goal_never_pays_negative_and_pays_more_as_it_improves(fjordby, result, better):
    goal = fjordby.goal(4)  # lower is better
    improved = max(result - better, Decimal(0))
    assert goal_payment.compute(goal, result) >= 0
    assert goal_payment.compute(goal, improved) >= goal_payment.compute(goal, result)
    assert goal_payment.compute(goal, result) == max(goal.baseline - result, 0) * goal.dkk_per_point


@given(st.lists(st.lists(percent, min_size=3, max_size=3), min_size=3, max_size=3),
       st.lists(st.one_of(values_in_days, st.none()), min_size=3, max_size=3))
def test_caps_hold_for_four_goals_with_a_value_goal(fjordby, percents, days):
    schedule = repayment.schedule(fjordby, [*percents, days])
    known = [r for r in schedule if r.due is not None]
    assert all(r.due >= 0 for r in known) and sum(r.due for r in known) <= fjordby.total_cap
    for n in (1, 4):  # the goals with a cap of their own
        assert sum(r.after_goal_caps[n - 1] for r in known) <= fjordby.goal(n).cap
    for rate in known:
        assert rate.due <= sum(rate.after_goal_caps)


def test_judging_day_is_a_possible_signing_date_else_the_run_day():
    """Reading 7: possible is from 1 January after the accounts year up to the run's day."""
    run = date(2028, 6, 1)
    assert judging_day.judged_on(date(2028, 5, 15), 2027, run) == date(2028, 5, 15)
    assert judging_day.judged_on(date(2028, 1, 1), 2027, run) == date(2028, 1, 1)  # first possible day
    assert judging_day.judged_on(date(2027, 12, 31), 2027, run) == run  # the year's last day is inside it
    assert judging_day.judged_on(date(2026, 1, 1), 2027, run) == run
    assert judging_day.judged_on(date(2028, 6, 2), 2027, run) == run  # in the future
    assert judging_day.judged_on(run, 2027, run) == run
    assert judging_day.judged_on(None, 2027, run) == run
    assert judging_day.judged_on(date(2020, 1, 1), None, run) == date(2020, 1, 1)  # no year: only the future is known
    assert not judging_day.possible(None, 2027, run)
    assert judging_day.possible(date(2028, 1, 1), 2027, run) and not judging_day.possible(date(2027, 12, 31), 2027, run)


DAYS = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@given(DAYS, st.integers(2020, 2034), DAYS)
def test_judging_day_never_after_the_run_and_never_before_the_year_end(signed, year, run):
    judged = judging_day.judged_on(signed, year, run)
    assert judged <= run
    assert judged == run or judged >= date(year + 1, 1, 1)
    assert (judged == signed) == judging_day.possible(signed, year, run) or signed == run


def test_budget_to_date_spreads_each_year_over_its_effort_months(randers):
    """7.2's status: 2026 has ten effort months (March-December), 2027 twelve."""
    assert progress.budget_to_date(randers, 1, date(2026, 2, 28)) == 0  # before the effort
    assert progress.budget_to_date(randers, 2, date(2026, 6, 30)) == Decimal("216666.80")  # 541.667 x 4/10
    assert progress.budget_to_date(randers, 2, date(2027, 6, 15)) == Decimal("866667.00")  # + 650.000 x 6/12
    assert progress.budget_to_date(randers, 2, date(2035, 1, 1)) == sum(randers.budget_lines[1].amounts)
    with pytest.raises(OutOfRange):
        progress.budget_to_date(randers, 3, date(2027, 1, 1))


def test_deadlines_of_the_next_twelve_months(randers):
    found = deadlines.within_a_year(randers, date(2027, 12, 31))
    assert [(d.day, d.kind) for d in found] == [
        (date(2028, 3, 31), "udbetaling"), (date(2028, 5, 31), "opgoerelse"), (date(2028, 6, 30), "regnskab"),
        (date(2028, 7, 31), "ikke_anvendt"), (date(2028, 7, 31), "tilbagebetaling")]
    assert found[1].text == "Tilbagebetalingsrate 1 (måleår 2) opgøres"  # the label mid-sentence, lower case
    assert deadlines.within_a_year(randers, date(2028, 6, 30))[0].day == date(2028, 6, 30)  # the day itself counts
    assert deadlines.most_within_a_year(randers) >= len(found)
