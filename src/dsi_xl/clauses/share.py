"""A share in percent: part / whole x 100 (goals 2 and 3, Bilag 5.1 pkt. 2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsi_xl.errors import Inconsistent, OutOfRange
from dsi_xl.money import HUNDRED, to_count


def compute(part: Any, whole: Any, what: str = "Andel") -> Decimal:
    """``part`` of ``whole`` in percent, unrounded; the part can never exceed the whole.

    >>> compute(15, 100), compute(1, 3)
    (Decimal('15.00'), Decimal('33.33333333333333333333333333'))
    >>> compute(5, 4)
    Traceback (most recent call last):
    dsi_xl.errors.Inconsistent: Andel: forventede en tæller på højst nævneren (4), fandt 5.
    """
    numerator = to_count(part, f"{what}: tæller")
    denominator = to_count(whole, f"{what}: nævner")
    if denominator == 0:
        raise OutOfRange(f"{what}: nævner", "mere end 0", whole)
    if numerator > denominator:
        raise Inconsistent(what, f"en tæller på højst nævneren ({denominator})", part)
    return numerator / denominator * HUNDRED
