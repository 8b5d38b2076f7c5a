"""Reading untrusted cell values for the rules: dates, whole numbers and text.

Every helper returns a clean Python value, or ``None`` for anything it cannot read (a blank, an
Excel error, text where a date belongs); none of them raises. The rule decides what ``None``
means, usually a finding that says what was expected and what was found
(:func:`dsi_xl.errors.describe`). Numbers are read with :mod:`dsi_xl.money` instead
(``to_decimal``, ``to_nonnegative``, ``to_count``), the conversion every shell uses: those raise
:class:`~dsi_xl.errors.InputError` with a Danish message, which the engine makes a finding of the
rule that called them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dsi_xl.money import is_blank
from dsi_xl.workbook.submission import ExcelError


def as_date(value: Any) -> date | None:
    """A real date (Excel dates arrive as ``datetime``); anything else is ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def text(value: Any) -> str | None:
    """Filled text or number as stripped text; ``None`` for a blank or an Excel error."""
    if is_blank(value) or isinstance(value, ExcelError):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def whole_number(value: Any) -> int | None:
    """A year typed as a number or as digits; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e9:
        return int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) < 9:
        return int(value.strip())
    return None
