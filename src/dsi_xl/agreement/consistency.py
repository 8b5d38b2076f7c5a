"""Terms of an agreement that contradict each other: every one found, as (where, problem).

Installments must sum to the grant, the budget must total it, dates must lie inside the effort
period, measurement years must cover 12 months, each goal's defined names must be its own, and so
on. :mod:`.load` turns each into one Danish sentence naming the field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dsi_xl.agreement.model import GOAL_NAME, Agreement, Installment, goal_prefix
from dsi_xl.format import kr

MAX_NAME = 255  # characters in an Excel defined name


def _goal_names(agreement: Agreement, refuse) -> None:
    """Each input's defined name is goal n's own (``DSI_M<n>_...``) and no name is used twice,
    so the template can place every goal."""
    taken = {goal.result_name: f"resultatet for mål {goal.number}" for goal in agreement.goals}
    for i, goal in enumerate(agreement.goals):
        prefix = goal_prefix(goal.number)
        for k, name in enumerate(goal.input_names):
            field = f"goals[{i}].inputs[{k}]"
            match = GOAL_NAME.fullmatch(name)
            if match is None or not name.startswith(prefix):
                refuse(field, f"navnet {name} skal begynde med {prefix} og derefter kun have store bogstaver A-Z, "
                       "cifre og understreger")
            if len(name) > MAX_NAME:
                refuse(field, f"navnet er {len(name)} tegn langt; Excel tillader højst {MAX_NAME}")
            if name in taken:
                refuse(field, f"navnet {name} er allerede brugt til {taken[name]}; hvert navn må kun bruges én gang")
            taken[name] = f"et input til mål {goal.number}"


def problems(agreement: Agreement, amended: bool = False) -> list[tuple[str, str]]:
    """(where, problem) for every term that contradicts another, all of them. ``amended``: the
    terms after an amendment, where the installments and the budget may sum to something other
    than the grant (a reduced or withheld installment, a changed budget line)."""
    a = agreement
    found: list[tuple[str, str]] = []

    def refuse(field: str, problem: str) -> None:
        found.append((f"feltet {field}", problem))

    def inside(field: str, day: date) -> None:
        if not a.effort_start <= day <= a.effort_end:
            refuse(field, f"{day.isoformat()} ligger uden for indsatsperioden {a.effort_start}..{a.effort_end}")

    def numbered(field: str, numbers: list[int]) -> None:
        if numbers != list(range(1, len(numbers) + 1)):
            refuse(field, f"numrene skal være 1, 2, ... i rækkefølge, men er {numbers}")

    if a.effort_start > a.effort_end:
        refuse("effort.end", "indsatsperioden slutter før den begynder")
    if a.grant <= 0:
        refuse("grant", "tilskuddet skal være større end 0")
    if not a.installments:
        refuse("installments", "der skal være mindst én udbetalingsrate")
    numbered("installments.number", [i.number for i in a.installments])
    previous: Installment | None = None
    for i, inst in enumerate(a.installments):
        inside(f"installments[{i}].start", inst.start)
        inside(f"installments[{i}].end", inst.end)
        if inst.start > inst.end:
            refuse(f"installments[{i}].end", "perioden slutter før den begynder")
        elif previous is not None and inst.start <= previous.end:
            refuse(f"installments[{i}].start", "ratternes perioder skal komme i rækkefølge uden overlap")
        if inst.amount <= 0:
            refuse(f"installments[{i}].amount", "beløbet skal være større end 0")
        previous = inst
    paid = sum((i.amount for i in a.installments), Decimal(0))
    if paid != a.grant and not amended:
        refuse("installments.amount", f"raterne summer til {kr(paid)}, men tilskuddet er {kr(a.grant)}")

    years = list(a.budget_years)
    if not years or years != list(range(years[0], years[0] + len(years))):
        refuse("budget.years", f"budgetårene skal være på hinanden følgende kalenderår, men er {years}")
    elif not a.effort_start.year <= years[0] <= years[-1] <= a.effort_end.year:
        refuse("budget.years", "budgetårene skal ligge inden for indsatsperioden")
    if not a.budget_lines:
        refuse("budget.lines", "budgettet skal have mindst én linje")
    for i, line in enumerate(a.budget_lines):
        if len(line.amounts) != len(years):
            refuse(
                f"budget.lines[{i}].amounts",
                f"der skal være {len(years)} beløb, ét pr. budgetår, men der er {len(line.amounts)}",
            )
        if any(amount < 0 for amount in line.amounts):
            refuse(f"budget.lines[{i}].amounts", "beløbene må ikke være negative")
    if a.budget_total != a.grant and not amended:
        refuse("budget.lines", f"budgettet summer til {kr(a.budget_total)}, men tilskuddet er {kr(a.grant)}")

    if not a.repayment_rates:
        refuse("repayment_rates", "der skal være mindst én tilbagebetalingsrate")
    numbered("repayment_rates.number", [r.number for r in a.repayment_rates])
    previous_end: date | None = None
    for i, rate in enumerate(a.repayment_rates):
        inside(f"repayment_rates[{i}].measurement_start", rate.measurement_start)
        inside(f"repayment_rates[{i}].measurement_end", rate.measurement_end)
        if rate.measurement_start > rate.measurement_end:
            refuse(f"repayment_rates[{i}].measurement_end", "måleåret slutter før det begynder")
        if previous_end is not None and rate.measurement_start <= previous_end:
            refuse(f"repayment_rates[{i}].measurement_start", "måleårene skal komme i rækkefølge uden overlap")
        months = (
            (rate.measurement_end.year - rate.measurement_start.year) * 12
            + rate.measurement_end.month
            - rate.measurement_start.month
            + 1
        )
        if months != 12:
            refuse(f"repayment_rates[{i}]", f"et måleår skal dække 12 måneder, men dækker {months}")
        if not rate.measurement_end < rate.statement_due <= rate.payment_due:
            refuse(
                f"repayment_rates[{i}].statement_due",
                "fristen for opgørelse skal ligge efter måleåret og senest på betalingsfristen",
            )
        previous_end = rate.measurement_end

    if not a.goals:
        refuse("goals", "der skal være mindst ét betalingsmål")
    numbered("goals.number", [g.number for g in a.goals])
    for i, goal in enumerate(a.goals):
        if goal.indicator == "share" and not 0 <= goal.baseline <= 100:
            refuse(f"goals[{i}].baseline", "en andel skal ligge mellem 0 og 100")
        if goal.baseline < 0:
            refuse(f"goals[{i}].baseline", "baseline må ikke være negativ")
        if goal.dkk_per_point <= 0:
            per = "procentpoint" if goal.in_percent else "enhed"
            refuse(f"goals[{i}].dkk_per_point", f"beløbet pr. {per} skal være større end 0")
        if goal.cap is not None and goal.cap <= 0:
            refuse(f"goals[{i}].cap", "loftet skal være større end 0")
        if goal.renegotiation_threshold <= 0:
            refuse(f"goals[{i}].renegotiation_threshold", "grænsen skal være større end 0")
    titles = [goal.title.strip().casefold() for goal in a.goals]
    for i, goal in enumerate(a.goals):
        first = a.goals[titles.index(titles[i])]
        if first is not goal:
            refuse(f"goals[{i}].title", f'mål {goal.number} hedder det samme som mål {first.number} ("{goal.title}"); '
                                        "to mål må ikke dele navn")
    _goal_names(a, refuse)
    if a.total_cap <= 0:
        refuse("caps.total", "afkastloftet skal være større end 0")
    if a.caseload_limit <= 0:
        refuse("caseload.limit", "grænsen skal være større end 0")
    if a.caseload_consecutive_quarters < 1:
        refuse("caseload.consecutive_quarters", "antallet af kvartaler skal være mindst 1")
    if a.deviation_threshold_percent < 0:
        refuse("deviation.threshold_percent", "grænsen må ikke være negativ")
    if a.accounts_year_offset < 0:
        refuse("accounts.year_offset", "må ikke være negativ")
    if a.accrual_default_percent < 0:
        refuse("accrual.default_percent", "må ikke være negativ")
    for year, limit in sorted(a.accrual_limits.items()):
        if year not in a.budget_years:
            refuse(f"accrual.{year}", f"{year} er ikke et budgetår")
        if limit is not None and limit < 0:
            refuse(f"accrual.{year}", "grænsen for periodisering må ikke være negativ")
    return found


