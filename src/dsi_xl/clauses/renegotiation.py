"""Whether a 2025 result allows renegotiating a goal's baseline (Bilag 5.1 pkt. 2.5).

A marked deviation is one of the goal's threshold in percentage points or more, either way
(reading 4: "± 5 pp" means an absolute deviation of 5 pp or more).
"""

from __future__ import annotations

from typing import Any

from dsi_xl.agreement.model import Goal
from dsi_xl.clauses.goal_payment import label, result_value


def compute(goal: Goal, result: Any) -> bool:
    """True when ``result`` differs from the goal's baseline by the threshold or more.

    Goal 1's baseline is 33.7 % and its threshold 5 percentage points:

    >>> from dsi_xl.agreement import load
    >>> goal = load().goal(1)
    >>> compute(goal, 28.7), compute(goal, 30)
    (True, False)
    """
    value = result_value(goal, result, label(goal, " i 2025"))
    return abs(value - goal.baseline) >= goal.renegotiation_threshold
