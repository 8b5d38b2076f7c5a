"""Build Submission objects directly, by defined name, for unit tests of the validator.

``build(agreement, year, **changes)`` lays every name of the spec out on its sheet (one block
per name, stacked from row 2, column C) with a valid filling for accounts year ``year`` from
:func:`valid_inputs`, computed from the agreement's own data, so the made-up agreement works as
well as Randers'. ``changes`` replace values by name: a scalar for a 1x1 name, a list of rows,
or a dict ``{(row, col): value}`` for single cells. ``drop`` removes names; ``submission`` keyword
arguments (calc_mode, sheets, ...) go to the Submission.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.spec import TEMPLATE_VERSION, goals
from dsi_xl.spec import names as spec_names
from dsi_xl.workbook.cells import ref
from dsi_xl.workbook.submission import Cell, NamedRange, SheetInfo, Submission


def _grid(agreement: Agreement, name: str, fill: Any = None) -> list[list[Any]]:
    rows, cols = next(s for s in spec_names(agreement) if s.name == name).shape_for(agreement)
    return [[fill] * cols for _ in range(rows)]


def valid_inputs(agreement: Agreement, year: int | None = None) -> dict[str, list[list[Any]]]:
    """A filling that the validator accepts with no fejl for accounts ``year`` (default: the
    second budget year)."""
    a = agreement
    year = year or a.budget_years[1]
    v: dict[str, list[list[Any]]] = {s.name: _grid(a, s.name) for s in spec_names(a)}
    v["DSI_SKABELON_VERSION"] = [[TEMPLATE_VERSION]]
    v["DSI_TILSAGN_ID"] = [[a.id]]
    v["DSI_KOMMUNE"] = [[a.recipient.name]]
    v["DSI_CVR"] = [[a.recipient.cvr]]
    v["DSI_REGNSKABSAAR"] = [[year]]
    v["DSI_KONTAKT_NAVN"] = [["Anne Andersen"]]
    v["DSI_KONTAKT_EMAIL"] = [["anne.andersen@kommune.dk"]]
    v["DSI_UNDERSKRIVER_NAVN"] = [["Bo Berg"]]
    v["DSI_UNDERSKRIVER_TITEL"] = [["Direktør"]]
    due = a.accounts_due.in_year(year + a.accounts_year_offset)  # signed in time: 15 May, or the deadline if earlier
    v["DSI_UNDERSKRIFT_DATO"] = [[min(datetime(year + 1, 5, 15), datetime(due.year, due.month, due.day))]]
    v["DSI_BUDGET"] = [[int(x) for x in line.amounts] for line in a.budget_lines]
    v["DSI_FAKTISK"] = [[int(x) if y <= year else None for x, y in zip(line.amounts, a.budget_years)]
                        for line in a.budget_lines]
    received = [i.start.year <= year for i in a.installments]
    v["DSI_UDBETALT_BELOEB"] = [[int(i.amount) if r else None] for i, r in zip(a.installments, received)]
    v["DSI_UDBETALT_DATO"] = [[datetime(i.due.year, i.due.month, i.due.day) if r else None]
                              for i, r in zip(a.installments, received)]
    from dsi_xl.clauses.deadlines import accounts_due

    deadline = accounts_due(a, year)
    for goal in goals(a):
        for m, rate in enumerate(a.repayment_rates):
            if rate.statement_due > deadline:
                continue
            if goal.indicator == "turnover":
                v[goal.input("part").name][0][m] = 7
                for r in range(12):
                    v[goal.input("whole").name][r][m] = 25
            elif goal.indicator == "share":
                v[goal.input("part").name][0][m] = 15
                v[goal.input("whole").name][0][m] = 100
            else:
                v[goal.input("value").name][0][m] = 12.5
    v["DSI_KVARTAL"] = [[q.label for q in a.quarters]]
    limit = int(a.caseload_limit)
    v["DSI_SAGER"] = [[(limit - 5) * 2 if q.start.year <= year else None for q in a.quarters]]
    v["DSI_RAADGIVERE"] = [[2 if q.start.year <= year else None for q in a.quarters]]
    return v


def _template_formulas(agreement: Agreement, version: Any = None) -> dict[tuple[str, str], str]:
    """The formulas of the template version the submission states (a copy of an earlier version
    has that version's formula cells), or none when dsi-xl holds no map of that version."""
    from dsi_xl import template

    found = template.formulas_for(agreement, version if isinstance(version, str) else None)
    return dict(found[0]) if found else {}


def build(agreement: Agreement, year: int | None = None, *, drop: tuple[str, ...] = (), shapes: dict | None = None,
          submission: dict | None = None, **changes: Any) -> Submission:
    inputs = valid_inputs(agreement, year)
    for name, change in changes.items():
        if isinstance(change, dict):
            for (r, c), value in change.items():
                inputs[name][r][c] = value
        elif isinstance(change, list):
            inputs[name] = change
        else:
            inputs[name] = [[change]]
    names: dict[str, NamedRange] = {}
    next_row: dict[str, int] = {}
    for spec in spec_names(agreement):
        if spec.name in drop:
            continue
        grid = inputs[spec.name]
        if shapes and spec.name in shapes:
            rows, cols = shapes[spec.name]
            grid = [[None] * cols for _ in range(rows)]
        top = next_row.get(spec.sheet, 2)
        next_row[spec.sheet] = top + len(grid) + 1
        cells = tuple(
            tuple(
                Cell(spec.sheet, ref(top + r, 3 + c), value,
                     f"=DSI_X({spec.name})" if spec.kind == "formula" else None)
                for c, value in enumerate(row)
            )
            for r, row in enumerate(grid)
        )
        last = cells[-1][-1].ref
        names[spec.name] = NamedRange(spec.name, spec.sheet, f"{cells[0][0].ref}:{last}", cells)
    sheets = tuple(SheetInfo(s) for s in dict.fromkeys(spec.sheet for spec in spec_names(agreement)))
    version = inputs["DSI_SKABELON_VERSION"][0][0]
    options = {"formulas": _template_formulas(agreement, version), "sheets": sheets, "calc_mode": "auto"}
    options.update(submission or {})
    return Submission("bygget.xlsx", names, **options)


def with_cells(sub: Submission, name: str, **cell_changes: Any) -> Submission:
    """Replace fields (value, formula) of the first cell of ``name``."""
    named = sub.names[name]
    first = dataclasses.replace(named.cells[0][0], **cell_changes)
    rows = [list(r) for r in named.cells]
    rows[0][0] = first
    names = dict(sub.names)
    names[name] = dataclasses.replace(named, cells=tuple(tuple(r) for r in rows))
    return dataclasses.replace(sub, names=names)
