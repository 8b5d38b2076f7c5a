"""Cells as Excel writes them: references, areas, defined-name text, numbers, dates, formulas.

Pure functions on strings; nothing here opens a file. Excel's grid is 1,048,576 rows by 16,384
columns; a reference outside it is refused (``ValueError``), so a hostile file cannot make the
reader count to a billion.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from functools import lru_cache

MAX_ROW = 1_048_576
MAX_COL = 16_384

_COL = re.compile(r"\$?([A-Za-z]{1,3})")
_ROW = re.compile(r"\$?([0-9]{1,7})")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@lru_cache(maxsize=4096)
def col_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384; ValueError outside Excel's columns."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    if not 1 <= number <= MAX_COL:
        raise ValueError(letters)
    return number


@lru_cache(maxsize=4096)
def col_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def ref(row: int, col: int) -> str:
    """(1, 27) -> "AA1": an A1 reference without dollar signs."""
    return f"{col_letters(col)}{row}"


_COLUMNS: dict[str, int] = {}  # column letters seen -> number (at most 16,384 entries)


def parse_ref(text: str) -> tuple[int, int]:
    """'C12' or '$C$12' -> (12, 3); ValueError for anything else or outside the grid."""
    if "$" in text:
        text = text.replace("$", "", 2) if text.count("$") <= 2 and not text.endswith("$") else "!"
    letters = text.rstrip("0123456789")
    digits = text[len(letters):]
    col = _COLUMNS.get(letters)
    if col is None:
        if not (letters.isascii() and letters.isalpha() and len(letters) <= 3):
            raise ValueError(text)
        col = _COLUMNS[letters] = col_number(letters)
    if not digits or len(digits) > 7:
        raise ValueError(text)
    row = int(digits)
    if not 1 <= row <= MAX_ROW:
        raise ValueError(text)
    return row, col


Area = tuple[int, int, int, int]  # first row, first column, last row, last column


def parse_area(text: str) -> Area:
    """'$C$5:$F$6', 'C5', '$A:$A' or '$3:$4' -> (first row, first col, last row, last col)."""
    first, _, last = text.partition(":")
    if not last:
        row, col = parse_ref(first)
        return row, col, row, col
    if _COL.fullmatch(first) and _COL.fullmatch(last):
        a, b = col_number(first.strip("$")), col_number(last.strip("$"))
        return 1, min(a, b), MAX_ROW, max(a, b)
    if _ROW.fullmatch(first) and _ROW.fullmatch(last):
        a, b = int(first.strip("$")), int(last.strip("$"))
        if not (1 <= a <= MAX_ROW and 1 <= b <= MAX_ROW):
            raise ValueError(text)
        return min(a, b), 1, max(a, b), MAX_COL
    (r1, c1), (r2, c2) = parse_ref(first), parse_ref(last)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def area_ref(area: Area) -> str:
    r1, c1, r2, c2 = area
    return ref(r1, c1) if (r1, c1) == (r2, c2) else f"{ref(r1, c1)}:{ref(r2, c2)}"


def area_size(area: Area) -> int:
    return (area[2] - area[0] + 1) * (area[3] - area[1] + 1)


def name_target(text: str) -> tuple[str, Area] | None:
    """A defined name's text as (sheet, area) when it is one range of one sheet, else None.

    ``Regnskab!$C$5:$F$6`` and ``'Betalingsmål'!$C$7`` (quotes doubled inside) resolve;
    formulas, ``#REF!``, several areas, 3-D and external references do not.
    """
    text = text.strip()
    if text.startswith("="):
        text = text[1:].strip()
    if text.startswith("'"):
        end, sheet = 1, []
        while True:
            quote = text.find("'", end)
            if quote < 0:
                return None
            sheet.append(text[end:quote])
            if text.startswith("''", quote):
                sheet.append("'")
                end = quote + 2
                continue
            break
        if not text.startswith("!", quote + 1):
            return None
        name, rest = "".join(sheet), text[quote + 2:]
    else:
        name, bang, rest = text.rpartition("!")
        if not bang or not name or any(ch in name for ch in "'[]:,() \"") or "!" in name:
            return None
    if not name or "[" in name or any(ch in rest for ch in ",() !'\""):
        return None
    try:
        return name, parse_area(rest)
    except ValueError:
        return None


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WHOLE = re.compile(r"[0-9]+")
XML_SPACE = " \t\r\n"


def whole(text: str) -> int:
    """An index or row number as a part writes it: ASCII digits only (``int`` would also take
    ``"1_0"``, ``"１"`` and Arabic-Indic digits, which no part holds); ValueError otherwise."""
    text = text.strip(XML_SPACE)
    if not _WHOLE.fullmatch(text):
        raise ValueError(text)
    return int(text)


def number(text: str) -> int | float:
    """A ``<v>`` number as Excel reads it: int when integral, else float.

    Only what an xsd:double literal is: ASCII digits, one optional sign, a decimal point, an
    exponent (Python's ``int`` and ``float`` also take ``64_5000``, full-width ``６４５０００`` and
    Arabic-Indic digits, which Excel does not read as numbers). ValueError for anything else, NaN
    and infinity spelt out included; OverflowError for a numeric literal beyond a double's range
    (``1.797693134862316e+308``, as openpyxl rounds the largest double), which Excel itself shows
    as ``#NUM!``.
    """
    text = text.strip(XML_SPACE)
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    if _WHOLE.fullmatch(text.lstrip("+-")):
        return int(text)
    value = float(text)
    if math.isinf(value):
        raise OverflowError(text)
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def unescape(text: str) -> str:
    """Excel's ``_xHHHH_`` escapes in strings (``_x000D_`` is a carriage return). Each escape is
    one UTF-16 unit, as in Excel: a high and a low surrogate in a row are one character; a lone
    surrogate stays one (the outputs show it as U+FFFD, :mod:`dsi_xl.report.neutral`)."""
    if "_x" not in text:
        return text
    units = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


# Dates ------------------------------------------------------------------------------------------

BUILTIN_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_LITERALS = re.compile(r'".*?"|\\.|_.|\*.|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_TOKEN = re.compile(r"[dmhysDMHYS]")
EPOCH_1900 = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)
LAST_SERIAL = 2_958_465  # 9999-12-31 in the 1900 system


def is_date_format(code: str) -> bool:
    """A number format that shows a date or time (the first section decides, as in openpyxl)."""
    first = code.split(";")[0]
    return _DATE_TOKEN.search(_LITERALS.sub("", first)) is not None


def from_serial(serial: int | float, date1904: bool = False) -> datetime | None:
    """An Excel date serial as a datetime (to the millisecond), or None outside Excel's dates."""
    limit = LAST_SERIAL - (1462 if date1904 else 0)
    if not 0 <= serial < limit + 1:
        return None
    day, fraction = divmod(serial, 1)
    moment = timedelta(days=int(day), milliseconds=round(fraction * 86_400_000))
    if not date1904 and 0 < serial < 60:  # Excel's fictitious 29 February 1900 shifts Jan-Feb
        moment += timedelta(days=1)
    try:
        return (EPOCH_1904 if date1904 else EPOCH_1900) + moment
    except OverflowError:  # the last millisecond of 9999 rounds into year 10000
        return None


# Formulas ---------------------------------------------------------------------------------------

def translate(formula: str, origin: str, destination: str) -> str:
    """A shared formula's text moved from its master cell to ``destination`` (relative refs move).

    openpyxl is imported here, only for files that have shared formulas.
    """
    from openpyxl.formula.translate import Translator

    return Translator(formula, origin=origin).translate_formula(destination)


def outside_strings(formula: str) -> str:
    """The formula with string literals and quoted sheet names blanked out."""
    out, quote = [], None
    for ch in formula:
        if quote:
            if ch == quote:
                quote = None  # a doubled quote closes and reopens: still blanked
            out.append(" ")
        elif ch in "\"'":
            quote = ch
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)
