"""HISTORIK-02: two different files for the same agreement, CVR and accounts year: which one
DSI's overview counts, and why.

Reading 7: the later possible signing date; a file signed on an impossible date never wins over
one signed on a possible date; on a tie, the file given last. Files are named by their signing
date, never by a path of DSI's.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.spec import DSI_UNDERSKRIFT_DATO
from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.history.run import choice
from dsi_xl.validation.rule import Hit


@rule("HISTORIK-02", "advarsel", "Der er flere forskellige filer for samme tilsagn, CVR-nummer og regnskabsår; "
      "oversigten tæller den, der er underskrevet senest på en mulig dato (læsning 7).")
def same_year(run) -> Iterator[tuple[int, Hit]]:
    for (agreement_id, cvr, year), group in run.same_year.items():
        if len(group) < 2:
            continue
        chosen = run.chosen[(agreement_id, cvr, year)]
        others = [e for e in group if e is not chosen]
        why = choice(chosen, group)
        for entry in group:
            cell = entry.cell(DSI_UNDERSKRIFT_DATO)
            if entry is chosen:
                shown = "; ".join(o.signing for o in others)
                noun = "en anden fil" if len(others) == 1 else f"{len(others)} andre filer"
                message = (f"der er også modtaget {noun} for regnskabsåret {year} med andet indhold ({shown}); "
                           f"oversigten tæller denne fil, fordi {why}.")
            else:
                message = (f"oversigten tæller ikke denne fil ({entry.signing}) for regnskabsåret {year}, men en "
                           f"anden fil ({chosen.signing}), fordi {why}.")
            yield entry.index, Hit(message, DSI_UNDERSKRIFT_DATO, cells=cell)
