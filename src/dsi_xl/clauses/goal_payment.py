"""One goal's amount for one measured result, before any cap (Bilag 5.1 pkt. 2).

amount = points on the better side of the baseline x DKK per point, rounded to øre half up; a
``value`` goal's points are units of its own (days, citizens...) and its rate is DKK per unit.
A result on the wrong side of its baseline gives 0, never a negative amount (reading 1).
The agreement's examples: turnover 28 gives (33.7 - 28) x 70,000 = 399,000.00; a closed share
of 15 gives (15 - 12.4) x 128,000 = 332,800.00; a waiting time of 38.5 days against a baseline of
42 at 25,000 per day gives (42 - 38.5) x 25,000 = 87,500.00.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Goal
from dsi_xl.errors import OutOfRange
from dsi_xl.money import HUNDRED, ZERO, round_ore, to_nonnegative


def label(goal: Goal, when: str = "") -> str:
    """How a message names the goal's result, ``when`` added: "Resultat for betalingsmål 1 i 2025"."""
    return f"Resultat for betalingsmål {goal.number}{when}"


def result_value(goal: Goal, result: Any, what: str | None = None) -> Decimal:
    """A measured result as a Decimal, checked against what the goal's indicator can be."""
    what = what or label(goal)
    value = to_nonnegative(result, what)
    if goal.indicator == "share" and value > HUNDRED:
        raise OutOfRange(what, "en andel mellem 0 og 100 %", result)
    return value


def points(goal: Goal, result: Decimal) -> Decimal:
    """Percentage points (a value goal: units) better than the baseline; negative when worse."""
    return goal.baseline - result if goal.direction == "lower" else result - goal.baseline


def compute(goal: Goal, result: Any, what: str | None = None) -> Decimal:
    """The goal's amount in DKK for one result, rounded to øre, never negative.

    The agreement's own examples, and a result on the wrong side of goal 1's baseline of 33.7 %:

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> compute(randers.goal(1), 28), compute(randers.goal(2), 15), compute(randers.goal(1), 35)
    (Decimal('399000.00'), Decimal('332800.00'), Decimal('0.00'))
    """
    gained = points(goal, result_value(goal, result, what))
    return round_ore(max(gained, ZERO) * goal.dkk_per_point)
