"""Stamdata: who the accounts are from, for which year, and who signs; the management statement
(:mod:`.statement`) stands beside the fields, ending at the signer's name, title and date."""

from __future__ import annotations

from dsi_xl.spec import (
    DSI_CVR,
    DSI_KOMMUNE,
    DSI_KONTAKT_EMAIL,
    DSI_KONTAKT_NAVN,
    DSI_REGNSKABSAAR,
    DSI_UNDERSKRIFT_DATO,
    DSI_UNDERSKRIVER_NAVN,
    DSI_UNDERSKRIVER_TITEL,
)
from dsi_xl.template import statement
from dsi_xl.template.layout import Layout

SHEET = "Stamdata"

FIELDS = (DSI_KOMMUNE, DSI_CVR, DSI_REGNSKABSAAR, DSI_KONTAKT_NAVN, DSI_KONTAKT_EMAIL, DSI_UNDERSKRIVER_NAVN,
          DSI_UNDERSKRIVER_TITEL, DSI_UNDERSKRIFT_DATO)  # one row each: label, value, help (the spec's)


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    s.widths = {1: 26, 2: 36, 3: 40, 4: 70}
    s.put(1, 1, "Stamdata", "title")
    s.put(2, 1, f"Tilsagnsmodtager efter tilsagnet: {a.recipient.name}, CVR {a.recipient.cvr}.", "note")
    s.put(3, 1, "Felt", "header")
    s.put(3, 2, "Værdi", "header")
    s.put(3, 3, "Vejledning", "header")
    s.put(3, 4, statement.TITLE, "header")
    s.freeze = "A4"
    for i, name in enumerate(FIELDS):
        row = 4 + i
        s.put(row, 1, layout.label(name), "label")
        s.put(row, 2, None, "input")
        s.put(row, 3, layout.spec(name).help, "note", wrap=True)
        layout.name(name, SHEET, row, 2)
    first, last = 4, 4 + len(FIELDS) - 1
    s.put(first, 4, statement.formula(a), "label", wrap=True, shown=statement.text(a))
    s.merges.append(f"D{first}:D{last}")
