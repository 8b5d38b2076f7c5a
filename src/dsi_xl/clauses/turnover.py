"""Staff turnover (goal 1's indicator, Bilag 5.1 pkt. 2).

Turnover = departures in the year / average headcount x 100, where the average headcount is the
sum of the 12 monthly headcounts / 12, counted in individuals (everyone counts 1, part-time,
flex job or full-time).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from dsi_xl.errors import OutOfRange, WrongCount
from dsi_xl.money import HUNDRED, to_count

MONTHS = 12


def headcount_sum(headcounts: Sequence[Any]) -> Decimal:
    """The sum of exactly 12 monthly headcounts, each a whole number >= 0."""
    if len(headcounts) != MONTHS:
        raise WrongCount("Antal ansatte pr. måned", f"{MONTHS} månedstal (marts til februar)", list(headcounts))
    counts = [to_count(value, f"Antal ansatte i måned {i}") for i, value in enumerate(headcounts, 1)]
    return sum(counts, Decimal(0))


def compute(departures: Any, headcounts: Sequence[Any]) -> Decimal:
    """Turnover in percent, unrounded: 7 departures from 25 employees in every month is 28 %.

    Computed as departures x 12 x 100 / sum of headcounts, one division, so the only rounding is
    Decimal's 28 significant digits.

    >>> compute(7, [25] * 12)
    Decimal('28')
    >>> compute(7, [25] * 11)
    Traceback (most recent call last):
    dsi_xl.errors.WrongCount: Antal ansatte pr. måned: forventede 12 månedstal (marts til februar), fandt 11 værdier.
    """
    left = to_count(departures, "Antal fratrædelser")
    total = headcount_sum(headcounts)
    if total == 0:
        raise OutOfRange("Gennemsnitligt antal ansatte", "mere end 0", 0)
    return left * MONTHS * HUNDRED / total
