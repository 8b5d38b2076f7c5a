"""A CVR number, read one way wherever a file states one: python-stdnum's ``dk.cvr``.

``"29 18 96 68"``, ``"29-18-96-68"``, ``"DK29189668"``, full-width digits and the number
29189668 are all ``"29189668"``. The rules (STAM-02, STAM-03), the identity fields of every
output, the cross-file history, DSI's overview and the portfolio read a CVR only through
:func:`number` and :func:`valid`, so a file is never one municipality's in one place and nobody's
in another.

A number typed plainly (eight ASCII digits), as nearly every file has it, is answered here by
stdnum's own rules (its compact form is itself; valid when it does not begin with 0 and its
weighted sum is divisible by 11, ``stdnum.dk.cvr.checksum``); every other spelling goes to stdnum.
Importing stdnum brings ssl, socket and pydoc, which the validator never uses: a plain file's
validation is spared them. tests/test_cvr.py holds both ways to stdnum's answers.

    >>> number("DK 29-18-96-68"), number(29189668.0), number("2918966"), number(True)
    ('29189668', '29189668', None, None)
    >>> valid("29 18 96 68"), valid("12345678")
    ('29189668', None)
    >>> same("DK29189668", " 29189668 "), same(None, None)
    (True, False)
"""

from __future__ import annotations

import re
from typing import Any

from dsi_xl.validation.values import text

PLAIN = re.compile(r"[0-9]{8}")
WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)  # stdnum.dk.cvr.checksum: the weighted sum is divisible by 11


def _text(value: Any) -> str | None:
    return None if isinstance(value, bool) else text(value)


def number(value: Any) -> str | None:
    """The CVR number ``value`` states, compacted by stdnum to eight ASCII digits (whether or not
    its check digit is right: :func:`valid` says that), or ``None`` when it states no such number."""
    raw = _text(value)
    if raw is None or PLAIN.fullmatch(raw):
        return raw
    from stdnum.dk import cvr as stdnum_cvr  # only for a spelling other than plain digits (see above)
    from stdnum.exceptions import ValidationError

    try:
        compact = stdnum_cvr.compact(raw)
    except (ValidationError, ValueError, TypeError):
        return None
    return compact if PLAIN.fullmatch(compact) else None


def valid(value: Any) -> str | None:
    """The number as eight digits when stdnum validates it (check digit included), else ``None``."""
    raw = _text(value)
    if raw is None:
        return None
    if PLAIN.fullmatch(raw):
        return raw if raw[0] != "0" and sum(w * int(d) for w, d in zip(WEIGHTS, raw)) % 11 == 0 else None
    from stdnum.dk import cvr as stdnum_cvr
    from stdnum.exceptions import ValidationError

    try:
        return stdnum_cvr.validate(raw)
    except (ValidationError, ValueError):
        return None


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` state the same CVR number (neither missing)."""
    first = number(a)
    return first is not None and first == number(b)
