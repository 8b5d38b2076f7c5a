"""What the engine reads before it computes: the submission, the agreement, "today", and which
defined names are usable.

The agreement is the one in force on the day the file is judged on (:attr:`Inputs.stated_on`,
reading 12): every amendment and decision of DSI's dated on or before that day applies.

Rules never index a range blindly: a defined name is *usable* only when it is present with the
spec's shape, and the engine skips the rules that need a name that is not. :class:`Inputs` is
frozen; :class:`~dsi_xl.validation.context.Context` adds the computed values to it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dsi_xl.agreement.amendments import in_force
from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses import judging_day
from dsi_xl.format import day as format_day
from dsi_xl.spec import DSI_REGNSKABSAAR, DSI_UNDERSKRIFT_DATO, by_name, names
from dsi_xl.validation.values import as_date, whole_number
from dsi_xl.workbook.submission import Cell, NamedRange, Submission


def usable_names(submission: Submission, agreement: Agreement) -> frozenset[str]:
    """Names present as one range with the shape the spec gives for this agreement."""
    return frozenset(
        spec.name
        for spec in names(agreement)
        if (named := submission.names.get(spec.name)) is not None and named.shape == spec.shape_for(agreement)
    )


@dataclass(frozen=True)
class Inputs:
    submission: Submission
    agreement: Agreement
    as_of: date
    usable: frozenset[str]

    @classmethod
    def of(cls, submission: Submission, agreement: Agreement, as_of: date) -> Inputs:
        """The inputs, with the agreement's terms in force on the day the file is judged on."""
        inputs = cls(submission, agreement, as_of, usable_names(submission, agreement))
        return replace(inputs, agreement=in_force(agreement, inputs.judged_on))

    def has(self, *names: str) -> bool:
        return all(name in self.usable for name in names)

    def range(self, name: str) -> NamedRange:
        return self.submission.names[name]

    def cell(self, name: str, row: int = 0, col: int = 0) -> Cell:
        return self.submission.names[name].cells[row][col]

    def value(self, name: str, row: int = 0, col: int = 0) -> Any:
        return self.cell(name, row, col).value

    def label(self, name: str) -> str:
        """The name's label as a message says it (``faktiske udgifter``)."""
        return by_name(self.agreement)[name].noun

    @property
    def signed(self) -> date | None:
        """DSI_UNDERSKRIFT_DATO as a date, or ``None`` (missing, blank or not a date)."""
        return as_date(self.value(DSI_UNDERSKRIFT_DATO)) if self.has(DSI_UNDERSKRIFT_DATO) else None

    @property
    def stated_on(self) -> date:
        """The day the accounts speak for (reading 7, :mod:`dsi_xl.clauses.judging_day`): the
        signing date when it is possible (after the accounts year's end, not after ``as_of``);
        otherwise (unsigned, signed too early, or signed in the future) ``as_of``.

        Deadlines (a repayment due, the final reconciliation) are judged on this day, not on the
        day of validation: signed accounts cannot report what happened after they were signed,
        and an archived submission keeps its verdict when it is validated again years later. A
        date before the year's end cannot be true, so it never hides a passed deadline.
        """
        return judging_day.judged_on(self.signed, self.accounts_year, self.as_of)

    @property
    def judged_on(self) -> date:
        """:attr:`stated_on`, or ``as_of`` when the signing date cannot even be read (a misshapen
        signing date is a finding of its own rule): the day the engine judges the file on."""
        try:
            return self.stated_on
        except Exception:  # noqa: BLE001 - a misshapen signing date is a finding of its own rule
            return self.as_of

    @property
    def judged_words(self) -> str:
        """The judging day in Danish words for a message: "underskriftsdatoen 15.05.2028", or
        "i dag (01.06.2028)" when the file is judged on the run's day."""
        day = self.stated_on
        return f"underskriftsdatoen {format_day(day)}" if day == self.signed else f"i dag ({format_day(day)})"

    @property
    def accounts_year(self) -> int | None:
        """DSI_REGNSKABSAAR when it is one of the agreement's budget years, else ``None``."""
        if not self.has(DSI_REGNSKABSAAR):
            return None
        year = whole_number(self.value(DSI_REGNSKABSAAR))
        return year if year in self.agreement.budget_years else None
