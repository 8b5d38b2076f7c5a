"""A CVR number, read one way wherever a file states one: python-stdnum's own ``dk.cvr``.

``"29 18 96 68"``, ``"29-18-96-68"``, ``"DK29189668"``, full-width digits and the number
29189668 are all ``"29189668"``. The rules (STAM-02, STAM-03), the identity fields of every
output, the cross-file history, DSI's overview and the portfolio read a CVR only through
:func:`number` and :func:`valid`, so a file is never one municipality's in one place and nobody's
in another.

    >>> number("DK 29-18-96-68"), number(29189668.0), number("2918966"), number(True)
    ('29189668', '29189668', None, None)
    >>> valid("29 18 96 68"), valid("12345678")
    ('29189668', None)
    >>> same("DK29189668", " 29189668 "), same(None, None)
    (True, False)
"""

from __future__ import annotations

from typing import Any

from stdnum.dk import cvr as _stdnum
from stdnum.exceptions import ValidationError

from dsi_xl.validation.values import text


def number(value: Any) -> str | None:
    """The CVR number ``value`` states, compacted by stdnum to eight ASCII digits (whether or not
    its check digit is right: :func:`valid` says that), or ``None`` when it states no such number."""
    raw = None if isinstance(value, bool) else text(value)
    if raw is None:
        return None
    try:
        compact = _stdnum.compact(raw)
    except (ValidationError, ValueError, TypeError):
        return None
    return compact if len(compact) == 8 and compact.isascii() and compact.isdigit() else None


def valid(value: Any) -> str | None:
    """The number as eight digits when stdnum validates it (check digit included), else ``None``."""
    compact = number(value)
    if compact is None:
        return None
    try:
        return _stdnum.validate(compact)
    except (ValidationError, ValueError):
        return None


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` state the same CVR number (neither missing)."""
    first = number(a)
    return first is not None and first == number(b)
