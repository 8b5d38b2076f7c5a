"""Amendments (tillæg) and DSI's decisions that the file is judged by (reading 12).

The engine judges every file by the terms in force on the day it is judged on
(:attr:`~dsi_xl.validation.inputs.Inputs.stated_on`); this rule says which amendments that
includes, with what each changed, so the municipality and DSI can see the terms behind every
other finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.agreement.amendments import applied, described
from dsi_xl.spec import DSI_TILSAGN_ID
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, registrar

rule = registrar("Tillæg")


@rule("TILLAEG-01", "info", "Tillæg og DSI's afgørelser, som gælder på den dag, regnskabet bedømmes (læsning 11): "
      "hvad hvert tillæg ændrer.", needs=(DSI_TILSAGN_ID,))
def in_force(ctx: Context) -> Iterator[Hit]:
    a = ctx.agreement
    for amendment in applied(a):
        changes = "; ".join(described(a, c) for c in a.amended if c.amendment == amendment)
        text = amendment.text.strip().rstrip(".")
        yield Hit(f"{amendment.title} ({amendment.clause}) gælder for regnskabet: {text}. Ændret: {changes}.",
                  DSI_TILSAGN_ID, ctx.cell(DSI_TILSAGN_ID))
