"""Amendments (tillæg) and DSI's decisions: the terms they change, and the agreement in force.

A term is a path into the agreement file (TILSAGNSDATA.md, section 2): ``goals.<n>.<key>``
(baseline, dkk_per_point, cap, direction), ``installments.<n>.amount|due|withheld``,
``budget.<line>.<year>`` (lines numbered from 1 in file order), ``caps.total``,
``accrual.<year>`` and ``repayment_rates.<n>.statement_due|payment_due``.

:func:`in_force` is the one place amendments are applied: every amendment dated on or before the
day, in number order; each changed term remembers the amendment and its old value
(:attr:`Agreement.amended`). :func:`problems` finds what is wrong with the amendments themselves
(numbering, order of dates, terms that do not exist); the state after each amendment is checked
like the agreement itself by :mod:`dsi_xl.agreement.load`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from dsi_xl import format as fmt
from dsi_xl.agreement.model import Agreement, Amended, Amendment, TermValue
from dsi_xl.agreement.toml_fields import to_date, to_number

# the kind of value of each changeable key: "amount" (a number), "date", "flag" (true/false),
# "direction" ("lower"/"higher")
GOAL_KEYS = {"baseline": "amount", "dkk_per_point": "amount", "cap": "amount", "direction": "direction"}
INSTALLMENT_KEYS = {"amount": "amount", "due": "date", "withheld": "flag"}
RATE_KEYS = {"statement_due": "date", "payment_due": "date"}
EXAMPLES = ("goals.2.baseline, installments.2.amount, installments.2.withheld, budget.1.2027, caps.total, "
            "accrual.2027, repayment_rates.1.payment_due")
DIRECTIONS = {"lower": "lavere er bedre", "higher": "højere er bedre"}


def kind(term: str) -> str | None:
    """The kind of value ``term`` takes (``amount``, ``date``, ``flag``, ``direction``), or
    ``None`` when no agreement has such a term."""
    match term.split("."):
        case ["goals", n, key] if n.isdigit() and key in GOAL_KEYS:
            return GOAL_KEYS[key]
        case ["installments", n, key] if n.isdigit() and key in INSTALLMENT_KEYS:
            return INSTALLMENT_KEYS[key]
        case ["budget", line, year] if line.isdigit() and year.isdigit():
            return "amount"
        case ["caps", "total"]:
            return "amount"
        case ["accrual", year] if year.isdigit():
            return "amount"
        case ["repayment_rates", n, key] if n.isdigit() and key in RATE_KEYS:
            return RATE_KEYS[key]
    return None


def value_of(term: str, raw: Any) -> TermValue:
    """The value ``raw`` (as TOML gives it) for ``term``; raises ``ValueError`` with what was
    expected, in Danish, when it is not of the term's kind."""
    wanted = kind(term)
    if wanted == "flag":
        if not isinstance(raw, bool):
            raise ValueError("sand eller falsk (true eller false)")
        return raw
    if wanted == "date":
        return to_date(raw)
    if wanted == "direction":
        if raw not in DIRECTIONS:
            raise ValueError('"lower" eller "higher"')
        return raw
    return to_number(raw)


def missing(agreement: Agreement, term: str) -> str | None:
    """Why ``term`` does not exist in ``agreement`` (Danish), or ``None`` when it does."""
    a = agreement
    if kind(term) is None:
        return f"vilkåret {term} findes ikke; et vilkår er fx {EXAMPLES}"
    if term == "caps.total":
        return None
    parts = term.split(".")
    head, number = parts[0], int(parts[1])

    def among(none: str, numbers: list[int]) -> str | None:
        if number in numbers:
            return None
        shown = ", ".join(str(n) for n in numbers)
        return f"vilkåret {term} findes ikke: der er {none} {number} (tilsagnet har {shown})"

    if head == "goals":
        return among("intet mål", [g.number for g in a.goals])
    if head == "installments":
        return among("ingen udbetalingsrate", [i.number for i in a.installments])
    if head == "repayment_rates":
        return among("ingen tilbagebetalingsrate", [r.number for r in a.repayment_rates])
    if head == "budget":
        if not 1 <= number <= len(a.budget_lines):
            return among("ingen budgetlinje", list(range(1, len(a.budget_lines) + 1)))
        year = int(parts[2])
    else:  # accrual.<year>
        year = number
    if year not in a.budget_years:
        years = ", ".join(str(y) for y in a.budget_years)
        return f"vilkåret {term} findes ikke: {year} er ikke et budgetår (budgetårene er {years})"
    return None


def get(agreement: Agreement, term: str) -> TermValue:
    """The value of an existing ``term`` in ``agreement``."""
    parts = term.split(".")
    match parts[0]:
        case "goals":
            return getattr(agreement.goal(int(parts[1])), parts[2])
        case "installments":
            return getattr(agreement.installment(int(parts[1])), parts[2])
        case "repayment_rates":
            return getattr(_rate(agreement, int(parts[1])), parts[2])
        case "budget":
            return agreement.budget_amount(int(parts[1]), int(parts[2]))
        case "accrual":
            return agreement.accrual_limits.get(int(parts[1]))
    return agreement.total_cap


def put(agreement: Agreement, term: str, value: TermValue) -> Agreement:
    """``agreement`` with the existing ``term`` set to ``value`` (a new agreement; pure)."""
    a = agreement
    parts = term.split(".")
    match parts[0]:
        case "goals":
            n = int(parts[1])
            goals = tuple(replace(g, **{parts[2]: value}) if g.number == n else g for g in a.goals)
            return replace(a, goals=goals)
        case "installments":
            n = int(parts[1])
            installments = tuple(replace(i, **{parts[2]: value}) if i.number == n else i for i in a.installments)
            return replace(a, installments=installments)
        case "repayment_rates":
            n = int(parts[1])
            rates = tuple(replace(r, **{parts[2]: value}) if r.number == n else r for r in a.repayment_rates)
            return replace(a, repayment_rates=rates)
        case "budget":
            line, col = int(parts[1]) - 1, a.budget_years.index(int(parts[2]))
            lines = list(a.budget_lines)
            amounts = list(lines[line].amounts)
            amounts[col] = value
            lines[line] = replace(lines[line], amounts=tuple(amounts))
            return replace(a, budget_lines=tuple(lines))
        case "accrual":
            return replace(a, accrual_limits={**a.accrual_limits, int(parts[1]): value})
    return replace(a, total_cap=value)


def _rate(agreement: Agreement, number: int):
    return next(r for r in agreement.repayment_rates if r.number == number)


def written(agreement: Agreement) -> Agreement:
    """The agreement as its file has it, before any amendment."""
    return agreement.as_written or agreement


def _scanned(base: Agreement, amendments: tuple[Amendment, ...]) -> list[Agreement]:
    """``base`` (the agreement as written), then it after each of ``amendments`` in turn, in the
    order given (pure; no checks): the one place amendments are applied, each once."""
    found = [base]
    for amendment in amendments:
        found.append(replace(_apply(found[-1], amendment), as_written=base))
    return found


def _apply(state: Agreement, amendment: Amendment) -> Agreement:
    """``state`` with one more amendment applied; its changes are added to ``amended``."""
    changes = list(state.amended)
    for change in amendment.changes:
        old = get(state, change.term)
        state = put(state, change.term, change.value)
        changes.append(Amended(change.term, amendment, old, change.value))
    return replace(state, amended=tuple(changes))


def in_force(agreement: Agreement, day: date) -> Agreement:
    """The agreement in force on ``day``: every amendment dated on or before it applied, in the
    order of their numbers. Without such an amendment it is the agreement as written, unchanged."""
    base = written(agreement)
    applied = tuple(a for a in sorted(base.amendments, key=lambda a: a.number) if a.date <= day)
    # the amendments dated on or before a day grow with the day, so their number tells them apart
    cache = base.in_force_cache
    if len(applied) not in cache:
        cache[len(applied)] = _scanned(base, applied)[-1]
    return cache[len(applied)]


def states(agreement: Agreement) -> list[tuple[Amendment, Agreement]]:
    """The agreement after each of its amendments in turn, in number order."""
    base = written(agreement)
    ordered = tuple(sorted(base.amendments, key=lambda a: a.number))
    return list(zip(ordered, _scanned(base, ordered)[1:]))


def versions(agreement: Agreement) -> list[Agreement]:
    """The versions of the terms up to ``agreement`` (one in force on some day): as written, then
    after each amendment in force in turn. A template built before an amendment holds one of
    the earlier versions in its locked cells."""
    return _scanned(written(agreement), applied(agreement))


def applied(agreement: Agreement) -> tuple[Amendment, ...]:
    """The amendments in force in ``agreement``, each once, in the order they were applied."""
    return tuple(dict.fromkeys(change.amendment for change in agreement.amended))


def after(agreement: Agreement, *terms: str) -> str:
    """``"efter tillæg 2 af 20.03.2027"`` for the last amendment in force that changed one of
    ``terms``; ``""`` when none did. Messages that judge by an amended term say so."""
    found = agreement.amendment_of(*terms)
    return f"efter {found.amendment.title}" if found else ""


def bracketed(agreement: Agreement, *terms: str) -> str:
    """`` (efter tillæg 2 af 20.03.2027)`` to follow a figure judged by an amended term; ``""``."""
    by = after(agreement, *terms)
    return f" ({by})" if by else ""


def goal_terms(agreement: Agreement) -> tuple[str, ...]:
    """Every term an amount due on the payment goals depends on: each goal's keys and the total cap."""
    return tuple(f"goals.{g.number}.{key}" for g in agreement.goals for key in GOAL_KEYS) + ("caps.total",)


# -- in Danish: what a term is called and how its value reads ----------------------------------


def label(agreement: Agreement, term: str) -> str:
    """What ``term`` is called in Danish: ``Baseline, mål 2``, ``Rate 2, beløb``."""
    parts = term.split(".")
    head = parts[0]
    if head == "goals":
        goal = _goal(agreement, parts[1])
        rate = "Beløb pr. procentpoint" if goal is None or goal.in_percent else "Beløb pr. enhed"
        return {"baseline": "Baseline", "dkk_per_point": rate, "cap": "Loft",
                "direction": "Retning"}[parts[2]] + f", mål {parts[1]}"
    if head == "installments":
        return f"Rate {parts[1]}" + {"amount": ", beløb", "due": ", frist", "withheld": ""}[parts[2]]
    if head == "repayment_rates":
        what = "opgøres senest" if parts[2] == "statement_due" else "betales senest"
        return f"Tilbagebetalingsrate {parts[1]}, {what}"
    if head == "budget":
        line = agreement.budget_lines[int(parts[1]) - 1].name
        return f'Budget, "{line}" {parts[2]}'
    if head == "accrual":
        return f"Periodisering for {parts[1]}, højst"
    return "Afkastloft"


def shown(agreement: Agreement, term: str, value: TermValue) -> str:
    """``value`` of ``term`` as Danish text: ``650.000 kr.``, ``12,4 %``, ``tilbageholdt``."""
    parts = term.split(".")
    if parts[-1] == "withheld":
        return "tilbageholdt" if value else "udbetales"
    if parts[-1] == "direction":
        return DIRECTIONS.get(str(value), str(value))
    if value is None:
        return "ingen aftalt grænse" if parts[0] == "accrual" else "intet"
    if isinstance(value, date):
        return fmt.day(value)
    if parts[0] == "goals" and parts[2] == "baseline":
        goal = _goal(agreement, parts[1])
        if goal is None or goal.in_percent:  # as the template shows a percentage
            return fmt.percent(value) if value == round(value, 1) else fmt.decimal(value) + " %"
        return f"{fmt.decimal(value)} ({goal.unit})"
    return fmt.kr(value)


def _goal(agreement: Agreement, number: str):
    return next((g for g in agreement.goals if g.number == int(number)), None)


def described(agreement: Agreement, change: Amended) -> str:
    """``rate 2: tilbageholdt (var udbetales)``: one change in Danish, to follow a colon."""
    return (f"{fmt.mid_sentence(label(agreement, change.term))}: {shown(agreement, change.term, change.new)} "
            f"(var {shown(agreement, change.term, change.old)})")


# -- the amendments themselves ------------------------------------------------------------------


def applicable(agreement: Agreement) -> bool:
    """True when every term the amendments name exists, so that they can be applied."""
    a = written(agreement)
    return all(missing(a, change.term) is None for amendment in a.amendments for change in amendment.changes)


def problems(agreement: Agreement) -> list[tuple[str, str]]:
    """(where, problem) for what is wrong with the amendments themselves, all of it: numbers
    not 1, 2, ... in order, a later number with an earlier date, no changes, a term that does not
    exist or is changed twice by one amendment. ``where`` names the field or the amendment."""
    a = written(agreement)
    found: list[tuple[str, str]] = []
    numbers = [m.number for m in a.amendments]
    if numbers != list(range(1, len(numbers) + 1)):
        found.append(("feltet amendments.number", f"tillæggene skal have numrene 1, 2, ... i rækkefølge, men har "
                                                  f"{', '.join(str(n) for n in numbers)}"))
    for earlier, later in zip(a.amendments, a.amendments[1:]):
        if later.number > earlier.number and later.date < earlier.date:
            found.append((later.title, f"et tillæg med et senere nummer må ikke have en tidligere dato; "
                                       f"{earlier.title} er senere"))
    for amendment in a.amendments:
        if not amendment.changes:
            found.append((amendment.title, "tillægget ændrer intet; changes skal nævne mindst ét vilkår"))
        seen: set[str] = set()
        for change in amendment.changes:
            why = missing(a, change.term)
            if why is not None:
                found.append((amendment.title, why))
            elif change.term in seen:
                found.append((amendment.title, f"vilkåret {change.term} ændres to gange i samme tillæg"))
            seen.add(change.term)
    return found
