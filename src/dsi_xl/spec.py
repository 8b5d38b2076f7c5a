"""The template's defined names: every fact about each, in one place.

This module is the contract of ``REGNSKABSSKABELON.md`` (shared with DSI) as data, plus the
template's own ``DSI_X_`` names. Each :class:`NameSpec` says

- the name, as a constant of this module (``DSI_CVR``): other modules never spell a name;
- its sheet and its shape as a function of the agreement (budget lines x years, 1 x measurements...);
- whether the accountant types it (``input``), the template computes it (``formula``) or it holds
  the agreement's terms (``locked``);
- its Danish label, used in messages and in the generated documentation;
- what it holds (:data:`dsi_xl.format.Holds`: amount, percent, ratio, count, number, date, text,
  year), from which its Excel number format and its Danish rendering follow;
- its role in a payment goal (``part``, ``whole`` or ``result``), see :data:`GOAL_SLOTS`.

The template builder lays the names out, the readers fetch them, the validator checks them and the
reports show them; none of them spells a name on its own (a test keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from dsi_xl import format as fmt
from dsi_xl.agreement.model import Agreement, Goal

Kind = Literal["input", "formula", "locked"]
GoalRole = Literal["part", "whole", "result"]

TEMPLATE_VERSION = "1.1"
KNOWN_VERSIONS = ("1.0", "1.1")  # a 1.0 file lacks the names marked since="1.1"
REPORT_SHEET = "Valideringsrapport"


@dataclass(frozen=True, slots=True)
class Shape:
    """A range's shape for an agreement, with its Danish description for the documentation."""

    text: str
    of: Callable[[Agreement], tuple[int, int]]


ONE = Shape("1 × 1", lambda a: (1, 1))
LINES_YEARS = Shape("budgetlinjer × budgetår", lambda a: (len(a.budget_lines), len(a.budget_years)))
LINES = Shape("budgetlinjer × 1", lambda a: (len(a.budget_lines), 1))
YEARS = Shape("1 × budgetår", lambda a: (1, len(a.budget_years)))
INSTALLMENTS = Shape("udbetalingsrater × 1", lambda a: (len(a.installments), 1))
MEASUREMENTS = Shape("1 × målinger", lambda a: (1, len(a.repayment_rates)))
MONTHS_MEASUREMENTS = Shape("12 måneder × målinger", lambda a: (12, len(a.repayment_rates)))
GOALS_MEASUREMENTS = Shape("betalingsmål × målinger", lambda a: (len(a.goals), len(a.repayment_rates)))
GOALS = Shape("1 × betalingsmål", lambda a: (1, len(a.goals)))
QUARTERS = Shape("1 × kvartaler", lambda a: (1, len(a.quarters)))


@dataclass(frozen=True, slots=True)
class NameSpec:
    """One workbook-scoped defined name of the template."""

    name: str
    sheet: str
    kind: Kind
    shape: Shape
    holds: fmt.Holds
    label: str  # Danish: what the range holds, for messages and the documentation
    since: str = "1.0"  # the template version that introduced the name
    goal: GoalRole | None = None  # its role in a payment goal
    extra: bool = False  # the template's own DSI_X_ name, not part of DSI's contract

    def shape_for(self, agreement: Agreement) -> tuple[int, int]:
        return self.shape.of(agreement)

    @property
    def number_format(self) -> str | None:
        """The Excel number format of the name's cells."""
        return fmt.EXCEL[self.holds]

    def render(self, value: Any) -> str:
        """A value of this name in Danish, as a message or a report shows it."""
        return fmt.render(self.holds, value)


# The names, each a constant spelled once.
DSI_SKABELON_VERSION = "DSI_SKABELON_VERSION"
DSI_TILSAGN_ID = "DSI_TILSAGN_ID"
DSI_KOMMUNE = "DSI_KOMMUNE"
DSI_CVR = "DSI_CVR"
DSI_REGNSKABSAAR = "DSI_REGNSKABSAAR"
DSI_KONTAKT_NAVN = "DSI_KONTAKT_NAVN"
DSI_KONTAKT_EMAIL = "DSI_KONTAKT_EMAIL"
DSI_UNDERSKRIVER_NAVN = "DSI_UNDERSKRIVER_NAVN"
DSI_UNDERSKRIVER_TITEL = "DSI_UNDERSKRIVER_TITEL"
DSI_UNDERSKRIFT_DATO = "DSI_UNDERSKRIFT_DATO"
DSI_BUDGET = "DSI_BUDGET"
DSI_FAKTISK = "DSI_FAKTISK"
DSI_AFVIGELSE_FORKLARING = "DSI_AFVIGELSE_FORKLARING"
DSI_UDBETALT_DATO = "DSI_UDBETALT_DATO"
DSI_UDBETALT_BELOEB = "DSI_UDBETALT_BELOEB"
DSI_PERIODISERING = "DSI_PERIODISERING"
DSI_PERIODISERING_FORKLARING = "DSI_PERIODISERING_FORKLARING"
DSI_IKKE_ANVENDT = "DSI_IKKE_ANVENDT"
DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB = "DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB"
DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO = "DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO"
DSI_M1_FRATRAEDELSER = "DSI_M1_FRATRAEDELSER"
DSI_M1_ANSATTE = "DSI_M1_ANSATTE"
DSI_M1_RESULTAT = "DSI_M1_RESULTAT"
DSI_M2_AFSLUTTEDE = "DSI_M2_AFSLUTTEDE"
DSI_M2_SAGER = "DSI_M2_SAGER"
DSI_M2_RESULTAT = "DSI_M2_RESULTAT"
DSI_M3_OVERGAAET = "DSI_M3_OVERGAAET"
DSI_M3_BORGERE = "DSI_M3_BORGERE"
DSI_M3_RESULTAT = "DSI_M3_RESULTAT"
DSI_BETALING = "DSI_BETALING"
DSI_TILBAGEBETALING = "DSI_TILBAGEBETALING"
DSI_TILBAGEBETALT_DATO = "DSI_TILBAGEBETALT_DATO"
DSI_TILBAGEBETALT_BELOEB = "DSI_TILBAGEBETALT_BELOEB"
DSI_BASELINE_2025 = "DSI_BASELINE_2025"
DSI_KVARTAL = "DSI_KVARTAL"
DSI_SAGER = "DSI_SAGER"
DSI_RAADGIVERE = "DSI_RAADGIVERE"
DSI_SAGSSTAMME = "DSI_SAGSSTAMME"
# the template's own names
DSI_X_RESULTATER = "DSI_X_RESULTATER"
DSI_X_PROGNOSE_LAV = "DSI_X_PROGNOSE_LAV"
DSI_X_PROGNOSE_FORVENTET = "DSI_X_PROGNOSE_FORVENTET"
DSI_X_PROGNOSE_HOEJ = "DSI_X_PROGNOSE_HOEJ"
DSI_X_FORPLIGTELSE_LAV = "DSI_X_FORPLIGTELSE_LAV"
DSI_X_FORPLIGTELSE_FORVENTET = "DSI_X_FORPLIGTELSE_FORVENTET"
DSI_X_FORPLIGTELSE_HOEJ = "DSI_X_FORPLIGTELSE_HOEJ"
DSI_X_SAGSSTAMME_BRUD = "DSI_X_SAGSSTAMME_BRUD"
DSI_X_STATUS_DATO = "DSI_X_STATUS_DATO"

N = NameSpec
NAMES: tuple[NameSpec, ...] = (
    # Identity
    N(DSI_SKABELON_VERSION, "Vejledning", "locked", ONE, "text", "skabelonens version"),
    N(DSI_TILSAGN_ID, "Vejledning", "locked", ONE, "text", "tilsagnets id"),
    # Stamdata
    N(DSI_KOMMUNE, "Stamdata", "input", ONE, "text", "kommunens navn"),
    N(DSI_CVR, "Stamdata", "input", ONE, "text", "CVR-nummer"),
    N(DSI_REGNSKABSAAR, "Stamdata", "input", ONE, "year", "regnskabsår"),
    N(DSI_KONTAKT_NAVN, "Stamdata", "input", ONE, "text", "kontaktpersonens navn"),
    N(DSI_KONTAKT_EMAIL, "Stamdata", "input", ONE, "text", "kontaktpersonens e-mail"),
    N(DSI_UNDERSKRIVER_NAVN, "Stamdata", "input", ONE, "text", "underskriverens navn"),
    N(DSI_UNDERSKRIVER_TITEL, "Stamdata", "input", ONE, "text", "underskriverens titel"),
    N(DSI_UNDERSKRIFT_DATO, "Stamdata", "input", ONE, "date", "underskriftsdato"),
    # Regnskab
    N(DSI_BUDGET, "Regnskab", "locked", LINES_YEARS, "amount", "budget"),
    N(DSI_FAKTISK, "Regnskab", "input", LINES_YEARS, "amount", "faktiske udgifter"),
    N(DSI_AFVIGELSE_FORKLARING, "Regnskab", "input", LINES, "text", "forklaring på afvigelse"),
    N(DSI_UDBETALT_DATO, "Regnskab", "input", INSTALLMENTS, "date", "modtaget dato"),
    N(DSI_UDBETALT_BELOEB, "Regnskab", "input", INSTALLMENTS, "amount", "modtaget beløb"),
    N(DSI_PERIODISERING, "Regnskab", "input", ONE, "amount", "periodisering"),
    N(DSI_PERIODISERING_FORKLARING, "Regnskab", "input", ONE, "text", "forklaring på periodisering"),
    N(DSI_IKKE_ANVENDT, "Regnskab", "formula", ONE, "amount", "ikke-anvendt tilskud"),
    N(DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, "Regnskab", "input", YEARS, "amount",
      "tilbagebetalt ikke-anvendt tilskud", "1.1"),
    N(DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO, "Regnskab", "input", YEARS, "date",
      "dato for tilbagebetalt ikke-anvendt tilskud", "1.1"),
    # Betalingsmål
    N(DSI_M1_FRATRAEDELSER, "Betalingsmål", "input", MEASUREMENTS, "count", "fratrædelser", goal="part"),
    N(DSI_M1_ANSATTE, "Betalingsmål", "input", MONTHS_MEASUREMENTS, "count", "ansatte pr. måned", goal="whole"),
    N(DSI_M1_RESULTAT, "Betalingsmål", "formula", MEASUREMENTS, "percent", "personaleomsætning", goal="result"),
    N(DSI_M2_AFSLUTTEDE, "Betalingsmål", "input", MEASUREMENTS, "count", "afsluttede §85-sager", goal="part"),
    N(DSI_M2_SAGER, "Betalingsmål", "input", MEASUREMENTS, "count", "alle §85-sager", goal="whole"),
    N(DSI_M2_RESULTAT, "Betalingsmål", "formula", MEASUREMENTS, "percent", "andel afsluttede sager", goal="result"),
    N(DSI_M3_OVERGAAET, "Betalingsmål", "input", MEASUREMENTS, "count", "borgere overgået til niveau 1-3",
      goal="part"),
    N(DSI_M3_BORGERE, "Betalingsmål", "input", MEASUREMENTS, "count", "borgere på niveau 4-5", goal="whole"),
    N(DSI_M3_RESULTAT, "Betalingsmål", "formula", MEASUREMENTS, "percent", "andel overgåede borgere",
      goal="result"),
    N(DSI_BETALING, "Betalingsmål", "formula", GOALS_MEASUREMENTS, "amount", "betaling pr. mål før loft"),
    N(DSI_TILBAGEBETALING, "Betalingsmål", "formula", MEASUREMENTS, "amount", "tilbagebetaling efter loft"),
    N(DSI_TILBAGEBETALT_DATO, "Betalingsmål", "input", MEASUREMENTS, "date", "tilbagebetalt dato"),
    N(DSI_TILBAGEBETALT_BELOEB, "Betalingsmål", "input", MEASUREMENTS, "amount", "tilbagebetalt beløb"),
    N(DSI_BASELINE_2025, "Betalingsmål", "input", GOALS, "percent", "resultat for 2025"),
    # Sagsstamme
    N(DSI_KVARTAL, "Sagsstamme", "locked", QUARTERS, "text", "kvartal"),
    N(DSI_SAGER, "Sagsstamme", "input", QUARTERS, "count", "sager i afdelingen"),
    N(DSI_RAADGIVERE, "Sagsstamme", "input", QUARTERS, "number", "besatte rådgiverstillinger"),
    N(DSI_SAGSSTAMME, "Sagsstamme", "formula", QUARTERS, "ratio", "sagsstamme pr. rådgiver"),
)

SCENARIOS = ("LAV", "FORVENTET", "HOEJ")
PROGNOSE = {"LAV": DSI_X_PROGNOSE_LAV, "FORVENTET": DSI_X_PROGNOSE_FORVENTET, "HOEJ": DSI_X_PROGNOSE_HOEJ}
FORPLIGTELSE = {"LAV": DSI_X_FORPLIGTELSE_LAV, "FORVENTET": DSI_X_FORPLIGTELSE_FORVENTET,
                "HOEJ": DSI_X_FORPLIGTELSE_HOEJ}
_SCENARIO_LABEL = {"LAV": "lavt", "FORVENTET": "forventet", "HOEJ": "højt"}

EXTRA_NAMES: tuple[NameSpec, ...] = (
    N(DSI_X_RESULTATER, "Betalingsmål", "formula", GOALS_MEASUREMENTS, "percent",
      "hvert måls resultat i målenes orden", extra=True),
    *(N(PROGNOSE[key], "Prognose", "input", GOALS_MEASUREMENTS, "percent",
        f"forventede resultater, {_SCENARIO_LABEL[key]} scenarie", extra=True) for key in SCENARIOS),
    *(N(FORPLIGTELSE[key], "Prognose", "formula", MEASUREMENTS, "amount",
        f"tilbagebetaling efter loft, {_SCENARIO_LABEL[key]} scenarie", extra=True) for key in SCENARIOS),
    N(DSI_X_SAGSSTAMME_BRUD, "Sagsstamme", "formula", ONE, "text",
      "hvert brud på sagsstammen som kvartalet, der fuldender det, nyeste først (\"2027K3; 2026K3\"), "
      "ellers \"Intet brud\"", extra=True),
    N(DSI_X_STATUS_DATO, "Status", "input", ONE, "date", "statusdatoen for styregruppen (7.2)", extra=True),
)
del N

ALL_NAMES: tuple[NameSpec, ...] = NAMES + EXTRA_NAMES
BY_NAME: dict[str, NameSpec] = {spec.name: spec for spec in ALL_NAMES}
INPUT_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "input")
FORMULA_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "formula")
AMOUNT_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "formula" and s.holds == "amount")


@dataclass(frozen=True, slots=True)
class Slot:
    """The defined names one payment goal reads and writes."""

    indicator: str
    result: str
    part: str  # departures, or the share's numerator
    whole: str  # 12 monthly headcounts, or the share's denominator


GOAL_SLOTS: tuple[Slot, ...] = (
    Slot("turnover", DSI_M1_RESULTAT, DSI_M1_FRATRAEDELSER, DSI_M1_ANSATTE),
    Slot("share", DSI_M2_RESULTAT, DSI_M2_AFSLUTTEDE, DSI_M2_SAGER),
    Slot("share", DSI_M3_RESULTAT, DSI_M3_OVERGAAET, DSI_M3_BORGERE),
)
"""The spec's names hold one turnover goal (``DSI_M1_*``) and two share goals (``DSI_M2_*``,
``DSI_M3_*``)."""


def slots(agreement: Agreement) -> tuple[tuple[Goal, Slot], ...]:
    """Each goal of the agreement, in order, with the next free names of its indicator, so an
    agreement with its goals in another order works too; a goal with no free names is left out."""
    free = list(GOAL_SLOTS)
    pairs = []
    for goal in agreement.goals:
        slot = next((s for s in free if s.indicator == goal.indicator), None)
        if slot is not None:
            free.remove(slot)
            pairs.append((goal, slot))
    return tuple(pairs)


def markdown_table() -> str:
    """The defined names as a Danish Markdown table (docs/navne.md), generated from this module."""
    rows = ["| navn | ark | form | type | indhold | betydning | fra version |", "|---|---|---|---|---|---|---|"]
    kinds = {"input": "indtastning", "formula": "formel", "locked": "låst"}
    for s in ALL_NAMES:
        meaning = s.label + (" (skabelonens egen)" if s.extra else "")
        rows.append(f"| `{s.name}` | {s.sheet} | {s.shape.text} | {kinds[s.kind]} | {fmt.HOLDS_TEXT[s.holds]} "
                    f"| {meaning} | {s.since} |")
    return "\n".join(rows)
