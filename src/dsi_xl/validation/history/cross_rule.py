"""A cross-file rule: a stable ``HISTORIK-`` id, a severity, a Danish description, and a check
over a whole run (:class:`~dsi_xl.validation.history.run.Run`).

A check yields ``(index, Hit)``: the file of the run (its position in the input) that the finding
belongs to, and what was found, framed like every other finding (plain Danish, the defined name
and cells beside the message). Rules register in the order their modules are imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dsi_xl.validation.result import Severity
from dsi_xl.validation.rule import Hit

GROUP = "Historik"
CrossCheck = Callable[[Any], Iterable[tuple[int, Hit]]]


@dataclass(frozen=True, slots=True)
class CrossRule:
    id: str
    severity: Severity
    description: str  # Danish: what the rule compares
    check: CrossCheck
    group: str = GROUP


CROSS_RULES: list[CrossRule] = []


def rule(rule_id: str, severity: Severity, description: str) -> Callable[[CrossCheck], CrossCheck]:
    if not rule_id.startswith("HISTORIK-"):
        raise ValueError(f"a cross-file rule id begins with HISTORIK-: {rule_id}")

    def register(check: CrossCheck) -> CrossCheck:
        if any(r.id == rule_id for r in CROSS_RULES):
            raise ValueError(f"duplicate rule id {rule_id}")
        CROSS_RULES.append(CrossRule(rule_id, severity, description, check))
        return check

    return register
