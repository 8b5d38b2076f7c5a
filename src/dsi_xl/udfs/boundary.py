"""What a worksheet function does at the edge of Excel, in one place.

``@cell(required=...)`` turns a plain function of cell values into a worksheet function:

* **Blank in, blank out.** When a required argument is blank (an empty cell, a cell showing
  ``""``, or a range that is entirely blank), the result is ``""``: a measurement not yet due
  shows as a blank cell in classic Excel, Office.js and the ``formulas`` engine alike, and a
  chain of functions (``DSI_PAYMENT_GOAL1(DSI_TURNOVER(...))``) stays blank.
* **Errors in, errors out.** An argument that is an Excel error value (read as text such as
  ``"#DIV/0!"`` through xlwings' ``err_to_str``), or the error text of an earlier DSI_ cell,
  makes the result an error too, naming the argument.
* **Errors in Excel's way.** A :class:`dsi_xl.errors.DSIError` becomes, in Office.js (xlwings
  Server and xlwings Lite), a raised :class:`SheetError`: an ``XlwingsError``, whose text the
  add-in shows as ``#VALUE!`` with the Danish message on the cell's error flag (xlwings
  Server answers it with HTTP 400 and the plain message; any other exception would be
  replaced by "An error occurred."). Classic COM UDFs cannot return an error value with a
  message: an exception there ends up as the traceback in the cell. So everywhere else the
  result is the text ``"#VÆRDI! <Danish message>"``. Nothing else ever escapes: an unforeseen
  exception is reported the same way, by class name and message, without a traceback.
* **Exact results.** Decimals become plain numbers through :func:`dsi_xl.money.to_excel`,
  dates become Excel date serial numbers (which the template formats as dates), ``None``
  becomes ``""``, and arrays keep their rows and columns. A serial number, not a ``date``:
  xlwings turns a returned date into a COM date in classic Excel but, in Office.js with
  CustomFunctionsRuntime 1.4, into a ``FormattedNumber`` in the user's short date format,
  and the ``formulas`` engine knows no Python dates; a number shows the same everywhere.
* **Other engines' values.** numpy arrays become lists, and the ``formulas`` engine's empty
  token and error strings become ``None`` and plain text, so that engine can call the
  functions directly.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import wraps
from typing import Any

import xlwings

from dsi_xl.errors import DSIError, WrongCount, internal_in_cell
from dsi_xl.money import is_blank, to_excel

BLANK = ""
ERROR_PREFIX = "#VÆRDI!"
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_LARGEST = Decimal("9.99999999999999E+307")  # the largest number Excel shows
EXCEL_SMALLEST = Decimal("2.2250738585072014E-308")  # the smallest normal double; Excel shows less as 0

#: True when xlwings' decorators are Office.js's (xlwings Server, xlwings Lite): the
#: functions are then registered and called through ``xlwings.server``.
OFFICE_JS = xlwings.func is getattr(sys.modules.get("xlwings.server"), "func", object())

_EXCEL_ERROR = re.compile(r"#(N/A|[A-ZÆØÅ0-9/_]+[!?])(\s|$)")


class SheetError(xlwings.XlwingsError):
    """The project's Danish message, raised to xlwings so that Office.js shows it."""


def is_error(value: Any) -> bool:
    """True for an Excel error value read as text, or the error text of a DSI_ cell."""
    return isinstance(value, str) and _EXCEL_ERROR.match(value.strip()) is not None


def plain(value: Any) -> Any:
    """A value from any engine as plain Python: lists, numbers, text, ``None`` for empty."""
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays and scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, str) and type(value) is not str:  # formulas' tokens and XlError
        return None if type(value).__name__ == "Token" and str(value) == "empty" else str(value)
    return value


def cells(value: Any) -> list[Any]:
    """Every value of an argument, flattened: a scalar, a row or a 2D range."""
    if isinstance(value, (list, tuple)):
        return [item for part in value for item in cells(part)]
    return [value]


def is_empty(value: Any) -> bool:
    """True for a blank cell, or a range that is entirely blank."""
    return all(is_blank(item) for item in cells(value))


def vector(value: Any, what: str, count: int | None = None) -> list[Any]:
    """A one-row or one-column range as a flat list; refuses a block of several of both."""
    rows = matrix(value)
    if len(rows) > 1 and any(len(row) > 1 for row in rows):
        expected = f"{count} celler i én række eller kolonne" if count else "én række eller kolonne"
        raise WrongCount(what, expected, f"{len(rows)} x {max(len(r) for r in rows)} celler")
    return [item for row in rows for item in row]


def matrix(value: Any) -> list[list[Any]]:
    """A range as a list of rows (a single value is a 1 x 1 range)."""
    if not isinstance(value, (list, tuple)):
        return [[value]]
    return [list(row) if isinstance(row, (list, tuple)) else [row] for row in value]


def serial(day: date) -> int:
    """An Excel date serial number (1900 date system): 2028-07-31 is 46965."""
    if isinstance(day, datetime):
        day = day.date()
    return (day - EXCEL_EPOCH).days


def fits_a_cell(number: Decimal | float | int) -> Decimal | float | int:
    """``number`` if a cell can hold it, else a Danish error.

    A cell holds an IEEE double; Excel refuses to show more than 9.99999999999999E+307 and
    shows a non-zero number below 2.2250738585072E-308 as 0. Either is a wrong answer in a cell
    rather than a rounding, so both are refused. A whole number beyond 15 digits is shown by
    Excel rounded to 15 significant digits; that is Excel's display, not an error.
    """
    magnitude = abs(Decimal(number)) if not isinstance(number, Decimal) else abs(number)
    if not magnitude.is_finite():
        raise DSIError("Resultatet er ikke et endeligt tal og kan ikke stå i en celle.")
    if magnitude > EXCEL_LARGEST:
        raise DSIError("Resultatet er større, end en celle i Excel kan rumme (ca. 1E+308); kontrollér argumenterne.")
    if 0 < magnitude < EXCEL_SMALLEST:
        raise DSIError(
            "Resultatet er tættere på 0, end en celle i Excel kan vise (ca. 2E-308); kontrollér argumenterne."
        )
    return number


def to_cell(value: Any) -> Any:
    """A core result as the value a cell shows: exact numbers, date serials, blanks as ""."""
    if value is None:
        return BLANK
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return fits_a_cell(value)
    if isinstance(value, Decimal):
        fits_a_cell(value)
        return to_excel(value) if value.adjusted() < 15 else float(value)
    if isinstance(value, date):
        return serial(value)
    if isinstance(value, (list, tuple)):
        return [to_cell(item) for item in value]
    return value


def report(message: str) -> str:
    """The one way an error reaches the cell (see the module docstring)."""
    if OFFICE_JS:
        raise SheetError(message)
    return f"{ERROR_PREFIX} {message}"


def _upstream(name: str, value: Any) -> str:
    """The message for an argument that already is an error."""
    text = value.strip()
    if text.startswith(ERROR_PREFIX):
        return text[len(ERROR_PREFIX):].strip()
    return f"Argumentet {name} henviser til en celle med fejlen {text.split()[0]}."


def cell(*required: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make ``compute`` a worksheet function; a blank in any of ``required`` gives a blank."""

    def decorate(compute: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(compute)
        unknown = set(required) - set(signature.parameters)
        if unknown:
            raise TypeError(f"{compute.__name__} has no argument {', '.join(sorted(unknown))}")

        @wraps(compute)
        def worksheet_function(*args: Any) -> Any:
            try:
                return _evaluate(compute, signature, required, args)
            except SheetError:
                raise
            except DSIError as error:
                return report(str(error))
            except Exception as error:  # noqa: BLE001 - a cell never shows a traceback
                return report(internal_in_cell(compute.__name__, error))

        return worksheet_function

    return decorate


def _evaluate(compute: Callable[..., Any], signature: inspect.Signature, required: tuple[str, ...], args: tuple) -> Any:
    """Apply the rules on errors and blanks in, then compute and convert the result."""
    try:
        bound = signature.bind(*(plain(value) for value in args))
    except TypeError:
        raise DSIError(f"{compute.__name__} skal have {_arity(signature)} argumenter, fik {len(args)}.") from None
    bound.apply_defaults()
    for name, value in bound.arguments.items():
        bad = next((item for item in cells(value) if is_error(item)), None)
        if bad is not None:
            raise DSIError(_upstream(name, bad))
    if any(is_empty(bound.arguments[name]) for name in required):
        return BLANK
    return to_cell(compute(*bound.args))


def _arity(signature: inspect.Signature) -> str:
    params = list(signature.parameters.values())
    needed = sum(1 for p in params if p.default is inspect.Parameter.empty)
    return str(needed) if needed == len(params) else f"{needed} til {len(params)}"

