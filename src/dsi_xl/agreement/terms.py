"""The agreement's terms by Danish key, for ``DSI_TERM(key)`` and the template's Tilsagn sheet.

Keys are stable: a workbook that asks for ``"tilskud"`` gets the grant of whatever agreement it
was built from. Per-goal keys end in the goal number (``"baseline_maal2"``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange

Term = Decimal | date | str | None


def terms(agreement: Agreement) -> dict[str, Term]:
    """Every term by key, in a stable order."""
    a = agreement
    result: dict[str, Term] = {
        "tilsagn_id": a.id,
        "dsi": a.grantor.name,
        "dsi_cvr": a.grantor.cvr,
        "kommune": a.recipient.name,
        "kommune_cvr": a.recipient.cvr,
        "indsats": a.effort_title,
        "afdeling": a.department,
        "indsats_start": a.effort_start,
        "indsats_slut": a.effort_end,
        "tilskud": a.grant,
        "afkastloft": a.total_cap,
        "sagsstamme_graense": a.caseload_limit,
        "sagsstamme_kvartaler": Decimal(a.caseload_consecutive_quarters),
        "afvigelse_graense_pct": a.deviation_threshold_percent,
        "antal_rater": Decimal(len(a.installments)),
        "antal_maal": Decimal(len(a.goals)),
        "antal_maalinger": Decimal(len(a.repayment_rates)),
        "genforhandling_aar": Decimal(a.renegotiation_year),
    }
    for goal in a.goals:
        n = goal.number
        result[f"titel_maal{n}"] = goal.title
        if not goal.in_percent:
            result[f"enhed_maal{n}"] = goal.unit
        result[f"baseline_maal{n}"] = goal.baseline
        result[f"sats_maal{n}"] = goal.dkk_per_point
        result[f"loft_maal{n}"] = goal.cap
        result[f"genforhandling_maal{n}"] = goal.renegotiation_threshold
    return result


#: The kind of value each term holds (:data:`dsi_xl.format.Holds`), by key or by the stem before a
#: goal's number: how a cell formats it and how Danish text writes it (a year as 2025, not 2.025).
KINDS: dict[str, str] = {
    "indsats_start": "date", "indsats_slut": "date", "tilskud": "amount", "afkastloft": "amount",
    "sagsstamme_graense": "number", "sagsstamme_kvartaler": "number", "afvigelse_graense_pct": "percent",
    "antal_rater": "number", "antal_maal": "number", "antal_maalinger": "number", "genforhandling_aar": "year",
    "baseline_maal": "percent", "sats_maal": "amount", "loft_maal": "amount", "genforhandling_maal": "number",
}


IN_UNIT: dict[str, str] = {"baseline_maal": "ratio", "genforhandling_maal": "ratio"}
"""A goal measured in its own unit (indicator "value"): these terms are in that unit, not percent."""


def kind(key: str, agreement: Agreement | None = None) -> str:
    """What the term ``key`` holds: ``"amount"``, ``"percent"``, ``"year"``, ...; text by default."""
    stem = key.rstrip("0123456789")
    number = key[len(stem):]
    if agreement is not None and number and stem in IN_UNIT and not agreement.goal(int(number)).in_percent:
        return IN_UNIT[stem]
    return KINDS.get(key) or KINDS.get(stem, "text")


# per-goal key (before the goal's number) -> the goal's key in the agreement file
GOAL_PATHS = {"baseline_maal": "baseline", "sats_maal": "dkk_per_point", "loft_maal": "cap"}


def path(key: str) -> str | None:
    """The path an amendment names a term by (``goals.2.baseline``) for a term key
    (``baseline_maal2``), or ``None`` when no amendment can change the term."""
    if key == "afkastloft":
        return "caps.total"
    stem = key.rstrip("0123456789")
    if stem in GOAL_PATHS and stem != key:
        return f"goals.{key[len(stem):]}.{GOAL_PATHS[stem]}"
    return None


def term(agreement: Agreement, key: str) -> Term:
    """One term by key; an unknown key raises the project's error listing the known ones."""
    all_terms = terms(agreement)
    normalised = key.strip().lower() if isinstance(key, str) else key
    if normalised not in all_terms:
        raise OutOfRange("Nøgle", "en af " + ", ".join(all_terms), key)
    return all_terms[normalised]
