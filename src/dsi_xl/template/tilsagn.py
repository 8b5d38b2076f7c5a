"""Tilsagn: the agreement's terms as locked values drawn from the agreement data, with clauses."""

from __future__ import annotations

from decimal import Decimal

from dsi_xl.agreement.terms import terms
from dsi_xl.money import to_excel
from dsi_xl.template.layout import Layout
from dsi_xl.template.styles import AMOUNT, DATE, PERCENT

SHEET = "Tilsagn"

# term key (or its prefix before the goal number) -> (Danish label, clause key, kind of value)
LABELS = {
    "tilsagn_id": ("Tilsagnets id", None, "text"),
    "dsi": ("Tilskudsgiver", None, "text"),
    "dsi_cvr": ("Tilskudsgivers CVR", None, "text"),
    "kommune": ("Tilsagnsmodtager", None, "text"),
    "kommune_cvr": ("Tilsagnsmodtagers CVR", None, "text"),
    "indsats": ("Indsatsen", None, "text"),
    "afdeling": ("Afdeling", "caseload", "text"),
    "indsats_start": ("Indsatsperiodens start", "effort_period", "date"),
    "indsats_slut": ("Indsatsperiodens slut", "effort_period", "date"),
    "tilskud": ("Tilskuddet", "grant", "amount"),
    "afkastloft": ("Afkastloft, alle mål i alt", "caps", "amount"),
    "sagsstamme_graense": ("Grænse for sagsstamme pr. rådgiver", "caseload", "number"),
    "sagsstamme_kvartaler": ("Kvartaler i træk over grænsen", "caseload", "number"),
    "afvigelse_graense_pct": ("Væsentlig afvigelse fra budgettet, over", "deviation", "percent"),
    "antal_rater": ("Udbetalingsrater", "installments", "number"),
    "antal_maal": ("Betalingsmål", "goals", "number"),
    "antal_maalinger": ("Målinger (tilbagebetalingsrater)", "goals", "number"),
    "genforhandling_aar": ("År for genforhandling af baseline", "renegotiation", "number"),
    "titel_maal": ("Titel, mål {n}", "goals", "text"),
    "baseline_maal": ("Baseline, mål {n}", "goals", "percent"),
    "sats_maal": ("Beløb pr. procentpoint, mål {n}", "goals", "amount"),
    "loft_maal": ("Loft, mål {n}", "caps", "amount"),
    "genforhandling_maal": ("Afvigelse, der giver genforhandling, mål {n} (procentpoint)", "renegotiation", "number"),
}
FORMATS = {"amount": AMOUNT, "percent": PERCENT, "date": DATE, "number": "#,##0.##", "text": None}


def _label(key: str) -> tuple[str, str | None, str]:
    if key in LABELS:
        return LABELS[key]
    stem = key.rstrip("0123456789")
    label, clause, kind = LABELS.get(stem, (key, None, "text"))
    return label.format(n=key[len(stem):]), clause, kind


def _value(value):
    if isinstance(value, Decimal):
        return to_excel(value)
    return value if value is not None else "ingen"


def clause(layout: Layout, key: str | None) -> str:
    return layout.agreement.clauses.get(key, "") if key else ""


def lay(layout: Layout) -> None:
    a = layout.agreement
    s = layout.sheet(SHEET)
    s.widths = {1: 52, 2: 44, 3: 16, 4: 16, 5: 16, 6: 18}
    s.put(1, 1, "Tilsagnets vilkår", "title")
    s.put(2, 1, "Hentet fra tilsagnets data; låst. Ændringer aftales med DSI.", "note")
    s.put(3, 1, "Vilkår", "header")
    s.put(3, 2, "Værdi", "header")
    s.put(3, 3, "Pkt.", "header")
    s.freeze = "A4"
    row = 3
    for key, value in terms(a).items():
        row += 1
        label, clause_key, kind = _label(key)
        s.put(row, 1, label, "label")
        s.put(row, 2, _value(value), "term", FORMATS[kind] if not isinstance(value, str) else None, wrap=kind == "text")
        s.put(row, 3, clause(layout, clause_key), "clause")
    row += 2
    s.put(row, 1, "Udbetalingsplan", "section")
    s.put(row, 3, clause(layout, "installments"), "clause")
    row += 1
    for col, head in enumerate(("Rate", "Periode fra", "Periode til", "Frist", "Beløb"), start=1):
        s.put(row, col, head, "header")
    for inst in a.installments:
        row += 1
        s.put(row, 1, f"Rate {inst.number}", "label")
        for col, (value, fmt) in enumerate(((inst.start, DATE), (inst.end, DATE), (inst.due, DATE),
                                            (to_excel(inst.amount), AMOUNT)), start=2):
            s.put(row, col, value, "term", fmt)
    row += 2
    s.put(row, 1, "Tilbagebetalingsplan", "section")
    s.put(row, 3, clause(layout, "goals"), "clause")
    row += 1
    for col, head in enumerate(("Rate", "Måling fra", "Måling til", "Opgøres senest", "Betales senest"), start=1):
        s.put(row, col, head, "header")
    for rate in a.repayment_rates:
        row += 1
        s.put(row, 1, f"Rate {rate.number}: {rate.label}", "label")
        for col, value in enumerate((rate.measurement_start, rate.measurement_end, rate.statement_due,
                                     rate.payment_due), start=2):
            s.put(row, col, value, "term", DATE)
