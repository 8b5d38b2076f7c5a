"""Every deadline of the agreement by kind (7.4 accounts, 4.3 unused grant, Bilag 3.2, Bilag 5.1).

=====================  ===============================================  ===================
kind                   deadline                                         number is
=====================  ===============================================  ===================
``regnskab``           accounts for a calendar year (7.4)               the accounts year
``ikke_anvendt``       repaying unused grant from those accounts (4.3)  the accounts year
``udbetaling``         DSI's payment of an installment (Bilag 3.2)      the installment
``opgoerelse``         stating a repayment rate (Bilag 5.1)             the repayment rate
``tilbagebetaling``    paying a repayment rate (Bilag 5.1)              the repayment rate
=====================  ===============================================  ===================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange
from dsi_xl.money import to_count

KINDS = ("regnskab", "ikke_anvendt", "udbetaling", "opgoerelse", "tilbagebetaling")


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline of the agreement: its day, kind and number, and what falls due, in Danish."""

    day: date
    kind: str
    number: int
    text: str


def every(agreement: Agreement) -> list[Deadline]:
    """Every deadline of the agreement, in time order (then in the order of :data:`KINDS`)."""
    a = agreement
    c = a.clauses
    found = [Deadline(accounts_due(a, y), "regnskab", y, f"Regnskabet for {y} afleveres ({c.get('accounts', '7.4')})")
             for y in a.budget_years]
    found += [Deadline(unused_grant_due(a, y), "ikke_anvendt", y,
                       f"Ikke-anvendt tilskud for {y} tilbagebetales ({c.get('unused_grant', '4.3')})")
              for y in a.budget_years]
    found += [Deadline(i.due, "udbetaling", i.number, f"DSI udbetaler rate {i.number} "
                       f"({c.get('installments', 'Bilag 3.2')})") for i in a.installments]
    for r in a.repayment_rates:
        found.append(Deadline(r.statement_due, "opgoerelse", r.number,
                              f"Tilbagebetalingsrate {r.number} ({r.in_text}) opgøres"))
        found.append(Deadline(r.payment_due, "tilbagebetaling", r.number,
                              f"Tilbagebetalingsrate {r.number} ({r.in_text}) betales"))
    return sorted(found, key=lambda d: (d.day, KINDS.index(d.kind), d.number))


def within_a_year(agreement: Agreement, day: date) -> list[Deadline]:
    """The deadlines from ``day`` (included) to the same day a year later (excluded): the next
    twelve months, as the half-year status (7.2) lists them."""
    end = _a_year_after(day)
    return [d for d in every(agreement) if day <= d.day < end]


def _a_year_after(day: date) -> date:
    return day.replace(year=day.year + 1) if (day.month, day.day) != (2, 29) else date(day.year + 1, 3, 1)


def most_within_a_year(agreement: Agreement) -> int:
    """The most deadlines any twelve months of the agreement hold: the rows a status page needs."""
    days = [d.day for d in every(agreement)]
    spans = [(day, _a_year_after(day)) for day in days]
    return max((sum(1 for other in days if day <= other < end) for day, end in spans), default=0)


def accounts_due(agreement: Agreement, year: int) -> date:
    """When the accounts for calendar year ``year`` are due (reading: 30 June of year + 1)."""
    _check_year(agreement, year)
    return agreement.accounts_due.in_year(year + agreement.accounts_year_offset)


def unused_grant_due(agreement: Agreement, year: int) -> date:
    """When unused grant from the accounts for ``year`` must be repaid (31 July of year + 1)."""
    _check_year(agreement, year)
    return agreement.unused_grant_due.in_year(year + agreement.accounts_year_offset)


def compute(agreement: Agreement, kind: str, number: Any) -> date:
    """The deadline of ``kind`` for ``number`` (a year, an installment or a repayment rate).

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> compute(randers, "regnskab", 2027), compute(randers, "tilbagebetaling", 1)
    (datetime.date(2028, 6, 30), datetime.date(2028, 7, 31))
    """
    key = kind.strip().lower().replace("ø", "oe") if isinstance(kind, str) else kind
    if key not in KINDS:
        raise OutOfRange("Fristtype", "en af " + ", ".join(KINDS), kind)
    n = int(to_count(number, "År eller nummer"))
    if key == "regnskab":
        return accounts_due(agreement, n)
    if key == "ikke_anvendt":
        return unused_grant_due(agreement, n)
    if key == "udbetaling":
        return agreement.installment(n).due
    rates = agreement.repayment_rates
    if not 1 <= n <= len(rates):
        raise OutOfRange("Tilbagebetalingsrate", f"et tal fra 1 til {len(rates)}", number)
    return rates[n - 1].statement_due if key == "opgoerelse" else rates[n - 1].payment_due


def _check_year(agreement: Agreement, year: int) -> None:
    if year not in agreement.budget_years:
        years = ", ".join(str(y) for y in agreement.budget_years)
        raise OutOfRange("Regnskabsår", f"et af årene {years}", year, "year")
