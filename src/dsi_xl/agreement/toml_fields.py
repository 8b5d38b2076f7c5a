"""Typed access to an agreement file's parsed TOML by dotted path (``installments[2].amount``).

Every failure is one Danish sentence that names the field; the typed methods collect it in
:attr:`Fields.problems` and give a placeholder, so one reading of a file finds every missing or
mistyped field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import wraps
from typing import Any

from dsi_xl.agreement.model import MonthDay
from dsi_xl.errors import AgreementError


def to_number(value: Any, text: bool = False) -> Decimal:
    """A TOML number (with ``text``, also one written as text) as an exact Decimal, a float through
    its shortest representation; raises ``ValueError`` saying what was expected, in Danish."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str) if text else (int, float)):
        raise ValueError("et tal")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except ArithmeticError:
        raise ValueError("et tal") from None
    if not number.is_finite():
        raise ValueError("et endeligt tal")
    return number


def to_date(value: Any) -> date:
    """A TOML date (not a date-time); raises ``ValueError`` saying what was expected, in Danish."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise ValueError("en dato (ÅÅÅÅ-MM-DD)")
    return value


def _collected(placeholder: Any):
    """A reader method that records its problem and gives ``placeholder`` instead of stopping,
    so that one reading of a file finds every missing or mistyped field."""

    def wrap(method):
        @wraps(method)
        def read(self: Fields, path: str, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, path, *args, **kwargs)
            except AgreementError as error:
                self.problems.append(error.message)
                return placeholder

        return read

    return wrap


class Fields:
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
        try:
            return to_number(value, text=True)
        except ValueError as expected:
            raise self._refuse(path, str(expected), value) from None

    @_collected(date(2000, 1, 1))
    def date(self, path: str) -> date:
        value = self._get(path)
        try:
            return to_date(value)
        except ValueError as expected:
            raise self._refuse(path, str(expected), value) from None

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
