"""The spec's ``computed`` values: every formula name, computed by the validator from the inputs.

This is the one place the validator computes indicators and amounts; the goal rules, the
unused-grant rules and the formula-integrity rule (cached values against these) all read
:class:`Computed`. Each value is ``None`` where its inputs are missing or unusable (the input
rules report why); nothing here raises for any cell content.

Goals and input names: :func:`dsi_xl.spec.goals` gives each goal of the agreement its own input
names and its result ``DSI_M<n>_RESULTAT``, whatever the goal's indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses import caseload, repayment, share, turnover, unused_grant, value
from dsi_xl.errors import DSIError
from dsi_xl.money import is_blank, to_count, to_nonnegative
from dsi_xl.spec import (
    DSI_BETALING,
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_PERIODISERING,
    DSI_RAADGIVERE,
    DSI_SAGER,
    DSI_SAGSSTAMME,
    DSI_TILBAGEBETALING,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    GoalNames,
    by_name,
    formula_names,
    goals,
)
from dsi_xl.validation.inputs import Inputs


@dataclass(frozen=True)
class Computed:
    unused: Decimal | None
    results: dict[str, list[Decimal | None]]  # each goal's result name -> one per measurement, in goal order
    payments: list[list[Decimal | None]]  # goals x measurements, before caps
    due: list[Decimal | None]  # one per repayment rate, after caps
    caseloads: list[Decimal | None]  # one per quarter
    names: tuple[str, ...] = ()  # the agreement's formula names, in the spec's order

    @classmethod
    def blank(cls, agreement: Agreement) -> Computed:
        """Nothing computed: every value ``None``, in the spec's shapes."""
        m = len(agreement.repayment_rates)
        return cls(None, {goal.result_name: [None] * m for goal in agreement.goals},
                   [[None] * m for _ in agreement.goals], [None] * m, [None] * len(agreement.quarters),
                   formula_names(agreement))

    def grid(self, name: str) -> list[list[Decimal | None]]:
        """The computed Decimals of one formula name, in the range's shape."""
        if name == DSI_IKKE_ANVENDT:
            return [[self.unused]]
        if name in self.results:
            return [list(self.results[name])]
        if name == DSI_BETALING:
            return [list(row) for row in self.payments]
        if name == DSI_TILBAGEBETALING:
            return [list(self.due)]
        if name == DSI_SAGSSTAMME:
            return [list(self.caseloads)]
        raise KeyError(name)

    def grids(self) -> dict[str, list[list[Decimal | None]]]:
        """The spec's ``computed``, typed: the agreement's formula names' Decimals in the range's
        shape (amounts as the clauses rounded them, to øre; percentages, ratios and a goal's value
        unrounded), ``None`` where the inputs are not there or the value is beyond any float. Only
        the JSON and CSV writers turn them into numbers of their own."""
        return {name: [[_finite(value) for value in row] for row in self.grid(name)] for name in self.names}


LARGEST = Decimal("1E+308")  # beyond this a number has no float (JSON, a cell): not a value to report


def _finite(value: Decimal | None) -> Decimal | None:
    return value if value is not None and value.is_finite() and abs(value) < LARGEST else None


def _safe(function: Callable[[], Decimal]) -> Decimal | None:
    try:
        return function()
    except (DSIError, ArithmeticError):
        return None


def _grid(ctx: Inputs, name: str) -> list[list[Any]]:
    """A name's values, or blanks in the spec's shape when the name is not usable."""
    if ctx.has(name):
        return ctx.range(name).values
    rows, cols = by_name(ctx.agreement)[name].shape_for(ctx.agreement)
    return [[None] * cols for _ in range(rows)]


def _result(names: GoalNames, inputs: list[Any]) -> Decimal | None:
    """One goal's result for one measurement from its inputs' values (a turnover's whole is the
    12 monthly headcounts)."""
    if is_blank(inputs[0]):
        return None
    if names.indicator == "turnover":
        return _safe(lambda: turnover.compute(to_count(inputs[0], "Fratrædelser"),
                                              [to_count(v, "Ansatte") for v in inputs[1]]))
    if names.indicator == "value":
        return _safe(lambda: value.compute(inputs[0]))
    return _safe(lambda: share.compute(to_count(inputs[0], "Tæller"), to_count(inputs[1], "Nævner")))


def _results(ctx: Inputs, names: GoalNames) -> list[Decimal | None]:
    """One goal's result for each measurement, each input's range read once (blanks where a name
    is not usable)."""
    grids = [_grid(ctx, spec.name) for spec in names.inputs]
    return [_result(names, [_column(grid, m) for grid in grids]) for m in range(len(ctx.agreement.repayment_rates))]


def _column(grid: list[list[Any]], m: int) -> Any:
    """Measurement ``m``'s value of one input: one value, the 12 monthly headcounts as a list."""
    column = [row[m] for row in grid]
    return column if len(column) > 1 else column[0]


def compute(ctx: Inputs) -> Computed:
    a = ctx.agreement
    measurements = len(a.repayment_rates)
    results = {g.result.name: _results(ctx, g) for g in goals(a)}
    try:
        schedule = repayment.schedule(a, list(results.values()))
        payments = [[rate.before_caps[g] for rate in schedule] for g in range(len(a.goals))]
        due = [rate.due for rate in schedule]
    except (DSIError, ArithmeticError):
        payments = [[None] * measurements for _ in a.goals]
        due = [None] * measurements
    return Computed(_unused(ctx), results, payments, due, _caseloads(ctx), formula_names(a))


REPAID = DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB


def unused_for(ctx: Inputs, year: int, accrual: Any = None) -> Decimal | None:
    """4.3, reading 5: the unused grant for accounts year ``year`` from this file's inputs, with
    ``accrual`` held back (the file holds only its own accounts year's), or ``None`` if the
    inputs are unusable."""
    if not ctx.has(DSI_UDBETALT_BELOEB, DSI_UDBETALT_DATO, DSI_FAKTISK, DSI_PERIODISERING):
        return None
    amounts = [row[0] for row in ctx.range(DSI_UDBETALT_BELOEB).values]
    if all(is_blank(v) for v in amounts) or all(is_blank(v) for row in ctx.range(DSI_FAKTISK).values for v in row):
        return None  # as DSI_UNUSED_GRANT: blank until something was received and spent
    repaid = _grid(ctx, REPAID)[0]
    return _safe(lambda: unused_grant.from_cells(
        ctx.agreement, year, [row[0] for row in ctx.range(DSI_UDBETALT_DATO).values], amounts,
        ctx.range(DSI_FAKTISK).values, accrual, repaid))


def _unused(ctx: Inputs) -> Decimal | None:
    """4.3, reading 5, for the file's accounts year (one figure with DSI_UNUSED_GRANT)."""
    year = ctx.accounts_year
    if year is None:
        return None
    return unused_for(ctx, year, ctx.value(DSI_PERIODISERING) if ctx.has(DSI_PERIODISERING) else None)


def _caseloads(ctx: Inputs) -> list[Decimal | None]:
    cases, advisors = _grid(ctx, DSI_SAGER)[0], _grid(ctx, DSI_RAADGIVERE)[0]
    return [
        None if is_blank(c) or is_blank(r) else
        _safe(lambda c=c, r=r: caseload.compute(to_count(c, "Sager"), to_nonnegative(r, "Rådgivere")))
        for c, r in zip(cases, advisors)
    ]
