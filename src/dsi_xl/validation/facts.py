"""Figures of one file that DSI's overview and portfolio show beside the computed amounts.

Each budget year's own actual costs and the installments received (so that the accounts year's
own figures, and any earlier year's, can be added up over the years of an agreement counting each
krone once), whether the caseload was breached, and what the file says was repaid: on each
repayment rate, and of each earlier year's unused grant, with the day it was paid; and which
repayment rates the accounts year reports at all (reading 8: the 2026 accounts state no repayment,
whatever the Betalingsmål sheet computes).

Read from the inputs the engine found usable; a figure the file does not give is ``None``.
Amounts are Decimals and days dates, as everywhere; the reports turn them into numbers and text.
:func:`unused` and :func:`repayments` read a validated file's amounts owed back from its result,
for the reports and the portfolio alike.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dsi_xl.clauses import availability, caseload
from dsi_xl.errors import DSIError
from dsi_xl.money import is_blank, to_decimal
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_TILBAGEBETALING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
)
from dsi_xl.validation.values import as_date

if TYPE_CHECKING:
    from dsi_xl.validation.context import Context
    from dsi_xl.validation.result import Result

YEAR_COSTS = "aarets_omkostninger"  # actual costs of the accounts year alone, all lines
YEAR_RECEIVED = "aarets_modtaget"  # installments received in the accounts year (their date in it)
COSTS_BY_YEAR = "omkostninger_pr_aar"  # per budget year up to the accounts year: its costs, all lines
RECEIVED = "modtaget"  # per installment: (day or None, amount or None)
BREACH = "sagsstamme_brud"  # True, False, or None when the caseloads could not be judged
REPAID = "tilbagebetalt"  # per repayment rate: (amount or None, day or None)
UNUSED_REPAID = "ikke_anvendt_tilbagebetalt"  # per budget year: (amount or None, day or None)
COVERED = "daekkede_rater"  # per repayment rate: whether the accounts year reports it (reading 8), or None
KEYS: tuple[str, ...] = (YEAR_COSTS, YEAR_RECEIVED, COSTS_BY_YEAR, RECEIVED, BREACH, REPAID, UNUSED_REPAID, COVERED)


def _sum(values: list[Any], what: str) -> Decimal | None:
    present = [v for v in values if not is_blank(v)]
    if not present:
        return None
    try:
        return sum((to_decimal(v, what) for v in present), Decimal(0))
    except (DSIError, ArithmeticError, ValueError, TypeError):
        return None


def _paid(ctx: Context, amounts: str, days: str) -> list[tuple[Decimal | None, date | None]] | None:
    if not ctx.has(amounts):
        return None
    paid = [_sum([v], "Tilbagebetalt beløb") for v in ctx.range(amounts).values[0]]
    when = [as_date(v) for v in ctx.range(days).values[0]] if ctx.has(days) else [None] * len(paid)
    return list(zip(paid, when))


def received_in(received: list[tuple[date | None, Decimal | None]] | None, year: int) -> Decimal | None:
    """What the installments ``received`` (:data:`RECEIVED`) bring in calendar year ``year``."""
    if received is None:
        return None
    return sum((amount for when, amount in received if when is not None and when.year == year and amount is not None),
               Decimal(0))


def unused(result: Result) -> Any:
    """The unused grant to repay (4.3) as the file computes it for its accounts year, or ``None``."""
    grid = result.computed.get(DSI_IKKE_ANVENDT) or [[None]]
    return grid[0][0] if grid and grid[0] else None


def repayments(result: Result) -> list[Any]:
    """The amount due for each repayment rate after the caps, as far as the accounts year reports
    it (reading 8): ``None`` where not computable, and for a rate the accounts year does not cover
    (its figures are computed on the sheet, but they are not these accounts' to state)."""
    grid = result.computed.get(DSI_TILBAGEBETALING) or [[]]
    due = list(grid[0]) if grid else []
    covered = result.facts.get(COVERED)
    if covered is None:
        return due
    return [amount if n < len(covered) and covered[n] else None for n, amount in enumerate(due)]


def _received(ctx: Context) -> list[tuple[date | None, Decimal | None]] | None:
    if not ctx.has(DSI_UDBETALT_BELOEB, DSI_UDBETALT_DATO):
        return None
    pairs = zip(ctx.range(DSI_UDBETALT_DATO).values, ctx.range(DSI_UDBETALT_BELOEB).values)
    return [(as_date(when), _sum([amount], "Modtaget beløb")) for (when,), (amount,) in pairs]


def of(ctx: Context) -> dict[str, Any]:
    """The overview's and the portfolio's figures of one validated file; never raises."""
    out: dict[str, Any] = {key: None for key in KEYS}
    try:
        years = ctx.agreement.budget_years
        year = ctx.accounts_year
        out[RECEIVED] = _received(ctx)
        if year is not None and year in years:
            out[COVERED] = [availability.covers(ctx.agreement, year, rate) for rate in ctx.agreement.repayment_rates]
            if ctx.has(DSI_FAKTISK):
                costs = ctx.range(DSI_FAKTISK).values
                out[COSTS_BY_YEAR] = [_sum([row[at] for row in costs], "Faktiske udgifter")
                                      for at in range(years.index(year) + 1)]
                out[YEAR_COSTS] = out[COSTS_BY_YEAR][-1]
            out[YEAR_RECEIVED] = received_in(out[RECEIVED], year)
        out[REPAID] = _paid(ctx, DSI_TILBAGEBETALT_BELOEB, DSI_TILBAGEBETALT_DATO)
        out[UNUSED_REPAID] = _paid(ctx, DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO)
        out[BREACH] = bool(caseload.breaches(ctx.agreement, ctx.computed.caseloads))
    except Exception:  # noqa: BLE001 - a figure of the overview never stops a validation
        pass
    return out
