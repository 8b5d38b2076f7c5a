"""Amounts: a krone amount is whole øre. 731.500,257 kr. is a typing slip or a pasted computation,
and the 0,7 øre it carries would be rounded away somewhere between the municipality and DSI."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dsi_xl.errors import DSIError
from dsi_xl.format import count, held, number
from dsi_xl.money import is_blank, round_ore, to_decimal
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_PERIODISERING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_UDBETALT_BELOEB,
)
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar

rule = registrar("Beløb")

AMOUNT_INPUTS = (DSI_FAKTISK, DSI_UDBETALT_BELOEB, DSI_PERIODISERING, DSI_TILBAGEBETALT_BELOEB,
                 DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB)


def _fraction_of_ore(value: object) -> Decimal | None:
    """The amount when it has digits below the øre, else ``None`` (blanks and text are other rules')."""
    if is_blank(value) or isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    try:
        amount = to_decimal(value, "beløb")
    except DSIError:
        return None
    return amount if amount != round_ore(amount) else None


@rule("BELOEB-01", "advarsel", "Beløb i kroner har højst to decimaler (hele øre); én besked pr. navn.")
def whole_ore(ctx: Context) -> Iterator[Hit]:
    for name in AMOUNT_INPUTS:
        if not ctx.has(name):
            continue
        odd = [(cell, amount) for row in ctx.range(name).cells for cell in row
               if (amount := _fraction_of_ore(cell.value)) is not None]
        if not odd:
            continue
        _first, amount = odd[0]
        shown = held(amount)
        more = f" ({count(len(odd), 'celle', 'celler')} i alt)" if len(odd) > 1 else ""
        yield Hit(f"{ctx.label(name)} {shown} kr. har brøkdele af en øre{more}; skriv "
                  f"beløbet i hele øre (fx {number(round_ore(amount), 2)} kr.).", name, cells=tuple(c for c, _ in odd))
