"""DSI's portfolio: what each municipality owes DSI under each agreement, what it has repaid,
what is due when, and what is overdue or missing, on the judging day.

The spec is REGNSKABSSKABELON's last section, "DSI's portfolio, machine-readable".

:func:`of` reads a run's results (:func:`dsi_xl.batch.validate_files`): only the files the run
counts feed it, one per agreement, CVR and accounts year (reading 7, :mod:`dsi_xl.validation.history.run`),
and each agreement's terms as in force on the judging day. The model is :mod:`.model`; how one
account is built, :mod:`.accounts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dsi_xl.agreement import in_force, load
from dsi_xl.errors import DSIError
from dsi_xl.portfolio.accounts import account
from dsi_xl.portfolio.model import Account, Portfolio, Post, Totals, Year
from dsi_xl.validation.result import Result

__all__ = ["Account", "Portfolio", "Post", "Totals", "Year", "of", "run_day"]


def run_day(results: Sequence[Result], as_of: date | None = None) -> date:
    """``as_of``, else the run's day the results were judged on, else today."""
    days = {r.run_day for r in results if r.run_day is not None}
    return as_of or (max(days) if days else date.today())


def of(results: Sequence[Result], as_of: date | None = None) -> Portfolio:
    """The portfolio of a run's counted files, one account per agreement and CVR, sorted by
    municipality, agreement and CVR. Results that have not been compared as one run
    (:func:`dsi_xl.validation.history.compare`, which :func:`dsi_xl.batch.validate_files` does)
    are compared first, so that only the files the run counts feed it."""
    if any(r.why is None for r in results):
        from dsi_xl.validation.history import compare

        results = compare(results)
    day = run_day(results, as_of)
    groups: dict[tuple[str, str], dict[int, Result]] = {}
    for result in results:
        identity = result.identity
        if result.counted and not result.unreadable and identity.get("tilsagn") and identity.get("cvr"):
            groups.setdefault((identity["tilsagn"], identity["cvr"]), {})[identity["regnskabsaar"]] = result
    accounts: list[Account] = []
    for (agreement_id, cvr), files in groups.items():
        try:
            # the terms in force on the day (reading 12: an amendment or DSI's decision dated on or
            # before it is the agreement), so a withheld or reduced installment is the grant as DSI decided it
            agreement = in_force(load(agreement_id), day)
        except (DSIError, OSError, ValueError):  # a counted file names a known agreement; never raises anyway
            continue
        accounts.append(account(agreement, cvr, files, day))
    return Portfolio(day, tuple(sorted(accounts, key=lambda a: (a.municipality, a.agreement, a.cvr))))
