"""The template's defined names: every fact about each, in one place.

This module is the contract of ``REGNSKABSSKABELON.md`` (shared with DSI) as data, plus the
template's own ``DSI_X_`` names. Each :class:`NameSpec` says

- the name, as a constant of this module (``DSI_CVR``): other modules never spell a name;
- its sheet and its shape as a function of the agreement (budget lines x years, 1 x measurements...);
- whether the accountant types it (``input``), the template computes it (``formula``) or it holds
  the agreement's terms (``locked``);
- its Danish label: the text the template shows beside it, and (with a small first letter) the
  words a message uses for it; its Danish help text, where the template shows one;
- what it holds (:data:`dsi_xl.format.Holds`: amount, percent, ratio, count, number, date, text,
  year), from which its Danish rendering and, unless it names its own, its Excel number format
  follow; and the key of its data validation (:mod:`dsi_xl.template.data_validation`);
- its role in a payment goal (``part``, ``whole``, ``value`` or ``result``).

The payment goals' names come from the agreement (TILSAGNSDATA.md, section 1): :func:`goals`
gives each goal its input names and result ``DSI_M<n>_RESULTAT`` with their specs, and
:func:`names` the whole contract of one agreement. :data:`NAMES` holds the names every agreement
shares. The template builder lays the names out, the readers fetch them, the validator checks
them and the reports show them; none of them spells a name or a fact about it on its own (a test
keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from dsi_xl import format as fmt
from dsi_xl.agreement.model import GOAL_NAME, INPUT_ROLES, Agreement, Goal

Kind = Literal["input", "formula", "locked"]
GoalRole = Literal["part", "whole", "value", "result"]

TEMPLATE_VERSION = "1.2"  # 1.2: the accountant's year (issue 26) moved formula cells; no name changed
KNOWN_VERSIONS = ("1.0", "1.1", "1.2")  # a 1.0 file lacks the names marked since="1.1"
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
    label: str  # Danish, as the template shows it beside the range; messages use :attr:`noun`
    since: str = "1.0"  # the template version that introduced the name
    goal: GoalRole | None = None  # its role in a payment goal
    extra: bool = False  # the template's own DSI_X_ name, not part of DSI's contract
    help: str = ""  # Danish help text, where the template shows one
    validation: str | None = None  # the data-validation key of its input cells
    excel_format: str | None = None  # its own Excel number format, where its kind's does not fit
    by_goal: Literal["row", "col"] | None = None  # one row (column) per goal: each in its goal's unit

    def shape_for(self, agreement: Agreement) -> tuple[int, int]:
        return self.shape.of(agreement)

    @property
    def number_format(self) -> str | None:
        """The Excel number format of the name's cells (``None``: General)."""
        return self.excel_format or fmt.EXCEL[self.holds]

    @property
    def noun(self) -> str:
        """The label inside a sentence: ``faktiske udgifter``, but ``CVR-nummer``."""
        return self.label if self.label[1:2].isupper() else fmt.mid_sentence(self.label)

    def number_format_at(self, agreement: Agreement, row: int, col: int) -> str | None:
        """The number format of one cell (a goal's own unit where the name has a row or column per goal)."""
        if self.by_goal is None:
            return self.number_format
        return result_format(agreement.goals[row if self.by_goal == "row" else col])

    def validation_at(self, agreement: Agreement, row: int, col: int) -> str | None:
        """The data-validation key of one input cell."""
        if self.by_goal is None or self.validation is None:
            return self.validation
        return result_validation(agreement.goals[row if self.by_goal == "row" else col])

    def render(self, value: Any) -> str:
        """A value of this name in Danish, as a message or a report shows it."""
        return fmt.render(self.holds, value)


def result_format(goal: Goal) -> str:
    """The Excel number format of a goal's result: percent, or a number in the goal's own unit."""
    return fmt.PERCENT if goal.in_percent else fmt.DECIMAL


def result_validation(goal: Goal) -> str:
    """The data-validation key of a typed result (a forecast, a 2025 result) of a goal."""
    return "percent" if goal.in_percent else "value"


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
_BEFORE_GOALS: tuple[NameSpec, ...] = (
    # Identity
    N(DSI_SKABELON_VERSION, "Vejledning", "locked", ONE, "text", "Skabelonens version"),
    N(DSI_TILSAGN_ID, "Vejledning", "locked", ONE, "text", "Tilsagnets id"),
    # Stamdata
    N(DSI_KOMMUNE, "Stamdata", "input", ONE, "text", "Kommunens navn", validation="text",
      help="Tilsagnsmodtagerens navn, fx som i tilsagnet."),
    N(DSI_CVR, "Stamdata", "input", ONE, "text", "CVR-nummer", validation="cvr", excel_format=fmt.TEXT,
      help="Kommunens CVR-nummer, 8 cifre."),
    N(DSI_REGNSKABSAAR, "Stamdata", "input", ONE, "year", "Regnskabsår", validation="year",
      help="Det kalenderår, regnskabet gælder (et budgetår)."),
    N(DSI_KONTAKT_NAVN, "Stamdata", "input", ONE, "text", "Kontaktpersonens navn", validation="text",
      help="Den, DSI kan spørge om regnskabet."),
    N(DSI_KONTAKT_EMAIL, "Stamdata", "input", ONE, "text", "Kontaktpersonens e-mail", validation="text"),
    N(DSI_UNDERSKRIVER_NAVN, "Stamdata", "input", ONE, "text", "Underskriverens navn", validation="text",
      help="Den, der underskriver ledelseserklæringen."),
    N(DSI_UNDERSKRIVER_TITEL, "Stamdata", "input", ONE, "text", "Underskriverens titel", validation="text"),
    N(DSI_UNDERSKRIFT_DATO, "Stamdata", "input", ONE, "date", "Underskriftsdato", validation="date",
      help="Datoen for underskriften (dd.mm.åååå); tidligst 1. januar efter regnskabsåret."),
    # Regnskab
    N(DSI_BUDGET, "Regnskab", "locked", LINES_YEARS, "amount", "Budget"),
    N(DSI_FAKTISK, "Regnskab", "input", LINES_YEARS, "amount", "Faktiske udgifter", validation="amount"),
    N(DSI_AFVIGELSE_FORKLARING, "Regnskab", "input", LINES, "text", "Forklaring på væsentlig afvigelse",
      validation="text"),
    N(DSI_UDBETALT_DATO, "Regnskab", "input", INSTALLMENTS, "date", "Modtaget dato", validation="date"),
    N(DSI_UDBETALT_BELOEB, "Regnskab", "input", INSTALLMENTS, "amount", "Modtaget beløb", validation="amount"),
    N(DSI_PERIODISERING, "Regnskab", "input", ONE, "amount", "Periodisering (tilskud til senere udgifter)",
      validation="amount"),
    N(DSI_PERIODISERING_FORKLARING, "Regnskab", "input", ONE, "text", "Forklaring på periodiseringen",
      validation="text"),
    N(DSI_IKKE_ANVENDT, "Regnskab", "formula", ONE, "amount", "Ikke-anvendt tilskud til tilbagebetaling"),
    N(DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, "Regnskab", "input", YEARS, "amount",
      "Tilbagebetalt ikke-anvendt tilskud", "1.1", validation="repaid"),
    N(DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO, "Regnskab", "input", YEARS, "date",
      "Dato for tilbagebetalt ikke-anvendt tilskud", "1.1", validation="repaid_date"),
)
_AFTER_GOALS: tuple[NameSpec, ...] = (
    # Betalingsmål, after each goal's own names (:func:`goals`)
    N(DSI_BETALING, "Betalingsmål", "formula", GOALS_MEASUREMENTS, "amount", "Beløb pr. mål før loft"),
    N(DSI_TILBAGEBETALING, "Betalingsmål", "formula", MEASUREMENTS, "amount", "Tilbagebetaling efter loft"),
    N(DSI_TILBAGEBETALT_DATO, "Betalingsmål", "input", MEASUREMENTS, "date", "Tilbagebetalt dato", validation="date"),
    N(DSI_TILBAGEBETALT_BELOEB, "Betalingsmål", "input", MEASUREMENTS, "amount", "Tilbagebetalt beløb",
      validation="amount"),
    N(DSI_BASELINE_2025, "Betalingsmål", "input", GOALS, "percent", "Resultat i genforhandlingsåret",
      validation="percent", by_goal="col"),
    # Sagsstamme
    N(DSI_KVARTAL, "Sagsstamme", "locked", QUARTERS, "text", "Kvartal"),
    N(DSI_SAGER, "Sagsstamme", "input", QUARTERS, "count", "Sager i afdelingen", validation="count"),
    N(DSI_RAADGIVERE, "Sagsstamme", "input", QUARTERS, "number", "Besatte rådgiverstillinger",
      validation="advisors", excel_format=fmt.DECIMAL),
    N(DSI_SAGSSTAMME, "Sagsstamme", "formula", QUARTERS, "ratio", "Sagsstamme pr. rådgiver"),
)
NAMES: tuple[NameSpec, ...] = _BEFORE_GOALS + _AFTER_GOALS
"""The contract's names that every agreement shares; :func:`names` adds each goal's own."""

SCENARIOS = ("LAV", "FORVENTET", "HOEJ")
PROGNOSE = {"LAV": DSI_X_PROGNOSE_LAV, "FORVENTET": DSI_X_PROGNOSE_FORVENTET, "HOEJ": DSI_X_PROGNOSE_HOEJ}
FORPLIGTELSE = {"LAV": DSI_X_FORPLIGTELSE_LAV, "FORVENTET": DSI_X_FORPLIGTELSE_FORVENTET,
                "HOEJ": DSI_X_FORPLIGTELSE_HOEJ}
_SCENARIO_LABEL = {"LAV": "lavt", "FORVENTET": "forventet", "HOEJ": "højt"}
_SCENARIO_DEFINITE = {"LAV": "lave", "FORVENTET": "forventede", "HOEJ": "høje"}  # "i det lave scenarie"

EXTRA_NAMES: tuple[NameSpec, ...] = (
    N(DSI_X_RESULTATER, "Betalingsmål", "formula", GOALS_MEASUREMENTS, "percent", "Resultat pr. mål",
      extra=True, by_goal="row"),
    *(N(PROGNOSE[key], "Prognose", "input", GOALS_MEASUREMENTS, "percent",
        f"Forventede resultater, {_SCENARIO_LABEL[key]} scenarie", extra=True, validation="percent",
        by_goal="row") for key in SCENARIOS),
    *(N(FORPLIGTELSE[key], "Prognose", "formula", MEASUREMENTS, "amount", "Tilbagebetaling efter loft",
        extra=True, help=f"I det {_SCENARIO_DEFINITE[key]} scenarie.") for key in SCENARIOS),
    N(DSI_X_SAGSSTAMME_BRUD, "Sagsstamme", "formula", ONE, "text",
      "Brud: kvartalet, der fuldender hver række over grænsen", extra=True,
      help="Hvert brud, nyeste først (\"2027K3; 2026K3\"); ellers \"Intet brud\"."),
    N(DSI_X_STATUS_DATO, "Status", "input", ONE, "date", "Status pr.", extra=True, validation="date",
      help="Statusdatoen for styregruppen (7.2)."),
)

ALL_NAMES: tuple[NameSpec, ...] = NAMES + EXTRA_NAMES
"""Every name whatever the agreement (the goals' own names are in :func:`names`)."""
BY_NAME: dict[str, NameSpec] = {spec.name: spec for spec in ALL_NAMES}
FORMULA_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "formula")
"""The formula names every agreement shares; :func:`formula_names` adds each goal's result."""
AMOUNT_NAMES: tuple[str, ...] = tuple(s.name for s in NAMES if s.kind == "formula" and s.holds == "amount")


# The payment goals' names (TILSAGNSDATA.md, section 1): each goal's inputs, named and labelled by
# the agreement (its data, or the indicator's defaults, see dsi_xl.agreement.model), and its result.


@dataclass(frozen=True, slots=True)
class GoalNames:
    """The defined names one payment goal reads and writes."""

    goal: Goal
    inputs: tuple[NameSpec, ...]  # in the order of the indicator's roles: part, whole; or value
    result: NameSpec

    @property
    def indicator(self) -> str:
        return self.goal.indicator

    def input(self, role: GoalRole) -> NameSpec:
        """The input with this role (``part``, ``whole`` or ``value``)."""
        return next(s for s in self.inputs if s.goal == role)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the goal: its inputs, then its result."""
        return (*(s.name for s in self.inputs), self.result.name)


def _goal_input(goal: Goal, role: str, name: str, label: str) -> NameSpec:
    about = f"Mål {goal.number}: {goal.title}."
    if role == "value":
        return N(name, "Betalingsmål", "input", MEASUREMENTS, "number", label, goal="value", validation="value",
                 excel_format=result_format(goal), help=about)
    # one figure per measurement; a turnover goal's whole is the 12 monthly headcounts
    shape = MONTHS_MEASUREMENTS if goal.indicator == "turnover" and role == "whole" else MEASUREMENTS
    return N(name, "Betalingsmål", "input", shape, "count", label, goal=role,  # type: ignore[arg-type]
             validation="count", help=about)


_RESULT_HELP = {"turnover": "fratrædelser / gennemsnitligt antal ansatte x 100", "share": "del / hele x 100",
                "value": "den målte værdi"}


def _goal_result(goal: Goal) -> NameSpec:
    return N(goal.result_name, "Betalingsmål", "formula", MEASUREMENTS, "percent" if goal.in_percent else "number",
             f"Resultat for mål {goal.number} ({goal.unit})", goal="result", excel_format=result_format(goal),
             help=f"Mål {goal.number}: {goal.title}; {_RESULT_HELP[goal.indicator]}.")


@cache
def _goals(goals: tuple[Goal, ...]) -> tuple[GoalNames, ...]:
    return tuple(
        GoalNames(goal, tuple(_goal_input(goal, role, name, label) for role, name, label in
                              zip(INPUT_ROLES[goal.indicator], goal.input_names, goal.input_labels, strict=True)),
                  _goal_result(goal))
        for goal in goals
    )


def goals(agreement: Agreement) -> tuple[GoalNames, ...]:
    """Each goal of the agreement, in order, with its names and their specs."""
    return _goals(agreement.goals)


@cache
def _names(goals_: tuple[Goal, ...]) -> tuple[NameSpec, ...]:
    own = tuple(spec for g in _goals(goals_) for spec in (*g.inputs, g.result))
    return _BEFORE_GOALS + own + _AFTER_GOALS


def names(agreement: Agreement) -> tuple[NameSpec, ...]:
    """The contract of one agreement's template: :data:`NAMES` with each goal's own names, in the
    template's order."""
    return _names(agreement.goals)


@cache
def _by_name(goals_: tuple[Goal, ...]) -> dict[str, NameSpec]:
    return {spec.name: spec for spec in _names(goals_) + EXTRA_NAMES}


def by_name(agreement: Agreement) -> dict[str, NameSpec]:
    """Every name of one agreement's template (the contract's and the template's own) by name."""
    return _by_name(agreement.goals)


def sheet_of(name: str) -> str | None:
    """The sheet of a name of any agreement's template (a goal's own names are on Betalingsmål)."""
    if name in BY_NAME:
        return BY_NAME[name].sheet
    return "Betalingsmål" if GOAL_NAME.fullmatch(name) else None


def formula_names(agreement: Agreement) -> tuple[str, ...]:
    """The contract's names that hold formulas, for one agreement (the spec's ``computed``)."""
    return tuple(s.name for s in names(agreement) if s.kind == "formula")


def markdown_table(agreement: Agreement | None = None) -> str:
    """The defined names as a Danish Markdown table (docs/navne.md), generated from this module;
    the goals' names are ``agreement``'s (default: the shipped one)."""
    if agreement is None:
        from dsi_xl.agreement import load

        agreement = load()
    rows = ["| navn | ark | form | type | indhold | betydning | fra version |", "|---|---|---|---|---|---|---|"]
    kinds = {"input": "indtastning", "formula": "formel", "locked": "låst"}
    for s in names(agreement) + EXTRA_NAMES:
        meaning = (f"{s.label}. {s.help}" if s.help else s.label) + (" (skabelonens egen)" if s.extra else "")
        rows.append(f"| `{s.name}` | {s.sheet} | {s.shape.text} | {kinds[s.kind]} | {fmt.HOLDS_TEXT[s.holds]} "
                    f"| {meaning} | {s.since} |")
    return "\n".join(rows)
