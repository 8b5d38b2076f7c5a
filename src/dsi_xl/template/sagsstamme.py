"""Sagsstamme: cases and filled advisor positions per quarter, caseload per advisor, breach flag.

Extra name: ``DSI_X_SAGSSTAMME_BRUD`` (1x1): every breach as the quarter completing it, newest first
(``"2027K3; 2026K3"``, reading 10), "Intet brud", or blank before any caseload is filled in. Text,
not FALSE: LibreOffice recalculates a saved logical value and would print ``#NAME?``.
"""

from __future__ import annotations

from dsi_xl.spec import DSI_KVARTAL, DSI_RAADGIVERE, DSI_SAGER, DSI_SAGSSTAMME, DSI_X_SAGSSTAMME_BRUD
from dsi_xl.template.layout import Layout, area, call, ref
from dsi_xl.template.styles import COUNT, DECIMAL
from dsi_xl.template.tilsagn import clause

SHEET = "Sagsstamme"
FIRST = 3


def breach_text(loads: str) -> str:
    """``IF(DSI_CASELOAD_BREACH(loads)=FALSE,"Intet brud",...)``: the breaches the caseloads in
    ``loads`` show, as text (see the module's docstring); the caller blanks it before any is filled in."""
    breach = call("DSI_CASELOAD_BREACH", loads)[1:]
    return f'IF({breach}=FALSE,"Intet brud",{breach})'


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    q = len(a.quarters)
    s.widths = {1: 48, 2: 12, **{c: 9 for c in range(FIRST, FIRST + q)}}
    s.title_rows = "1:4"
    s.put(1, 1, "Sagsstamme", "title")
    s.put(2, 1, f"Alle sager i {a.department} og besatte rådgiverstillinger ved hvert kvartal.", "note")
    s.put(4, 1, layout.label(DSI_KVARTAL), "header")
    s.put(4, 2, "Pkt.", "header")
    for j, quarter in enumerate(a.quarters):
        s.put(4, FIRST + j, quarter.label, "term")
    layout.name(DSI_KVARTAL, SHEET, 4, FIRST, 1, q)
    s.freeze = "C5"
    s.put(5, 1, layout.label(DSI_SAGER), "label")
    s.put(6, 1, layout.label(DSI_RAADGIVERE), "label")
    s.put(7, 1, layout.label(DSI_SAGSSTAMME), "total")
    s.put(7, 2, clause(layout, "caseload"), "clause")
    s.put(8, 1, "Over grænsen", "label")
    for j in range(q):
        s.put(5, FIRST + j, None, "input")
        s.put(6, FIRST + j, None, "input")
        s.put(7, FIRST + j, call("DSI_CASELOAD", ref(5, FIRST + j), ref(6, FIRST + j)), "formula")
        load = ref(7, FIRST + j)
        s.put(8, FIRST + j, f'=IF({load}="","",IF({load}>$C$11,"Ja","Nej"))', "formula")
    layout.name(DSI_SAGER, SHEET, 5, FIRST, 1, q)
    layout.name(DSI_RAADGIVERE, SHEET, 6, FIRST, 1, q)
    layout.name(DSI_SAGSSTAMME, SHEET, 7, FIRST, 1, q)
    s.put(10, 1, layout.label(DSI_X_SAGSSTAMME_BRUD), "label")
    s.put(10, 2, clause(layout, "caseload"), "clause")
    loads = area(7, FIRST, 1, q)
    s.put(10, FIRST, f'=IF(COUNT({loads})=0,"",{breach_text(loads)})', "formula")
    s.merge(10, FIRST, FIRST + 2)
    layout.name(DSI_X_SAGSSTAMME_BRUD, SHEET, 10, FIRST)
    s.put(11, 1, "Grænse pr. rådgiver", "label")
    s.put(11, FIRST, layout.plain("sagsstamme_graense"), "formula", DECIMAL)
    s.put(12, 1, "Kvartaler i træk over grænsen, der giver brud", "label")
    s.put(12, FIRST, layout.plain("sagsstamme_kvartaler"), "formula", COUNT)
