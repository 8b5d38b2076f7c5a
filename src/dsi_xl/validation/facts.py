"""Figures of one file that DSI's overview and portfolio show beside the computed amounts.

For the overview: the actual costs through the accounts year, the grant received, and whether the
caseload was breached; for the portfolio: the accounts year's own budget and actual costs and what
was repaid on each rate; for both: which repayment rates the accounts year reports at all
(reading 8: the 2026 accounts state no repayment, whatever the Betalingsmål sheet computes).

Read from the inputs the engine found usable; a figure the file does not give is ``None``.
Amounts are Decimals, as everywhere; the reports turn them into numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dsi_xl.clauses import availability, caseload
from dsi_xl.errors import DSIError
from dsi_xl.money import is_blank, to_decimal
from dsi_xl.spec import DSI_FAKTISK, DSI_TILBAGEBETALT_BELOEB, DSI_UDBETALT_BELOEB

if TYPE_CHECKING:
    from dsi_xl.validation.context import Context

COSTS = "omkostninger"  # actual costs of the budget years up to and including the accounts year
RECEIVED = "modtaget"  # installments received, in total
BREACH = "sagsstamme_brud"  # True, False, or None when the caseloads could not be judged
YEAR_BUDGET = "aarets_budget"  # the agreement's budget of the accounts year, all lines
YEAR_COSTS = "aarets_omkostninger"  # actual costs of the accounts year alone
REPAID = "tilbagebetalt"  # per repayment rate: the amount the file says was repaid, or None
COVERED = "daekkede_rater"  # per repayment rate: whether the accounts year reports it (reading 8), or None
KEYS: tuple[str, ...] = (COSTS, RECEIVED, BREACH, YEAR_BUDGET, YEAR_COSTS, REPAID, COVERED)


def _sum(values: list[Any], what: str) -> Decimal | None:
    present = [v for v in values if not is_blank(v)]
    if not present:
        return None
    try:
        return sum((to_decimal(v, what) for v in present), Decimal(0))
    except (DSIError, ArithmeticError, ValueError, TypeError):
        return None


def of(ctx: Context) -> dict[str, Any]:
    """The overview's figures of one validated file; never raises."""
    out: dict[str, Any] = {key: None for key in KEYS}
    try:
        years = ctx.agreement.budget_years
        year = ctx.accounts_year
        if year is not None and year in years:
            out[COVERED] = [availability.covers(ctx.agreement, year, rate) for rate in ctx.agreement.repayment_rates]
            out[YEAR_BUDGET] = ctx.agreement.budget_year_total(year)
            if ctx.has(DSI_FAKTISK):
                last = years.index(year)
                costs = ctx.range(DSI_FAKTISK).values
                out[COSTS] = _sum([v for row in costs for v in row[:last + 1]], "Faktiske udgifter")
                out[YEAR_COSTS] = _sum([row[last] for row in costs if len(row) > last], "Faktiske udgifter")
        if ctx.has(DSI_TILBAGEBETALT_BELOEB):
            out[REPAID] = [_sum([v], "Tilbagebetalt beløb") for row in ctx.range(DSI_TILBAGEBETALT_BELOEB).values
                           for v in row]
        if ctx.has(DSI_UDBETALT_BELOEB):
            out[RECEIVED] = _sum([row[0] for row in ctx.range(DSI_UDBETALT_BELOEB).values], "Modtaget beløb")
        out[BREACH] = bool(caseload.breaches(ctx.agreement, ctx.computed.caseloads))
    except Exception:  # noqa: BLE001 - a figure of the overview never stops a validation
        pass
    return out
