"""Caseload per advisor, and a breach of 6.1.1(iii).

Caseload = all cases in the department / filled advisor positions. DSI may withhold when it is
above the limit (strictly greater) in the agreed number of consecutive quarters of the effort
period. A quarter without figures breaks a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange, WrongCount
from dsi_xl.money import is_blank, to_count, to_decimal, to_nonnegative


@dataclass(frozen=True, slots=True)
class Breach:
    """The first run of quarters that completes a breach: their labels, first to last."""

    quarters: tuple[str, ...]

    @property
    def completed_in(self) -> str:
        return self.quarters[-1]


def compute(cases: Any, advisors: Any) -> Decimal:
    """Cases per filled advisor position, unrounded.

    >>> compute(130, 2), compute(131, 2)
    (Decimal('65'), Decimal('65.5'))
    """
    total = to_count(cases, "Antal sager")
    staff = to_nonnegative(advisors, "Besatte rådgiverstillinger")
    if staff == 0:
        raise OutOfRange("Besatte rådgiverstillinger", "mere end 0", advisors)
    return total / staff


def first_breach(agreement: Agreement, caseloads: Sequence[Any]) -> Breach | None:
    """The first run of ``caseload_consecutive_quarters`` quarters above the limit, or ``None``.

    ``caseloads`` has one value per quarter of the effort period; blanks are quarters not yet
    reported. Randers' limit is 65 in two quarters in a row:

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> first_breach(randers, [60, 66, 70, 60] + [None] * 9)
    Breach(quarters=('2026K2', '2026K3'))
    >>> first_breach(randers, [65, 66, 60, 66] + [None] * 9) is None
    True
    """
    quarters = agreement.quarters
    if len(caseloads) != len(quarters):
        raise WrongCount("Sagsstamme pr. kvartal", f"{len(quarters)} kvartaler", list(caseloads))
    run: list[str] = []
    for quarter, value in zip(quarters, caseloads):
        above = not is_blank(value) and to_decimal(value, f"Sagsstamme {quarter.label}") > agreement.caseload_limit
        run = run + [quarter.label] if above else []
        if len(run) == agreement.caseload_consecutive_quarters:
            return Breach(tuple(run))
    return None
