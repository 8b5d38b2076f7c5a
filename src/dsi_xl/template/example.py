"""The filled example's inputs, by defined name (rows x columns in the name's shape).

:func:`inputs` gives any agreement's example for its second budget year. The shipped agreement's
is Randers Kommune's accounts for 2027, written by hand (:data:`INPUTS`; tests and the validator's
tests reuse them): installments 1-2 arrive before their due dates with the plan's amounts; actuals
are close to budget; the accrual (108,333 kr.) stays within the limit of 4.3 for 2027
(650,000 x 2/12); measurement year 2 is filled; caseloads stay at or below the limit.

Any other agreement's example is made from its own terms (as in force on the day it is signed)
the same way: the installments its accounts year has received (none that DSI withheld), actual
costs a little under budget, the largest accrual 4.3 allows,
the unused grant of earlier years repaid in time, every measurement the accounts must report a
little better than its baseline, caseloads under the limit. It gives no ``fejl``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from dsi_xl.agreement import DEFAULT_ID, load
from dsi_xl.agreement.model import Agreement, Goal
from dsi_xl.clauses import deadlines, unused_grant
from dsi_xl.money import to_excel
from dsi_xl.spec import (
    DSI_AFVIGELSE_FORKLARING,
    DSI_BASELINE_2025,
    DSI_CVR,
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_KOMMUNE,
    DSI_KONTAKT_EMAIL,
    DSI_KONTAKT_NAVN,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_RAADGIVERE,
    DSI_REGNSKABSAAR,
    DSI_SAGER,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_UNDERSKRIFT_DATO,
    DSI_UNDERSKRIVER_NAVN,
    DSI_UNDERSKRIVER_TITEL,
    DSI_X_PROGNOSE_FORVENTET,
    DSI_X_PROGNOSE_HOEJ,
    DSI_X_PROGNOSE_LAV,
    DSI_X_STATUS_DATO,
    GoalNames,
    goals,
)

Grid = list[list[Any]]

HEADCOUNTS = (24, 24, 25, 25, 25, 24, 23, 24, 25, 25, 26, 26)  # March 2027 to February 2028

_RANDERS: dict[str, Grid] = {
    DSI_KOMMUNE: [["Randers Kommune"]],
    DSI_CVR: [["29189668"]],
    DSI_REGNSKABSAAR: [[2027]],
    DSI_KONTAKT_NAVN: [["Mette Holm Jensen"]],
    DSI_KONTAKT_EMAIL: [["mette.holm.jensen@randers.dk"]],
    DSI_UNDERSKRIVER_NAVN: [["Lars Østergaard"]],
    DSI_UNDERSKRIVER_TITEL: [["Direktør for Sundhed, Omsorg og Handicap"]],
    DSI_UNDERSKRIFT_DATO: [[datetime(2028, 5, 15)]],
    DSI_FAKTISK: [
        [392500, 0, None, None],
        [548000, 645000, None, None],
    ],
    DSI_AFVIGELSE_FORKLARING: [
        ["Kompetenceudviklingsforløbet blev 7.500 kr. billigere end budgetteret (færre kursusdage)."],
        ["Koordinatoren startede med fuld tid fra marts 2026; løntrinnet i 2027 lå lidt under budgettet."],
    ],
    DSI_UDBETALT_DATO: [[datetime(2026, 3, 27)], [datetime(2027, 3, 30)], [None]],
    DSI_UDBETALT_BELOEB: [[1050000], [650000], [None]],
    DSI_PERIODISERING: [[108333]],
    # The 2026 accounts held back 108,333 for Jan-Feb 2027 and repaid the rest of 2026's unused
    # grant: 1,050,000 - 940,500 - 108,333 = 1,167.
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: [[1167, None, None, None]],
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: [[datetime(2027, 7, 20), None, None, None]],
    DSI_PERIODISERING_FORKLARING: [["Løn til faglig koordinator januar-februar 2028, som hører til "
                                      "udbetalingsperioden for rate 2 (2/12 af 650.000 kr.)."]],
    DSI_TILBAGEBETALT_BELOEB: [[None, None]],
    DSI_TILBAGEBETALT_DATO: [[None, None]],
    DSI_BASELINE_2025: [[35.1, 13.0, 11.2]],
    DSI_SAGER: [[118, 124, 126, 122, 128, 130, 127, 125] + [None] * 5],
    DSI_RAADGIVERE: [[2, 2, 2, 2, 2, 2, 2, 2] + [None] * 5],
    DSI_X_PROGNOSE_LAV: [[32.0, 32.0], [12.9, 13.0], [10.9, 11.0]],
    DSI_X_PROGNOSE_FORVENTET: [[25.0, 24.0], [15.0, 15.5], [12.0, 12.5]],
    DSI_X_PROGNOSE_HOEJ: [[18.0, 16.0], [18.0, 19.0], [15.0, 16.0]],
    DSI_X_STATUS_DATO: [[datetime(2027, 12, 31)]],  # the steering group's status for the second half of 2027
}
# Randers' goals by number: each input's values (rows x measurements), in the order of the goal's inputs.
_RANDERS_GOALS: dict[int, tuple[Grid, ...]] = {
    1: ([[6, None]], [[n, None] for n in HEADCOUNTS]),  # departures, monthly headcounts: 25.0 %
    2: ([[18, None]], [[120, None]]),  # §85 cases closed of all: 15.0 %
    3: ([[9, None]], [[75, None]]),  # citizens moved of all at level 4-5: 12.0 %
}


def _by_goal(agreement: Agreement, values: dict[int, tuple[Grid, ...]]) -> dict[str, Grid]:
    return {spec.name: grid for names in goals(agreement)
            for spec, grid in zip(names.inputs, values[names.goal.number], strict=True)}


def signed(agreement: Agreement) -> date:
    """The day the example for ``agreement`` is signed: the terms in force that day are the example's."""
    if agreement.id == DEFAULT_ID:
        return _RANDERS[DSI_UNDERSKRIFT_DATO][0][0].date()
    return _signed(agreement, _year(agreement))


def inputs(agreement: Agreement) -> dict[str, Grid]:
    """The example's inputs for ``agreement``: Randers' own for the shipped agreement, else made from its terms."""
    if agreement.id == DEFAULT_ID:
        return _RANDERS | _by_goal(agreement, _RANDERS_GOALS)
    return _made(agreement)


# -- an example made from any agreement's terms ---------------------------------------------------

def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _kroner(amount: Decimal) -> int:
    return int(amount.to_integral_value(ROUND_FLOOR))


def _year(agreement: Agreement) -> int:
    """The made example's accounts year: the agreement's second budget year (its only, if one)."""
    years = agreement.budget_years
    return years[1] if len(years) > 1 else years[0]


def _signed(agreement: Agreement, year: int) -> date:
    """Signed six weeks before the accounts' deadline, and before any repayment rate the accounts
    must state falls due, so no repayment is owed yet; never before the accounts year has ended."""
    due = deadlines.accounts_due(agreement, year)
    stated = [r.statement_due for r in agreement.repayment_rates if r.statement_due <= due]
    return max(min([due - timedelta(days=42), *(d - timedelta(days=14) for d in stated)]), date(year + 1, 1, 15))


def _better(goal: Goal, by: Decimal) -> Decimal:
    """A result ``by`` points (a value goal: ``by`` x 5 % of its baseline) on the better side of its baseline."""
    step = by if goal.in_percent else (goal.baseline * by / 20).quantize(Decimal("0.1"))
    return max(goal.baseline - step if goal.direction == "lower" else goal.baseline + step, Decimal(0))


def _measured(names: GoalNames, columns: list[bool]) -> tuple[Grid, ...]:
    """One goal's inputs: in each filled column, figures that give a result 2 points better than baseline."""
    goal = names.goal
    target = _better(goal, Decimal(2))
    if names.indicator == "turnover":
        staff = [30, 30, 31, 31, 31, 30, 29, 30, 31, 31, 32, 32]
        left = int((target * sum(staff) / 12 / 100).to_integral_value())
        return ([[left if f else None for f in columns]], [[n if f else None for f in columns] for n in staff])
    if names.indicator == "share":
        whole = 160
        part = min(int((target * whole / 100).to_integral_value()), whole)
        return ([[part if f else None for f in columns]], [[whole if f else None for f in columns]])
    return ([[to_excel(target) if f else None for f in columns]],)


def _made(agreement: Agreement) -> dict[str, Grid]:
    a = agreement
    year = _year(a)
    signed = _signed(a, year)
    town = a.recipient.name.removesuffix(" Kommune")
    domain = town.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace(" ", "")
    received = [inst.start.year <= year and inst.due <= signed and not inst.withheld for inst in a.installments]
    days = [_at(max(inst.start, inst.due - timedelta(days=4))) if r else None
            for inst, r in zip(a.installments, received)]
    amounts = [to_excel(inst.amount) if r else None for inst, r in zip(a.installments, received)]
    # a little under budget: 1 % in earlier years, 1.5 % in the accounts year, to whole hundreds
    actual = [[int(amount * (Decimal("0.985") if y == year else Decimal("0.99")) / 100) * 100 if y <= year else None
               for amount, y in zip(line.amounts, a.budget_years)] for line in a.budget_lines]
    repaid: list[Any] = [None] * len(a.budget_years)
    repaid_on: list[Any] = [None] * len(a.budget_years)
    clean_actual = [[Decimal(v) if v is not None else None for v in row] for row in actual]
    clean_days = [d.date() if d else None for d in days]
    clean_amounts = [Decimal(v) if v is not None else None for v in amounts]

    def unused(y: int, accrual: Decimal) -> Decimal:
        back = [Decimal(v) if v is not None else None for v in repaid]
        return unused_grant.for_year(a, y, clean_days, clean_amounts, clean_actual, accrual, back)

    for j, y in enumerate(a.budget_years):
        if y >= year:
            break
        owed = unused(y, unused_grant.accrual_limit(a, y))
        if owed > 0:
            repaid[j] = to_excel(owed)
            repaid_on[j] = _at(deadlines.unused_grant_due(a, y) - timedelta(days=11))
    accrual = min(_kroner(unused_grant.accrual_limit(a, year)), _kroner(unused(year, Decimal(0))))
    statement_by = deadlines.accounts_due(a, year)
    columns = [rate.statement_due <= statement_by and rate.measurement_end < signed for rate in a.repayment_rates]
    made: dict[str, Grid] = {
        DSI_KOMMUNE: [[a.recipient.name]],
        DSI_CVR: [[a.recipient.cvr]],
        DSI_REGNSKABSAAR: [[year]],
        DSI_KONTAKT_NAVN: [["Sofie Krogh Madsen"]],
        DSI_KONTAKT_EMAIL: [[f"sofie.krogh.madsen@{domain}.dk"]],
        DSI_UNDERSKRIVER_NAVN: [["Henrik Aagaard"]],
        DSI_UNDERSKRIVER_TITEL: [["Kommunaldirektør"]],
        DSI_UNDERSKRIFT_DATO: [[_at(signed)]],
        DSI_FAKTISK: actual,
        DSI_AFVIGELSE_FORKLARING: [[None] for _ in a.budget_lines],
        DSI_UDBETALT_DATO: [[d] for d in days],
        DSI_UDBETALT_BELOEB: [[v] for v in amounts],
        DSI_PERIODISERING: [[accrual or None]],
        DSI_PERIODISERING_FORKLARING: [["Udgifter i resten af den løbende udbetalingsperiode, som budgettet "
                                        "henfører til det følgende år." if accrual else None]],
        DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: [repaid],
        DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: [repaid_on],
        DSI_TILBAGEBETALT_BELOEB: [[None] * len(a.repayment_rates)],
        DSI_TILBAGEBETALT_DATO: [[None] * len(a.repayment_rates)],
        DSI_BASELINE_2025: [[to_excel(_better(g, Decimal("0.5"))) for g in a.goals]],
        DSI_SAGER: [[int(a.caseload_limit) * 2 - 6 if q.end.year <= year else None for q in a.quarters]],
        DSI_RAADGIVERE: [[2 if q.end.year <= year else None for q in a.quarters]],
    }
    for key, by in ((DSI_X_PROGNOSE_LAV, "0.5"), (DSI_X_PROGNOSE_FORVENTET, "2"), (DSI_X_PROGNOSE_HOEJ, "4")):
        made[key] = [[to_excel(_better(g, Decimal(by)))] * len(a.repayment_rates) for g in a.goals]
    made[DSI_X_STATUS_DATO] = [[datetime(year, 12, 31)]]  # the steering group's status at the accounts year's end
    return made | {spec.name: grid for names in goals(a) for spec, grid in zip(names.inputs, _measured(names, columns))}


INPUTS: dict[str, Grid] = inputs(load())
"""The shipped example's inputs: Randers Kommune's accounts for 2027."""
