"""What one file states about the years behind it, for the cross-file checks of
:mod:`dsi_xl.validation.history`.

A later year's accounts restate what earlier years' accounts said: the actual costs of each
budget year, the installments received, the payment-goal inputs of each measurement year and
what was repaid. :func:`of` keeps those cells of one file (where they are, and their values made
comparable: numbers as Decimals, dates as dates, text stripped) so that the run can compare files
after every file has been validated, in whatever process validated it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from dsi_xl.money import is_blank
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_PERIODISERING,
    DSI_REGNSKABSAAR,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_UNDERSKRIFT_DATO,
    goals,
)

if TYPE_CHECKING:
    from dsi_xl.agreement.model import Agreement
    from dsi_xl.validation.context import Context

COSTS = (DSI_FAKTISK,)
INSTALLMENTS = (DSI_UDBETALT_DATO, DSI_UDBETALT_BELOEB)
REPAYMENTS = (DSI_TILBAGEBETALT_DATO, DSI_TILBAGEBETALT_BELOEB, DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
              DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO)
POINTERS = (DSI_REGNSKABSAAR, DSI_UNDERSKRIFT_DATO)  # where a finding about the file as a whole points
ACCRUAL = (DSI_PERIODISERING,)  # the year's own; what a restated cost does to the unused grant needs it


def goal_inputs(agreement: Agreement) -> tuple[str, ...]:
    """Every goal's input names, in goal order (each goal's own, from the agreement)."""
    return tuple(spec.name for names in goals(agreement) for spec in names.inputs)


def recorded(agreement: Agreement) -> tuple[str, ...]:
    """The names a file's record keeps."""
    return COSTS + INSTALLMENTS + goal_inputs(agreement) + REPAYMENTS + POINTERS + ACCRUAL


@dataclass(frozen=True, slots=True)
class Stated:
    """One defined name of one file: its sheet, its cells' references and comparable values,
    both in the range's shape (rows of columns)."""

    sheet: str
    refs: tuple[tuple[str, ...], ...]
    values: tuple[tuple[Any, ...], ...]

    def value(self, row: int, col: int) -> Any:
        return self.values[row][col]


def comparable(value: Any) -> Any:
    """A cell value as the comparison sees it: ``None`` for a blank, a date for a date, a Decimal
    for a number (1050000 and 1050000.0 are the same amount), stripped text otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (date, bool)):
        return value
    if isinstance(value, (int, float, Decimal)):
        try:
            return Decimal(str(value)).normalize()
        except InvalidOperation:
            return str(value)
    return str(value).strip()


def of(ctx: Context) -> dict[str, Stated]:
    """The recorded names of one file that are present with their shape; never raises."""
    out: dict[str, Stated] = {}
    try:
        for name in recorded(ctx.agreement):
            if not ctx.has(name):
                continue
            cells = ctx.range(name).cells
            out[name] = Stated(cells[0][0].sheet, tuple(tuple(c.ref for c in row) for row in cells),
                               tuple(tuple(comparable(c.value) for c in row) for row in cells))
    except Exception:  # noqa: BLE001 - a record never stops a validation; a file without one is not compared
        return {}
    return out
