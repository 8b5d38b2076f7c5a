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
from datetime import date
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any

from dsi_xl.agreement import amendments
from dsi_xl.agreement.model import (
    GOAL_NAME,
    INDICATORS,
    INPUT_ROLES,
    Agreement,
    Amendment,
    BudgetLine,
    Change,
    Goal,
    Installment,
    MonthDay,
    Party,
    RepaymentRate,
    goal_prefix,
)
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
    reader = _Reader(raw)
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
    found = _problems(agreement)
    problems = [_sentence(agreement, where, problem) for where, problem in found]
    problems += [_sentence(agreement, where, problem) for where, problem in amendments.problems(agreement)]
    notes: list[str] = []
    if amendments.applicable(agreement):  # every term exists: the terms after each amendment can be checked
        after, notes = _amended(agreement, set(found))
        problems += after
    return Examination(agreement, tuple(problems), tuple(notes))


def _sentence(agreement: Agreement, where: str, problem: str) -> str:
    return f"Tilsagnet '{agreement.id}', {where}: {problem}" + ("" if problem.endswith(".") else ".")


def _amended(agreement: Agreement, seen: set[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The problems that appear after an amendment (each named once, with the first amendment
    after which it appears; none already ``seen`` in the terms as written), and the notes on what
    the amendments leave summing differently."""
    problems: list[str] = []
    notes: list[str] = []
    sums = (agreement.installments_total, agreement.budget_total)
    for amendment, state in amendments.states(agreement):
        for where, problem in _problems(state, amended=True):
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


def _build(reader: _Reader, source: str) -> Agreement:
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


def _accrual_limits(reader: _Reader) -> dict[int, Decimal]:
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


def _amendment(reader: _Reader, i: int) -> Amendment:
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


def _goal(reader: _Reader, i: int) -> Goal:
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
        if reader.has(f"{field}.{key}") and reader.length(f"{field}.{key}") != roles:
            raise AgreementError(f"Tilsagnsfilen, feltet {field}.{key}: et mål med indikatoren {indicator} har "
                                 f"{roles} {'input' if roles == 1 else 'inputs'}, men der står "
                                 f"{reader.length(f'{field}.{key}')}.")
    inputs = tuple(reader.text(f"{field}.inputs[{k}]").strip() for k in range(roles)) \
        if reader.has(f"{field}.inputs") else ()
    labels = tuple(reader.text(f"{field}.labels[{k}]").strip() for k in range(roles)) \
        if reader.has(f"{field}.labels") else ()
    resolved = replace(goal, inputs=inputs, labels=labels)
    return replace(resolved, inputs=resolved.input_names, labels=resolved.input_labels)


MAX_NAME = 255  # characters in an Excel defined name


def _check_goal_names(agreement: Agreement, refuse) -> None:
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


def check(agreement: Agreement) -> None:
    """Refuse an agreement whose terms contradict each other; the message names the field."""
    Examination(agreement, tuple(_sentence(agreement, where, problem) for where, problem in _problems(agreement))
                ).refuse()


def _problems(agreement: Agreement, amended: bool = False) -> list[tuple[str, str]]:
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
    _check_goal_names(a, refuse)
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


def _collected(placeholder: Any):
    """A reader method that records its problem and gives ``placeholder`` instead of stopping,
    so that one reading of a file finds every missing or mistyped field."""

    def wrap(method):
        @wraps(method)
        def read(self: _Reader, path: str, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, path, *args, **kwargs)
            except AgreementError as error:
                self.problems.append(error.message)
                return placeholder

        return read

    return wrap


class _Reader:
    """Typed access to parsed TOML by dotted path; every failure names the field and is
    collected in :attr:`problems` (the typed methods then give a placeholder)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.problems: list[str] = []

    def _get(self, path: str) -> Any:
        node: Any = self.raw
        for part in path.replace("]", "").replace("[", ".").split("."):
            try:
                node = node[int(part)] if isinstance(node, list) else node[part]
            except (KeyError, IndexError, ValueError, TypeError):
                raise AgreementError(f"Tilsagnsfilen mangler feltet {path}.") from None
        return node

    def has(self, path: str) -> bool:
        try:
            self._get(path)
        except AgreementError:
            return False
        return True

    def _refuse(self, path: str, expected: str, value: Any) -> AgreementError:
        return AgreementError(f"Tilsagnsfilen, feltet {path}: forventede {expected}, fandt {value!r}.")

    @_collected(None)
    def value(self, path: str) -> Any:
        return self._get(path)

    @_collected("")
    def text(self, path: str) -> str:
        value = self._get(path)
        if not isinstance(value, str) or not value.strip():
            raise self._refuse(path, "en tekst", value)
        return value

    @_collected(0)
    def integer(self, path: str) -> int:
        value = self._get(path)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._refuse(path, "et helt tal", value)
        return value

    @_collected(Decimal(0))
    def amount(self, path: str) -> Decimal:
        value = self._get(path)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self._refuse(path, "et tal", value)
        try:
            number = Decimal(repr(value) if isinstance(value, float) else value)
        except ArithmeticError:
            raise self._refuse(path, "et tal", value) from None
        if not number.is_finite():
            raise self._refuse(path, "et endeligt tal", value)
        return number

    @_collected(date(2000, 1, 1))
    def date(self, path: str) -> date:
        value = self._get(path)
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise self._refuse(path, "en dato (ÅÅÅÅ-MM-DD)", value)
        return value

    @_collected(MonthDay(1, 1))
    def month_day(self, path: str) -> MonthDay:
        value = self._get(path)
        if not isinstance(value, str):
            raise self._refuse(path, "en dag på formen MM-DD", value)
        try:
            month, day = (int(part) for part in value.split("-"))
            date(2000, month, day)  # 2000 is a leap year, so 02-29 is allowed
        except ValueError:
            raise self._refuse(path, "en dag på formen MM-DD", value) from None
        return MonthDay(month, day)

    @_collected("")
    def choice(self, path: str, options: tuple[str, ...]) -> str:
        value = self._get(path)
        if value not in options:
            raise self._refuse(path, " eller ".join(options), value)
        return value

    @_collected({})
    def table(self, path: str) -> dict[str, Any]:
        value = self._get(path)
        if not isinstance(value, dict):
            raise self._refuse(path, "en tabel", value)
        return value

    @_collected(0)
    def length(self, path: str, optional: bool = False) -> int:
        """The length of a list; with ``optional``, 0 when the field is absent."""
        if optional and not self.has(path):
            return 0
        value = self._get(path)
        if not isinstance(value, list):
            raise self._refuse(path, "en liste", value)
        return len(value)
