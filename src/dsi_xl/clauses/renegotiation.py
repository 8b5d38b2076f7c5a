"""Whether a 2025 result allows renegotiating a goal's baseline (Bilag 5.1 pkt. 2.5).

A marked deviation is one of the goal's threshold in percentage points or more, either way
(reading 4: "± 5 pp" means an absolute deviation of 5 pp or more). The result is compared as a
cell holds it (:func:`dsi_xl.money.at_cell_precision`): ``=33,7-5`` arrives as
28.700000000000003 and answers as a typed 28,7 does.
"""

from __future__ import annotations

from typing import Any

from dsi_xl.agreement.model import Goal
from dsi_xl.clauses.goal_payment import label, result_value
from dsi_xl.money import at_cell_precision


def compute(goal: Goal, result: Any) -> bool:
    """True when ``result`` differs from the goal's baseline by the threshold or more.

    Goal 1's baseline is 33.7 % and its threshold 5 percentage points; ``=33,7-5`` reaches Python
    as 28.700000000000003 and answers as a typed 28,7 does:

    >>> from dsi_xl.agreement import load
    >>> goal = load().goal(1)
    >>> compute(goal, 28.7), compute(goal, 33.7 - 5), compute(goal, 30)
    (True, True, False)
    """
    value = result_value(goal, result, label(goal, " i 2025"))
    return abs(at_cell_precision(value) - goal.baseline) >= goal.renegotiation_threshold
