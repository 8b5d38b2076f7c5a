"""One agreement's account from the files a run counts for it (one per accounts year), on the
judging day: every accounts year, every amount owed, what was repaid and when, and what is due.

- Each accounts year of the agreement is ``modtaget`` when a counted file states it, else
  ``mangler`` once its deadline (7.4) has passed and ``ikke_forfalden`` before. A year's costs and
  the installments received in it are that year's own: read from its own file, or, for a year
  whose file is missing, from the latest later file that restates them (so a missing file never
  makes money paid out or spent disappear from the totals).
- The unused grant of an accounts year (4.3, reading 5) is owed as that year's own file computes
  it, by the year's 4.3 deadline; what was repaid on it is what the latest later file states.
- Each repayment rate (Bilag 5.1, after the caps of 5.2) is owed as the latest counted file that
  computes it says, of the files whose accounts year covers the rate (reading 8), by the rate's
  payment deadline; what was repaid on it is what the latest counted file that states a
  repayment says.
- A post is ``ukendt`` while no counted file states its amount, ``betalt`` when nothing is
  outstanding, ``ikke_forfalden`` until its deadline and ``overskredet`` after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses import deadlines, judging_day
from dsi_xl.portfolio.model import ZERO, Account, Post, PostStatus, Year
from dsi_xl.validation import facts
from dsi_xl.validation.result import Result


def _amount(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _owed_on_rate(result: Result, col: int) -> Decimal | None:
    """The amount due on repayment rate ``col`` as ``result`` states it, only when its accounts
    year covers the rate (reading 8: accounts signed before the measurement could not know it)."""
    due = facts.repayments(result)
    return _amount(due[col]) if col < len(due) else None


def _stated_paid(result: Result, key: str, col: int) -> tuple[Decimal, date | None] | None:
    """What ``result`` states was repaid in column ``col`` of ``key`` (:mod:`dsi_xl.validation.facts`),
    or ``None`` when it states no amount there."""
    pairs = result.facts.get(key) or []
    if col >= len(pairs) or _amount(pairs[col][0]) is None:
        return None
    amount, when = pairs[col]
    return amount, when if isinstance(when, date) else None


def status(amount: Decimal | None, paid: Decimal, due: date, as_of: date) -> PostStatus:
    """A post's status on ``as_of`` (REGNSKABSSKABELON, the portfolio's ``status``)."""
    if amount is None:
        return "ukendt"
    if amount - paid <= ZERO:
        return "betalt"
    return "ikke_forfalden" if as_of <= due else "overskredet"


def _post(kind, period: int, amount: Decimal | None, due: date, paid: tuple[Decimal, date | None] | None,
          as_of: date) -> Post:
    paid_amount, paid_on = paid or (ZERO, None)
    return Post(kind, period, amount, due, paid_amount, paid_on, status(amount, paid_amount, due, as_of))


def _figures(agreement: Agreement, year: int, files: Mapping[int, Result]) -> tuple[Decimal | None, Decimal | None]:
    """(costs, received) of ``year``: from its own file, else from the latest later file."""
    source = files.get(year) or _latest(files, lambda r: r, after=year)
    if source is None:
        return None, None
    by_year = source.facts.get(facts.COSTS_BY_YEAR) or []
    at = agreement.budget_years.index(year)
    return (_amount(by_year[at]) if at < len(by_year) else None,
            facts.received_in(source.facts.get(facts.RECEIVED), year))


def _year(agreement: Agreement, year: int, files: Mapping[int, Result], as_of: date) -> Year:
    due = deadlines.accounts_due(agreement, year)
    budget = agreement.budget_year_total(year)
    costs, received = _figures(agreement, year, files)
    result = files.get(year)
    if result is None:
        return Year(year, due, "mangler" if as_of > due else "ikke_forfalden", budget, costs=costs, received=received)
    signed = result.identity.get("underskrift_dato")
    signed = signed if isinstance(signed, date) else None
    possible = judging_day.possible(signed, year, result.run_day or as_of)
    return Year(year, due, "modtaget", budget, result.file, signed, (signed <= due) if possible else None, costs,
                received)


def _latest(files: Mapping[int, Result], found, after: int | None = None):
    """The first thing ``found(result)`` gives for the counted files, latest accounts year first
    (only years after ``after``), or ``None``."""
    for year in sorted(files, reverse=True):
        if after is not None and year <= after:
            break
        if (value := found(files[year])) is not None:
            return value
    return None


def account(agreement: Agreement, cvr: str, files: Mapping[int, Result], as_of: date) -> Account:
    """The account of ``agreement`` and ``cvr`` from its counted ``files`` by accounts year, on ``as_of``."""
    years = agreement.budget_years
    posts = []
    for col, year in enumerate(years):
        own = files.get(year)
        posts.append(_post("ikke_anvendt", year, _amount(facts.unused(own)) if own else None,
                           deadlines.unused_grant_due(agreement, year),
                           _latest(files, lambda r, c=col: _stated_paid(r, facts.UNUSED_REPAID, c), after=year),
                           as_of))
    for col, rate in enumerate(agreement.repayment_rates):
        posts.append(_post("tilbagebetaling", rate.number,
                           _latest(files, lambda r, c=col: _owed_on_rate(r, c)), rate.payment_due,
                           _latest(files, lambda r, c=col: _stated_paid(r, facts.REPAID, c)), as_of))
    latest = files[max(files)]
    identity = latest.identity
    return Account(agreement.id, cvr, identity.get("kommune") or agreement.recipient.name,
                   identity.get("kontakt_navn"), identity.get("kontakt_email"), agreement.installments_total,
                   tuple(_year(agreement, year, files, as_of) for year in years), tuple(posts),
                   all(as_of > p.due for p in posts))
