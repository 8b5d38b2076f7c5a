"""What DSI wants from each file at a glance: the amounts due, from the engine's ``computed``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsi_xl.format import kr
from dsi_xl.spec import DSI_IKKE_ANVENDT, DSI_TILBAGEBETALING
from dsi_xl.validation import facts
from dsi_xl.validation.result import Result

UNUSED = DSI_IKKE_ANVENDT
REPAYMENT = DSI_TILBAGEBETALING


def exact(value: Any) -> Any:
    """A number as a Decimal (the engine's amounts are Decimals already, rounded to øre; a count
    is an int); anything else (a blank, text, a logical) as it is."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def unused(result: Result) -> Any:
    """The unused grant to repay (4.3), or ``None``."""
    grid = result.computed.get(UNUSED) or [[None]]
    return grid[0][0] if grid and grid[0] else None


def repayments(result: Result) -> list[Any]:
    """The amount due for each repayment rate after the caps, as far as the accounts year reports
    it (reading 8): ``None`` where not computable, and for a rate the accounts year does not cover
    (its figures are computed on the sheet, but they are not these accounts' to state)."""
    grid = result.computed.get(REPAYMENT) or [[]]
    due = list(grid[0]) if grid else []
    covered = result.facts.get(facts.COVERED)
    if covered is None:
        return due
    return [amount if n < len(covered) and covered[n] else None for n, amount in enumerate(due)]


def amounts_due(result: Result) -> list[tuple[str, str]]:
    """Danish (label, amount) lines for the amounts that could be computed."""
    lines = []
    if unused(result) is not None:
        lines.append((f"Ikke-anvendt tilskud til tilbagebetaling ({DSI_IKKE_ANVENDT})", kr(unused(result))))
    for number, amount in enumerate(repayments(result), start=1):
        if amount is not None:
            lines.append((f"Tilbagebetaling på betalingsmål, rate {number} ({DSI_TILBAGEBETALING})", kr(amount)))
    return lines
