"""What DSI wants from each file at a glance: the amounts due, from the engine's ``computed``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsi_xl.format import kr
from dsi_xl.spec import DSI_IKKE_ANVENDT, DSI_TILBAGEBETALING
from dsi_xl.validation.facts import repayments, unused
from dsi_xl.validation.result import Result


def exact(value: Any) -> Any:
    """A number as a Decimal (the engine's amounts are Decimals already, rounded to øre; a count
    is an int); anything else (a blank, text, a logical) as it is."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def amounts_due(result: Result) -> list[tuple[str, str]]:
    """Danish (label, amount) lines for the amounts that could be computed."""
    lines = []
    if (owed := unused(result)) is not None:
        lines.append((f"Ikke-anvendt tilskud til tilbagebetaling ({DSI_IKKE_ANVENDT})", kr(owed)))
    for number, amount in enumerate(repayments(result), start=1):
        if amount is not None:
            lines.append((f"Tilbagebetaling på betalingsmål, rate {number} ({DSI_TILBAGEBETALING})", kr(amount)))
    return lines
