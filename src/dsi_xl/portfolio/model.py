"""DSI's portfolio as typed values: per agreement and recipient, every accounts year and every
amount owed, and the totals over the agreements.

Pure data; :mod:`dsi_xl.portfolio.accounts` builds it, the writers of :mod:`dsi_xl.report.formats`
show it.

Every sum here adds up only what may be added: a year's own figures over the years of one
agreement, each post once, each agreement once. Amounts are Decimals to the øre, days dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

YearStatus = Literal["modtaget", "mangler", "ikke_forfalden"]
PostKind = Literal["ikke_anvendt", "tilbagebetaling"]
PostStatus = Literal["ukendt", "betalt", "ikke_forfalden", "overskredet"]
ZERO = Decimal(0)


def total(values: Iterable[Decimal | None]) -> Decimal:
    """The sum of the amounts that are known (``None`` counts as nothing)."""
    return sum((v for v in values if v is not None), ZERO)


@dataclass(frozen=True, slots=True)
class Year:
    """One accounts year of an agreement, received or not (``regnskaber``)."""

    year: int
    due: date  # 7.4: the accounts' deadline
    status: YearStatus
    budget: Decimal  # the agreement's budget for the year, all lines (as in force)
    file: str | None = None  # the counted file (DSI's own path), when received
    signed: date | None = None
    on_time: bool | None = None  # signed by the deadline; None when not received or the date is impossible
    costs: Decimal | None = None  # that year's own actual costs, all lines
    received: Decimal | None = None  # installments received in that year


@dataclass(frozen=True, slots=True)
class Post:
    """One amount the municipality owes DSI under the agreement (``poster``): the unused grant of
    an accounts year (4.3), or a repayment rate after the caps (Bilag 5.1, 5.2)."""

    kind: PostKind
    period: int  # the accounts year, or the rate's number
    amount: Decimal | None  # as owed; None where no counted file states it yet
    due: date  # the payment deadline
    paid: Decimal = ZERO  # what the counted files say was repaid for it
    paid_on: date | None = None
    status: PostStatus = "ukendt"

    @property
    def outstanding(self) -> Decimal | None:
        """What is still owed, never below 0; ``None`` where the amount is unknown."""
        return None if self.amount is None else max(self.amount - self.paid, ZERO)

    @property
    def difference(self) -> Decimal | None:
        """Repaid minus owed (reading 11: positive means paid too much); ``None`` where unknown."""
        return None if self.amount is None else self.paid - self.amount

    @property
    def label(self) -> str:
        """Danish: ``Ikke-anvendt tilskud 2027``, ``Tilbagebetaling rate 1``."""
        return f"Ikke-anvendt tilskud {self.period}" if self.kind == "ikke_anvendt" else \
            f"Tilbagebetaling rate {self.period}"

    @property
    def short(self) -> str:
        """Danish, for a narrow column: ``Ikke-anvendt 2027``, ``Rate 1``."""
        return f"Ikke-anvendt {self.period}" if self.kind == "ikke_anvendt" else f"Rate {self.period}"


@dataclass(frozen=True)
class Account:
    """One agreement and recipient CVR (``tilsagn``): its years and posts as of the judging day."""

    agreement: str
    cvr: str
    municipality: str
    contact: str | None
    email: str | None
    grant: Decimal  # the grant as amended: every installment in force that is not withheld
    years: tuple[Year, ...]
    posts: tuple[Post, ...]
    final: bool  # every post's deadline has passed (the 5.3 control can be made)

    @property
    def received(self) -> Decimal:
        return total(y.received for y in self.years)

    @property
    def costs(self) -> Decimal:
        return total(y.costs for y in self.years)

    @property
    def owed(self) -> Decimal:
        """``skyldigt``: the sum of the known amounts owed."""
        return total(p.amount for p in self.posts)

    @property
    def paid(self) -> Decimal:
        return total(p.paid for p in self.posts)

    @property
    def balance(self) -> Decimal:
        """``saldo``: what is outstanding over all posts."""
        return total(p.outstanding for p in self.posts)

    @property
    def overdue(self) -> Decimal:
        """``overskredet``: what is outstanding on posts past their deadline."""
        return total(p.outstanding for p in self.posts if p.status == "overskredet")

    @property
    def missing(self) -> int:
        """How many accounts are missing (their deadline passed without a counted file)."""
        return sum(1 for y in self.years if y.status == "mangler")

    @property
    def reconciliation(self) -> Decimal | None:
        """``forskel_5_3``: once every post's deadline has passed and every amount is known, repaid
        minus owed over all posts (5.3, reading 11); ``None`` before."""
        if not self.final or any(p.amount is None for p in self.posts):
            return None
        return total(p.difference for p in self.posts)


@dataclass(frozen=True)
class Totals:
    """``i_alt``: over the agreements, each counted once."""

    grant: Decimal
    received: Decimal
    costs: Decimal
    owed: Decimal
    paid: Decimal
    balance: Decimal
    overdue: Decimal
    missing: int


@dataclass(frozen=True)
class Portfolio:
    as_of: date  # the judging day: the run's day (--as-of, or the day it ran)
    accounts: tuple[Account, ...]

    @property
    def totals(self) -> Totals:
        a = self.accounts
        return Totals(total(x.grant for x in a), total(x.received for x in a), total(x.costs for x in a),
                      total(x.owed for x in a), total(x.paid for x in a), total(x.balance for x in a),
                      total(x.overdue for x in a), sum(x.missing for x in a))
