"""The agreement's terms as immutable, typed values.

An :class:`Agreement` is built from one data file by :mod:`dsi_xl.agreement.load`; nothing in
this module knows any particular agreement's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Literal

from dsi_xl.format import mid_sentence

Indicator = Literal["turnover", "share", "value"]
Direction = Literal["lower", "higher"]

INDICATORS: tuple[str, ...] = ("turnover", "share", "value")
#: The defined names a goal's inputs get when its data names none: ``DSI_M<n>_<suffix>``, in the
#: order of :data:`INPUT_ROLES` (TILSAGNSDATA.md, section 1).
DEFAULT_INPUTS: dict[str, tuple[str, ...]] = {
    "turnover": ("FRATRAEDELSER", "ANSATTE"),
    "share": ("TAELLER", "NAEVNER"),
    "value": ("VAERDI",),
}
#: What each input of an indicator holds: departures and 12 monthly headcounts; part and whole; the value.
INPUT_ROLES: dict[str, tuple[str, ...]] = {
    "turnover": ("part", "whole"),
    "share": ("part", "whole"),
    "value": ("value",),
}
#: The Danish labels a goal's inputs get when its data gives none (a value goal's is its unit).
DEFAULT_LABELS: dict[str, tuple[str, ...]] = {
    "turnover": ("Fratrædelser i måleåret", "Ansatte"),
    "share": ("Tæller (antal, der tæller med i andelen)", "Nævner (hele antallet)"),
}


GOAL_NAME = re.compile(r"DSI_M[1-9][0-9]*_[A-Z0-9_]+")
"""What every goal's own defined name looks like; goal n's begin with :func:`goal_prefix`."""


def goal_prefix(number: int) -> str:
    """Every defined name of goal ``number`` begins so: ``DSI_M4_``."""
    return f"DSI_M{number}_"


def result_name(number: int) -> str:
    """Goal ``number``'s result, always ``DSI_M<n>_RESULTAT``."""
    return goal_prefix(number) + "RESULTAT"


@dataclass(frozen=True, slots=True)
class Party:
    """A party to the agreement."""

    name: str
    cvr: str


@dataclass(frozen=True, slots=True)
class Installment:
    """One payment of the grant to the municipality (Udbetalingsplan)."""

    number: int
    start: date
    end: date
    due: date
    amount: Decimal
    withheld: bool = False  # DSI withholds it (6.1): nothing is paid, the municipality leaves it blank

    @property
    def payable(self) -> Decimal:
        """What DSI pays of it: its amount, or 0 when withheld."""
        return Decimal(0) if self.withheld else self.amount


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the budget, with one amount per budget year."""

    name: str
    amounts: tuple[Decimal, ...]


@dataclass(frozen=True, slots=True)
class RepaymentRate:
    """One repayment rate, fed by one measurement year (Tilbagebetalingsplan)."""

    number: int
    label: str
    measurement_start: date
    measurement_end: date
    statement_due: date
    payment_due: date

    @property
    def in_text(self) -> str:
        """The label as it reads inside a Danish sentence: "måleår 2", not "Måleår 2"."""
        return mid_sentence(self.label)


@dataclass(frozen=True, slots=True)
class Goal:
    """One payment goal: how its indicator is measured, which way is better, what it pays."""

    number: int
    title: str
    indicator: Indicator
    direction: Direction
    baseline: Decimal
    baseline_period: str
    dkk_per_point: Decimal
    cap: Decimal | None
    renegotiation_threshold: Decimal
    unit: str = "%"  # a value goal's own unit ("gennemsnitlig ventetid i dage"); percent otherwise
    inputs: tuple[str, ...] = ()  # the inputs' defined names, in the order of INPUT_ROLES
    labels: tuple[str, ...] = ()  # their Danish labels

    @property
    def in_percent(self) -> bool:
        """Whether the result is a percentage (turnover, share) rather than a value in its own unit."""
        return self.indicator != "value"

    @property
    def input_names(self) -> tuple[str, ...]:
        """The inputs' defined names: the data's, or the indicator's defaults."""
        return self.inputs or tuple(goal_prefix(self.number) + s for s in DEFAULT_INPUTS[self.indicator])

    @property
    def input_labels(self) -> tuple[str, ...]:
        """The inputs' Danish labels: the data's, or the indicator's defaults."""
        return self.labels or DEFAULT_LABELS.get(self.indicator, (self.unit[:1].upper() + self.unit[1:],))

    @property
    def result_name(self) -> str:
        return result_name(self.number)


@dataclass(frozen=True, slots=True)
class Quarter:
    """A calendar quarter of the effort period, labelled like ``2026K1``."""

    label: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A day of the year, for deadlines that recur yearly (``06-30``)."""

    month: int
    day: int

    def in_year(self, year: int) -> date:
        return date(year, self.month, self.day)


TermValue = Decimal | date | bool | str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One term an amendment changes: a path into the agreement file (``goals.2.baseline``) and
    its new value, already of the term's type."""

    term: str
    value: TermValue


@dataclass(frozen=True, slots=True)
class Amendment:
    """An amendment (tillæg) or a decision of DSI's that changes terms of the agreement."""

    number: int
    date: date
    clause: str
    text: str
    changes: tuple[Change, ...]

    @property
    def title(self) -> str:
        """``tillæg 2 af 20.03.2027``, as messages and the template name it."""
        return f"tillæg {self.number} af {self.date:%d.%m.%Y}"


@dataclass(frozen=True, slots=True)
class Amended:
    """A term changed by an amendment in force: which amendment, the value before it and after."""

    term: str
    amendment: Amendment
    old: TermValue
    new: TermValue


@dataclass(frozen=True)
class Agreement:
    """Every term of one grant agreement that the software computes or checks."""

    id: str
    title: str
    grantor: Party
    recipient: Party
    effort_title: str
    department: str
    effort_start: date
    effort_end: date
    grant: Decimal
    clauses: dict[str, str]
    installments: tuple[Installment, ...]
    budget_years: tuple[int, ...]
    budget_lines: tuple[BudgetLine, ...]
    repayment_rates: tuple[RepaymentRate, ...]
    goals: tuple[Goal, ...]
    total_cap: Decimal
    caseload_limit: Decimal
    caseload_consecutive_quarters: int
    deviation_threshold_percent: Decimal
    accounts_year_offset: int
    accounts_due: MonthDay
    unused_grant_due: MonthDay
    renegotiation_year: int
    accrual_default_percent: Decimal  # reading 9: the default limit, in % of the rest of the period's budget
    source: str = field(default="", compare=False)
    accrual_limits: dict[int, Decimal] = field(default_factory=dict)  # agreed limits by accounts year (4.3)
    amendments: tuple[Amendment, ...] = ()  # every amendment in the file, in number order
    amended: tuple[Amended, ...] = ()  # the changes in force, in the order they were applied
    as_written: Agreement | None = field(default=None, compare=False, repr=False)  # before any amendment
    # the agreement in force after the first n amendments, by n (filled by amendments.in_force)
    in_force_cache: dict[int, Agreement] = field(default_factory=dict, init=False, compare=False, repr=False)

    def amendment_of(self, *terms: str | None) -> Amended | None:
        """The last change in force of ``term`` (a path such as ``installments.2.amount``), or of
        any of several terms, if any."""
        for change in reversed(self.amended):
            if change.term in terms:
                return change
        return None

    @property
    def installments_total(self) -> Decimal:
        """What the installments pay: every installment's amount except the withheld ones."""
        return sum((i.payable for i in self.installments), Decimal(0))

    def cite(self, *keys: str) -> str:
        """The clauses of ``keys`` as a message cites them, with a space before: " (4.3)" for
        ``cite("unused_grant")``, " (4.3, 5.3)" for two; "" when the agreement names none of them.
        Each agreement numbers its clauses its own way (``[clauses]`` of its data file)."""
        found = [self.clauses[key] for key in keys if self.clauses.get(key)]
        return f" ({', '.join(found)})" if found else ""

    def goal(self, number: int) -> Goal:
        """The goal with this number; raises the project's error for an unknown number."""
        for goal in self.goals:
            if goal.number == number:
                return goal
        from dsi_xl.errors import OutOfRange

        numbers = ", ".join(str(g.number) for g in self.goals)
        raise OutOfRange("Betalingsmål", f"et af målene {numbers}", number)

    def installment(self, number: int) -> Installment:
        """The installment with this number; raises the project's error for an unknown number."""
        for installment in self.installments:
            if installment.number == number:
                return installment
        from dsi_xl.errors import OutOfRange

        raise OutOfRange("Udbetalingsrate", f"et tal fra 1 til {len(self.installments)}", number)

    def budget_amount(self, line: int, year: int) -> Decimal:
        """The budget of line ``line`` (1-based) for calendar year ``year``."""
        from dsi_xl.errors import OutOfRange

        if not 1 <= line <= len(self.budget_lines):
            raise OutOfRange("Budgetlinje", f"et tal fra 1 til {len(self.budget_lines)}", line)
        if year not in self.budget_years:
            years = ", ".join(str(y) for y in self.budget_years)
            raise OutOfRange("Budgetår", f"et af årene {years}", year, "year")
        return self.budget_lines[line - 1].amounts[self.budget_years.index(year)]

    def budget_year_total(self, year: int) -> Decimal:
        """The budget of all lines for one year."""
        return sum((self.budget_amount(n, year) for n in range(1, len(self.budget_lines) + 1)), Decimal(0))

    @property
    def budget_total(self) -> Decimal:
        return sum((sum(line.amounts, Decimal(0)) for line in self.budget_lines), Decimal(0))

    @cached_property
    def quarters(self) -> tuple[Quarter, ...]:
        """Calendar quarters that overlap the effort period, in order."""
        result = []
        year, q = self.effort_start.year, (self.effort_start.month - 1) // 3 + 1
        while True:
            start = date(year, 3 * q - 2, 1)
            if start > self.effort_end:
                break
            end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
            result.append(Quarter(f"{year}K{q}", start, date.fromordinal(end.toordinal() - 1)))
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return tuple(result)
