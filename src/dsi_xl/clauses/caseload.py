"""Caseload per advisor, and every breach of 6.1.1(iii).

Caseload = all cases in the department / filled advisor positions. DSI may withhold when it is
above the limit (strictly greater) in the agreed number of consecutive quarters of the effort
period. A quarter without figures breaks a run. Every run long enough is a breach of its own
(reading 10), not only the first in the effort period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange, WrongCount
from dsi_xl.money import at_cell_precision, is_blank, to_count, to_nonnegative


@dataclass(frozen=True, slots=True)
class Breach:
    """One run of consecutive quarters above the limit that is long enough to breach: every quarter
    of the run, first to last, and the quarter that completed the breach."""

    quarters: tuple[str, ...]
    completed_in: str


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


def above(agreement: Agreement, caseload: Decimal) -> bool:
    """The caseload is strictly above the limit, compared at a cell's precision (15 significant
    digits, :func:`dsi_xl.money.at_cell_precision`): a caseload of 143 / 2,2 that reaches a
    function as 65.00000000000001 is 65, not above it."""
    return at_cell_precision(caseload) > agreement.caseload_limit


def breaches(agreement: Agreement, caseloads: Sequence[Any]) -> tuple[Breach, ...]:
    """Every breach of 6.1.1(iii) (reading 10): each run of at least ``caseload_consecutive_quarters``
    quarters above the limit, in time order.

    ``caseloads`` has one value per quarter of the effort period; blanks are quarters not yet
    reported, and they break a run. Randers' limit is 65 in two quarters in a row:

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> [b.quarters for b in breaches(randers, [60, 66, 70, 60, 70, 71] + [None] * 7)]
    [('2026K2', '2026K3'), ('2027K1', '2027K2')]
    >>> shown(breaches(randers, [60, 66, 70, 60, 70, 71] + [None] * 7))
    '2027K2; 2026K3'
    >>> breaches(randers, [65, 66, 60, 66] + [None] * 9)
    ()
    """
    quarters = agreement.quarters
    if len(caseloads) != len(quarters):
        raise WrongCount("Sagsstamme pr. kvartal", f"{len(quarters)} kvartaler", list(caseloads))
    # every quarter is read before any breach is named: a negative caseload or text later is an error
    values = [None if is_blank(value) else to_nonnegative(value, f"Sagsstamme {quarter.label}")
              for quarter, value in zip(quarters, caseloads)]
    needed = agreement.caseload_consecutive_quarters
    found: list[Breach] = []
    run: list[str] = []
    for quarter, value in zip(quarters, values):
        if value is not None and above(agreement, value):
            run.append(quarter.label)
            continue
        if len(run) >= needed:
            found.append(Breach(tuple(run), run[needed - 1]))
        run = []
    if len(run) >= needed:
        found.append(Breach(tuple(run), run[needed - 1]))
    return tuple(found)


def first_breach(agreement: Agreement, caseloads: Sequence[Any]) -> Breach | None:
    """The first breach in the effort period, or ``None`` (see :func:`breaches`)."""
    found = breaches(agreement, caseloads)
    return found[0] if found else None


def newest_first(found: Sequence[Breach]) -> tuple[Breach, ...]:
    """Breaches newest first: in a workbook whose later quarters are still empty, the accounts
    year's own breach comes first. How one cell shows several: :func:`shown`."""
    return tuple(reversed(found))


SEPARATOR = "; "


def shown(found: Sequence[Breach]) -> str:
    """Several breaches in one cell: the quarter completing each, newest first, ``"2027K3; 2026K3"``."""
    return SEPARATOR.join(b.completed_in for b in newest_first(found))
