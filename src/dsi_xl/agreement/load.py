"""Read an agreement data file (TOML) and check it before anything computes with it.

:func:`examine` collects every problem of a file, each one Danish sentence that names the field
or the amendment (installments must sum to the grant, the budget must total the grant, dates must
lie inside the effort period, an amendment must name a term that exists, ...), and the notes
that are no problem (an amendment that leaves the installments and the budget summing to
different totals). Loading (:func:`load_file`, :func:`parse`) refuses a file with a problem with
:class:`~dsi_xl.errors.AgreementError`, whose message is the first problem and whose
``problems`` are all of them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from dsi_xl.agreement import amendments, consistency
from dsi_xl.agreement.model import (
    INDICATORS,
    INPUT_ROLES,
    Agreement,
    Amendment,
    BudgetLine,
    Change,
    Goal,
    Installment,
    Party,
    RepaymentRate,
)
from dsi_xl.agreement.toml_fields import Fields
from dsi_xl.errors import AgreementError
from dsi_xl.format import kr


@dataclass(frozen=True)
class Examination:
    """What :func:`examine` found in one agreement file: the agreement (``None`` when the file
    cannot be read as one), every problem, and notes that are no problem."""

    agreement: Agreement | None
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def refuse(self) -> Agreement:
        """The agreement; raises :class:`AgreementError` naming the first problem when there is one."""
        if self.problems:
            error = AgreementError(self.problems[0])  # one sentence, in a cell or a finding too
            error.problems = self.problems  # dsi-xl agreement check shows them all
            raise error
        assert self.agreement is not None
        return self.agreement


def load_file(path: str | Path) -> Agreement:
    """Load and check one agreement data file."""
    return examine_file(path).refuse()


def examine_file(path: str | Path) -> Examination:
    """Every problem of one agreement data file, as DSI writes it; never raises for its content."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        return Examination(None, (f"Tilsagnsfilen {path} findes ikke.",))
    except IsADirectoryError:
        return Examination(None, (f"Tilsagnsfilen {path} er en mappe, ikke en fil.",))
    except PermissionError:
        return Examination(None, (f"Tilsagnsfilen {path} kan ikke læses: ingen adgang.",))
    except OSError as error:
        return Examination(None, (f"Tilsagnsfilen {path} kan ikke læses: {error.strerror}.",))
    except tomllib.TOMLDecodeError as error:
        return Examination(None, (_not_toml(path, str(error)),))
    except UnicodeDecodeError:
        return Examination(None, (f"Tilsagnsfilen {path} er ikke gyldig TOML: den er ikke skrevet i UTF-8.",))
    found = examine(raw, source=str(path))
    if found.agreement is not None and found.agreement.id != path.stem:
        mismatch = f"Feltet id er '{found.agreement.id}', men filen hedder {path.name}; de skal stemme overens."
        return Examination(found.agreement, (mismatch, *found.problems), found.notes)
    return found


def _not_toml(path: Path, detail: str) -> str:
    """One Danish sentence for a TOML syntax error; tomllib's own English stays as the detail."""
    where = re.search(r"\(at line (\d+), column (\d+)\)|\(at end of document\)", detail)
    said = detail[:where.start()].strip() if where else detail
    at = ("i slutningen af filen" if where and where.group(1) is None else
          f"i linje {where.group(1)}, kolonne {where.group(2)}" if where else "")
    return f"Tilsagnsfilen {path} er ikke gyldig TOML{' ' + at if at else ''} ({said})."


def parse(raw: dict[str, Any], source: str = "") -> Agreement:
    """Build an :class:`Agreement` from parsed TOML and check it; raises on the first problem."""
    return examine(raw, source).refuse()


def examine(raw: dict[str, Any], source: str = "") -> Examination:
    """Build an :class:`Agreement` from parsed TOML and find every problem with it: first what
    cannot be read (a missing field, a value of the wrong kind), then, if everything could,
    the terms that contradict each other, the amendments, and the terms after each amendment."""
    reader = Fields(raw)
    try:
        agreement = _build(reader, source)
    except AgreementError as error:  # a reader that stops (a field read outside the collecting methods)
        reader.problems.append(error.message)
    except Exception:
        if not reader.problems:
            raise
        # a placeholder given for a field already refused went on to fail: that refusal says why
    if reader.problems:
        return Examination(None, tuple(dict.fromkeys(reader.problems)))
    found = consistency.problems(agreement)
    problems = _sentences(agreement, found) + _sentences(agreement, amendments.problems(agreement))
    notes: list[str] = []
    if amendments.applicable(agreement):  # every term exists: the terms after each amendment can be checked
        after, notes = _amended(agreement, set(found))
        problems += after
    return Examination(agreement, tuple(problems), tuple(notes))


def _sentence(agreement: Agreement, where: str, problem: str) -> str:
    return f"Tilsagnet '{agreement.id}', {where}: {problem}" + ("" if problem.endswith(".") else ".")


def _sentences(agreement: Agreement, found: list[tuple[str, str]]) -> list[str]:
    """Each (where, problem) found in ``agreement`` as one Danish sentence naming the agreement."""
    return [_sentence(agreement, where, problem) for where, problem in found]


def _amended(agreement: Agreement, seen: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The problems that appear after an amendment (each named once, with the first amendment
    after which it appears; none already ``seen`` in the terms as written), and the notes on what
    the amendments leave summing differently."""
    problems: list[str] = []
    notes: list[str] = []
    sums = (agreement.installments_total, agreement.budget_total)
    for amendment, state in amendments.states(agreement):
        for where, problem in consistency.problems(state, amended=True):
            if (where, problem) not in seen:
                seen.add((where, problem))
                problems.append(_sentence(state, f"efter {amendment.title}, {where}", problem))
        now = (state.installments_total, state.budget_total)
        if now != sums and now[0] != now[1]:
            withheld = [str(i.number) for i in state.installments if i.withheld]
            held = f" ({'rate' if len(withheld) == 1 else 'raterne'} {', '.join(withheld)} tilbageholdt)" if withheld \
                else ""
            notes.append(f"Tilsagnet '{state.id}': efter {amendment.title} summer udbetalingsraterne til "
                         f"{kr(now[0])}{held}, men budgettet til {kr(now[1])}; tilskuddet er {kr(state.grant)}")
        sums = now
    return problems, notes


def _build(reader: Fields, source: str) -> Agreement:
    return Agreement(
        id=reader.text("id"),
        title=reader.text("title"),
        grantor=Party(reader.text("grantor.name"), reader.text("grantor.cvr")),
        recipient=Party(reader.text("recipient.name"), reader.text("recipient.cvr")),
        effort_title=reader.text("effort.title"),
        department=reader.text("effort.department"),
        effort_start=reader.date("effort.start"),
        effort_end=reader.date("effort.end"),
        grant=reader.amount("grant"),
        clauses={str(k): str(v) for k, v in reader.table("clauses").items()},
        installments=tuple(
            Installment(
                number=reader.integer(f"installments[{i}].number"),
                start=reader.date(f"installments[{i}].start"),
                end=reader.date(f"installments[{i}].end"),
                due=reader.date(f"installments[{i}].due"),
                amount=reader.amount(f"installments[{i}].amount"),
            )
            for i in range(reader.length("installments"))
        ),
        budget_years=tuple(reader.integer(f"budget.years[{i}]") for i in range(reader.length("budget.years"))),
        budget_lines=tuple(
            BudgetLine(
                name=reader.text(f"budget.lines[{i}].name"),
                amounts=tuple(
                    reader.amount(f"budget.lines[{i}].amounts[{j}]")
                    for j in range(reader.length(f"budget.lines[{i}].amounts"))
                ),
            )
            for i in range(reader.length("budget.lines"))
        ),
        repayment_rates=tuple(
            RepaymentRate(
                number=reader.integer(f"repayment_rates[{i}].number"),
                label=reader.text(f"repayment_rates[{i}].label"),
                measurement_start=reader.date(f"repayment_rates[{i}].measurement_start"),
                measurement_end=reader.date(f"repayment_rates[{i}].measurement_end"),
                statement_due=reader.date(f"repayment_rates[{i}].statement_due"),
                payment_due=reader.date(f"repayment_rates[{i}].payment_due"),
            )
            for i in range(reader.length("repayment_rates"))
        ),
        goals=tuple(_goal(reader, i) for i in range(reader.length("goals"))),
        total_cap=reader.amount("caps.total"),
        caseload_limit=reader.amount("caseload.limit"),
        caseload_consecutive_quarters=reader.integer("caseload.consecutive_quarters"),
        deviation_threshold_percent=reader.amount("deviation.threshold_percent"),
        accounts_year_offset=reader.integer("accounts.year_offset"),
        accounts_due=reader.month_day("accounts.due"),
        unused_grant_due=reader.month_day("accounts.unused_grant_due"),
        renegotiation_year=reader.integer("renegotiation.year"),
        accrual_default_percent=(reader.amount("accrual.default_percent") if reader.has("accrual.default_percent")
                                 else DEFAULT_ACCRUAL_PERCENT),
        source=source,
        accrual_limits=_accrual_limits(reader),
        amendments=tuple(_amendment(reader, i) for i in range(reader.length("amendments", optional=True))),
    )


DEFAULT_ACCRUAL_PERCENT = Decimal(100)
"""Reading 9's default limit when a file sets none: the whole budget of the rest of the period."""


def _accrual_limits(reader: Fields) -> dict[int, Decimal]:
    """The agreed accrual limits by accounts year (``accrual.<year>``) the file itself sets."""
    limits: dict[int, Decimal] = {}
    if not reader.has("accrual"):
        return limits
    for key in reader.table("accrual"):
        if key.isdigit():
            limits[int(key)] = reader.amount(f"accrual.{key}")
        elif key != "default_percent":
            reader.problems.append(f"Tilsagnsfilen, feltet accrual.{key}: forventede default_percent eller et år, "
                                   f"fx accrual.2027.")
    return limits


def _amendment(reader: Fields, i: int) -> Amendment:
    """One ``[[amendments]]`` entry; a change's value is read as its term's kind."""
    at = f"amendments[{i}]"
    number = reader.integer(f"{at}.number")
    changes = []
    for j in range(reader.length(f"{at}.changes")):
        term = reader.text(f"{at}.changes[{j}].term")
        raw = reader.value(f"{at}.changes[{j}].value")
        value = raw
        if amendments.kind(term) is not None and raw is not None:
            try:
                value = amendments.value_of(term, raw)
            except ValueError as expected:
                reader.problems.append(f"Tilsagnsfilen, tillæg {number} ({at}), vilkåret {term}: "
                                       f"forventede {expected}, fandt {raw!r}.")
        changes.append(Change(term, value))
    return Amendment(number, reader.date(f"{at}.date"), reader.text(f"{at}.clause"), reader.text(f"{at}.text"),
                     tuple(changes))


def _goal(reader: Fields, i: int) -> Goal:
    """One ``[[goals]]`` table; its inputs' names and labels resolved (the data's, or the defaults)."""
    field = f"goals[{i}]"
    indicator = reader.choice(f"{field}.indicator", INDICATORS)
    if indicator == "value":
        unit = reader.text(f"{field}.unit")
    elif reader.has(f"{field}.unit"):
        raise AgreementError(f"Tilsagnsfilen, feltet {field}.unit: kun et mål med indikatoren value har sin egen "
                             f"enhed; {indicator} måles i procent.")
    else:
        unit = "%"
    goal = Goal(
        number=reader.integer(f"{field}.number"),
        title=reader.text(f"{field}.title"),
        indicator=indicator,  # type: ignore[arg-type]
        direction=reader.choice(f"{field}.direction", ("lower", "higher")),  # type: ignore[arg-type]
        baseline=reader.amount(f"{field}.baseline"),
        baseline_period=reader.text(f"{field}.baseline_period"),
        dkk_per_point=reader.amount(f"{field}.dkk_per_point"),
        cap=reader.amount(f"{field}.cap") if reader.has(f"{field}.cap") else None,
        renegotiation_threshold=reader.amount(f"{field}.renegotiation_threshold"),
        unit=unit,
    )
    roles = len(INPUT_ROLES[indicator])
    for key in ("inputs", "labels"):
        if reader.has(f"{field}.{key}") and (given := reader.length(f"{field}.{key}")) != roles:
            raise AgreementError(f"Tilsagnsfilen, feltet {field}.{key}: et mål med indikatoren {indicator} har "
                                 f"{roles} {'input' if roles == 1 else 'inputs'}, men der står {given}.")
    inputs = tuple(reader.text(f"{field}.inputs[{k}]").strip() for k in range(roles)) \
        if reader.has(f"{field}.inputs") else ()
    labels = tuple(reader.text(f"{field}.labels[{k}]").strip() for k in range(roles)) \
        if reader.has(f"{field}.labels") else ()
    return replace(goal, inputs=inputs or goal.input_names, labels=labels or goal.input_labels)  # or the defaults


def check(agreement: Agreement) -> None:
    """Refuse an agreement whose terms contradict each other; the message names the field."""
    Examination(agreement, tuple(_sentences(agreement, consistency.problems(agreement)))).refuse()
