"""A column of DSI's tables (the overview, the portfolio): its key, its Danish heading, its kind,
its printed width, and what its total may add up.

The machine key is a CSV header, a JSON key, a DataFrame column; the heading is an xlsx sheet's
and the text output's; the kind of value says how each writer shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "count", "amount", "date", "year", "yes", "status"]
Total = Literal["all", "counted"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    kind: Kind
    total: Total | None = None  # "all": summed over every row; "counted": over the counted rows only
    width: int | None = None  # characters on a printed sheet (None: the kind's default)
