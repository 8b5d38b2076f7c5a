"""Prognose: expected results per goal in three scenarios, and the repayment each would cost per
rate after the caps: the possible liability a municipality books.

Extra names: ``DSI_X_PROGNOSE_LAV``, ``DSI_X_PROGNOSE_FORVENTET``, ``DSI_X_PROGNOSE_HOEJ``
(goals x measurements, input) and ``DSI_X_FORPLIGTELSE_<scenario>`` (1 x measurements, formula).
A goal's expected result is in its own unit: percent, or a value goal's unit (its row says which).
"""

from __future__ import annotations

from dsi_xl.spec import FORPLIGTELSE, PROGNOSE
from dsi_xl.template.betalingsmaal import units
from dsi_xl.template.layout import Layout, area, call, rate_due, ref
from dsi_xl.template.styles import AMOUNT
from dsi_xl.template.tilsagn import clause

SHEET = "Prognose"
FIRST = 3
SCENARIOS = (("LAV", "Lavt scenarie"), ("FORVENTET", "Forventet scenarie"), ("HOEJ", "Højt scenarie"))


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    m, goals = len(a.repayment_rates), len(a.goals)
    s.widths = {1: 44, 2: 12, **{c: 18 for c in range(FIRST, FIRST + m + 1)}}
    s.orientation = "portrait"
    s.title_rows = "1:3"
    s.put(1, 1, "Prognose: mulig forpligtelse", "title")
    s.put(2, 1, f"Skriv de forventede resultater {units(a)} for hvert mål og hver måling. Beløbene er det, "
              "tilbagebetalingen ville koste efter lofterne.", "note")
    s.merge(2, 1, FIRST + m)
    s.put(3, 1, "", "header")
    s.put(3, 2, "Pkt.", "header")
    for j, rate in enumerate(a.repayment_rates):
        s.put(3, FIRST + j, rate.label, "header")
    s.put(3, FIRST + m, "I alt", "header")
    s.freeze = "C4"
    row = 5
    for key, title in SCENARIOS:
        s.put(row, 1, title, "section")
        s.put(row, 2, clause(layout, "goals"), "clause")
        top = row + 1
        for g, goal in enumerate(a.goals):
            s.put(top + g, 1, f"Mål {goal.number}: forventet resultat ({goal.unit})", "label")
            for j in range(m):
                s.put(top + g, FIRST + j, None, "input")
        layout.name(PROGNOSE[key], SHEET, top, FIRST, goals, m)
        pay = top + goals
        for g, goal in enumerate(a.goals):
            s.put(pay + g, 1, f"Mål {goal.number}: beløb før loft", "label")
            for j in range(m):
                s.put(pay + g, FIRST + j, call("DSI_PAYMENT", goal.number, ref(top + g, FIRST + j)), "formula",
                      AMOUNT)
        due = pay + goals
        s.put(due, 1, layout.label(FORPLIGTELSE[key]), "total")
        s.put(due, 2, clause(layout, "caps"), "clause")
        for j in range(m):
            s.put(due, FIRST + j, rate_due(top, FIRST, goals, m, j), "formula")
        s.put(due, FIRST + m, f"=SUM({area(due, FIRST, 1, m)})", "formula", AMOUNT)
        layout.name(FORPLIGTELSE[key], SHEET, due, FIRST, 1, m)
        row = due + 2
