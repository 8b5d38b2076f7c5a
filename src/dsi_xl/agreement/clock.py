"""The day the worksheet functions compute on: the terms in force :func:`today`.

A DSI_ function in an open workbook has no other day to go by than the computer's clock
(``date.today()`` in the Python process that runs it). The template generator computes the
values it saves for the day it builds the template for, and says so with :func:`on`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

_DAY: ContextVar[date | None] = ContextVar("dsi_xl_day", default=None)


def today() -> date:
    """The day whose terms the worksheet functions use: the clock's, unless :func:`on` says otherwise."""
    return _DAY.get() or date.today()


@contextmanager
def on(day: date | None) -> Iterator[None]:
    """Within the block, :func:`today` is ``day`` (``None``: the clock's)."""
    token = _DAY.set(day)
    try:
        yield
    finally:
        _DAY.reset(token)
