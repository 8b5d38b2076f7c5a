"""How many lines a wrapped cell needs, for the row heights of every printed sheet.

LibreOffice and Excel do not grow a row for wrapped text they did not write themselves, so the
writers set each row's height from this estimate.

Words break at spaces, and after commas and slashes (a list of cells, a path); a word longer
than the column breaks where it must. A character's margin is kept, as proportional fonts run
wider than the width's average character.

    >>> lines("kort", 10), lines("en besked, der er for lang til én linje", 20)
    (1, 3)
    >>> lines("indkomne/randers/2027-rettet/regnskabsskabelon.xlsx", 20)
    4
"""

from __future__ import annotations

import re
from typing import Any

LINE_HEIGHT = 15.0  # points per line of an 11-point row


def lines(value: Any, width: int) -> int:
    """Lines a wrapped cell of ``width`` characters needs for ``value`` as text."""
    room = max(1, width - 1)
    count, used = 0, 0
    for paragraph in str(value or "").split("\n"):
        count, used = count + 1, 0
        for match in re.finditer(r"(\s*)([^\s,/]+[,/]?|[,/])", paragraph):
            word = match.group(2)
            while len(word) > room:  # a word wider than the column breaks inside it, on a line of its own
                if used:
                    count, used = count + 1, 0
                word = word[room:]
                count += 1
            size = len(word) + (1 if used and match.group(1) else 0)
            if used and used + size > room:
                count, used = count + 1, len(word)
            else:
                used += size
    return max(count, 1)
