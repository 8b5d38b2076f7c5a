"""Amounts due per repayment rate, with the return cap applied (5.2, Bilag 5.1 pkt. 1).

Caps are cumulative over the rates and applied in the rates' order (reading 3): within a rate,
first each goal's own cap (what is left of it after earlier rates), then the total cap (what is
left of it after earlier rates). A rate whose results are not all there yet is ``None``, and so
is every later rate, since its caps depend on it. Unused grant (4.3) is outside the caps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement, RepaymentRate
from dsi_xl.clauses import goal_payment
from dsi_xl.errors import WrongCount
from dsi_xl.money import ZERO, is_blank, round_ore


@dataclass(frozen=True, slots=True)
class RateRepayment:
    """One repayment rate: each goal's amount before and after its own cap, and what is due."""

    rate: RepaymentRate
    before_caps: tuple[Decimal | None, ...]
    after_goal_caps: tuple[Decimal | None, ...]
    due: Decimal | None


def goal_amounts(agreement: Agreement, results: Sequence[Sequence[Any]]) -> list[list[Decimal | None]]:
    """Each goal's amount before caps, goals x measurements; ``None`` where the result is blank."""
    goals, rates = agreement.goals, agreement.repayment_rates
    if len(results) != len(goals) or any(len(row) != len(rates) for row in results):
        raise WrongCount(
            "Resultater",
            f"{len(goals)} rækker (én pr. betalingsmål) med {len(rates)} målinger hver",
            f"{len(results)} rækker med {', '.join(str(len(r)) for r in results)} målinger",
        )
    return [
        [
            None
            if is_blank(value)
            else goal_payment.compute(goal, value, goal_payment.label(goal, f", {rate.in_text}"))
            for rate, value in zip(rates, row)
        ]
        for goal, row in zip(goals, results)
    ]


def schedule(agreement: Agreement, results: Sequence[Sequence[Any]]) -> tuple[RateRepayment, ...]:
    """Every rate's amounts from results given goals x measurements (the template's shape)."""
    amounts = goal_amounts(agreement, results)
    goal_paid = {goal.number: ZERO for goal in agreement.goals}
    total_paid = ZERO
    complete = True
    schedule_: list[RateRepayment] = []
    for index, rate in enumerate(agreement.repayment_rates):
        before = tuple(row[index] for row in amounts)
        complete = complete and all(amount is not None for amount in before)
        if not complete:
            schedule_.append(RateRepayment(rate, before, (None,) * len(before), None))
            continue
        after = []
        for goal, amount in zip(agreement.goals, before):
            assert amount is not None
            if goal.cap is not None:
                amount = round_ore(min(amount, goal.cap - goal_paid[goal.number]))
            goal_paid[goal.number] += amount
            after.append(amount)
        due = round_ore(min(sum(after, ZERO), agreement.total_cap - total_paid))
        total_paid += due
        schedule_.append(RateRepayment(rate, before, tuple(after), due))
    return tuple(schedule_)


def compute(agreement: Agreement, results: Sequence[Sequence[Any]]) -> tuple[Decimal | None, ...]:
    """The amount due for each repayment rate after caps; ``None`` where results are missing.

    Results are goals x measurements. A turnover of 20 % would give goal 1 959.000 kr. in rate 1;
    its own cap of 900.000 kr. holds it there and leaves nothing of it for rate 2:

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> compute(randers, [[28, 28], [15, 15], [10.7, 10.7]])
    (Decimal('731800.00'), Decimal('731800.00'))
    >>> compute(randers, [[20, 20], [15, 15], [10.7, 10.7]])
    (Decimal('1232800.00'), Decimal('332800.00'))
    >>> compute(randers, [[20, None], [15, 15], [10.7, 10.7]])
    (Decimal('1232800.00'), None)
    """
    return tuple(rate.due for rate in schedule(agreement, results))
