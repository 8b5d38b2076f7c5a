"""Installments received, against the payment plan (Bilag 3.2) as in force (reading 12).

An installment whose period starts in or before the accounts year, and whose due date had passed
on the day the accounts are judged on (reading 8, :mod:`dsi_xl.clauses.availability`), has been
received: its amount and date are filled, the amount is the plan's (an error otherwise), and a
date after DSI's due date is noted (information: a late payment is DSI's, not the
municipality's). A receipt dated before the installment's own period, or after the signing, is
warned about. Installments whose period starts after the accounts year stay empty. The plan is
the one in force on the day the file is judged on: an amount DSI reduced (4.2) is the plan's
amount, and an installment DSI withheld (6.1) is left blank (or 0) and counts as nothing
received; a message that judges by an amended term names the amendment.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.agreement.amendments import after, bracketed
from dsi_xl.clauses import availability
from dsi_xl.errors import DSIError, describe
from dsi_xl.format import day, kr
from dsi_xl.money import ZERO, is_blank, round_ore, to_nonnegative
from dsi_xl.spec import DSI_UDBETALT_BELOEB, DSI_UDBETALT_DATO
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, not_blank, registrar
from dsi_xl.validation.values import as_date

rule = registrar("Udbetalinger")
NAMES = (DSI_UDBETALT_BELOEB, DSI_UDBETALT_DATO)


def _started(ctx: Context, *, withheld: bool = False) -> Iterator[tuple[int, object]]:
    """(row, installment) for installments whose period starts by the accounts year: by default
    those that should have been received by then (a withheld installment is paid in no year);
    with ``withheld``, those DSI withheld."""
    for row, inst in enumerate(ctx.agreement.installments):
        if inst.start.year <= ctx.accounts_year and inst.withheld == withheld:
            yield row, inst


def _plan(ctx: Context, number: int, *keys: str) -> str:
    """``"efter udbetalingsplanen"``, or the amendment that changed the installment's ``keys``."""
    return after(ctx.agreement, *(f"installments.{number}.{key}" for key in keys)) or "efter udbetalingsplanen"


@rule("RATE-01", "fejl", "Rater, hvis periode begynder senest i regnskabsåret, og hvis frist var passeret på "
      "underskriftsdatoen (uden underskrift: i dag), har modtaget beløb (et tal) og dato (en rigtig dato).",
      needs=NAMES, year=True)
def received_filled(ctx: Context) -> Iterator[Hit]:
    for row, inst in _started(ctx):
        if not availability.installment_required(ctx.accounts_year, ctx.stated_on, inst):
            continue
        amount = ctx.cell(DSI_UDBETALT_BELOEB, row)
        try:
            to_nonnegative(amount.value, f"modtaget beløb for rate {inst.number}")
        except DSIError as error:
            yield Hit(error.message, DSI_UDBETALT_BELOEB, amount)
        date_ = ctx.cell(DSI_UDBETALT_DATO, row)
        if as_date(date_.value) is None:
            yield Hit(f"rate {inst.number} (periode {day(inst.start)}-"
                      f"{day(inst.end)}) skal have en modtagelsesdato, fandt {describe(date_.value)}.",
                      DSI_UDBETALT_DATO, date_)


@rule("RATE-02", "fejl", "Det modtagne beløb er udbetalingsplanens beløb for raten (som ændret ved tillæg; en "
      "tilbageholdt rate er tom eller 0).", needs=NAMES, year=True)
def amount_as_planned(ctx: Context) -> Iterator[Hit]:
    for row, inst in _started(ctx):
        cell = ctx.cell(DSI_UDBETALT_BELOEB, row)
        try:
            amount = to_nonnegative(cell.value, "Modtaget beløb")
        except DSIError:
            continue  # RATE-01
        if round_ore(amount) != round_ore(inst.amount):
            yield Hit(f"rate {inst.number} er {_plan(ctx, inst.number, 'amount', 'withheld')} "
                      f"{kr(inst.amount)}, fandt {kr(round_ore(amount))}.", DSI_UDBETALT_BELOEB, cell)
    for row, inst in _started(ctx, withheld=True):
        cell = ctx.cell(DSI_UDBETALT_BELOEB, row)
        if is_blank(cell.value):
            continue
        try:
            amount = to_nonnegative(cell.value, "Modtaget beløb")
            found = None if amount == ZERO else kr(round_ore(amount))
        except DSIError:
            found = describe(cell.value)
        if found is not None:
            yield Hit(f"rate {inst.number} er tilbageholdt {_plan(ctx, inst.number, 'withheld')}, så intet er "
                      f"modtaget; forventede en tom celle eller 0, fandt {found}.", DSI_UDBETALT_BELOEB, cell)


@rule("RATE-03", "info", "Raten er modtaget efter udbetalingsplanens frist.", needs=NAMES, year=True)
def received_late(ctx: Context) -> Iterator[Hit]:
    for row, inst in _started(ctx):
        cell = ctx.cell(DSI_UDBETALT_DATO, row)
        received = as_date(cell.value)
        if received is not None and received > inst.due:
            by = bracketed(ctx.agreement, f"installments.{inst.number}.due")
            yield Hit(f"rate {inst.number} skulle udbetales senest {day(inst.due)}{by}, "
                      f"modtaget {day(received)}.", DSI_UDBETALT_DATO, cell)


@rule("RATE-04", "advarsel", "Modtagelsesdatoen ligger hverken før ratens egen periode eller efter "
      "underskriftsdatoen (uden underskrift: i dag).", needs=NAMES, year=True)
def received_plausible(ctx: Context) -> Iterator[Hit]:
    judged = ctx.stated_on
    for row, inst in _started(ctx):
        cell = ctx.cell(DSI_UDBETALT_DATO, row)
        received = as_date(cell.value)
        if received is None or availability.installment_dated_possibly(inst, received, judged):
            continue
        if received < inst.start:
            why = (f"før ratens egen periode {day(inst.start)}-{day(inst.end)} begynder; DSI udbetaler raten til "
                   f"perioden, så datoen er nok skrevet forkert")
        else:
            why = f"efter {ctx.judged_words}; regnskabet kan ikke kende en betaling, der endnu ikke er sket"
        yield Hit(f"rate {inst.number} er modtaget {day(received)}, {why}.", DSI_UDBETALT_DATO, cell)


@rule("RATE-05", "fejl", "Rater, hvis periode begynder efter regnskabsåret, er tomme.", needs=NAMES, year=True)
def later_empty(ctx: Context) -> Iterator[Hit]:
    for row, inst in enumerate(ctx.agreement.installments):
        if inst.start.year <= ctx.accounts_year:
            continue
        for name in NAMES:
            cell = ctx.cell(name, row)
            if not is_blank(cell.value):
                yield Hit(not_blank(f"rate {inst.number} begynder {day(inst.start)}, efter regnskabsåret "
                                    f"{ctx.accounts_year}", cell.value), name, cell)
