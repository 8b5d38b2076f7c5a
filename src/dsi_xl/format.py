"""Every format of the project, once: Danish text (messages, the terminal, report sheets) and the
Excel number formats of the template and the reports, one pair per kind of value (:data:`Holds`).

This module imports nothing of dsi_xl: everything else may use it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any, Literal

Holds = Literal["amount", "percent", "ratio", "count", "number", "date", "text", "year"]

# Excel number formats, as Danish Excel shows them. An amount cell shows øre always (a number
# format cannot drop ",00" for whole amounts only); Danish text drops them for whole kroner.
AMOUNT = '#,##0.00 "kr."'
PERCENT = '0.0 "%"'
COUNT = "#,##0"
DECIMAL = "#,##0.0"
DATE = "dd.mm.yyyy"  # as the messages write dates (day()): one date format in cells and text
YEAR = "0"
TEXT = "@"

EXCEL: dict[str, str | None] = {
    "amount": AMOUNT, "percent": PERCENT, "ratio": DECIMAL, "count": COUNT, "number": "#,##0.##",
    "date": DATE, "text": None, "year": YEAR,
}
HOLDS_TEXT: dict[str, str] = {
    "amount": "beløb (kr.)", "percent": "procent", "ratio": "forholdstal", "count": "antal",
    "number": "tal", "date": "dato", "text": "tekst", "year": "år",
}


def number(value: Decimal | int | float, decimals: int = 0) -> str:
    """A number with Danish separators and ``decimals`` decimals.

    >>> number(1234567.5, 2)
    '1.234.567,50'
    """
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def kr(value: Decimal | int | float) -> str:
    """An amount in kroner: whole kroner without øre, else with two decimals.

    >>> kr(Decimal("399000.00")), kr(Decimal("1133397.3"))
    ('399.000 kr.', '1.133.397,30 kr.')
    """
    amount = Decimal(str(value))
    return number(amount, 0 if amount == amount.to_integral_value() else 2) + " kr."


NBSP = "\u00a0"  # binds a unit to its number: a line never breaks between "10,0" and "%"


def signed_kr(value: Decimal | int | float) -> str:
    """A difference in kroner with its sign: ``+90.900 kr.``, ``-108.333,33 kr.``, ``0 kr.``."""
    return ("+" if value > 0 else "") + kr(value)


def percent(value: Decimal | int | float) -> str:
    """A percentage with one decimal, as the template shows it, the sign bound to the number by a
    non-breaking space (:data:`NBSP`).

    >>> percent(28) == "28,0" + NBSP + "%"
    True
    """
    return number(value, 1) + NBSP + "%"


def in_unit(value: Decimal | int | float, unit: str) -> str:
    """A goal's result in its unit: ``28,0 %`` for percent (``unit`` "%"), else the number as
    Excel shows it with the unit in brackets: ``41,5 (gennemsnitlig ventetid i dage)``."""
    return percent(value) if unit == "%" else f"{decimal(value)} ({unit})"


def day(value: date) -> str:
    """A date as Danish Excel shows it.

    >>> day(date(2028, 7, 31))
    '31.07.2028'
    """
    return value.strftime("%d.%m.%Y")


def danish(value: Any) -> str:
    """Any term value for a table: amounts as kroner, dates as dd.mm.åååå, blanks as a dash.

    >>> danish(Decimal("650000")), danish(date(2028, 3, 31)), danish(None)
    ('650.000', '31.03.2028', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return day(value.date())
    if isinstance(value, date):
        return day(value)
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        amount = Decimal(str(value))
        return number(amount, 0 if amount == amount.to_integral_value() else 2)
    return str(value)


def decimal(value: Decimal | int | float) -> str:
    """A number as Danish Excel shows it with "Standard": at most two decimals, none when whole.

    >>> decimal(26.5), decimal(731500), decimal(11.428571428571429)
    ('26,5', '731.500', '11,43')
    """
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    whole = amount == amount.to_integral_value()
    # quantize needs room for every digit up to the øre: a huge ratio (118 cases / 1,8E-25 advisors) has more than
    # the default context's 28
    room = Context(prec=max(28, amount.adjusted() + 3))
    rounded = amount if whole else amount.quantize(Decimal("0.01"), context=room)
    text = number(rounded, 0 if rounded == rounded.to_integral_value() else 2)
    return text[:-1] if "," in text and text.endswith("0") else text


def year(value: int) -> str:
    """A year without a thousands separator.

    >>> year(2027)
    '2027'
    """
    return str(value)


def render(holds: str, value: Any) -> str:
    """A value of a kind (:data:`Holds`) as Danish text; a blank is a dash.

    >>> render("amount", Decimal("6167")), render("percent", Decimal("26.5")), render("amount", None)
    ('6.167 kr.', '26,5\\xa0%', '–')
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        return danish(value)  # blanks, dates and text as every table shows them
    if holds == "amount":
        return kr(value)
    if holds == "percent":
        return percent(value)
    if holds == "year":
        return year(int(value))
    if holds == "ratio":
        return number(value, 1)
    return decimal(value)


SIGNIFICANT = 15  # an Excel cell shows no more than 15 significant digits
UNITS = {"amount": " kr.", "percent": NBSP + "%"}


def significant(number: Decimal) -> Decimal:
    """``number`` rounded half up to the 15 significant digits an Excel cell holds and shows;
    zero and infinities unchanged.

    >>> significant(Decimal("28.700000000000003")), significant(Decimal("65.00000000000001"))
    (Decimal('28.7000000000000'), Decimal('65.0000000000000'))
    """
    if not number.is_finite() or number.is_zero():
        return number
    return number.quantize(Decimal(1).scaleb(number.adjusted() - SIGNIFICANT + 1), rounding=ROUND_HALF_UP)


def _digits(value: Decimal | int | float) -> str:
    """The number alone, Danish, at most 15 significant digits and no rounding beyond them."""
    try:
        amount = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    if amount.is_zero():
        return "0"
    rounded = significant(amount)
    exponent = rounded.adjusted()
    if -9 <= exponent < SIGNIFICANT:
        return number(rounded, max(0, -rounded.normalize().as_tuple().exponent))
    mantissa = rounded.scaleb(-exponent).normalize()
    return f"{format(mantissa, 'f').replace('.', ',')}E{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


def held(value: Decimal | int | float, holds: str | None = None) -> str:
    """A number as a cell holds it, for a message that quotes what it found: Danish notation, at
    most 15 significant digits (as Excel shows a cell's value) and no rounding beyond them, so a
    message never contradicts itself ("forventede et helt tal, fandt 0" for 5e-324). Between
    10^-9 and 10^15 plain, with thousands separators; else in Excel's scientific notation. With
    ``holds`` (:data:`Holds`), as :func:`render` shows that kind where that is exact (``1.234,50
    kr.``, ``2025``), else every digit with the kind's unit.

    >>> held(1234567.891), held(100.0000001), held(1e308), held(5e-324)
    ('1.234.567,891', '100,0000001', '1E+308', '5E-324')
    >>> held(1234.5, "amount"), held(0.005, "amount"), held(2025, "year"), held(100.0000001, "percent")
    ('1.234,50 kr.', '0,005 kr.', '2025', '100,0000001\xa0%')
    """
    plain = _digits(value)
    if holds is None or not _is_number(value):
        return plain
    shown = render(holds, value)
    written = re.sub(r"[^\d,\-]", "", shown).replace(",", ".")
    try:
        exact = Decimal(written) == Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, ValueError):
        exact = False
    return shown if exact else plain + UNITS.get(holds, "")


def apart(holds: str, first: Any, second: Any) -> tuple[str, str]:
    """Two numbers of one kind as Danish text that tells them apart: as :func:`render` writes
    them, with more decimals only where they would read alike (``28,4 %`` against ``28,38 %``
    stays as it is; 28,4 and 28,4000001 get the decimals that differ), never more than 15
    significant digits. Anything not a number is written as :func:`render` writes it."""
    shown = render(holds, first), render(holds, second)
    if shown[0] != shown[1] or not all(_is_number(v) for v in (first, second)) or first == second:
        return shown
    unit = UNITS.get(holds, "")
    a, b = Decimal(str(first)), Decimal(str(second))
    whole = max(len(str(abs(int(v)))) for v in (a, b))
    for decimals in range(2, max(2, SIGNIFICANT - whole) + 1):
        shown = number(a, decimals) + unit, number(b, decimals) + unit
        if shown[0] != shown[1]:
            break
    return shown


def _is_number(value: Any) -> bool:
    return isinstance(value, (Decimal, int, float)) and not isinstance(value, bool)


def excel_formula(formula: str) -> str:
    """A formula as Danish Excel shows it: Danish function names, semicolons between arguments,
    decimal commas; text in double quotes and sheet names in single quotes are kept.

    >>> excel_formula('=IF(A1>0.5,SUM(B1:B3),"")')
    '=HVIS(A1>0,5;SUM(B1:B3);"")'
    """
    parts = re.split(r"(\"[^\"]*\"|'[^']*')", formula)
    return "".join(part if part[:1] in ("\"", "'") else _danish_part(part) for part in parts)


def _danish_part(text: str) -> str:
    text = _DECIMAL_POINT.sub(r"\1,\2", text.replace(",", ";"))
    text = _DANISH_LOGICAL.sub(lambda m: DANISH_LOGICALS[m.group(1)], text)
    return _DANISH_FUNCTION.sub(lambda m: DANISH_FUNCTIONS[m.group(1)] + "(", text)


_DECIMAL_POINT = re.compile(r"(?<![A-Za-z_$\d.])(\d+)\.(\d+)")


# Excel's function names as Danish Excel shows them (the template's and the common ones).
DANISH_FUNCTIONS = {
    "IF": "HVIS", "OR": "ELLER", "AND": "OG", "NOT": "IKKE", "INDEX": "INDEKS", "SUM": "SUM", "ROUND": "AFRUND",
    "MAX": "MAKS", "MIN": "MIN", "ABS": "ABS", "IFERROR": "HVIS.FEJL", "ISBLANK": "ER.TOM", "ISNUMBER": "ER.TAL",
    "COUNT": "TÆL", "COUNTA": "TÆLV", "SUMPRODUCT": "SUMPRODUKT", "DATE": "DATO", "YEAR": "ÅR",
    "COUNTBLANK": "ANTAL.BLANKE", "CHAR": "TEGN",
}
DANISH_LOGICALS = {"TRUE": "SAND", "FALSE": "FALSK"}
_DANISH_LOGICAL = re.compile(r"(?<![A-Za-z0-9_.])(TRUE|FALSE)(?![A-Za-z0-9_(])")
_DANISH_FUNCTION = re.compile(
    r"(?<![A-Za-z0-9_.])(" + "|".join(sorted(DANISH_FUNCTIONS, key=len, reverse=True)) + r")\("
)


# Excel's error values as Danish Excel shows them
DANISH_ERRORS = {"#NAME?": "#NAVN?", "#VALUE!": "#VÆRDI!", "#DIV/0!": "#DIVISION/0!", "#REF!": "#REFERENCE!",
                 "#N/A": "#I/T", "#NULL!": "#NUL!", "#NUM!": "#NUM!"}


def excel_error(value: str) -> str:
    """An error value as Danish Excel shows it: ``#NAME?`` -> ``#NAVN?``."""
    return DANISH_ERRORS.get(str(value).strip().upper(), str(value))


def count(n: int, singular: str, plural: str) -> str:
    """A count with the Danish noun that fits it.

    >>> count(1, "advarsel", "advarsler"), count(0, "advarsel", "advarsler")
    ('1 advarsel', '0 advarsler')
    """
    return f"{number(n)} {singular if n == 1 else plural}"


def mid_sentence(text: str) -> str:
    """A label as it reads inside a Danish sentence, its first letter lower-case.

    >>> mid_sentence("Måleår 2")
    'måleår 2'
    """
    return text[:1].lower() + text[1:]


def parse_day(text: str) -> date | None:
    """A date typed as Danish Excel shows it (``31.07.2028``, also ``31-07-2028``) or as ISO
    (``2028-07-31``); ``None`` for anything else.

    >>> parse_day("31.07.2028"), parse_day("2028-07-31"), parse_day("31/7")
    (datetime.date(2028, 7, 31), datetime.date(2028, 7, 31), None)
    """
    text = text.strip()
    for pattern in ("%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
