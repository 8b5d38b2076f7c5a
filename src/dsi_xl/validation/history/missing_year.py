"""HISTORIK-08: a budget year missing between two accounts years the run holds for one
agreement and CVR (the years either side cannot be compared across it)."""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.spec import DSI_REGNSKABSAAR
from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.rule import Hit


@rule("HISTORIK-08", "advarsel", "Der mangler et regnskabsår mellem to regnskabsår, som kørslen har for samme "
      "tilsagn og CVR-nummer.")
def missing_year(run) -> Iterator[tuple[int, Hit]]:
    for history in run.histories.values():
        for earlier, later in zip(history, history[1:]):
            years = earlier.agreement.budget_years
            gap = [y for y in years if earlier.year < y < later.year]
            if not gap:
                continue
            shown = " og ".join(str(y) for y in gap)
            noun = "regnskabet" if len(gap) == 1 else "regnskaberne"
            yield later.index, Hit(
                f"{noun} for {shown} er ikke med i kørslen, men regnskaberne for {earlier.year} og {later.year} er; "
                f"dette regnskabs tal for {shown} kan derfor ikke sammenlignes med {shown}s eget regnskab.",
                DSI_REGNSKABSAAR, cells=later.cell(DSI_REGNSKABSAAR))
