"""After the period: did the municipality repay neither more nor less than it owed (5.3)?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.errors import WrongCount
from dsi_xl.money import ZERO, is_blank, round_ore, to_nonnegative


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Totals owed and repaid over the rates given, and the difference (repaid - owed)."""

    owed: Decimal
    repaid: Decimal

    @property
    def difference(self) -> Decimal:
        """Positive: paid too much; negative: paid too little."""
        return self.repaid - self.owed


def compute(due: Sequence[Any], repaid: Sequence[Any]) -> Reconciliation:
    """Sum what each rate made due (blank: not yet due) against what was repaid (blank: 0).

    >>> compute([731800, 731800], [731800, 700000]).difference
    Decimal('-31800.00')
    """
    if len(due) != len(repaid):
        raise WrongCount("Tilbagebetalt", f"{len(due)} beløb, ét pr. rate", list(repaid))
    owed = sum((to_nonnegative(v, "Skyldigt beløb") for v in due if not is_blank(v)), ZERO)
    paid = sum((to_nonnegative(v, "Tilbagebetalt beløb") for v in repaid if not is_blank(v)), ZERO)
    return Reconciliation(round_ore(owed), round_ore(paid))
