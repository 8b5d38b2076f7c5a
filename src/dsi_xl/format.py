"""Danish rendering of numbers, amounts and dates for messages and reports."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def number(value: Decimal | int | float, decimals: int = 0) -> str:
    """``1234567.5`` -> ``1.234.567,50`` with ``decimals=2``: Danish separators."""
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def kr(value: Decimal | int | float) -> str:
    """An amount in kroner: whole kroner without øre, else with two decimals."""
    amount = Decimal(str(value))
    return number(amount, 0 if amount == amount.to_integral_value() else 2) + " kr."


def percent(value: Decimal | int | float) -> str:
    """A percentage with one decimal, as the template shows it: ``28,0 %``."""
    return number(value, 1) + " %"


def day(value: date) -> str:
    """``2028-07-31`` -> ``31.07.2028``."""
    return value.strftime("%d.%m.%Y")


def danish(value: Any) -> str:
    """Any term value for a table: amounts as kroner, dates as dd.mm.åååå, blanks as a dash."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return day(value.date())
    if isinstance(value, date):
        return day(value)
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        amount = Decimal(str(value))
        return number(amount, 0 if amount == amount.to_integral_value() else 2)
    return str(value)


def count(n: int, singular: str, plural: str) -> str:
    """``1 advarsel``, ``2 advarsler``, ``0 advarsler``: a count with the Danish noun that fits it."""
    return f"{number(n)} {singular if n == 1 else plural}"


def parse_day(text: str) -> date | None:
    """A date typed as Danish Excel shows it (``31.07.2028``, also ``31-07-2028``) or as ISO
    (``2028-07-31``); ``None`` for anything else."""
    text = text.strip()
    for pattern in ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
