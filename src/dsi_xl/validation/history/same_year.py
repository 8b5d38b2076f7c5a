"""HISTORIK-02: two different files for the same agreement, CVR and accounts year: which one
DSI's overview counts, and why (the later signature; on a tie, the file given last)."""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.format import day
from dsi_xl.spec import DSI_UNDERSKRIFT_DATO
from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.history.run import speaker
from dsi_xl.validation.rule import Hit


def _signed(entry) -> str:
    return f"underskrevet {day(entry.signed)}" if entry.signed else "ikke underskrevet"


def _why(chosen, others) -> str:
    if chosen.signed and all(o.signed is None or o.signed < chosen.signed for o in others):
        return f"den er underskrevet senest ({day(chosen.signed)})"
    return "ingen af filerne er underskrevet senere end den, og den er angivet sidst"


@rule("HISTORIK-02", "advarsel", "Der er flere forskellige filer for samme tilsagn, CVR-nummer og regnskabsår; "
      "oversigten tæller den, der er underskrevet senest.")
def same_year(run) -> Iterator[tuple[int, Hit]]:
    for (_, _, year), group in run.same_year.items():
        if len(group) < 2:
            continue
        chosen = speaker(group)
        others = [e for e in group if e is not chosen]
        for entry in group:
            cell = entry.cell(DSI_UNDERSKRIFT_DATO)
            if entry is chosen:
                names = ", ".join(f"{o.file} ({_signed(o)})" for o in others)
                message = (f"der er også modtaget en anden fil for regnskabsåret {year} med andet indhold: {names}; "
                           f"oversigten tæller denne fil, fordi {_why(chosen, others)}.")
            else:
                message = (f"oversigten tæller ikke denne fil ({_signed(entry)}) for regnskabsåret {year}, men "
                           f"{chosen.file} ({_signed(chosen)}), fordi {_why(chosen, others)}.")
            yield entry.index, Hit(message, DSI_UNDERSKRIFT_DATO, cells=cell)
