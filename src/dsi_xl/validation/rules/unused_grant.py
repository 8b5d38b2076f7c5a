"""Unused grant (4.3): what must be repaid, by when, and the accrual that may hold some back.

Unused grant is computed once, in :mod:`dsi_xl.validation.computed` (reading 8: received in
total - actual costs through the accounts year - accrual, never below 0). An accrual must say
what later costs it covers, and may not exceed the budget for the rest of the installment period
running at the end of the accounts year (``clauses.unused_grant.accrual_limit``).
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.clauses import deadlines, unused_grant
from dsi_xl.errors import DSIError
from dsi_xl.format import day, kr
from dsi_xl.money import ZERO, is_blank, to_nonnegative
from dsi_xl.validation.computed import totals
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar
from dsi_xl.validation.values import text, where

rule = registrar("Ikke-anvendt tilskud")
ACCRUAL = "DSI_PERIODISERING"


@rule("UBRUGT-01", "info", "Ikke-anvendt tilskud til tilbagebetaling (4.3), med fristen for tilbagebetaling.",
      needs=("DSI_IKKE_ANVENDT",), year=True)
def unused(ctx: Context) -> Iterator[Hit]:
    amount = ctx.computed.unused if ctx.computed else None
    if amount is not None and amount > ZERO:
        due = deadlines.unused_grant_due(ctx.agreement, ctx.accounts_year)
        cell = ctx.cell("DSI_IKKE_ANVENDT")
        yield Hit(f"{where('DSI_IKKE_ANVENDT', cell)}: ikke-anvendt tilskud for {ctx.accounts_year} er {kr(amount)}; "
                  f"det tilbagebetales til DSI senest {day(due)} (4.3).", "DSI_IKKE_ANVENDT", cell)


@rule("UBRUGT-02", "fejl", "Periodiseringen er tom eller et beløb på 0 eller derover.", needs=(ACCRUAL,))
def accrual_number(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(ACCRUAL)
    if not is_blank(cell.value):
        try:
            to_nonnegative(cell.value, f"{where(ACCRUAL, cell)}: periodisering")
        except DSIError as error:
            yield Hit(error.message, ACCRUAL, cell)


def _accrual(ctx: Context):
    cell = ctx.cell(ACCRUAL)
    try:
        return None if is_blank(cell.value) else to_nonnegative(cell.value, "Periodisering")
    except DSIError:
        return None


@rule("UBRUGT-03", "fejl", "En periodisering er forklaret i DSI_PERIODISERING_FORKLARING (hvilke senere udgifter "
      "den dækker).", needs=(ACCRUAL, "DSI_PERIODISERING_FORKLARING"))
def accrual_explained(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    note = ctx.cell("DSI_PERIODISERING_FORKLARING")
    if held is not None and held > ZERO and text(note.value) is None:
        yield Hit(f"{where('DSI_PERIODISERING_FORKLARING', note)}: en periodisering på {kr(held)} skal forklares "
                  "(hvilke senere udgifter den dækker, 4.3); fandt en tom celle.", "DSI_PERIODISERING_FORKLARING", note)


@rule("UBRUGT-04", "fejl", "Periodiseringen overstiger ikke budgettet for resten af den løbende udbetalingsperiode.",
      needs=(ACCRUAL,), year=True)
def accrual_limit(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    if held is None:
        return
    limit = unused_grant.accrual_limit(ctx.agreement, ctx.accounts_year)
    if held > limit:
        cell = ctx.cell(ACCRUAL)
        yield Hit(f"{where(ACCRUAL, cell)}: periodiseringen må højst være budgettet for resten af den "
                  f"udbetalingsperiode, der løber ved udgangen af {ctx.accounts_year}, {kr(limit)}; fandt {kr(held)}.",
                  ACCRUAL, cell)


@rule("UBRUGT-05", "advarsel", "Periodiseringen er ikke større end det modtagne tilskud minus udgifterne.",
      needs=(ACCRUAL, "DSI_UDBETALT_BELOEB", "DSI_FAKTISK"), year=True)
def accrual_available(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    if held is None or held == ZERO:
        return
    both = totals(ctx)
    if both is None:
        return  # the input rules report it
    received, spent = both
    year = ctx.accounts_year
    if held > received - spent:
        cell = ctx.cell(ACCRUAL)
        yield Hit(f"{where(ACCRUAL, cell)}: periodiseringen {kr(held)} er større end modtaget tilskud minus udgifter "
                  f"til og med {year} ({kr(max(received - spent, ZERO))}); der er ikke så meget at holde tilbage.",
                  ACCRUAL, cell)
