"""DSI's portfolio: each agreement and municipality across the accounts years of one run.

One row per agreement and CVR over the files the run counts (:attr:`Result.counted`): for each
accounts year present in the run its status, the year's actual costs and the unused grant
(DSI_IKKE_ANVENDT) that year's accounts computed; then, from the latest year's accounts, the
repayment due on each rate after the caps (DSI_TILBAGEBETALING) and what has been repaid on it.
Beside it two small tables for the charts: budget against actual costs per year, and due against
repaid per rate, each summed over the rows. Pure data; :mod:`.xlsx` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.report.summary import exact, repayments, unused
from dsi_xl.validation import facts
from dsi_xl.validation.result import Result

KEY_HEADINGS = ["Tilsagn", "Kommune", "CVR"]
YEAR_GROUP = ["Status", "Faktiske udgifter", "Ikke-anvendt tilskud"]  # per accounts year
RATE_GROUP = ["Til tilbagebetaling", "Tilbagebetalt"]  # per repayment rate


@dataclass(frozen=True)
class Portfolio:
    years: tuple[int, ...]
    rates: int
    rows: tuple[tuple[Any, ...], ...]  # KEY_HEADINGS, then YEAR_GROUP per year, then RATE_GROUP per rate
    by_year: tuple[tuple[int, Decimal, Decimal], ...]  # (year, budget, actual costs) over the rows
    by_rate: tuple[tuple[int, Decimal, Decimal], ...]  # (rate, due, repaid) over the rows

    @property
    def width(self) -> int:
        return len(KEY_HEADINGS) + len(YEAR_GROUP) * len(self.years) + len(RATE_GROUP) * self.rates


def _year(result: Result) -> int | None:
    year = result.identity.get("regnskabsaar")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _key(result: Result) -> tuple[str, str] | None:
    agreement, cvr = result.identity.get("tilsagn"), result.identity.get("cvr")
    return (agreement, cvr) if agreement and cvr else None


def _add(total: Decimal, value: Any) -> Decimal:
    return total + value if isinstance(value, Decimal) else total


def _amount(value: Any) -> Decimal | None:
    value = exact(value)
    return value if isinstance(value, Decimal) else None


def of(results: Sequence[Result]) -> Portfolio:
    """The portfolio of a run's counted, identified files, rows sorted by agreement, municipality."""
    groups: dict[tuple[str, str], dict[int, Result]] = {}
    for result in results:
        key, year = _key(result), _year(result)
        if result.counted and not result.unreadable and key and year is not None:
            groups.setdefault(key, {})[year] = result
    years = tuple(sorted({year for group in groups.values() for year in group}))
    rates = max((len(repayments(r)) for group in groups.values() for r in group.values()), default=0)
    budget = {year: Decimal(0) for year in years}
    actual = {year: Decimal(0) for year in years}
    due, repaid = [Decimal(0)] * rates, [Decimal(0)] * rates
    rows = []
    for (agreement, cvr), group in sorted(groups.items(), key=lambda item: (item[0][0], _name(item[1]), item[0][1])):
        row: list[Any] = [agreement, _name(group), cvr]
        for year in years:
            result = group.get(year)
            if result is None:
                row += [None] * len(YEAR_GROUP)
                continue
            costs = _amount(result.facts.get(facts.YEAR_COSTS))
            row += [result.status, costs, _amount(unused(result))]
            budget[year] = _add(budget[year], result.facts.get(facts.YEAR_BUDGET))
            actual[year] = _add(actual[year], costs)
        latest = group[max(group)]
        owed = repayments(latest) + [None] * rates
        paid = list(latest.facts.get(facts.REPAID) or []) + [None] * rates
        for n in range(rates):
            row += [_amount(owed[n]), _amount(paid[n])]
            due[n], repaid[n] = _add(due[n], _amount(owed[n])), _add(repaid[n], _amount(paid[n]))
        rows.append(tuple(row))
    return Portfolio(years, rates, tuple(rows), tuple((y, budget[y], actual[y]) for y in years),
                     tuple((n + 1, due[n], repaid[n]) for n in range(rates)))


def _name(group: dict[int, Result]) -> str:
    """The municipality as its latest accounts name it."""
    return str(group[max(group)].identity.get("kommune") or "")


def headings(portfolio: Portfolio) -> tuple[list[str], list[str]]:
    """Two header rows: the column groups (years, rates) above, the columns below."""
    top = [""] * len(KEY_HEADINGS)
    below = list(KEY_HEADINGS)
    for year in portfolio.years:
        top += [f"Regnskab {year}"] + [""] * (len(YEAR_GROUP) - 1)
        below += YEAR_GROUP
    for n in range(1, portfolio.rates + 1):
        top += [f"Rate {n}"] + [""] * (len(RATE_GROUP) - 1)
        below += RATE_GROUP
    return top, below
