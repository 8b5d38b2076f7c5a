"""Agreements with amendments, for tests: the shipped Randers file plus ``[[amendments]]`` written
as DSI would write them (TOML text), parsed by the real loader or written to a folder that
``DSI_XL_AGREEMENTS`` names.

``WHY`` holds the decisions of issue 24's "Why": the baseline of goal 2 renegotiated (2.5), rate 2
reduced (4.2) or withheld (6.1), an accrual agreed (4.3).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from dsi_xl.agreement import DATA_DIR, Agreement, parse

RANDERS_TEXT = (DATA_DIR / "randers-2026.toml").read_text(encoding="utf-8")


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, int, float, Decimal)):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def amendment(number: int, day: date, clause: str, text: str, **changes) -> str:
    """One ``[[amendments]]`` entry as TOML text; ``changes`` by term with ``__`` for ``.``
    (``goals__2__baseline=14.0``), or pass ``changes={"goals.2.baseline": 14.0}``."""
    terms = changes.pop("changes", {}) | {term.replace("__", "."): value for term, value in changes.items()}
    items = ",\n".join(f'  {{ term = "{term}", value = {_value(value)} }}' for term, value in terms.items())
    return (f"\n[[amendments]]\nnumber = {number}\ndate = {day}\nclause = {_value(clause)}\n"
            f"text = {_value(text)}\nchanges = [\n{items},\n]\n")


BASELINE = amendment(1, date(2026, 9, 15), "Bilag 5.1, pkt. 2.5",
                     "Baseline for mål 2 genforhandlet efter resultatet for 2025.", goals__2__baseline=14.0)
WITHHELD = amendment(2, date(2027, 3, 20), "6.1.1(iii)",
                     "Rate 2 tilbageholdes, fordi sagsstammen var over 65 i to kvartaler.",
                     installments__2__withheld=True)
REDUCED = amendment(2, date(2027, 3, 20), "4.2", "Rate 2 nedsættes, fordi udgifterne i 2026 var lavere end budgettet.",
                    installments__2__amount=600000)
ACCRUAL = amendment(2, date(2028, 3, 1), "4.3", "Periodisering for 2027 aftalt til løn januar-juni 2028.",
                    accrual__2027=200000)
WHY = {"baseline": BASELINE, "withheld": WITHHELD, "reduced": REDUCED, "accrual": ACCRUAL}


def text(*amendments: str, base: str = RANDERS_TEXT) -> str:
    """The agreement file's text with ``amendments`` appended, numbered 1, 2, ... in the order given."""
    return base + "".join(re.sub(r"\nnumber = \d+\n", f"\nnumber = {n}\n", text, count=1)
                          for n, text in enumerate(amendments, start=1))


def agreement(*amendments: str, base: str = RANDERS_TEXT) -> Agreement:
    """The agreement with ``amendments``, parsed (not cached by id; its source names its content)."""
    content = text(*amendments, base=base)
    digest = hashlib.sha256(content.encode()).hexdigest()[:12]
    return parse(tomllib.loads(content), source=f"test:{digest}")


def folder(path: Path, *amendments: str, base: str = RANDERS_TEXT) -> Path:
    """A folder for ``DSI_XL_AGREEMENTS`` holding the agreement with ``amendments`` under its own
    id (for Randers it then takes the shipped file's place)."""
    content = text(*amendments, base=base)
    agreement_id = tomllib.loads(content)["id"]
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{agreement_id}.toml").write_text(content, encoding="utf-8")
    return path
