"""Exact numbers: Decimal in, øre-rounded Decimal out, clean numbers back to Excel.

Excel hands Python binary floats. Each is converted through its shortest representation
(``repr``), so the 33.6 an accountant typed is ``Decimal("33.6")``, not
``Decimal(33.60000000000000142...)``. Amounts are rounded to whole øre, half up
(TILSAGN.md, reading 2); percentages are never rounded.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from numbers import Real
from typing import Any

from dsi_xl.errors import MissingValue, NotANumber, OutOfRange
from dsi_xl.format import significant

ORE = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
LIMIT = Decimal(10) ** 15  # no amount, count or percentage of an agreement comes near this


def is_blank(value: Any) -> bool:
    """True for what Excel and openpyxl give for an empty cell."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def to_decimal(value: Any, what: str) -> Decimal:
    """Convert one cell value to an exact Decimal, or raise the project's error naming ``what``.

    Numbers of 10^15 or more are refused: nothing in an agreement comes near, and refusing them
    here keeps Decimal arithmetic within its 28 significant digits.

    >>> to_decimal(33.6, "Resultat")
    Decimal('33.6')
    >>> to_decimal("tolv", "Antal sager")
    Traceback (most recent call last):
    dsi_xl.errors.NotANumber: Antal sager: forventede et tal, fandt teksten "tolv".
    """
    if is_blank(value):
        raise MissingValue(what, "et tal", value)
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise NotANumber(what, "et tal", value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(what, "et endeligt tal", value)
        value = Decimal(repr(value))
    try:
        result = Decimal(value) if isinstance(value, (int, Decimal)) else Decimal(repr(float(value)))
    except (InvalidOperation, ValueError, OverflowError):
        raise NotANumber(what, "et tal", value) from None
    if not result.is_finite():
        raise NotANumber(what, "et endeligt tal", value)
    if abs(result) >= LIMIT:
        raise OutOfRange(what, "et tal under 1.000.000.000.000.000", value)
    return result


def to_nonnegative(value: Any, what: str) -> Decimal:
    """Like :func:`to_decimal`, refusing negative numbers."""
    number = to_decimal(value, what)
    if number < 0:
        raise OutOfRange(what, "et tal på 0 eller derover", value)
    return number


def to_count(value: Any, what: str) -> Decimal:
    """A whole number >= 0 (departures, cases, headcounts).

    >>> to_count(2.5, "Antal sager")
    Traceback (most recent call last):
    dsi_xl.errors.OutOfRange: Antal sager: forventede et helt tal, fandt 2,5.
    """
    number = to_nonnegative(value, what)
    if number != number.to_integral_value():
        raise OutOfRange(what, "et helt tal", value)
    return number


def at_cell_precision(number: Decimal) -> Decimal:
    """``number`` at the 15 significant digits a cell holds, for comparing it with a threshold of
    the agreement: ``=33,7-5`` reaches Python as 28.700000000000003 and is compared as the 28,7 a
    typed value is (Excel itself shows and compares 15 digits). Every number typed into a cell
    keeps its value; only a float artefact in the 16th or 17th digit goes."""
    return significant(number)


def round_ore(amount: Decimal) -> Decimal:
    """Round an amount to whole øre, half up: 0.005 becomes 0.01.

    >>> round_ore(Decimal("398999.995"))
    Decimal('399000.00')
    """
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def to_excel(number: Decimal | None) -> float | int | None:
    """A Decimal as the plain number a cell shows: an int when whole, else the nearest float.

    The float nearest a decimal with few digits prints back as that decimal, so no float artefact
    reaches a cell.

    >>> to_excel(Decimal("399000.00")), to_excel(Decimal("7000.50"))
    (399000, 7000.5)
    """
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)
