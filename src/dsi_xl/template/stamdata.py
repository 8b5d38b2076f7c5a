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
from dsi_xl.template.styles import DATE, TEXT, YEAR

SHEET = "Stamdata"

FIELDS = (
    (DSI_KOMMUNE, "Kommune", None, "text", "Tilsagnsmodtagerens navn, fx som i tilsagnet."),
    (DSI_CVR, "CVR-nummer", TEXT, "cvr", "Kommunens CVR-nummer, 8 cifre."),
    (DSI_REGNSKABSAAR, "Regnskabsår", YEAR, "year", "Det kalenderår, regnskabet gælder (et budgetår)."),
    (DSI_KONTAKT_NAVN, "Kontaktperson", None, "text", "Den, DSI kan spørge om regnskabet."),
    (DSI_KONTAKT_EMAIL, "Kontaktpersonens e-mail", None, "text", ""),
    (DSI_UNDERSKRIVER_NAVN, "Underskriver", None, "text", "Den, der underskriver ledelseserklæringen."),
    (DSI_UNDERSKRIVER_TITEL, "Underskriverens titel", None, "text", ""),
    (DSI_UNDERSKRIFT_DATO, "Underskriftsdato", DATE, "date",
     "Datoen for underskriften (dd.mm.åååå); tidligst 1. januar efter regnskabsåret."),
)


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
    for i, (name, label, fmt, rule, help_text) in enumerate(FIELDS):
        row = 4 + i
        s.put(row, 1, label, "label")
        s.put(row, 2, None, "input", fmt, rule)
        s.put(row, 3, help_text, "note", wrap=True)
        layout.name(name, SHEET, row, 2)
    first, last = 4, 4 + len(FIELDS) - 1
    s.put(first, 4, statement.formula(a), "label", wrap=True, shown=statement.text(a))
    s.merges.append(f"D{first}:D{last}")
