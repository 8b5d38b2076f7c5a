"""Betalingsmål: inputs per measurement, indicators, amounts per goal, repayment after caps, what
was repaid, and the 2025 results for the renegotiation check.

Goals take the spec's input names by indicator (:func:`dsi_xl.validation.computed.slots`), so an
agreement with its goals in another order still reads the right names. Extra name:
``DSI_X_RESULTATER`` (goals x measurements), each goal's result in goal order, which
``DSI_REPAYMENT`` reads.
"""

from __future__ import annotations

from dsi_xl.format import day
from dsi_xl.spec import (
    DSI_BASELINE_2025,
    DSI_BETALING,
    DSI_M1_RESULTAT,
    DSI_M2_RESULTAT,
    DSI_M2_SAGER,
    DSI_M3_BORGERE,
    DSI_M3_RESULTAT,
    DSI_TILBAGEBETALING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_X_RESULTATER,
    slots,
)
from dsi_xl.spec import GOAL_SLOTS as SLOTS
from dsi_xl.template.layout import Layout, area, call, rate_due, ref, yes_no
from dsi_xl.template.styles import AMOUNT, COUNT, DATE, PERCENT
from dsi_xl.template.tilsagn import clause

SHEET = "Betalingsmål"
FIRST = 3
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
TITLES = {DSI_M1_RESULTAT: ("Fratrædelser i måleåret", "Personaleomsætning"),
          DSI_M2_RESULTAT: ("Afsluttede §85-sager (niveau 1-3)", "Andel afsluttede sager"),
          DSI_M3_RESULTAT: ("Borgere overgået fra niveau 4-5 til 1-3", "Andel overgåede borgere")}
WHOLES = {DSI_M2_SAGER: "Alle §85-sager (niveau 1-3) i året", DSI_M3_BORGERE: "Alle borgere på niveau 4-5 i året"}


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    m = len(a.repayment_rates)
    cols = max(m, len(a.goals))
    s.widths = {1: 52, 2: 16, **{c: 24 for c in range(FIRST, FIRST + cols)}}
    s.orientation = "portrait"
    s.title_rows = "1:3"
    s.put(1, 1, "Betalingsmål", "title")
    s.put(2, 1, "Kommunen måler (5.4). Resultater i procent; beløb før og efter lofterne (5.2).", "note")
    s.put(3, 1, "", "header")
    s.put(3, 2, "Pkt.", "header")
    for j, rate in enumerate(a.repayment_rates):
        s.put(3, FIRST + j, rate.label, "header")
    s.freeze = "C4"
    s.put(4, 1, "Måleperiode", "label")
    for j, rate in enumerate(a.repayment_rates):
        s.put(4, FIRST + j, f"{day(rate.measurement_start)} til {day(rate.measurement_end)}", "term", wrap=True)
    row = 6
    goal_of = {slot.result: goal for goal, slot in slots(a)}
    result_row: dict[str, int] = {}
    start_month = a.repayment_rates[0].measurement_start.month
    for slot in SLOTS:
        goal = goal_of.get(slot.result)
        head = f"Mål {goal.number}: {goal.title}" if goal else f"{TITLES[slot.result][1]} (bruges ikke af tilsagnet)"
        s.put(row, 1, head, "section")
        s.put(row, 2, clause(layout, "measurement"), "clause")
        part_label, result_label = TITLES[slot.result]
        s.put(row + 1, 1, part_label, "label")
        for j in range(m):
            s.put(row + 1, FIRST + j, None, "input", COUNT, "count")
        layout.name(slot.part, SHEET, row + 1, FIRST, 1, m)
        whole_rows = 12 if slot.indicator == "turnover" else 1
        for k in range(whole_rows):
            r = row + 2 + k
            if slot.indicator == "turnover":
                month = MONTHS[(start_month - 1 + k) % 12]
                s.put(r, 1, f"Ansatte, måned {k + 1} ({month})", "label")
            else:
                s.put(r, 1, WHOLES[slot.whole], "label")
            for j in range(m):
                s.put(r, FIRST + j, None, "input", COUNT, "count")
        layout.name(slot.whole, SHEET, row + 2, FIRST, whole_rows, m)
        r = row + 2 + whole_rows
        s.put(r, 1, f"{result_label} (%)", "total")
        s.put(r, 2, clause(layout, "goals"), "clause")
        for j in range(m):
            part = ref(row + 1, FIRST + j)
            whole = area(row + 2, FIRST + j, whole_rows, 1)
            function = "DSI_TURNOVER" if slot.indicator == "turnover" else "DSI_SHARE"
            s.put(r, FIRST + j, call(function, part, whole), "formula", PERCENT)
        layout.name(slot.result, SHEET, r, FIRST, 1, m)
        result_row[slot.result] = r
        row = r + 2

    s.put(row, 1, "Resultat pr. mål (%)", "section")
    s.put(row, 2, clause(layout, "goals"), "clause")
    results_top = row + 1
    for g, goal in enumerate(a.goals):
        r = results_top + g
        s.put(r, 1, f"Mål {goal.number}", "label")
        source = next((res for res, gl in goal_of.items() if gl.number == goal.number), None)
        for j in range(m):
            s.put(r, FIRST + j, f'=IF({ref(result_row[source], FIRST + j)}="","",{ref(result_row[source], FIRST + j)})'
                  if source else '=""', "formula", PERCENT)
    layout.name(DSI_X_RESULTATER, SHEET, results_top, FIRST, len(a.goals), m)
    row = results_top + len(a.goals) + 1

    s.put(row, 1, "Beløb pr. mål før loft", "section")
    s.put(row, 2, clause(layout, "goals"), "clause")
    for g, goal in enumerate(a.goals):
        r = row + 1 + g
        s.put(r, 1, f"Mål {goal.number}", "label")
        for j in range(m):
            s.put(r, FIRST + j, call("DSI_PAYMENT", goal.number, ref(results_top + g, FIRST + j)), "formula", AMOUNT)
    layout.name(DSI_BETALING, SHEET, row + 1, FIRST, len(a.goals), m)
    row += len(a.goals) + 2

    s.put(row, 1, "Til tilbagebetaling efter loft", "section")
    s.put(row, 2, clause(layout, "caps"), "clause")
    lines = (
        ("Beløb efter loft", lambda j: rate_due(results_top, FIRST, len(a.goals), m, j), AMOUNT, "formula"),
        ("Opgøres senest", lambda j: layout.plain(f"opgoerelse_{j + 1}"), DATE, "formula"),
        ("Betales senest", lambda j: layout.plain(f"tilbagebetaling_{j + 1}"), DATE, "formula"),
    )
    for k, (label, make, fmt, kind) in enumerate(lines):
        r = row + 1 + k
        s.put(r, 1, label, "total" if k == 0 else "label")
        for j in range(m):
            s.put(r, FIRST + j, make(j), kind, fmt)
    layout.name(DSI_TILBAGEBETALING, SHEET, row + 1, FIRST, 1, m)
    due_row = row + 1
    row += len(lines) + 2

    s.put(row, 1, "Tilbagebetalt", "section")
    s.put(row, 2, clause(layout, "reconciliation"), "clause")
    s.put(row + 1, 1, "Tilbagebetalt beløb", "label")
    s.put(row + 2, 1, "Tilbagebetalt dato", "label")
    s.put(row + 3, 1, "Difference (tilbagebetalt minus skyldigt)", "label")
    for j in range(m):
        s.put(row + 1, FIRST + j, None, "input", AMOUNT, "amount")
        s.put(row + 2, FIRST + j, None, "input", DATE, "date")
        paid, due = ref(row + 1, FIRST + j), ref(due_row, FIRST + j)
        s.put(row + 3, FIRST + j, f'=IF(OR({paid}="",{due}=""),"",{paid}-{due})', "formula", AMOUNT)
    layout.name(DSI_TILBAGEBETALT_BELOEB, SHEET, row + 1, FIRST, 1, m)
    layout.name(DSI_TILBAGEBETALT_DATO, SHEET, row + 2, FIRST, 1, m)
    row += 5

    year = a.renegotiation_year
    s.put(row, 1, f"Resultater for {year} (genforhandling af baseline)", "section")
    s.put(row, 2, clause(layout, "renegotiation"), "clause")
    for g, goal in enumerate(a.goals):
        s.put(row, FIRST + g, f"Mål {goal.number}", "header")
        s.put(row + 1, FIRST + g, None, "input", PERCENT, "percent")
        s.put(row + 2, FIRST + g, layout.plain(f"baseline_maal{goal.number}"), "formula", PERCENT)
        s.put(row + 3, FIRST + g, yes_no(call("DSI_RENEGOTIATE", goal.number, ref(row + 1, FIRST + g))), "formula")
    s.put(row + 1, 1, f"Resultat {year} (%)", "label")
    s.put(row + 2, 1, "Baseline (%)", "label")
    s.put(row + 3, 1, "Kan baseline genforhandles?", "label")
    layout.name(DSI_BASELINE_2025, SHEET, row + 1, FIRST, 1, len(a.goals))
