"""Status: the half-year status to the steering group (7.2), as of a day the accountant chooses.

One printable A4 page from the workbook's own figures: spending up to the day against the budget
for the period (DSI_BUDGET_TO_DATE), the installments received by then, the caseload of every
quarter over by then with any breach, each goal's measurements so far and the forecast repayment
(Prognose, expected scenario), and every deadline of the next twelve months (DSI_DEADLINES_AHEAD).

Every cell is blank until the status day is typed (DSI_X_STATUS_DATO, the one input); a figure of
a period not over by that day stays blank. Where a cell only shows another sheet's figure it is a
plain formula that every program computes; the DSI_ calls are guarded as everywhere in the
template (:func:`dsi_xl.template.layout.call`), so LibreOffice prints no ``#NAME?`` either.
"""

from __future__ import annotations

from dsi_xl.clauses import deadlines
from dsi_xl.money import to_excel
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_SAGSSTAMME,
    DSI_TILBAGEBETALING,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_X_FORPLIGTELSE_FORVENTET,
    DSI_X_RESULTATER,
    DSI_X_STATUS_DATO,
)
from dsi_xl.template import regnskab, sagsstamme, statement
from dsi_xl.template.layout import Layout, area, call, ref
from dsi_xl.template.styles import AMOUNT, COUNT, DATE, DECIMAL, PERCENT

SHEET = "Status"
DAY = "$B$4"  # the status day: every formula of the sheet reads it
FIRST = 2


def _blank_until(test: str, value: str) -> str:
    """``=IF(OR(status day blank, test),"",value)``: blank until the day is typed and ``test`` is false."""
    return f'=IF(OR({DAY}="",{test}),"",{value})'


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    m = len(a.repayment_rates)
    last = FIRST + max(m, 3)
    s.widths = {1: 46, **{c: 17 for c in range(FIRST, last + 1)}}
    s.orientation = "portrait"
    s.put(1, 1, "Status til styregruppen", "title")
    s.put(2, 1, f"Halvårlig status til styregruppen{statement.cited(a, 'steering')} fra "
          "projektmappens egne tal. Skriv statusdatoen; alle tal gælder til og med den dato, og tal for en periode, "
          "der ikke er slut, står tomme.", "note", wrap=True)
    s.merge(2, 1, last)
    s.put(4, 1, layout.label(DSI_X_STATUS_DATO), "total")
    s.put(4, FIRST, None, "input")
    layout.name(DSI_X_STATUS_DATO, SHEET, 4, FIRST)
    s.put(5, 1, "Indsatsperioden", "label")
    s.put(5, FIRST, layout.plain("indsats_start"), "formula", DATE)
    s.put(5, FIRST + 1, layout.plain("indsats_slut"), "formula", DATE)
    row = _economy(layout, s, 7, last)
    row = _installments(layout, s, row + 1)
    row = _caseload(layout, s, row + 1, last)
    row = _goals(layout, s, row + 1, m)
    _deadlines(layout, s, row + 1)


def _header(s, row: int, title: str, heads: tuple[str, ...]) -> None:
    s.put(row, 1, title, "section")
    for k, head in enumerate(heads):
        s.put(row, FIRST + k, head, "header")


def _economy(layout: Layout, s, row: int, last: int) -> int:
    a = layout.agreement
    _header(s, row, "Økonomi til og med statusdatoen", ("Budget for perioden", "Faktiske udgifter", "Afvigelse",
                                                        "Afvigelse i %"))
    years = area(regnskab.YEARS_ROW, regnskab.FIRST, 1, len(a.budget_years))  # Regnskab's header: the budget years
    top = row + 1
    for i, line in enumerate(a.budget_lines):
        r = top + i
        costs = layout.at(DSI_FAKTISK, i, 0) + ":" + ref(*layout.corner(DSI_FAKTISK, i, len(a.budget_years) - 1))
        s.put(r, 1, line.name, "label")
        s.put(r, FIRST, call("DSI_BUDGET_TO_DATE", i + 1, DAY), "formula", AMOUNT)
        s.put(r, FIRST + 1, _blank_until("FALSE", f'SUMIF(Regnskab!{years},"<="&YEAR({DAY}),{costs})'),
              "formula", AMOUNT)
        budget, spent = ref(r, FIRST), ref(r, FIRST + 1)
        s.put(r, FIRST + 2, f'=IF(OR({budget}="",{spent}=""),"",{spent}-{budget})', "formula", AMOUNT)
        s.put(r, FIRST + 3, f'=IF(OR({budget}="",{spent}="",N({budget})=0),"",({spent}-{budget})/{budget}*100)',
              "formula", PERCENT)
    total = top + len(a.budget_lines)
    s.put(total, 1, "I alt", "total")
    for k in range(3):
        column = area(top, FIRST + k, len(a.budget_lines), 1)
        s.put(total, FIRST + k, f'=IF({DAY}="","",SUM({column}))', "formula", AMOUNT)
    budget, gap = ref(total, FIRST), ref(total, FIRST + 2)
    s.put(total, FIRST + 3, f'=IF(OR({budget}="",N({budget})=0),"",{gap}/{budget}*100)', "formula", PERCENT)
    note = total + 1
    s.put(note, 1, "Budgettet for perioden er hvert års budget fordelt ligeligt på årets måneder i indsatsperioden, "
          "til og med statusdatoens måned. Udgifterne er arket Regnskabs faktiske udgifter for årene til og med "
          "statusdatoens år: hold regnskabsårets kolonne ajour med årets udgifter til dato.", "note", wrap=True)
    s.merge(note, 1, last)
    return note + 1


def _installments(layout: Layout, s, row: int) -> int:
    a = layout.agreement
    _header(s, row, "Udbetalinger modtaget til statusdatoen",
            ("Frist", "Beløb efter plan", "Modtaget dato", "Modtaget beløb"))
    top = row + 1
    for n, inst in enumerate(a.installments):
        r = top + n
        got_on, got = layout.at(DSI_UDBETALT_DATO, n), layout.at(DSI_UDBETALT_BELOEB, n)
        s.put(r, 1, regnskab.installment_label(inst), "label")
        s.put(r, FIRST, inst.due, "term", DATE)
        s.put(r, FIRST + 1, to_excel(inst.payable), "term", AMOUNT)
        s.put(r, FIRST + 2, _blank_until(f'{got_on}="",{got_on}>{DAY}', got_on), "formula", DATE)
        s.put(r, FIRST + 3, f'=IF({ref(r, FIRST + 2)}="","",{got})', "formula", AMOUNT)
    total = top + len(a.installments)
    s.put(total, 1, "I alt", "total")
    s.put(total, FIRST + 1, f"=SUM({area(top, FIRST + 1, len(a.installments), 1)})", "formula", AMOUNT)
    s.put(total, FIRST + 3, f'=IF({DAY}="","",SUM({area(top, FIRST + 3, len(a.installments), 1)}))', "formula",
          AMOUNT)
    return total + 1


def _caseload(layout: Layout, s, row: int, last: int) -> int:
    a = layout.agreement
    _header(s, row, "Sagsstamme pr. kvartal", ("Slutter", "Sagsstamme", "Over grænsen"))
    limit = layout.places["sagsstamme_graense"]
    top = row + 1
    for q, quarter in enumerate(a.quarters):
        r = top + q
        s.put(r, 1, quarter.label, "label")
        s.put(r, FIRST, quarter.end, "term", DATE)
        load = layout.at(DSI_SAGSSTAMME, 0, q)
        s.put(r, FIRST + 1, _blank_until(f"{ref(r, FIRST)}>{DAY}", f'IF({load}="","",{load})'), "formula", DECIMAL)
        shown = ref(r, FIRST + 1)
        s.put(r, FIRST + 2, f'=IF({shown}="","",IF({shown}>{limit},"Ja","Nej"))', "formula")
    bottom = top + len(a.quarters)
    loads = area(top, FIRST + 1, len(a.quarters), 1)
    s.put(bottom, 1, f"Brud: over grænsen {a.caseload_consecutive_quarters} kvartaler i træk{a.cite('caseload')}",
          "label")
    s.put(bottom, FIRST, f'=IF(OR({DAY}="",COUNT({loads})=0),"",{sagsstamme.breach_text(loads)})', "formula")
    s.merge(bottom, FIRST, last)
    return bottom + 1


def _goals(layout: Layout, s, row: int, m: int) -> int:
    a = layout.agreement
    _header(s, row, "Betalingsmål: målt indtil nu og prognose", (*(r.label for r in a.repayment_rates), "I alt"))
    ends = row + 1
    s.put(ends, 1, "Måleåret slutter", "label")
    for j, rate in enumerate(a.repayment_rates):
        s.put(ends, FIRST + j, rate.measurement_end, "term", DATE)
    for g, goal in enumerate(a.goals):
        r = ends + 1 + g
        s.put(r, 1, f"Mål {goal.number}: resultat (%)", "label")
        for j in range(m):
            result = layout.at(DSI_X_RESULTATER, g, j)
            s.put(r, FIRST + j, _blank_until(f"{ref(ends, FIRST + j)}>{DAY}", f'IF({result}="","",{result})'),
                  "formula", PERCENT)
    measured = ends + 1 + len(a.goals)
    forecast = measured + 1
    s.put(measured, 1, "Tilbagebetaling efter loft, målt", "label")
    s.put(forecast, 1, "Tilbagebetaling efter loft, prognose (forventet)", "label")
    for j in range(m):
        due, expected = layout.at(DSI_TILBAGEBETALING, 0, j), layout.at(DSI_X_FORPLIGTELSE_FORVENTET, 0, j)
        s.put(measured, FIRST + j, _blank_until(f"{ref(ends, FIRST + j)}>{DAY}", f'IF({due}="","",{due})'),
              "formula", AMOUNT)
        s.put(forecast, FIRST + j, f'=IF(OR({DAY}="",{expected}=""),"",{expected})', "formula", AMOUNT)
    for r in (measured, forecast):
        rates = area(r, FIRST, 1, m)
        s.put(r, FIRST + m, f'=IF(COUNT({rates})=0,"",SUM({rates}))', "formula", AMOUNT)
    return forecast + 1


def _deadlines(layout: Layout, s, row: int) -> None:
    a = layout.agreement
    rows = deadlines.most_within_a_year(a)
    _header(s, row, "Frister de næste 12 måneder", ("Dato",))
    count = row + 1
    ahead = call("DSI_DEADLINES_AHEAD", DAY)[1:]
    s.put(count, 1, "Antal frister", "label")
    s.put(count, FIRST, f'=IF({DAY}="","",COUNT({ahead}))', "formula", COUNT)
    for k in range(1, rows + 1):
        r = count + k
        test = f"{k}>{ref(count, FIRST)}"
        s.put(r, 1, _blank_until(test, f"INDEX({ahead},{k},2)"), "label")
        s.put(r, FIRST, _blank_until(test, f"INDEX({ahead},{k},1)"), "formula", DATE)
