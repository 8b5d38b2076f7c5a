"""Budget and actual costs (Bilag 4.1, 4.2, 6.1.1(v)).

Actual costs are reported per budget line and calendar year: every year up to the accounts year
is filled (a blank is allowed only where the budget is 0), later years stay empty. A significant
deviation in the accounts year needs a written explanation: a warning, not an error, because the
agreement makes the deviation, not its wording, the ground for action (6.1.1(v)); DSI decides.

The budget is the one in force on the day the file is judged on (a budget changed in writing,
11.1, is an amendment). The locked copy in DSI_BUDGET may be that of a template built before an
amendment: any version of the budget in force up to that day is accepted there.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.agreement.amendments import after, bracketed, versions
from dsi_xl.clauses import deviation
from dsi_xl.errors import DSIError, describe
from dsi_xl.format import kr, percent
from dsi_xl.money import is_blank, round_ore, to_decimal, to_nonnegative
from dsi_xl.spec import DSI_AFVIGELSE_FORKLARING, DSI_BUDGET, DSI_FAKTISK
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, not_blank, registrar
from dsi_xl.validation.values import text
from dsi_xl.workbook.submission import ExcelError

rule = registrar("Budget og regnskab")


def _line(ctx: Context, row: int) -> str:
    return f'linjen "{ctx.agreement.budget_lines[row].name}"'


def _budget(ctx: Context, row: int, year: int) -> str:
    """``"budgettet"``, or ``"budgettet efter tillæg 3 af 01.06.2027 (11.1)"`` where it was amended."""
    by = after(ctx.agreement, f"budget.{row + 1}.{year}")
    return f"budgettet {by}" if by else "budgettet"


def _same_budget(ctx: Context, version) -> bool:
    """True when every usable cell of DSI_BUDGET holds ``version``'s budget."""
    for r, line in enumerate(version.budget_lines):
        for c, amount in enumerate(line.amounts):
            cell = ctx.cell(DSI_BUDGET, r, c)
            if not _unjudged(ctx, cell) and not _holds(cell, amount):
                return False
    return True


def _holds(cell, amount) -> bool:
    """True when ``cell`` holds ``amount`` to the øre (text or an unreadable number does not)."""
    try:
        return round_ore(to_decimal(cell.value, "Budget")) == round_ore(amount)
    except DSIError:
        return False


def _unjudged(ctx: Context, cell) -> bool:
    """A formula without a usable saved value: formula integrity checks it."""
    return bool(cell.formula) and (isinstance(cell.value, ExcelError) or
                                   (cell.value is None and not ctx.submission.has_cached_values))


@rule("BUDGET-01", "fejl", f"{DSI_BUDGET} er tilsagnets budget (Bilag 4.1), som det gælder, eller som det gjaldt, "
      "da skabelonen blev bygget; det kan ikke ændres uden DSI.", needs=(DSI_BUDGET,))
def budget_unchanged(ctx: Context) -> Iterator[Hit]:
    a = ctx.agreement
    if any(_same_budget(ctx, version) for version in versions(a)):
        return  # the budget in force, or that of a template built before an amendment
    for r, line in enumerate(a.budget_lines):
        for c, year in enumerate(a.budget_years):
            cell = ctx.cell(DSI_BUDGET, r, c)
            if _unjudged(ctx, cell):
                continue
            expected = line.amounts[c]
            if not _holds(cell, expected):
                by = bracketed(a, f"budget.{r + 1}.{year}")
                yield Hit(f"budgettet for {_line(ctx, r)} i {year} skal være "
                          f"tilsagnets {kr(expected)}{by}, fandt {describe(cell.value)}.",
                          DSI_BUDGET, cell)


@rule("BUDGET-02", "fejl", "Faktiske udgifter er tal på 0 eller derover for hvert år til og med regnskabsåret.",
      needs=(DSI_FAKTISK,), year=True)
def actuals_filled(ctx: Context) -> Iterator[Hit]:
    a, year = ctx.agreement, ctx.accounts_year
    for r, line in enumerate(a.budget_lines):
        for c, y in enumerate(a.budget_years):
            cell = ctx.cell(DSI_FAKTISK, r, c)
            if y > year or (is_blank(cell.value) and line.amounts[c] == 0):
                continue
            what = f"faktiske udgifter for {_line(ctx, r)} i {y}"
            try:
                to_nonnegative(cell.value, what)
            except DSIError as error:
                yield Hit(error.message, DSI_FAKTISK, cell)


@rule("BUDGET-03", "fejl", "Faktiske udgifter for år efter regnskabsåret er tomme.", needs=(DSI_FAKTISK,), year=True)
def actuals_later_empty(ctx: Context) -> Iterator[Hit]:
    a, year = ctx.agreement, ctx.accounts_year
    for r in range(len(a.budget_lines)):
        for c, y in enumerate(a.budget_years):
            cell = ctx.cell(DSI_FAKTISK, r, c)
            if y > year and not is_blank(cell.value):
                yield Hit(not_blank(f"{y} ligger efter regnskabsåret {year}", cell.value), DSI_FAKTISK, cell)


def _deviations(ctx: Context) -> Iterator[tuple[int, deviation.Deviation, object]]:
    """(line, deviation, cell) for each line in the accounts year with a usable actual."""
    a, year = ctx.agreement, ctx.accounts_year
    c = a.budget_years.index(year)
    for r, line in enumerate(a.budget_lines):
        cell = ctx.cell(DSI_FAKTISK, r, c)
        if is_blank(cell.value) and line.amounts[c] == 0:
            continue
        try:
            spent = to_nonnegative(cell.value, "Faktiske udgifter")
            yield r, deviation.compute(line.amounts[c], spent, a.deviation_threshold_percent), cell
        except (DSIError, ArithmeticError):
            continue  # BUDGET-02 reports it


@rule("BUDGET-04", "advarsel", "En væsentlig afvigelse fra budgettet i regnskabsåret (6.1.1(v)) er forklaret i "
      f"{DSI_AFVIGELSE_FORKLARING}.", needs=(DSI_FAKTISK, DSI_AFVIGELSE_FORKLARING), year=True)
def deviation_explained(ctx: Context) -> Iterator[Hit]:
    threshold = ctx.agreement.deviation_threshold_percent
    for r, dev, _cell in _deviations(ctx):
        note = ctx.cell(DSI_AFVIGELSE_FORKLARING, r, 0)
        if dev.significant and text(note.value) is None:
            size = f"{kr(dev.amount)}" + (
                f" ({percent(dev.percent)})" if dev.percent is not None else " (intet budget)"
            )
            yield Hit(f"{_line(ctx, r)} afviger {size} fra {_budget(ctx, r, ctx.accounts_year)} i "
                      f"{ctx.accounts_year}, mere end {percent(threshold)}; forventede en skriftlig forklaring, "
                      "fandt en tom celle.", DSI_AFVIGELSE_FORKLARING, note)


@rule("BUDGET-05", "info", "Udgifter under budgettet i regnskabsåret: DSI kan nedsætte tilskuddet (4.2).",
      needs=(DSI_FAKTISK,), year=True)
def below_budget(ctx: Context) -> Iterator[Hit]:
    for r, dev, cell in _deviations(ctx):
        if dev.amount < 0:
            yield Hit(f"udgifterne på {_line(ctx, r)} i {ctx.accounts_year} er "
                      f"{kr(-dev.amount)} under {_budget(ctx, r, ctx.accounts_year)}; DSI kan nedsætte tilskuddet "
                      f"tilsvarende{ctx.agreement.cite('reduction')}.",
                      DSI_FAKTISK, cell)
