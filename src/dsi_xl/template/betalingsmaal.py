"""Betalingsmål: inputs per measurement, indicators, amounts per goal, repayment after caps, what
was repaid, and the 2025 results for the renegotiation check.

One block per goal of the agreement, with the goal's own names and labels
(:func:`dsi_xl.spec.goals`): a turnover goal's departures and 12 monthly headcounts, a share's part
and whole, a value goal's measured value; then its result ``DSI_M<n>_RESULTAT``. Extra name:
``DSI_X_RESULTATER`` (goals x measurements), each goal's result in goal order, which
``DSI_REPAYMENT`` reads.
"""

from __future__ import annotations

from dsi_xl.agreement.model import Agreement, Goal
from dsi_xl.format import day
from dsi_xl.spec import (
    DSI_BASELINE_2025,
    DSI_BETALING,
    DSI_TILBAGEBETALING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_X_RESULTATER,
    GoalNames,
    goals,
    result_format,
)
from dsi_xl.template.layout import Layout, area, call, rate_due, ref, yes_no
from dsi_xl.template.styles import AMOUNT, DATE
from dsi_xl.template.tilsagn import clause

SHEET = "Betalingsmål"
FIRST = 3
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


def heading(goal: Goal) -> str:
    """A goal's short heading in a table: ``Mål 2``; a value goal's with its unit."""
    return f"Mål {goal.number}" if goal.in_percent else f"Mål {goal.number} ({goal.unit})"


def units(agreement: Agreement) -> str:
    """What the results are measured in: ``i procent``, or with each value goal's unit."""
    own = [f"mål {g.number} i {g.unit}" for g in agreement.goals if not g.in_percent]
    return "i procent" + (f" ({', '.join(own)})" if own else "")


def _goal(layout: Layout, names: GoalNames, row: int) -> int:
    """One goal's block from ``row``: its inputs, then its result; returns the result's row."""
    a = layout.agreement
    s = layout.sheets[SHEET]
    m = len(a.repayment_rates)
    goal = names.goal
    s.put(row, 1, f"Mål {goal.number}: {goal.title}", "section", wrap=True)
    s.put(row, 2, clause(layout, "measurement"), "clause")
    start_month = a.repayment_rates[0].measurement_start.month
    r = row + 1
    for spec in names.inputs:
        rows = spec.shape_for(a)[0]
        for k in range(rows):
            text = spec.label if rows == 1 else f"{spec.label}, måned {k + 1} ({MONTHS[(start_month - 1 + k) % 12]})"
            s.put(r + k, 1, text, "label")
            for j in range(m):
                s.put(r + k, FIRST + j, None, "input")
        layout.name(spec.name, SHEET, r, FIRST, rows, m)
        r += rows
    s.put(r, 1, names.result.label, "total")
    s.put(r, 2, clause(layout, "goals"), "clause")
    for j in range(m):
        first = ref(row + 1, FIRST + j)
        if names.indicator == "value":
            formula = f'=IF({first}="","",{first})'  # the result is the value itself
        else:
            function = "DSI_TURNOVER" if names.indicator == "turnover" else "DSI_SHARE"
            formula = call(function, first, area(row + 2, FIRST + j, r - row - 2, 1))
        s.put(r, FIRST + j, formula, "formula")
    layout.name(names.result.name, SHEET, r, FIRST, 1, m)
    return r


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    m = len(a.repayment_rates)
    cols = max(m, len(a.goals))
    s.widths = {1: 52, 2: 16, **{c: 24 for c in range(FIRST, FIRST + cols)}}
    s.orientation = "portrait"
    s.title_rows = "1:3"
    s.put(1, 1, "Betalingsmål", "title")
    s.put(2, 1, f"Kommunen måler{a.cite('measurement')}. Resultater {units(a)}; beløb før og efter "
          f"lofterne{a.cite('caps')}.", "note")
    s.put(3, 1, "", "header")
    s.put(3, 2, "Pkt.", "header")
    for j, rate in enumerate(a.repayment_rates):
        s.put(3, FIRST + j, rate.label, "header")
    s.freeze = "C4"
    s.put(4, 1, "Måleperiode", "label")
    for j, rate in enumerate(a.repayment_rates):
        s.put(4, FIRST + j, f"{day(rate.measurement_start)} til {day(rate.measurement_end)}", "term", wrap=True)
    row = 6
    result_row: list[int] = []
    for names in goals(a):
        result_row.append(_goal(layout, names, row))
        row = result_row[-1] + 2

    s.put(row, 1, layout.label(DSI_X_RESULTATER), "section")
    s.put(row, 2, clause(layout, "goals"), "clause")
    results_top = row + 1
    for g, goal in enumerate(a.goals):
        r = results_top + g
        s.put(r, 1, heading(goal), "label")
        for j in range(m):
            source = ref(result_row[g], FIRST + j)
            s.put(r, FIRST + j, f'=IF({source}="","",{source})', "formula")
    layout.name(DSI_X_RESULTATER, SHEET, results_top, FIRST, len(a.goals), m)
    row = results_top + len(a.goals) + 1

    s.put(row, 1, layout.label(DSI_BETALING), "section")
    s.put(row, 2, clause(layout, "goals"), "clause")
    for g, goal in enumerate(a.goals):
        r = row + 1 + g
        s.put(r, 1, f"Mål {goal.number}", "label")
        for j in range(m):
            s.put(r, FIRST + j, call("DSI_PAYMENT", goal.number, ref(results_top + g, FIRST + j)), "formula")
    layout.name(DSI_BETALING, SHEET, row + 1, FIRST, len(a.goals), m)
    row += len(a.goals) + 2

    s.put(row, 1, "Efter lofterne", "section")
    s.put(row, 2, clause(layout, "caps"), "clause")
    s.put(row + 1, 1, layout.label(DSI_TILBAGEBETALING), "total")
    s.put(row + 2, 1, "Opgøres senest", "label")
    s.put(row + 3, 1, "Betales senest", "label")
    for j in range(m):
        s.put(row + 1, FIRST + j, rate_due(results_top, FIRST, len(a.goals), m, j), "formula")
        s.put(row + 2, FIRST + j, layout.plain(f"opgoerelse_{j + 1}"), "formula", DATE)
        s.put(row + 3, FIRST + j, layout.plain(f"tilbagebetaling_{j + 1}"), "formula", DATE)
    layout.name(DSI_TILBAGEBETALING, SHEET, row + 1, FIRST, 1, m)
    due_row = row + 1
    row += 5

    s.put(row, 1, "Tilbagebetalt", "section")
    s.put(row, 2, clause(layout, "reconciliation"), "clause")
    s.put(row + 1, 1, layout.label(DSI_TILBAGEBETALT_BELOEB), "label")
    s.put(row + 2, 1, layout.label(DSI_TILBAGEBETALT_DATO), "label")
    s.put(row + 3, 1, "Difference (tilbagebetalt minus skyldigt)", "label")
    for j in range(m):
        s.put(row + 1, FIRST + j, None, "input")
        s.put(row + 2, FIRST + j, None, "input")
        paid, due = ref(row + 1, FIRST + j), ref(due_row, FIRST + j)
        s.put(row + 3, FIRST + j, f'=IF(OR({paid}="",{due}=""),"",{paid}-{due})', "formula", AMOUNT)
    layout.name(DSI_TILBAGEBETALT_BELOEB, SHEET, row + 1, FIRST, 1, m)
    layout.name(DSI_TILBAGEBETALT_DATO, SHEET, row + 2, FIRST, 1, m)
    row += 5

    year = a.renegotiation_year
    s.put(row, 1, f"Resultater for {year} (genforhandling af baseline)", "section")
    s.put(row, 2, clause(layout, "renegotiation"), "clause")
    for g, goal in enumerate(a.goals):
        s.put(row, FIRST + g, heading(goal), "header")
        s.put(row + 1, FIRST + g, None, "input")
        s.put(row + 2, FIRST + g, layout.plain(f"baseline_maal{goal.number}"), "formula", result_format(goal))
        s.put(row + 3, FIRST + g, yes_no("DSI_RENEGOTIATE", goal.number, ref(row + 1, FIRST + g)), "formula")
    s.put(row + 1, 1, f"{layout.label(DSI_BASELINE_2025)} ({year})", "label")
    s.put(row + 2, 1, "Baseline", "label")
    s.put(row + 3, 1, "Kan baseline genforhandles?", "label")
    layout.name(DSI_BASELINE_2025, SHEET, row + 1, FIRST, 1, len(a.goals))
