"""Unused grant (4.3): what must be repaid, by when, and the accrual that may hold some back.

Unused grant is computed once, in :mod:`dsi_xl.validation.computed` (reading 5: received by the
year's end - actual costs through the accounts year - accrual - repaid for earlier years, never
below 0). Template 1.1 states what was repaid of each earlier year's unused grant, and when;
UBRUGT-07..11 check those cells, and that each repayment was in time and enough. An accrual must say
what later costs it covers. The agreement sets no upper limit on it (reading 9): above the
project's default limit, a share of the budget for the rest of the installment period running
at the end of the accounts year (``clauses.unused_grant.accrual_limit``), is a warning that names
the limit (UBRUGT-04); above a limit the parties agreed for the year (``accrual.<year>``, an
amendment) is an error that names the amendment (UBRUGT-12).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dsi_xl.agreement.amendments import after
from dsi_xl.clauses import deadlines, unused_grant
from dsi_xl.errors import DSIError, describe
from dsi_xl.format import day, kr
from dsi_xl.format import decimal as fmt_decimal
from dsi_xl.money import ZERO, is_blank, to_nonnegative
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_SKABELON_VERSION,
    DSI_UDBETALT_BELOEB,
    TEMPLATE_VERSION,
)
from dsi_xl.validation.computed import unused_for
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar
from dsi_xl.validation.rules.structure import file_version
from dsi_xl.validation.values import as_date, text

rule = registrar("Ikke-anvendt tilskud")
ACCRUAL = DSI_PERIODISERING


@rule("UBRUGT-01", "info", "Ikke-anvendt tilskud til tilbagebetaling (4.3), med fristen for tilbagebetaling.",
      needs=(DSI_IKKE_ANVENDT,), year=True)
def unused(ctx: Context) -> Iterator[Hit]:
    amount = ctx.computed.unused
    if amount is not None and amount > ZERO:
        due = deadlines.unused_grant_due(ctx.agreement, ctx.accounts_year)
        cell = ctx.cell(DSI_IKKE_ANVENDT)
        yield Hit(f"ikke-anvendt tilskud for {ctx.accounts_year} er {kr(amount)}; "
                  f"det tilbagebetales til DSI senest {day(due)}{ctx.agreement.cite('unused_grant')}.",
                  DSI_IKKE_ANVENDT, cell)


@rule("UBRUGT-02", "fejl", "Periodiseringen er tom eller et beløb på 0 eller derover.", needs=(ACCRUAL,))
def accrual_number(ctx: Context) -> Iterator[Hit]:
    cell = ctx.cell(ACCRUAL)
    if not is_blank(cell.value):
        try:
            to_nonnegative(cell.value, "periodisering")
        except DSIError as error:
            yield Hit(error.message, ACCRUAL, cell)


def _accrual(ctx: Context):
    cell = ctx.cell(ACCRUAL)
    try:
        return None if is_blank(cell.value) else to_nonnegative(cell.value, "Periodisering")
    except DSIError:
        return None


@rule("UBRUGT-03", "fejl", f"En periodisering er forklaret i {DSI_PERIODISERING_FORKLARING} (hvilke senere udgifter "
      "den dækker).", needs=(ACCRUAL, DSI_PERIODISERING_FORKLARING))
def accrual_explained(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    note = ctx.cell(DSI_PERIODISERING_FORKLARING)
    if held is not None and held > ZERO and text(note.value) is None:
        yield Hit(f"en periodisering på {kr(held)} skal forklares "
                  "(hvilke senere udgifter den dækker, 4.3); fandt en tom celle.", DSI_PERIODISERING_FORKLARING, note)


def _share(percent: Decimal) -> str:
    return "" if percent == 100 else f"{fmt_decimal(percent)} % af "


@rule("UBRUGT-04", "advarsel", "Uden en aftalt grænse for året: periodiseringen overstiger ikke projektets "
      "standardgrænse, budgettet for resten af den løbende udbetalingsperiode (læsning 10; tilsagnet sætter ingen "
      "grænse).", needs=(ACCRUAL,), year=True)
def accrual_limit(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    limit, agreed = unused_grant.accrual_allowed(ctx.agreement, ctx.accounts_year)
    if held is None or agreed:
        return
    if held > limit:
        cell = ctx.cell(ACCRUAL)
        share = _share(ctx.agreement.accrual_default_percent)
        yield Hit(f"periodiseringen {kr(held)} er over standardgrænsen {kr(limit)}, {share}budgettet for resten af "
                  f"den udbetalingsperiode, der løber ved udgangen af {ctx.accounts_year}; tilsagnet sætter ingen "
                  f"grænse{ctx.agreement.cite('unused_grant')}, men en større periodisering bør aftales med DSI.",
                  ACCRUAL, cell)


@rule("UBRUGT-05", "advarsel", "Periodiseringen er ikke større end det modtagne tilskud minus udgifterne og det "
      "tilbagebetalte (læsning 8 før periodisering).",
      needs=(ACCRUAL, DSI_UDBETALT_BELOEB, DSI_FAKTISK), year=True)
def accrual_available(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    if held is None or held == ZERO:
        return
    available = unused_for(ctx, ctx.accounts_year)  # reading 5 before the accrual
    if available is None:
        return  # the input rules report it
    year = ctx.accounts_year
    if held > available:
        cell = ctx.cell(ACCRUAL)
        yield Hit(f"periodiseringen {kr(held)} er større end det tilskud, der er modtaget "
                  f"senest 31.12.{year}, minus udgifter til og med {year} og det tilbagebetalte for tidligere år "
                  f"({kr(available)}); der er ikke så meget at holde tilbage.", ACCRUAL, cell)


# -- repayments of earlier years' unused grant (template 1.1) ----------------------------------

REPAID = DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB
REPAID_ON = DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO


@rule("UBRUGT-06", "advarsel", "Filen er skabelon 1.0 og kan ikke angive tilbagebetalt ikke-anvendt tilskud; "
      "beløbene regnes, som om intet er tilbagebetalt.", needs=(DSI_SKABELON_VERSION,))
def old_template(ctx: Context) -> Iterator[Hit]:
    if file_version(ctx.submission) == "1.0" and not ctx.has(REPAID, REPAID_ON):
        cell = ctx.cell(DSI_SKABELON_VERSION)
        yield Hit(
            f"skabelon 1.0 har ingen celler til tilbagebetalt "
            "ikke-anvendt tilskud for tidligere år; "
            "det ikke-anvendte tilskud er regnet, som om intet er tilbagebetalt. "
            f"Brug skabelon {TEMPLATE_VERSION}.",
            DSI_SKABELON_VERSION,
            cell,
        )


def _repaid(ctx: Context, j: int) -> Decimal | None:
    try:
        value = ctx.value(REPAID, 0, j)
        return None if is_blank(value) else to_nonnegative(value, "Tilbagebetalt")
    except DSIError:
        return None


@rule("UBRUGT-07", "fejl", "Tilbagebetalt ikke-anvendt tilskud er tomt eller et beløb på 0 eller derover, og datoen "
      "er tom eller en rigtig dato.", needs=(REPAID, REPAID_ON))
def repaid_values(ctx: Context) -> Iterator[Hit]:
    for j, year in enumerate(ctx.agreement.budget_years):
        cell = ctx.cell(REPAID, 0, j)
        if not is_blank(cell.value):
            try:
                to_nonnegative(cell.value, f"tilbagebetalt for {year}")
            except DSIError as error:
                yield Hit(error.message, REPAID, cell)
        on = ctx.cell(REPAID_ON, 0, j)
        if not is_blank(on.value) and as_date(on.value) is None:
            yield Hit(f"forventede en dato for tilbagebetalingen for {year}, fandt "
                      f"{describe(on.value)}.", REPAID_ON, on)


@rule("UBRUGT-08", "fejl", "Tilbagebetalt ikke-anvendt tilskud står kun for år før regnskabsåret.",
      needs=(REPAID, REPAID_ON), year=True)
def repaid_only_earlier(ctx: Context) -> Iterator[Hit]:
    for j, year in enumerate(ctx.agreement.budget_years):
        if year < ctx.accounts_year:
            continue
        for name in (REPAID, REPAID_ON):
            cell = ctx.cell(name, 0, j)
            if not is_blank(cell.value):
                yield Hit(
                    f"regnskabet for {ctx.accounts_year} kan kun angive tilbagebetalinger "
                    f"for tidligere år; cellen for {year} skal stå tom, fandt {describe(cell.value)}.",
                    name,
                    cell,
                )


@rule("UBRUGT-09", "fejl", "Et tilbagebetalt beløb har en dato, og en dato har et beløb.", needs=(REPAID, REPAID_ON))
def repaid_pairs(ctx: Context) -> Iterator[Hit]:
    for j, year in enumerate(ctx.agreement.budget_years):
        amount, on = ctx.cell(REPAID, 0, j), ctx.cell(REPAID_ON, 0, j)
        if is_blank(amount.value) != is_blank(on.value):
            given, empty = (amount, on) if is_blank(on.value) else (on, amount)
            name = REPAID_ON if empty is on else REPAID
            what = "en dato" if empty is on else "et beløb"
            yield Hit(f"tilbagebetalingen for {year} har "
                      f"{'et beløb' if empty is on else 'en dato'} men mangler {what}.",
                      name, empty)


@rule("UBRUGT-10", "advarsel", "Ikke-anvendt tilskud for et tidligere år er tilbagebetalt inden fristen "
      "(4.3, 7.4; i Randers-tilsagnet 31. juli året efter).", needs=(REPAID, REPAID_ON), year=True)
def repaid_in_time(ctx: Context) -> Iterator[Hit]:
    for j, year in enumerate(ctx.agreement.budget_years):
        on = as_date(ctx.value(REPAID_ON, 0, j))
        if year >= ctx.accounts_year or on is None:
            continue
        due = deadlines.unused_grant_due(ctx.agreement, year)
        if on > due:
            cell = ctx.cell(REPAID_ON, 0, j)
            yield Hit(f"ikke-anvendt tilskud for {year} ({kr(_repaid(ctx, j) or ZERO)}) er "
                      f"tilbagebetalt {day(on)}, efter fristen {day(due)}.", REPAID_ON, cell)


def _costs_stated(ctx: Context, year: int) -> bool:
    """True when every budget year up to ``year`` has at least one actual cost filled in."""
    grid = ctx.range(DSI_FAKTISK).values
    return all(any(not is_blank(row[j]) for row in grid)
               for j, y in enumerate(ctx.agreement.budget_years) if y <= year)


@rule(
    "UBRUGT-11",
    "advarsel",
    "Et angivet tilbagebetalt beløb for et tidligere år er mindst det ikke-anvendte tilskud, filen "
    "regner for året (med den største periodisering, året tillod).",
    needs=(REPAID, REPAID_ON, DSI_FAKTISK),
    year=True,
)
def repaid_enough(ctx: Context) -> Iterator[Hit]:
    for j, year in enumerate(ctx.agreement.budget_years):
        if year >= ctx.accounts_year or not _costs_stated(ctx, year):
            continue
        limit, _agreed = unused_grant.accrual_allowed(ctx.agreement, year)
        owed = unused_for(ctx, year, limit)
        cell = ctx.cell(REPAID, 0, j)
        repaid = _repaid(ctx, j)
        if owed is None or repaid is None:
            continue  # nothing stated: the accounts year's cumulative figure still holds it (reading 5)
        if repaid < owed:
            yield Hit(f"tilbagebetalt for {year} er {kr(repaid)}, mindre end det ikke-anvendte "
                      f"tilskud for {year}, som filens tal giver: mindst {kr(owed)} (med en periodisering på højst "
                      f"{kr(limit)}).", REPAID, cell)


@rule("UBRUGT-12", "fejl", "Periodiseringen overstiger ikke den grænse, parterne har aftalt for regnskabsåret (4.3, "
      "et tillæg).", needs=(ACCRUAL,), year=True)
def accrual_agreed(ctx: Context) -> Iterator[Hit]:
    held = _accrual(ctx)
    limit, agreed = unused_grant.accrual_allowed(ctx.agreement, ctx.accounts_year)
    if held is None or not agreed or held <= limit:
        return
    by = after(ctx.agreement, f"accrual.{ctx.accounts_year}") or "efter tilsagnet"
    yield Hit(f"periodiseringen for {ctx.accounts_year} må {by} højst være {kr(limit)}; fandt {kr(held)}.",
              ACCRUAL, ctx.cell(ACCRUAL))
