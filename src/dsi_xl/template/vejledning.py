"""Vejledning: how to fill in the template, the colour legend, the DSI_ functions, and what the
yellow, blue and #NAVN? cells mean where the add-in is missing."""

from __future__ import annotations

from dsi_xl.spec import DSI_SKABELON_VERSION, DSI_TILSAGN_ID, TEMPLATE_VERSION
from dsi_xl.template.layout import Layout
from dsi_xl.template.styles import LEGEND

SHEET = "Vejledning"

STEPS = (
    "1. Udfyld Stamdata: kommune, CVR-nummer, regnskabsår, kontaktperson og den, der underskriver.",
    "2. Udfyld Regnskab: faktiske udgifter for hvert år til og med regnskabsåret, modtagne rater, "
    "en eventuel periodisering og forklaringer på væsentlige afvigelser.",
    "3. Udfyld Betalingsmål for de måleår, regnskabet skal opgøre, og resultaterne for 2025.",
    "4. Udfyld Sagsstamme for hvert kvartal til og med regnskabsåret.",
    "5. Udfyld gerne Prognose: forventede resultater giver den mulige forpligtelse.",
    "6. Klik Validér regnskab på fanen DSI (eller kør dsi-xl validate) og ret alle fejl før afsendelse.",
)

FUNCTIONS = (
    ("DSI_TURNOVER, DSI_SHARE", "Målenes resultater i procent (personaleomsætning, andele)."),
    ("DSI_PAYMENT", "Et måls beløb for et resultat, før lofterne (ét for hvert mål: DSI_PAYMENT(mål; resultat))."),
    ("DSI_REPAYMENT", "Tilbagebetaling pr. rate efter lofterne{caps}."),
    ("DSI_UNUSED_GRANT", "Ikke-anvendt tilskud til tilbagebetaling{unused_grant}."),
    ("DSI_CASELOAD, DSI_CASELOAD_BREACH", "Sagsstamme pr. rådgiver og brud på grænsen{caseload}."),
    ("DSI_DEADLINE, DSI_RENEGOTIATE", "Frister for regnskab og ikke-anvendt tilskud; genforhandling af baseline."),
    ("DSI_TERM", "Et af tilsagnets vilkår (skabelonen henter dem fra arket Tilsagn)."),
)

#: What each kind of cell shows where the add-in is missing (LibreOffice, a PC without dsi-xl):
#: (legend sample kind, Danish text).
WITHOUT_ADDIN = (
    ("input", "Gule celler (indtastning) udfyldes som altid. Dine tal gemmes i filen, og DSI validerer dem, "
              "også når tilføjelsesprogrammet mangler."),
    ("formula", "Blå celler (formler) viser de værdier, der sidst blev beregnet; skabelonen leveres med "
                "beregnede værdier. Celler, der kun viser tilsagnets faste vilkår (baseline, grænser, frister), "
                "henter dem fra arket Tilsagn og vises altid. Celler med DSI_-funktioner beregnes først igen, "
                "når tilføjelsesprogrammet er indlæst."),
    ("error", "#NAVN? (i engelsk Excel og LibreOffice #NAME?) i en blå celle betyder, at programmet ikke kender "
              "DSI_-funktionen, fordi tilføjelsesprogrammet dsi-xl ikke er indlæst. Det er ikke en fejl i dine tal. "
              "Bed jeres it-afdeling om at installere tilføjelsesprogrammet dsi_xl.xlam (DSI har vejledningen), "
              "åbn filen igen, og genberegn med Ctrl+Alt+F9."),
    ("note", "Skriv aldrig tal ind over formlerne: DSI's validering kræver skabelonens formler."),
)


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    s.widths = {1: 40, 2: 72}
    s.orientation = "portrait"
    s.title_rows = "1:2"
    s.put(1, 1, "Regnskabsskabelon for Den Sociale Investeringsfond", "title")
    s.put(2, 1, a.title, "note")
    s.put(4, 1, layout.label(DSI_SKABELON_VERSION), "label")
    s.put(4, 2, TEMPLATE_VERSION, "term")
    layout.name(DSI_SKABELON_VERSION, SHEET, 4, 2)
    s.put(5, 1, layout.label(DSI_TILSAGN_ID), "label")
    s.put(5, 2, a.id, "term")
    layout.name(DSI_TILSAGN_ID, SHEET, 5, 2)
    s.put(6, 1, "dsi-xl, der har regnet", "label")
    s.put(6, 2, "=DSI_VERSION()", "formula")
    row = 8
    s.put(row, 1, "Sådan udfylder du skabelonen", "section")
    for step in STEPS:
        row += 1
        s.put(row, 1, step, "label", wrap=True)
        s.merge(row, 1, 2)
    row += 2
    s.put(row, 1, "Farver", "section")
    for kind, text in LEGEND:
        row += 1
        s.put(row, 1, "", f"legend:{kind}")
        s.put(row, 2, text, "label")
    row += 1
    s.put(row, 1, "Alle andre celler er låste. Arkbeskyttelsen har ingen adgangskode.", "note")
    s.merge(row, 1, 2)
    row += 2
    s.put(row, 1, "DSI_-funktionerne", "section")
    cited = {key: a.cite(key) for key in ("caps", "unused_grant", "caseload")}  # the agreement's own clauses
    for function, text in FUNCTIONS:
        row += 1
        s.put(row, 1, function, "label", wrap=True)
        s.put(row, 2, text.format(**cited), "label", wrap=True)
    row += 1
    s.put(row, 1, f"Hver formel giver tilsagnets id ({DSI_TILSAGN_ID}) som sidste argument, så den regner "
              "med netop dette tilsagns tal. Tomme indtastninger giver tomme resultater.", "note", wrap=True)
    s.merge(row, 1, 2)
    row += 2
    s.put(row, 1, "Uden tilføjelsesprogrammet: gule, blå og #NAVN?-celler", "section")
    for kind, text in WITHOUT_ADDIN:
        row += 1
        if kind in ("input", "formula"):
            s.put(row, 1, "", f"legend:{kind}")
        elif kind == "error":
            s.put(row, 1, "#NAVN?", "legend:formula")
        s.put(row, 2, text, "label", wrap=True)
    row += 2
    s.put(row, 1, "Punkt-henvisninger (fx 4.3, Bilag 5.1) står ud for tallene og peger på tilsagnet.", "note")
    s.merge(row, 1, 2)
