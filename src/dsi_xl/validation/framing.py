"""How a finding is framed and ordered, for the engine and the cross-file checks alike.

A rule's :class:`~dsi_xl.validation.rule.Hit` becomes a :class:`~dsi_xl.validation.result.Finding`
(its message as one sentence, its cells as one reference, the sheet they are on); findings are
ordered as the report lists them (severity, then sheet).
"""

from __future__ import annotations

from dsi_xl.spec import ALL_NAMES, sheet_of
from dsi_xl.validation.result import SEVERITIES, Finding
from dsi_xl.validation.rule import Hit, Rule
from dsi_xl.workbook.submission import Cell


def frame(rule: Rule, hit: Hit, fallback: Cell | None = None) -> Finding:
    """``hit`` as ``rule``'s finding: the message a sentence, pointing at the hit's cells (or at
    ``fallback``, the first cell of the name, when the hit names none), on their sheet (or the
    name's sheet when there is no cell)."""
    cells = hit.all_cells or ((fallback,) if fallback is not None else ())
    sheet = cells[0].sheet if cells else (sheet_of(hit.name) if hit.name else None)
    return Finding(rule.id, rule.severity, sentence(hit.message), hit.name, sheet, refs(cells) if cells else None)


def refs(cells: tuple[Cell, ...]) -> str:
    """``E29``; ``C33:C44`` for a whole row or column of cells; else ``C33, C35, C40``."""
    from dsi_xl.workbook.cells import area_ref, area_size, parse_ref

    points = {parse_ref(c.ref) for c in cells}
    rows, cols = {r for r, _ in points}, {c for _, c in points}
    area = (min(rows), min(cols), max(rows), max(cols))
    if area_size(area) == len(points) and (len(rows) == 1 or len(cols) == 1):
        return area_ref(area)
    return ", ".join(c.ref for c in cells)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then information; within each, in the order of the sheets
    (the template's own order, as the spec lists its names), then as the rules found them."""
    sheets = list(dict.fromkeys(spec.sheet for spec in ALL_NAMES))
    severity = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (severity[f.severity],
                                           sheets.index(f.sheet) if f.sheet in sheets else len(sheets)))


def sentence(message: str) -> str:
    """A message as a sentence: a capital first letter, and one full stop at the end (a message
    ending in an amount, "... fandt 649.000 kr.", must not read "kr.."; nor may a clause that ends
    in one, "... 5.000,01 kr.. Er ...")."""
    message = (message[:1].upper() + message[1:]).replace("kr.. ", "kr. ")
    return message[:-1] if message.endswith("kr..") else message
