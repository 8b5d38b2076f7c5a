"""Unused grant to repay, and how much of it an accrual may hold back (4.3).

Paid-out grant that was not spent on the effort is repaid krone for krone, independent of the
payment goals and outside the return cap, unless it covers costs that fall later (an accrual,
periodisering). The agreement sets no upper limit on an accrual (reading 9): the project's default
limit is a share (``accrual.default_percent`` of the agreement data) of the budget for the rest
of the installment period that is running at the end of the accounts year, prorated by month; an
agreed limit for a year (``accrual.<year>``, usually set by an amendment) replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import NotANumber, OutOfRange, WrongCount
from dsi_xl.money import ZERO, is_blank, round_ore, to_decimal, to_nonnegative


def compute(received: Any, spent: Any, accrual: Any = None) -> Decimal:
    """Unused grant to repay: received - spent - accrual, never below 0, rounded to øre.

    The example's accounts for 2026 (README, reading 8):

    >>> compute(1050000, 940500, 108333), compute(100, 200)
    (Decimal('1167.00'), Decimal('0.00'))
    """
    got = to_nonnegative(received, "Modtaget tilskud")
    used = to_nonnegative(spent, "Afholdte udgifter")
    held = ZERO if is_blank(accrual) else to_nonnegative(accrual, "Periodisering")
    return round_ore(max(got - used - held, ZERO))


def months(start: date, end: date) -> int:
    """Whole calendar months from ``start``'s month to ``end``'s month, both included; 0 if empty."""
    return max((end.year - start.year) * 12 + end.month - start.month + 1, 0)


def effort_in(agreement: Agreement, year: int) -> tuple[date, date]:
    """The first and the last day of the effort in calendar year ``year`` (the effort's months in
    it are :func:`months` of them): a budget year's amount is spread evenly over those months."""
    return max(date(year, 1, 1), agreement.effort_start), min(date(year, 12, 31), agreement.effort_end)


def accrual_allowed(agreement: Agreement, year: int) -> tuple[Decimal, bool]:
    """(the most an accrual may hold back at the end of ``year``, whether that is a limit the
    parties agreed): the agreed limit for the year when there is one, else the default limit."""
    agreed = agreement.accrual_limits.get(year)
    if agreed is not None:
        return round_ore(agreed), True
    return accrual_limit(agreement, year), False


def accrual_limit(agreement: Agreement, year: int) -> Decimal:
    """The project's default limit on an accrual at the end of ``year`` (reading 9): the
    agreement's ``accrual_default_percent`` of the budget of the months that remain of the
    installment period running on 31 December, prorated within each budget year by the effort
    months that year has.

    At the end of 2027, two months of installment 2's period remain: 650.000 x 2/12.

    >>> from dsi_xl.agreement import load
    >>> accrual_limit(load(), 2027)
    Decimal('108333.33')
    """
    if year not in agreement.budget_years:
        raise OutOfRange("Regnskabsår", "et af budgetårene", year, "year")
    year_end = date(year, 12, 31)
    running = [i for i in agreement.installments if i.start <= year_end <= i.end]
    if not running:
        return ZERO
    period_end = running[0].end
    limit = ZERO
    for later in range(year + 1, period_end.year + 1):
        if later not in agreement.budget_years:
            continue
        effort_months = months(*effort_in(agreement, later))
        rest_months = months(date(later, 1, 1), min(date(later, 12, 31), period_end))
        if effort_months:
            limit += agreement.budget_year_total(later) * rest_months / effort_months
    return round_ore(limit * agreement.accrual_default_percent / 100)


# -- the unused grant of one accounts year (reading 5) ------------------------------------------

EXCEL_EPOCH = date(1899, 12, 30)


def to_day(value: Any, what: str) -> date:
    """A real date: a ``date``/``datetime`` or an Excel date serial number (1900 date system)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = to_nonnegative(value, what)
        if number == number.to_integral_value() and 1 <= number <= 2958465:
            return EXCEL_EPOCH + timedelta(days=int(number))
    raise NotANumber(what, "en dato", value)


def _optional(value: Any, what: str) -> Decimal | None:
    return None if is_blank(value) else to_nonnegative(value, what)


@dataclass(frozen=True, slots=True)
class Terms:
    """Every term of reading 5's sum for one accounts year, in the order the Regnskab sheet prints
    them: received - costs - accrual - repaid + uncovered = the unused grant to repay.

    ``uncovered`` is what was spent beyond the grant (costs, accrual and repayments above what was
    received): the unused grant is never below 0, so the sheet shows the overspend as its own term
    and the printed lines add up."""

    received: Decimal  # installments received by 31 December whose period begins by then
    costs: Decimal  # actual costs of all lines for the budget years up to and including the year
    accrual: Decimal  # held back for costs that fall later (0 when blank)
    repaid: Decimal  # unused grant already repaid for earlier accounts years
    uncovered: Decimal  # spent beyond the grant: max(0, costs + accrual + repaid - received)

    @property
    def result(self) -> Decimal:
        """The unused grant to repay, rounded to øre."""
        return round_ore(self.received - self.costs - self.accrual - self.repaid + self.uncovered)

    @property
    def column(self) -> tuple[Decimal, ...]:
        """The terms in the sheet's order, the result last."""
        return (self.received, self.costs, self.accrual, self.repaid, self.uncovered, self.result)


def terms(agreement: Agreement, year: int, received_on: Sequence[date | None], received: Sequence[Decimal | None],
          actual: Sequence[Sequence[Decimal | None]], accrual: Decimal | None,
          repaid: Sequence[Decimal | None]) -> Terms:
    """Reading 5's terms for accounts year ``year``, from clean values.

    ``received_on``/``received``: one per installment; ``actual``: lines x budget years;
    ``repaid``: one per budget year, what was repaid of that year's unused grant. Counts the
    installments received on or before 31 December ``year`` whose period begins in or before
    ``year``; the actual costs of the budget years up to ``year``, the accrual and what was repaid
    for earlier years.
    """
    if year not in agreement.budget_years:
        raise OutOfRange("Regnskabsår", "et af budgetårene", year, "year")
    year_end = date(year, 12, 31)
    got = sum((amount for inst, day, amount in zip(agreement.installments, received_on, received)
               if amount is not None and day is not None and day <= year_end and inst.start <= year_end), ZERO)
    upto = [j for j, y in enumerate(agreement.budget_years) if y <= year]
    used = sum((row[j] for row in actual for j in upto if row[j] is not None), ZERO)
    back = sum((r for y, r in zip(agreement.budget_years, repaid) if y < year and r is not None), ZERO)
    held = accrual or ZERO
    return Terms(got, used, held, back, max(used + held + back - got, ZERO))


def for_year(agreement: Agreement, year: int, received_on: Sequence[date | None],
             received: Sequence[Decimal | None], actual: Sequence[Sequence[Decimal | None]],
             accrual: Decimal | None, repaid: Sequence[Decimal | None]) -> Decimal:
    """Unused grant for accounts year ``year`` (4.3, reading 5): :func:`terms`' result, never
    below 0, rounded to øre."""
    return terms(agreement, year, received_on, received, actual, accrual, repaid).result


def from_cells(agreement: Agreement, year: Any, received_on: Sequence[Any], received: Sequence[Any],
               actual: Sequence[Sequence[Any]], accrual: Any, repaid: Sequence[Any] | None) -> Decimal:
    """:func:`for_year` from cell values (blanks, numbers, dates or date serials); raises the
    project's Danish error for a value that is none of those, or a range of the wrong size."""
    return terms_from_cells(agreement, year, received_on, received, actual, accrual, repaid).result


def terms_from_cells(agreement: Agreement, year: Any, received_on: Sequence[Any], received: Sequence[Any],
                     actual: Sequence[Sequence[Any]], accrual: Any, repaid: Sequence[Any] | None) -> Terms:
    """:func:`terms` from cell values, as :func:`from_cells` reads them."""
    if isinstance(year, bool) or not isinstance(year, (int, float, Decimal)) or to_decimal(year, "Regnskabsår") % 1:
        raise OutOfRange("Regnskabsår", "et af budgetårene", year, "year")
    n = int(year)
    count, years = len(agreement.installments), len(agreement.budget_years)
    repaid = list(repaid) if repaid is not None else [None] * years
    if len(received_on) != count or len(received) != count:
        raise WrongCount("Modtaget dato og beløb", f"{count} celler hver", f"{len(received_on)} og {len(received)}")
    if len(actual) != len(agreement.budget_lines) or any(len(row) != years for row in actual):
        raise WrongCount(
            "Faktiske udgifter", f"{len(agreement.budget_lines)} x {years} celler", f"{len(actual)} rækker"
        )
    if len(repaid) != years:
        raise WrongCount("Tilbagebetalt ikke-anvendt tilskud", f"{years} celler", f"{len(repaid)}")
    return terms(
        agreement, n,
        [None if is_blank(d) else to_day(d, "Modtaget dato") for d in received_on],
        [_optional(v, "Modtaget beløb") for v in received],
        [[_optional(v, "Faktiske udgifter") for v in row] for row in actual],
        _optional(accrual, "Periodisering"),
        [_optional(v, "Tilbagebetalt ikke-anvendt tilskud") for v in repaid],
    )
