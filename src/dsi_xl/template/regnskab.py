"""Regnskab: budget, actual costs, deviations, explanations, installments, accrual, unused grant."""

from __future__ import annotations

from dsi_xl.agreement.model import Installment
from dsi_xl.format import day
from dsi_xl.money import to_excel
from dsi_xl.spec import (
    BY_NAME,
    DSI_AFVIGELSE_FORKLARING,
    DSI_BUDGET,
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_REGNSKABSAAR,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
)
from dsi_xl.template.layout import Layout, area, call, quoted, ref
from dsi_xl.template.styles import AMOUNT, DATE, PERCENT
from dsi_xl.template.tilsagn import clause

SHEET = "Regnskab"
FIRST = 3  # first figure column (C)
YEARS_ROW = 3  # the header row that holds the budget years (the Status sheet sums by them)
REPAID = DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB
REPAID_ON = DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO
#: Reading 5's inputs: the installments, the actual-costs grid, the accrual, the accounts year and
#: what was repaid for earlier years (the same core as the validator's).
_UNUSED_ARGS = (DSI_UDBETALT_BELOEB, DSI_FAKTISK, DSI_PERIODISERING, DSI_REGNSKABSAAR, DSI_UDBETALT_DATO, REPAID)
#: Reading 5: the accounts year's unused grant.
UNUSED_FORMULA = call("DSI_UNUSED_GRANT", *_UNUSED_ARGS)
#: Its terms, one per row (DSI_UNUSED_GRANT_TERMS), for the lines the sheet prints above the result.
TERMS_CALL = call("DSI_UNUSED_GRANT_TERMS", *_UNUSED_ARGS)
#: The terms are blank, as the result is, until an accounts year is chosen and something was received and spent.
UNUSED_BLANK = (f'OR({DSI_REGNSKABSAAR}="",COUNT({DSI_UDBETALT_BELOEB})=0,COUNT({DSI_FAKTISK})=0)')


def _section(layout: Layout, row: int, text: str, clause_key: str | None) -> None:
    s = layout.sheets[SHEET]
    s.put(row, 1, text, "section")
    s.put(row, 2, clause(layout, clause_key), "clause")


def _by_line(layout: Layout, top: int, title: str, clause_key: str, make, total: bool) -> int:
    """A block of one row per budget line and one column per year; returns the next free row."""
    a = layout.agreement
    s = layout.sheets[SHEET]
    years = len(a.budget_years)
    _section(layout, top, title, clause_key)
    for i, line in enumerate(a.budget_lines):
        row = top + 1 + i
        s.put(row, 1, line.name, "label")
        for j in range(years):
            make(s, row, FIRST + j, i, j)
        if total:
            s.put(row, FIRST + years, f"=SUM({area(row, FIRST, 1, years)})", "formula", AMOUNT)
    row = top + 1 + len(a.budget_lines)
    if total:
        s.put(row, 1, "I alt", "total")
        for j in range(years + 1):
            s.put(row, FIRST + j, f"=SUM({area(top + 1, FIRST + j, len(a.budget_lines), 1)})", "formula", AMOUNT)
        row += 1
    return row + 1


def installment_label(inst: Installment) -> str:
    """An installment's row label, on Regnskab and Status alike: its number, its period, and
    whether DSI withholds it."""
    held = ", tilbageholdt" if inst.withheld else ""
    return f"Rate {inst.number} ({day(inst.start)} til {day(inst.end)}){held}"


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    years, lines = len(a.budget_years), len(a.budget_lines)
    last = max(FIRST + years, FIRST + 4)
    s.widths = {1: 40, 2: 16, **{c: 17 for c in range(FIRST, last + 1)}}
    s.title_rows = "1:2"  # the years' header belongs to the first page; the second has its own headers
    s.put(1, 1, "Regnskab", "title")
    s.put(
        2,
        1,
        "Beløb i kr. pr. kalenderår. Udfyld faktiske udgifter til og med regnskabsåret; senere år står tomme.",
        "note",
    )
    s.put(3, 1, "", "header")
    s.put(3, 2, "Pkt.", "header")
    for j, year in enumerate(a.budget_years):
        s.put(YEARS_ROW, FIRST + j, year, "header")
    s.put(YEARS_ROW, FIRST + years, "I alt", "header")
    s.freeze = "C4"

    def budget(s, row, col, i, j):
        s.put(row, col, to_excel(a.budget_lines[i].amounts[j]), "term")

    budget_top = 4
    row = _by_line(layout, budget_top, layout.label(DSI_BUDGET), "budget", budget, True)
    layout.name(DSI_BUDGET, SHEET, budget_top + 1, FIRST, lines, years)

    def actual(s, row, col, i, j):
        s.put(row, col, None, "input")

    actual_top = row
    row = _by_line(layout, actual_top, layout.label(DSI_FAKTISK), "use", actual, True)
    layout.name(DSI_FAKTISK, SHEET, actual_top + 1, FIRST, lines, years)

    def difference(s, row, col, i, j):
        b, f = ref(budget_top + 1 + i, col), ref(actual_top + 1 + i, col)
        s.put(row, col, f'=IF({f}="","",{f}-{b})', "formula", AMOUNT)

    row = _by_line(layout, row, "Afvigelse i kr. (faktisk minus budget)", "reduction", difference, False)

    def percent(s, row, col, i, j):
        b, f = ref(budget_top + 1 + i, col), ref(actual_top + 1 + i, col)
        s.put(row, col, f'=IF(OR({f}="",{b}=0),"",({f}-{b})/{b}*100)', "formula", PERCENT)

    row = _by_line(layout, row, "Afvigelse i % af budgettet", "deviation", percent, False)
    s.put(row - 1, 1, "Væsentlig afvigelse er over", "note")
    s.put(row - 1, FIRST, layout.plain("afvigelse_graense_pct"), "formula", PERCENT)
    row += 1

    _section(layout, row, layout.label(DSI_AFVIGELSE_FORKLARING), "deviation")
    for i, line in enumerate(a.budget_lines):
        r = row + 1 + i
        s.put(r, 1, line.name, "label")
        s.put(r, FIRST, None, "input", wrap=True)
        s.merge(r, FIRST, last)
        s.heights[r] = 32
    layout.name(DSI_AFVIGELSE_FORKLARING, SHEET, row + 1, FIRST, lines, 1)
    row += lines + 2

    s.breaks.append(row - 1)  # the money in and what is left of it on a page of their own
    _section(layout, row, "Udbetalinger", "installments")
    heads = ("Frist", "Beløb efter plan", layout.label(DSI_UDBETALT_DATO), layout.label(DSI_UDBETALT_BELOEB),
             "Difference")
    for k, head in enumerate(heads):
        s.put(row, FIRST + k, head, "header")
    count = len(a.installments)
    for n, inst in enumerate(a.installments):
        r = row + 1 + n
        s.put(r, 1, installment_label(inst), "label")
        s.put(r, FIRST, inst.due, "term", DATE)
        s.put(r, FIRST + 1, to_excel(inst.payable), "term", AMOUNT)
        s.put(r, FIRST + 2, None, "input")
        s.put(r, FIRST + 3, None, "input")
        got, plan = ref(r, FIRST + 3), ref(r, FIRST + 1)
        s.put(r, FIRST + 4, f'=IF({got}="","",{got}-{plan})', "formula", AMOUNT)
    layout.name(DSI_UDBETALT_DATO, SHEET, row + 1, FIRST + 2, count, 1)
    layout.name(DSI_UDBETALT_BELOEB, SHEET, row + 1, FIRST + 3, count, 1)
    total = row + 1 + count  # every installment of the table, received whenever: the sum of the lines above
    s.put(total, 1, "I alt", "total")
    for k in (1, 3, 4):
        s.put(total, FIRST + k, f"=SUM({area(row + 1, FIRST + k, count, 1)})", "formula", AMOUNT)
    row = total + 2

    s.put(row, 1, "Tilbagebetalt for tidligere år", "section")
    s.put(row, 2, clause(layout, "unused_grant"), "clause")
    for j, year in enumerate(a.budget_years):
        s.put(row, FIRST + j, year, "header")
    s.put(row + 1, 1, layout.label(REPAID), "label")
    s.put(row + 2, 1, layout.label(REPAID_ON), "label")
    for j in range(years):
        s.put(row + 1, FIRST + j, None, "input")
        s.put(row + 2, FIRST + j, None, "input")
    layout.name(REPAID, SHEET, row + 1, FIRST, 1, years)
    layout.name(REPAID_ON, SHEET, row + 2, FIRST, 1, years)
    s.put(row + 3, 1, "Skriv for hvert tidligere regnskabsår, hvad der er tilbagebetalt af årets ikke-anvendte "
          "tilskud, og hvornår. Regnskabsårets egen kolonne og senere år står tomme.", "note")
    row += 5

    _unused_grant(layout, row, last)


#: The unused-grant block, every term of reading 5's sum in order: (label, term of
#: DSI_UNUSED_GRANT_TERMS or the input/formula name, clause). The result is the sum of the
#: lines printed above it, signs in the labels; the unused grant is never below 0, so what was
#: spent beyond the grant received is a term of its own (0 unless the grant did not cover it).
UNUSED_LINES = (
    ("Modtaget tilskud senest 31.12. i regnskabsåret", 1, "unused_grant"),
    ("− Faktiske udgifter til og med regnskabsåret", 2, None),
    ("− " + BY_NAME[DSI_PERIODISERING].label, DSI_PERIODISERING, None),
    ("− Tilbagebetalt for tidligere år", 4, None),
    ("+ Udgifter ud over modtaget tilskud", 5, None),
    ("I alt: til tilbagebetaling", DSI_IKKE_ANVENDT, "unused_grant"),
)


def _unused_grant(layout: Layout, row: int, last: int) -> None:
    """The block from ``row``; ``last``: the sheet's last column (the explanation is merged up to it)."""
    s = layout.sheets[SHEET]
    _section(layout, row, "Ikke-anvendt tilskud", "unused_grant")
    s.put(row, FIRST, "Beløb", "header")
    terms = TERMS_CALL[1:]
    for k, (label, term, clause_key) in enumerate(UNUSED_LINES):
        r = row + 1 + k
        s.put(r, 1, label, "total" if term == DSI_IKKE_ANVENDT else "label")
        if clause_key and k:
            s.put(r, 2, clause(layout, clause_key), "clause")
        if term == DSI_PERIODISERING:
            s.put(r, FIRST, None, "input")
        elif term == DSI_IKKE_ANVENDT:
            s.put(r, FIRST, f'=IF({UNUSED_BLANK},"",{UNUSED_FORMULA[1:]})', "formula")
            s.previous[(r, FIRST)] = UNUSED_FORMULA
        else:
            s.put(r, FIRST, f'=IF({UNUSED_BLANK},"",INDEX({terms},{term},1))', "formula", AMOUNT)
        if isinstance(term, str):
            layout.name(term, SHEET, r, FIRST)
    r = row + 1 + len(UNUSED_LINES)
    s.put(r, 1, layout.label(DSI_PERIODISERING_FORKLARING), "label")
    s.put(r, FIRST, None, "input", wrap=True)
    s.merge(r, FIRST, last)
    s.heights[r] = 32
    layout.name(DSI_PERIODISERING_FORKLARING, SHEET, r, FIRST)
    for k, (label, kind, clause_key) in enumerate((("Regnskabet afleveres senest", "regnskab", "accounts"),
                                                    ("Ikke-anvendt tilskud betales senest", "ikke_anvendt",
                                                     "unused_grant"))):
        at = r + 1 + k
        s.put(at, 1, label, "label")
        s.put(at, 2, clause(layout, clause_key), "clause")
        deadline = call("DSI_DEADLINE", quoted(kind), DSI_REGNSKABSAAR)
        s.put(at, FIRST, f'=IF({DSI_REGNSKABSAAR}="","",{deadline[1:]})', "formula", DATE)
        s.previous[(at, FIRST)] = deadline
