"""Payment goals (Bilag 5.1, 5.2, 5.3): inputs, what is due, what was repaid, the 2025 check.

A measurement is *due* in the accounts for year N when its repayment rate must be stated by the
accounts' own deadline (``statement_due <= accounts_due(N)``: for Randers' accounts for 2027, due
30.06.2028, that is measurement year 2, stated by 31.05.2028, not year 3) and the measurement year
was over on the day the accounts are judged on (reading 8, :mod:`dsi_xl.clauses.availability`). A
due measurement must be complete, and so must any measurement over by then whose inputs are partly
filled; figures of a measurement year not over by then are warned about (MAAL-10). Indicators and
amounts are computed once, in :mod:`dsi_xl.validation.computed`. A 5.3 difference is repaid minus
owed throughout (reading 11): positive, the municipality paid too much.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from dsi_xl.agreement.amendments import after, bracketed, goal_terms
from dsi_xl.clauses import availability, deadlines, reconciliation, renegotiation, unused_grant
from dsi_xl.errors import DSIError, describe
from dsi_xl.format import count, day, in_unit, kr, signed_kr
from dsi_xl.format import decimal as plain
from dsi_xl.money import ZERO, is_blank, round_ore, to_count, to_decimal, to_nonnegative
from dsi_xl.spec import (
    DSI_BASELINE_2025,
    DSI_IKKE_ANVENDT,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALING,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    GoalNames,
    goals,
)
from dsi_xl.validation.computed import unused_for
from dsi_xl.validation.context import Context
from dsi_xl.validation.rule import Hit, not_a_date, registrar
from dsi_xl.validation.values import as_date
from dsi_xl.workbook.submission import Cell

rule = registrar("Betalingsmål")
REPAID = (DSI_TILBAGEBETALT_BELOEB, DSI_TILBAGEBETALT_DATO)
HALF_ORE = Decimal("0.005")


def due_measurements(ctx: Context) -> list[int]:
    """Indexes of the measurements these accounts must report (see the module's docstring)."""
    if ctx.accounts_year is None:
        return []
    return [m for m, rate in enumerate(ctx.agreement.repayment_rates)
            if availability.measurement_required(ctx.agreement, ctx.accounts_year, ctx.stated_on, rate)]


def _over(ctx: Context, m: int) -> bool:
    """The measurement year was over on the day the accounts are judged on."""
    return availability.ended(ctx.agreement.repayment_rates[m].measurement_end, ctx.stated_on)


def _inputs(ctx: Context, names: GoalNames, m: int) -> list[tuple[str, Cell]]:
    """Every input cell of one goal for one measurement, in the order of its inputs (a
    turnover's whole: its 12 monthly headcounts)."""
    return [(spec.name, ctx.cell(spec.name, r, m)) for spec in names.inputs
            for r in range(len(ctx.range(spec.name).cells))]


def _used(ctx: Context) -> Iterator[tuple[object, GoalNames]]:
    for names in goals(ctx.agreement):
        if ctx.has(*(spec.name for spec in names.inputs)):
            yield names.goal, names


@rule("MAAL-01", "fejl", "Betalingsmålenes tal er udfyldt for de målinger, regnskabet skal opgøre, når måleåret var "
      "slut på underskriftsdatoen (og for enhver afsluttet måling, der er begyndt udfyldt), herunder alle 12 "
      "månedstal for ansatte.")
def complete(ctx: Context) -> Iterator[Hit]:
    due = due_measurements(ctx)
    for goal, names in _used(ctx):
        missing: dict[str, list[tuple[Cell, str, str]]] = {}  # one finding per name
        for m, rate in enumerate(ctx.agreement.repayment_rates):
            cells = _inputs(ctx, names, m)
            begun = any(not is_blank(cell.value) for _, cell in cells)
            if (m not in due and not begun) or not _over(ctx, m):
                continue  # not this year's to report, or it cannot be known yet (MAAL-10)
            why = "skal opgøres i dette regnskab" if m in due else "er delvist udfyldt"
            for name, cell in cells:
                if is_blank(cell.value):
                    missing.setdefault(name, []).append((cell, rate.in_text, why))
        for name, found in missing.items():
            rates = list(dict.fromkeys(label for _, label, _ in found))
            whys = list(dict.fromkeys(why for _, _, why in found))
            months = f" ({count(len(found), 'celle', 'celler')})" if len(found) > 1 else ""
            yield Hit(f"{ctx.label(name)} for mål {goal.number}, {' og '.join(rates)}, mangler{months}; "
                      f"{'målingen' if len(rates) == 1 else 'målingerne'} {' og '.join(whys)}.", name,
                      cells=tuple(cell for cell, _, _ in found))


@rule("MAAL-02", "fejl", "Betalingsmålenes tal (fratrædelser, ansatte, sager, borgere) er hele tal på 0 eller derover; "
      "et måls målte værdi er et tal på 0 eller derover.")
def whole_numbers(ctx: Context) -> Iterator[Hit]:
    for _goal, names in _used(ctx):
        measured = names.indicator == "value"
        for m, rate in enumerate(ctx.agreement.repayment_rates):
            for name, cell in _inputs(ctx, names, m):
                if is_blank(cell.value):
                    continue
                try:
                    (to_nonnegative if measured else to_count)(cell.value, f"{ctx.label(name)} for {rate.in_text}")
                except DSIError as error:
                    yield Hit(error.message, name, cell)


def _counts(cells: list[tuple[str, Cell]]) -> list | None:
    try:
        return [to_count(cell.value, "tal") for _, cell in cells]
    except DSIError:
        return None


@rule("MAAL-03", "fejl", "Tæller og nævner hænger sammen: en del er højst det hele, og nævneren (sager, borgere, "
      "ansatte i alt) er større end 0.")
def consistent(ctx: Context) -> Iterator[Hit]:
    for goal, names in _used(ctx):
        if names.indicator == "value":
            continue  # a value has no whole
        for m, rate in enumerate(ctx.agreement.repayment_rates):
            cells = _inputs(ctx, names, m)
            numbers = _counts(cells)
            if numbers is None:
                continue  # MAAL-01 or MAAL-02
            part, whole = numbers[0], sum(numbers[1:], ZERO)
            name, cell = cells[1]
            if whole == 0:
                yield Hit(f"{ctx.label(name)} for mål {goal.number}, {rate.in_text}, skal være "
                          "større end 0, fandt 0.", name, cell)
            elif names.indicator == "share" and part > whole:
                pname, pcell = cells[0]
                yield Hit(f"{ctx.label(pname)} ({plain(part)}) kan ikke være flere end "
                          f"{ctx.label(name)} ({plain(whole)}) for mål {goal.number}, {rate.in_text}.", pname, pcell)


def _terms(ctx: Context) -> str:
    """`` Beløbet er regnet efter tillæg 1 af 15.09.2026.`` when an amendment in force changed a
    goal or the cap; ``""`` otherwise."""
    by = after(ctx.agreement, *goal_terms(ctx.agreement))
    return f" Beløbet er regnet {by}." if by else ""


def _dates(ctx: Context, rate) -> str:
    return bracketed(ctx.agreement, f"repayment_rates.{rate.number}.statement_due",
                     f"repayment_rates.{rate.number}.payment_due")


def _stated(ctx: Context) -> Iterator[int]:
    """Repayment rates whose statement deadline had passed when the accounts were signed, with a
    computed amount due."""
    due = ctx.computed.due
    for m, rate in enumerate(ctx.agreement.repayment_rates):
        if ctx.stated_on > rate.statement_due and due[m] is not None:
            yield m


@rule("MAAL-04", "fejl", "Når fristen for opgørelse er passeret (på underskriftsdatoen; uden underskrift: i dag): "
      "det tilbagebetalte beløb er det skyldige (efter loft), og det er betalt, når betalingsfristen er passeret.",
      needs=REPAID)
def repaid_as_due(ctx: Context) -> Iterator[Hit]:
    for m in _stated(ctx):
        rate, owed = ctx.agreement.repayment_rates[m], ctx.computed.due[m]
        cell = ctx.cell(DSI_TILBAGEBETALT_BELOEB, 0, m)
        if is_blank(cell.value):
            if owed > 0 and ctx.stated_on > rate.payment_due:
                yield Hit(f"{kr(owed)} for {rate.in_text} skulle være betalt "
                          f"senest {day(rate.payment_due)}{_dates(ctx, rate)}; fandt en tom celle.{_terms(ctx)}",
                          DSI_TILBAGEBETALT_BELOEB, cell)
            continue
        try:
            paid = to_nonnegative(cell.value, "Tilbagebetalt")
        except DSIError:
            continue  # MAAL-06
        if abs(paid - owed) >= HALF_ORE:
            yield Hit(f"for {rate.in_text} skyldes {kr(owed)} efter loft, "
                      f"fandt {kr(round_ore(paid))} tilbagebetalt.{_terms(ctx)}", DSI_TILBAGEBETALT_BELOEB, cell)


@rule("MAAL-05", "advarsel", "Et tilbagebetalt beløb har en dato, og datoen ligger senest på ratens betalingsfrist.",
      needs=REPAID)
def repaid_in_time(ctx: Context) -> Iterator[Hit]:
    for m, rate in enumerate(ctx.agreement.repayment_rates):
        amount, cell = ctx.cell(DSI_TILBAGEBETALT_BELOEB, 0, m), ctx.cell(DSI_TILBAGEBETALT_DATO, 0, m)
        paid_on = as_date(cell.value)
        if paid_on is None and not is_blank(amount.value):
            yield Hit(f"et tilbagebetalt beløb for {rate.in_text} skal have en "
                      f"dato, fandt {describe(cell.value)}.", DSI_TILBAGEBETALT_DATO, cell)
        elif paid_on is not None and paid_on > rate.payment_due:
            yield Hit(f"{rate.label} skulle betales senest {day(rate.payment_due)}{_dates(ctx, rate)}, "
                      f"betalt {day(paid_on)}.", DSI_TILBAGEBETALT_DATO, cell)


@rule("MAAL-06", "fejl", "Tilbagebetalt beløb er et tal på 0 eller derover, tilbagebetalt dato en rigtig dato, og "
      "resultatet for 2025 et gyldigt resultat for målet.")
def other_inputs(ctx: Context) -> Iterator[Hit]:
    for m, rate in enumerate(ctx.agreement.repayment_rates):
        if ctx.has(*REPAID):
            amount, when = ctx.cell(REPAID[0], 0, m), ctx.cell(REPAID[1], 0, m)
            if not is_blank(amount.value):
                try:
                    to_nonnegative(amount.value, f"tilbagebetalt for {rate.in_text}")
                except DSIError as error:
                    yield Hit(error.message, REPAID[0], amount)
            if not is_blank(when.value) and as_date(when.value) is None:
                yield Hit(not_a_date(when.value), REPAID[1], when)
    if ctx.has(DSI_BASELINE_2025):
        for c, goal in enumerate(ctx.agreement.goals):
            cell = ctx.cell(DSI_BASELINE_2025, 0, c)
            if not is_blank(cell.value):
                try:
                    renegotiation.compute(goal, to_decimal(cell.value, "Resultat"))
                except DSIError:
                    kind = "en andel mellem 0 og 100" if goal.indicator == "share" else "et tal på 0 eller derover"
                    unit = "procent" if goal.in_percent else goal.unit
                    yield Hit(f"resultatet for mål {goal.number} i "
                              f"{ctx.agreement.renegotiation_year} skal være {kind} ({unit}), fandt "
                              f"{describe(cell.value)}.", DSI_BASELINE_2025, cell)


@rule("MAAL-07", "info", "Efter sidste betalingsfrist (på underskriftsdatoen; uden underskrift: i dag): afstemning "
      "af skyldigt mod tilbagebetalt i alt (5.3), i sidste regnskabsår også for ikke-anvendt tilskud (4.3).",
      needs=(DSI_TILBAGEBETALT_BELOEB,))
def reconciled(ctx: Context) -> Iterator[Hit]:
    rates = ctx.agreement.repayment_rates
    due = ctx.computed.due
    if ctx.stated_on <= rates[-1].payment_due:
        return
    yield from _unused_reconciled(ctx)
    if any(d is None for d in due):
        return
    try:
        result = reconciliation.compute(due, ctx.range(DSI_TILBAGEBETALT_BELOEB).values[0])
    except DSIError:
        return  # MAAL-06
    cell = ctx.cell(DSI_TILBAGEBETALT_BELOEB)
    yield Hit(f"afstemning{ctx.agreement.cite('reconciliation')}: skyldigt i alt {kr(result.owed)}, "
              f"tilbagebetalt {kr(result.repaid)}; {_verdict(result.difference)}.", DSI_TILBAGEBETALT_BELOEB, cell)


def _verdict(difference: Decimal) -> str:
    """A 5.3 difference in words, one sign throughout (reading 11): repaid minus owed."""
    if difference == 0:
        return "stemmer"
    how = "betalt for meget" if difference > 0 else "betalt for lidt"
    return f"forskel (tilbagebetalt minus skyldigt) {signed_kr(difference)}, {how}"


def _unused_reconciled(ctx: Context) -> Iterator[Hit]:
    """5.3 for the unused grant (4.3), in the last accounts year: each earlier year's unused grant as
    the file computes it (with the largest accrual that year allowed) and this year's, against what
    was repaid for the earlier years."""
    years = ctx.agreement.budget_years
    repaid_name = DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB
    if ctx.accounts_year != years[-1] or not ctx.has(repaid_name):
        return
    own = ctx.computed.unused
    earlier = [unused_for(ctx, y, unused_grant.accrual_allowed(ctx.agreement, y)[0]) for y in years[:-1]]
    if own is None or any(e is None for e in earlier):
        return
    try:
        repaid = sum((to_nonnegative(v, "Tilbagebetalt") for v in ctx.range(repaid_name).values[0][:-1]
                      if not is_blank(v)), ZERO)
    except DSIError:
        return  # UBRUGT-07
    owed = sum(earlier, ZERO)
    cell = ctx.cell(DSI_IKKE_ANVENDT)
    due = day(deadlines.unused_grant_due(ctx.agreement, years[-1]))
    yield Hit(f"afstemning af ikke-anvendt tilskud{ctx.agreement.cite('unused_grant', 'reconciliation')}: skyldigt for "
              f"{years[0]}-{years[-2]} i alt mindst {kr(owed)}, tilbagebetalt {kr(repaid)}; {_verdict(repaid - owed)}; "
              f"for {years[-1]} skyldes {kr(own)}, senest {due}.", DSI_IKKE_ANVENDT, cell)


@rule("MAAL-08", "info", "Resultatet for 2025 afviger så meget fra baseline, at baseline kan genforhandles "
      "(Bilag 5.1, pkt. 2.5).", needs=(DSI_BASELINE_2025,))
def renegotiable(ctx: Context) -> Iterator[Hit]:
    for c, goal in enumerate(ctx.agreement.goals):
        cell = ctx.cell(DSI_BASELINE_2025, 0, c)
        if is_blank(cell.value):
            continue
        try:
            result = to_decimal(cell.value, "Resultat")
            allowed = renegotiation.compute(goal, result)
        except DSIError:
            continue  # MAAL-06
        if allowed:
            points = "procentpoint" if goal.in_percent else f"i målets enhed ({goal.unit})"
            yield Hit(f"mål {goal.number} havde {in_unit(result, goal.unit)} i "
                      f"{ctx.agreement.renegotiation_year} mod baseline {in_unit(goal.baseline, goal.unit)}"
                      f"{bracketed(ctx.agreement, f'goals.{goal.number}.baseline')}, en "
                      f"afvigelse på mindst {plain(goal.renegotiation_threshold)} {points}; baseline kan "
                      "genforhandles.", DSI_BASELINE_2025, cell)


@rule(
    "MAAL-09",
    "info",
    "Beløb til tilbagebetaling pr. rate efter loft (5.2), med fristerne for opgørelse og betaling.",
    needs=(DSI_TILBAGEBETALING,),
)
def amount_due(ctx: Context) -> Iterator[Hit]:
    due = ctx.computed.due
    year = ctx.accounts_year
    for m, rate in enumerate(ctx.agreement.repayment_rates):
        if year is not None and not availability.covers(ctx.agreement, year, rate):
            continue  # the sheet computes it, but these accounts do not state it (reading 8)
        if m < len(due) and due[m] is not None and due[m] > 0:
            cell = ctx.cell(DSI_TILBAGEBETALING, 0, m)
            yield Hit(f"for {rate.in_text} skal kommunen tilbagebetale "
                      f"{kr(due[m])} efter loft; opgøres senest {day(rate.statement_due)}, betales senest "
                      f"{day(rate.payment_due)}{_dates(ctx, rate)}.{_terms(ctx)}", DSI_TILBAGEBETALING, cell)


@rule("MAAL-10", "advarsel", "Betalingsmålenes tal står kun for måleår, der var slut på underskriftsdatoen (uden "
      "underskrift: i dag): regnskabet kan ikke kende senere tal (læsning 8).")
def not_yet(ctx: Context) -> Iterator[Hit]:
    for goal, names in _used(ctx):
        early: dict[str, list[tuple[Cell, int]]] = {}  # one finding per name
        for m, _rate in enumerate(ctx.agreement.repayment_rates):
            if _over(ctx, m):
                continue
            for name, cell in _inputs(ctx, names, m):
                if not is_blank(cell.value):
                    early.setdefault(name, []).append((cell, m))
        for name, found in early.items():
            rates = [ctx.agreement.repayment_rates[m] for m in dict.fromkeys(m for _cell, m in found)]
            which = (f"{rates[0].in_text}, der løber til" if len(rates) == 1
                     else f"{' og '.join(r.in_text for r in rates)}; det første løber til")
            yield Hit(f"{ctx.label(name)} for mål {goal.number} er udfyldt for {which} "
                      f"{day(rates[0].measurement_end)}, efter {ctx.judged_words}, så regnskabet kan ikke kende "
                      "tallene endnu.", name, cells=tuple(cell for cell, _m in found))
