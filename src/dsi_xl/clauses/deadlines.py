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

from datetime import date
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange
from dsi_xl.money import to_count

KINDS = ("regnskab", "ikke_anvendt", "udbetaling", "opgoerelse", "tilbagebetaling")


def accounts_due(agreement: Agreement, year: int) -> date:
    """When the accounts for calendar year ``year`` are due (reading: 30 June of year + 1)."""
    _check_year(agreement, year)
    return agreement.accounts_due.in_year(year + agreement.accounts_year_offset)


def unused_grant_due(agreement: Agreement, year: int) -> date:
    """When unused grant from the accounts for ``year`` must be repaid (31 July of year + 1)."""
    _check_year(agreement, year)
    return agreement.unused_grant_due.in_year(year + agreement.accounts_year_offset)


def compute(agreement: Agreement, kind: str, number: Any) -> date:
    """The deadline of ``kind`` for ``number`` (a year, an installment or a repayment rate)."""
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
