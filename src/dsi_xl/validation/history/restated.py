"""HISTORIK-03..06: what a later year's accounts restate differently from an earlier year's own.

Each value a file states is owned by the earliest file of its agreement and CVR that states it
(an actual cost only by a file whose accounts year has reached that budget year); every later
file that states something else there, or leaves it blank, gets one finding per rule and name,
naming the cells and giving both values, and what the difference does to an amount owed
(:mod:`.owed`: a repayment rate, the unused grant) from what to what. The earlier file is named by its accounts year and
signing date, as the municipality knows it, never by a path of DSI's.
"""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.agreement.model import Agreement
from dsi_xl.spec import (
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    by_name,
)
from dsi_xl.validation import record
from dsi_xl.validation.history import owed
from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.rule import Hit
from dsi_xl.workbook.submission import Cell

SHOWN = 4  # differences spelled out in one message; the rest are counted
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
HINT = "Ret det regnskab, der er forkert, eller forklar rettelsen over for DSI."


def where(agreement: Agreement, name: str, row: int, col: int) -> str:
    """The cell of ``name`` as the accountant knows it: a budget line and year, an installment, a month."""
    if name == DSI_FAKTISK:
        return f"{agreement.budget_lines[row].name} {agreement.budget_years[col]}"
    if name in (DSI_UDBETALT_DATO, DSI_UDBETALT_BELOEB):
        return f"rate {agreement.installments[row].number}"
    if name in (DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB, DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO):
        return str(agreement.budget_years[col])
    rate = agreement.repayment_rates[col]
    if name in (DSI_TILBAGEBETALT_DATO, DSI_TILBAGEBETALT_BELOEB):
        return f"rate {rate.number}"
    if by_name(agreement)[name].shape_for(agreement)[0] > 1:  # a turnover goal's monthly headcounts
        return f"{MONTHS[(rate.measurement_start.month - 1 + row) % 12]} i {rate.label.lower()}"
    return rate.label.lower()


def _shown(agreement: Agreement, name: str, value) -> str:
    return "en tom celle" if value is None else by_name(agreement)[name].render(value)


def _owns(entry, name: str, col: int) -> bool:
    """Whether ``entry`` can speak for that column: an actual cost only once its year is reached."""
    return name != DSI_FAKTISK or entry.agreement.budget_years[col] <= entry.year


def differences(history, name: str) -> dict[int, list[tuple[int, int, object]]]:
    """Per later file (index): the cells (row, col) it states differently, each with its owner."""
    owners: dict[tuple[int, int], object] = {}
    out: dict[int, list[tuple[int, int, object]]] = {}
    for entry in history:
        stated = entry.stated(name)
        if stated is None:
            continue
        for r, row in enumerate(stated.values):
            for c, value in enumerate(row):
                owner = owners.get((r, c))
                if owner is None:
                    if value is not None and _owns(entry, name, c):
                        owners[(r, c)] = entry
                elif owner.year < entry.year and value != owner.stated(name).value(r, c):
                    out.setdefault(entry.index, []).append((r, c, owner))
    return out


def _message(name: str, entry, found: list[tuple[int, int, object]]) -> str:
    stated, a = entry.stated(name), entry.agreement
    parts = []
    for r, c, owner in found[:SHOWN]:
        parts.append(f"{where(a, name, r, c)}: {_shown(a, name, stated.value(r, c))} her, "
                     f"{_shown(a, name, owner.stated(name).value(r, c))} i {owner.label}")
    more = len(found) - SHOWN
    tail = f"; og {more} {'celle' if more == 1 else 'celler'} mere" if more > 0 else ""
    moved = (owed.rates_moved(entry, [owner for _, _, owner in found]) if name in record.goal_inputs(a)
             else [change] if name in owed.UNUSED_INPUTS and (change := owed.unused_moved(entry, name, found)) else [])
    effect = f" Det ændrer det skyldige beløb: {'; '.join(moved)}." if moved else ""
    return f"{by_name(a)[name].label} afviger fra et tidligere års regnskab: {'; '.join(parts)}{tail}.{effect} {HINT}"


def _restated(run, names) -> Iterator[tuple[int, Hit]]:
    """``names``: a tuple of names, or a function of a history's agreement giving them."""
    for history in run.histories.values():
        by_file = {e.index: e for e in history}
        for name in names(history[0].agreement) if callable(names) else names:
            for index, found in differences(history, name).items():
                entry = by_file[index]
                stated = entry.stated(name)
                cells = tuple(Cell(stated.sheet, stated.refs[r][c]) for r, c, _ in found)
                yield index, Hit(_message(name, entry, found), name, cells=cells)


@rule("HISTORIK-03", "advarsel", "De faktiske udgifter for et tidligere budgetår er de samme som i det års eget "
      "regnskab.")
def costs(run) -> Iterator[tuple[int, Hit]]:
    yield from _restated(run, record.COSTS)


@rule("HISTORIK-04", "advarsel", "Modtagne rater (beløb og datoer) er de samme som i det tidligere regnskab, der "
      "først angav dem.")
def installments(run) -> Iterator[tuple[int, Hit]]:
    yield from _restated(run, record.INSTALLMENTS)


@rule("HISTORIK-05", "advarsel", "Betalingsmålenes tal for et måleår er de samme som i det tidligere regnskab, der "
      "først angav dem.")
def goal_inputs(run) -> Iterator[tuple[int, Hit]]:
    yield from _restated(run, record.goal_inputs)


@rule("HISTORIK-06", "advarsel", "Tilbagebetalinger (beløb og datoer) er de samme som i det tidligere regnskab, der "
      "først angav dem.")
def repayments(run) -> Iterator[tuple[int, Hit]]:
    yield from _restated(run, record.REPAYMENTS)
