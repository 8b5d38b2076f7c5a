"""What a later file's restatement does to an amount the municipality owes DSI, for the messages of
HISTORIK-03..05: the figures that moved, from what to what.

- Goal inputs (HISTORIK-05) feed the repayment rates: each file computes every rate it can
  (DSI_TILBAGEBETALING, after the caps), so a rate that moved is read from both files as they
  computed it ("rate 1 fra 360.371,43 kr. til 451.800 kr.").
- Costs and installments (HISTORIK-03, -04) feed the unused grant (4.3, reading 5), which is
  cumulative: the later file's own unused grant is computed again with the earlier file's figures
  in the cells that differ, everything else (accrual, what was repaid) as the later file states it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from dsi_xl.clauses import unused_grant
from dsi_xl.errors import DSIError
from dsi_xl.format import kr
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_PERIODISERING,
    DSI_TILBAGEBETALING,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
)

UNUSED_INPUTS = (DSI_UDBETALT_DATO, DSI_UDBETALT_BELOEB, DSI_FAKTISK, DSI_PERIODISERING,
                 DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB)


def _computed(entry, name: str, col: int = 0) -> Decimal | None:
    grid = entry.result.computed.get(name) or [[]]
    row = grid[0] if grid else []
    value = row[col] if col < len(row) else None
    return value if isinstance(value, Decimal) else None


def rates_moved(entry, owners: Sequence[Any]) -> list[str]:
    """Each repayment rate that ``entry`` computes differently from an earlier file in ``owners``:
    ``rate 1 fra 360.371,43 kr. i regnskabet for 2027 (…) til 451.800 kr. her``."""
    out = []
    for owner in {o.index: o for o in owners}.values():
        for m, rate in enumerate(entry.agreement.repayment_rates):
            before, after = _computed(owner, DSI_TILBAGEBETALING, m), _computed(entry, DSI_TILBAGEBETALING, m)
            if before is not None and after is not None and before != after:
                out.append(f"rate {rate.number} fra {kr(before)} i {owner.label} til {kr(after)} her")
    return out


def unused_moved(entry, name: str, found: Sequence[tuple[int, int, Any]]) -> str | None:
    """``entry``'s own unused grant as it states it, and as it would be with the earlier files'
    figures in the cells of ``name`` that differ: ``fra 6.167 kr. med de tidligere tal til 5.000 kr.
    her``; ``None`` when it is the same or cannot be computed."""
    own = _computed(entry, DSI_IKKE_ANVENDT)
    grids = {n: [list(row) for row in entry.stated(n).values] if entry.stated(n) else None for n in UNUSED_INPUTS}
    if own is None or any(grids[n] is None for n in (DSI_UDBETALT_DATO, DSI_UDBETALT_BELOEB, DSI_FAKTISK)):
        return None
    for r, c, owner in found:
        grids[name][r][c] = owner.stated(name).value(r, c)
    accrual = grids[DSI_PERIODISERING][0][0] if grids[DSI_PERIODISERING] else None
    repaid = grids[DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB][0] if grids[DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB] else None
    try:
        before = unused_grant.from_cells(entry.agreement, entry.year, [row[0] for row in grids[DSI_UDBETALT_DATO]],
                                         [row[0] for row in grids[DSI_UDBETALT_BELOEB]], grids[DSI_FAKTISK], accrual,
                                         repaid)
    except (DSIError, ArithmeticError, ValueError, TypeError):
        return None
    if before == own:
        return None
    return f"ikke-anvendt tilskud for {entry.year} fra {kr(before)} med de tidligere tal til {kr(own)} her"
