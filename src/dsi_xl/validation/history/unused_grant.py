"""HISTORIK-07: an earlier year's unused grant not repaid in full by its deadline (4.3).

The unused grant is the year's own DSI_IKKE_ANVENDT, as computed from that year's accounts; what
was repaid is what the latest later accounts signed after the deadline say.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dsi_xl.clauses.deadlines import unused_grant_due
from dsi_xl.format import day, kr
from dsi_xl.spec import DSI_IKKE_ANVENDT, DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO
from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.rule import Hit

ZERO = Decimal(0)


def unused(entry) -> Decimal | None:
    """The unused grant the file computed for its own accounts year, or ``None``."""
    grid = entry.result.computed.get(DSI_IKKE_ANVENDT) or [[None]]
    value = grid[0][0] if grid and grid[0] else None
    return None if value is None or isinstance(value, bool) else Decimal(str(value))


def _repaid(later, col: int) -> tuple[Decimal | None, object]:
    amount = later.stated(DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB).value(0, col)
    when = later.stated(DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO).value(0, col)
    return (amount if isinstance(amount, Decimal) else None), when


@rule("HISTORIK-07", "advarsel", "Et tidligere års ikke-anvendte tilskud er tilbagebetalt fuldt ud inden fristen "
      "(4.3) ifølge det seneste senere regnskab.")
def unused_not_repaid(run) -> Iterator[tuple[int, Hit]]:
    for history in run.histories.values():
        for earlier in history:
            owed = unused(earlier)
            if owed is None or owed <= ZERO:
                continue
            due = unused_grant_due(earlier.agreement, earlier.year)
            later = [
                e
                for e in history
                if e.year > earlier.year
                and e.result.as_of
                and e.result.as_of > due
                and e.stated(DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB)
                and e.stated(DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO)
            ]
            if not later:
                continue
            latest = later[-1]
            col = earlier.agreement.budget_years.index(earlier.year)
            amount, when = _repaid(latest, col)
            paid = amount or ZERO
            late = hasattr(when, "year") and when > due
            if paid >= owed and not late and hasattr(when, "year"):
                continue
            told = (f"{earlier.label} opgjorde ikke-anvendt tilskud på {kr(owed)}, der skulle tilbagebetales "
                    f"senest {day(due)}{earlier.agreement.cite('unused_grant')}")
            if paid <= ZERO:
                found = "dette regnskab angiver ingen tilbagebetaling"
            elif paid < owed:
                found = f"dette regnskab angiver kun {kr(paid)} tilbagebetalt, {kr(owed - paid)} for lidt"
            elif late:
                found = f"dette regnskab angiver tilbagebetalingen først den {day(when)}"
            else:
                found = "dette regnskab angiver beløbet, men ingen dato for tilbagebetalingen"
            if late and paid < owed and paid > ZERO:
                found += f", og først den {day(when)}"
            cells = latest.cell(DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, 0, col) + latest.cell(
                DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO, 0, col)
            yield latest.index, Hit(f"{told}; {found}. Tilbagebetal resten, og angiv beløb og dato.",
                                    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, cells=cells)
