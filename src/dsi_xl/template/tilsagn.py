"""Tilsagn: the agreement's terms as locked values drawn from the agreement data, with clauses.

The terms are those in force on the day the template is built (reading 12). When amendments
are in force, a term they changed says so beside it ("Ændret ved"), and a table at the bottom
lists every amendment in force: number and date, text, clause, and each change's old and new
value. The rows above it are the same with or without amendments, so the formulas that refer
to this sheet are the same in a template built before or after an amendment.
"""

from __future__ import annotations

from decimal import Decimal

from dsi_xl.agreement import amendments
from dsi_xl.agreement.model import Agreement
from dsi_xl.agreement.terms import kind, path, terms
from dsi_xl.format import AMOUNT, DATE, EXCEL
from dsi_xl.money import to_excel
from dsi_xl.template.layout import Layout

SHEET = "Tilsagn"

# term key (or its prefix before the goal number) -> (Danish label, clause key); the kind of value each
# holds is the agreement's (dsi_xl.agreement.terms.kind)
LABELS = {
    "tilsagn_id": ("Tilsagnets id", None),
    "dsi": ("Tilskudsgiver", None),
    "dsi_cvr": ("Tilskudsgivers CVR", None),
    "kommune": ("Tilsagnsmodtager", None),
    "kommune_cvr": ("Tilsagnsmodtagers CVR", None),
    "indsats": ("Indsatsen", None),
    "afdeling": ("Afdeling", "caseload"),
    "indsats_start": ("Indsatsperiodens start", "effort_period"),
    "indsats_slut": ("Indsatsperiodens slut", "effort_period"),
    "tilskud": ("Tilskuddet", "grant"),
    "afkastloft": ("Afkastloft, alle mål tilsammen", "caps"),
    "sagsstamme_graense": ("Grænse for sagsstamme pr. rådgiver", "caseload"),
    "sagsstamme_kvartaler": ("Kvartaler i træk over grænsen", "caseload"),
    "afvigelse_graense_pct": ("Væsentlig afvigelse fra budgettet, over", "deviation"),
    "antal_rater": ("Udbetalingsrater", "installments"),
    "antal_maal": ("Betalingsmål", "goals"),
    "antal_maalinger": ("Målinger (tilbagebetalingsrater)", "goals"),
    "genforhandling_aar": ("År for genforhandling af baseline", "renegotiation"),
    "titel_maal": ("Titel, mål {n}", "goals"),
    "enhed_maal": ("Enhed, mål {n}", "goals"),
    "baseline_maal": ("Baseline, mål {n}", "goals"),
    "sats_maal": ("Beløb pr. procentpoint, mål {n}", "goals"),
    "loft_maal": ("Loft, mål {n}", "caps"),
    "genforhandling_maal": ("Afvigelse, der giver genforhandling, mål {n} (procentpoint)", "renegotiation"),
}
# a goal measured in its own unit (indicator "value"): its terms in that unit, shown with one
# decimal like its results (the format of "ratio")
IN_UNIT = {
    "baseline_maal": "Baseline, mål {n} ({unit})",
    "sats_maal": "Beløb pr. enhed, mål {n}",
    "genforhandling_maal": "Afvigelse, der giver genforhandling, mål {n} (i målets enhed)",
}
FORMATS = EXCEL


def _label(key: str, agreement: Agreement) -> tuple[str, str | None, str]:
    stem = key.rstrip("0123456789")
    label, clause = LABELS.get(key) or LABELS.get(stem, (key, None))
    n = key[len(stem):]
    goal = agreement.goal(int(n)) if n and stem in IN_UNIT else None
    if goal is not None and not goal.in_percent:
        return IN_UNIT[stem].format(n=n, unit=goal.unit), clause, kind(key, agreement)
    return label.format(n=n), clause, kind(key, agreement)


def _value(value):
    if isinstance(value, Decimal):
        return to_excel(value)
    return value if value is not None else "ingen"


def clause(layout: Layout, key: str | None) -> str:
    return layout.agreement.clauses.get(key, "") if key else ""


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    s.widths = {1: 52, 2: 44, 3: 18, 4: 18, 5: 18, 6: 18}
    s.pages = 2
    s.title_rows = "1:3"
    s.put(1, 1, "Tilsagnets vilkår", "title")
    s.put(2, 1, "Hentet fra tilsagnets data; låst. Ændringer aftales med DSI.", "note")
    s.put(3, 1, "Vilkår", "header")
    s.put(3, 2, "Værdi", "header")
    s.put(3, 3, "Pkt.", "header")
    s.freeze = "A4"
    amended = bool(a.amended)
    if amended:
        s.widths.update({4: 24, 6: 24})
        s.put(3, 4, CHANGED, "header")
    row = 3
    for key, value in terms(a).items():
        row += 1
        label, clause_key, kind = _label(key, a)
        s.put(row, 1, label, "label")
        s.put(row, 2, _value(value), "term", FORMATS[kind] if not isinstance(value, str) else None, wrap=kind == "text")
        s.put(row, 3, clause(layout, clause_key), "clause")
        _changed(s, a, row, 4, path(key))
        layout.place(key, SHEET, row, 2)
    row = _plan(s, layout, row + 2, "Udbetalingsplan", "installments",
                ("Rate", "Periode fra", "Periode til", "Frist", "Beløb"),
                [(f"Rate {i.number}", [(i.start, DATE), (i.end, DATE), (i.due, DATE),
                                       (to_excel(i.payable), AMOUNT)],
                  tuple(f"installments.{i.number}.{k}" for k in amendments.INSTALLMENT_KEYS))
                 for i in a.installments])
    row = _plan(s, layout, row + 2, "Tilbagebetalingsplan", "goals",
                ("Rate", "Måling fra", "Måling til", "Opgøres senest", "Betales senest"),
                [(f"Rate {r.number}: {r.label}", [(r.measurement_start, DATE), (r.measurement_end, DATE),
                                                  (r.statement_due, DATE), (r.payment_due, DATE)],
                  tuple(f"repayment_rates.{r.number}.{k}" for k in amendments.RATE_KEYS))
                 for r in a.repayment_rates], keys=(None, None, "opgoerelse", "tilbagebetaling"))
    if amended:
        _amendments(s, a, row + 2)


CHANGED = "Ændret ved"


def _changed(s, agreement, row: int, col: int, *terms: str | None) -> None:
    """Beside a term an amendment in force changed: which amendment (the last, if several)."""
    change = agreement.amendment_of(*terms)
    if change:
        s.put(row, col, change.amendment.title.capitalize(), "clause")


def _plan(s, layout, row: int, title: str, clause_key: str, heads: tuple[str, ...], rows: list,
          keys: tuple[str | None, ...] = ()) -> int:
    """A titled table of locked terms with its clause: one row per (label, [(value, format)],
    terms an amendment may have changed); ``keys`` names value columns whose cells are places
    (``<key>_<n>`` for the n-th row). Returns the last row written."""
    a = layout.agreement
    s.put(row, 1, title, "section")
    s.put(row, 3, clause(layout, clause_key), "clause")
    row += 1
    for col, head in enumerate(heads, start=1):
        s.put(row, col, head, "header")
    if a.amended:
        s.put(row, len(heads) + 1, CHANGED, "header")
    for n, (label, values, changeable) in enumerate(rows, start=1):
        row += 1
        s.put(row, 1, label, "label")
        for col, (value, fmt) in enumerate(values, start=2):
            s.put(row, col, value, "term", fmt)
            key = keys[col - 2] if col - 2 < len(keys) else None
            if key:
                layout.place(f"{key}_{n}", SHEET, row, col)
        _changed(s, a, row, len(heads) + 1, *changeable)
    return row


def _amendments(s, agreement, row: int) -> None:
    """The amendments in force, one row per change: the amendment (number and date, text and
    clause on its first row), the term, its value before and after."""
    s.put(row, 1, "Tillæg og DSI's afgørelser", "section")
    s.put(row + 1, 1, "Tillæg", "header")
    for col, head in enumerate(("Tekst", "Pkt.", "Vilkår", "Før", "Efter"), start=2):
        s.put(row + 1, col, head, "header")
    row += 1
    shown = None
    for change in agreement.amended:
        row += 1
        if change.amendment is not shown:
            shown = change.amendment
            s.put(row, 1, shown.title.capitalize(), "label")
            s.put(row, 2, shown.text, "label", wrap=True)
            s.put(row, 3, shown.clause, "clause")
        s.put(row, 4, amendments.label(agreement, change.term), "label", wrap=True)
        s.put(row, 5, amendments.shown(agreement, change.term, change.old), "term", wrap=True)
        s.put(row, 6, amendments.shown(agreement, change.term, change.new), "term", wrap=True)
