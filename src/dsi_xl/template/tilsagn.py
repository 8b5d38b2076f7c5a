"""Tilsagn: the agreement's terms as locked values drawn from the agreement data, with clauses."""

from __future__ import annotations

from decimal import Decimal

from dsi_xl.agreement.model import Agreement
from dsi_xl.agreement.terms import kind, terms
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


def _label(key: str, agreement: Agreement | None = None) -> tuple[str, str | None, str]:
    stem = key.rstrip("0123456789")
    label, clause = LABELS.get(key) or LABELS.get(stem, (key, None))
    n = key[len(stem):]
    goal = agreement.goal(int(n)) if agreement is not None and n and stem in IN_UNIT else None
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
    row = 3
    for key, value in terms(a).items():
        row += 1
        label, clause_key, kind = _label(key, a)
        s.put(row, 1, label, "label")
        s.put(row, 2, _value(value), "term", FORMATS[kind] if not isinstance(value, str) else None, wrap=kind == "text")
        s.put(row, 3, clause(layout, clause_key), "clause")
        layout.place(key, SHEET, row, 2)
    row = _plan(s, layout, row + 2, "Udbetalingsplan", "installments",
                ("Rate", "Periode fra", "Periode til", "Frist", "Beløb"),
                [(f"Rate {i.number}", [(i.start, DATE), (i.end, DATE), (i.due, DATE), (to_excel(i.amount), AMOUNT)])
                 for i in a.installments])
    _plan(s, layout, row + 2, "Tilbagebetalingsplan", "goals",
          ("Rate", "Måling fra", "Måling til", "Opgøres senest", "Betales senest"),
          [(f"Rate {r.number}: {r.label}", [(r.measurement_start, DATE), (r.measurement_end, DATE),
                                            (r.statement_due, DATE), (r.payment_due, DATE)])
           for r in a.repayment_rates], keys=(None, None, "opgoerelse", "tilbagebetaling"))


def _plan(s, layout, row: int, title: str, clause_key: str, heads: tuple[str, ...], rows: list,
          keys: tuple[str | None, ...] = ()) -> int:
    """A titled table of locked terms with its clause: one row per (label, [(value, format)]);
    ``keys`` names value columns whose cells are places (``<key>_<n>`` for the n-th row).
    Returns the last row written."""
    s.put(row, 1, title, "section")
    s.put(row, 3, clause(layout, clause_key), "clause")
    row += 1
    for col, head in enumerate(heads, start=1):
        s.put(row, col, head, "header")
    for n, (label, values) in enumerate(rows, start=1):
        row += 1
        s.put(row, 1, label, "label")
        for col, (value, fmt) in enumerate(values, start=2):
            s.put(row, col, value, "term", fmt)
            key = keys[col - 2] if col - 2 < len(keys) else None
            if key:
                layout.place(f"{key}_{n}", SHEET, row, col)
    return row
