"""How much room a cell's text needs when printed, estimated from its length and kind.

Column widths are in Excel's units (the width of a digit of the default 11 pt font); the factors
are measured on LibreOffice's print with DejaVu Sans standing in for Calibri (the widest font the
template meets), so a text that fits here fits in Excel too. :func:`fit_rows` gives every row
with wrapped text the height its lines need: neither Excel (merged cells) nor LibreOffice
adjusts that on opening, so the text would run into the next row.
"""

from __future__ import annotations

import math

from dsi_xl.template.layout import Sheet
from dsi_xl.workbook.cells import parse_area

# width units per character, by cell kind (bold and larger fonts are wider)
PER_CHAR = {"title": 1.25, "section": 1.0, "header": 0.95, "total": 0.95, "clause": 0.72, "note": 0.8}
REGULAR = 0.86
LINE = {"title": 20.0, "clause": 12.5, "note": 14.0}  # points per line
LINE_REGULAR = 15.0
PADDING = 1.5  # width units a cell keeps free at its edges
DEFAULT_WIDTH = 8.43  # Excel's default column width


def text_width(text: str, kind: str) -> float:
    return len(text) * PER_CHAR.get(kind.removeprefix("legend:"), REGULAR) + PADDING


def width_of(sheet: Sheet, first: int, last: int) -> float:
    return sum(sheet.widths.get(c, DEFAULT_WIDTH) for c in range(first, last + 1))


def span(sheet: Sheet, row: int, col: int) -> tuple[int, int]:
    """(last row, last column) of the merge that starts at (row, col), or the cell itself."""
    for merged in sheet.merges:
        top, left, bottom, right = parse_area(merged)
        if (top, left) == (row, col):
            return bottom, right
    return row, col


def lines(text: str, width: float, kind: str) -> int:
    """Lines a wrapped text takes in ``width`` units, breaking at spaces."""
    room = max(1, int((width - PADDING) / PER_CHAR.get(kind, REGULAR)))
    count = 0
    for paragraph in text.split("\n"):
        line, count = 0, count + 1
        for word in paragraph.split(" "):
            need = len(word) if line == 0 else line + 1 + len(word)
            if need > room and line:
                count += 1 + (len(word) - 1) // room
                line = len(word) % room or room
            else:
                line = need
    return count


def wraps(cell) -> bool:
    return cell.wrap or cell.kind == "header"


def fit_rows(sheet: Sheet) -> None:
    """Raise the rows of each wrapped text to the height its lines need; a text merged over
    several rows shares the extra height among them."""
    for (row, col), cell in sorted(sheet.cells.items()):
        text = cell.shown if cell.shown is not None else cell.value
        if not wraps(cell) or not isinstance(text, str) or text.startswith("="):
            continue
        bottom, right = span(sheet, row, col)
        count = lines(text, width_of(sheet, col, right), cell.kind)
        need = count * LINE.get(cell.kind, LINE_REGULAR) + (3 if count > 1 else 0)
        rows = range(row, bottom + 1)
        have = sum(sheet.heights.get(r, LINE_REGULAR) for r in rows)
        if need > have:
            extra = (need - have) / len(rows)
            for r in rows:
                sheet.heights[r] = math.ceil(sheet.heights.get(r, LINE_REGULAR) + extra)


def room(sheet: Sheet, row: int, col: int, last_col: int) -> float:
    """Width a one-line text at (row, col) may take: its cell (or merge) and the empty cells to
    its right, up to the sheet's last column; a cell in the layout (even blank) stops it."""
    bottom, right = span(sheet, row, col)
    covered = {(r, c) for m in sheet.merges for (t, left, b, rr) in [parse_area(m)]
               for r in range(t, b + 1) for c in range(left, rr + 1)}
    while right < last_col and (row, right + 1) not in sheet.cells and (row, right + 1) not in covered:
        right += 1
    return width_of(sheet, col, right)


def overflows(sheet: Sheet) -> list[tuple[str, str, float, float]]:
    """Every one-line text that would be clipped or print over another cell: (ref, text, needed
    width, room)."""
    from dsi_xl.workbook.cells import ref

    last_col = max(c for _r, c in sheet.cells)
    found = []
    for (row, col), cell in sorted(sheet.cells.items()):
        if wraps(cell) or not isinstance(cell.value, str) or cell.value.startswith("=") or not cell.value:
            continue
        need, have = text_width(cell.value, cell.kind), room(sheet, row, col, last_col)
        if need > have:
            found.append((ref(row, col), cell.value, round(need, 1), round(have, 1)))
    return found


# A4 as LibreOffice and Excel print it by default (margins 1.9 cm top and bottom, 1.8 cm left and
# right, room for the footer), in centimetres; a column width unit is about 0.2 cm at 100 %
PRINTABLE = {"landscape": (26.1, 16.4), "portrait": (17.4, 24.9)}
CM_PER_UNIT = 0.2
CM_PER_POINT = 2.54 / 72


def pages(sheet: Sheet, top: int, bottom: int) -> int:
    """The pages rows ``top`` to ``bottom`` of ``sheet`` take when printed fitted to the width (an
    estimate from the column widths and row heights, as Regnskab sets its page count by)."""
    wide, high = PRINTABLE[sheet.orientation]
    scale = min(1.0, wide / (sum(sheet.widths.values()) * CM_PER_UNIT))
    need = sum(sheet.heights.get(r, LINE_REGULAR) for r in range(top, bottom + 1)) * CM_PER_POINT * scale
    return max(1, math.ceil(need / high))
