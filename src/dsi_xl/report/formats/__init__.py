"""Every output format of ``dsi-xl validate`` and ``dsi-xl portfolio``: one module each, one entry
in one table (:data:`FORMATS`; :data:`PORTFOLIO_FORMATS` is derived from it).

A format module holds ``render(results, *, terminal=False, width=None) -> bytes``: the whole
output of a run's results, as it is written to a file or to standard output; its entry here names
the endings its ``--out`` file may have (``""`` for none). ``terminal`` is true only when the
bytes go straight to a terminal (the text formats then colour them); ``width`` is the text
format's line width (``None``: the terminal's, or rich's default when there is none). A command
that has already built what its formats show passes it on as a keyword (``dsi-xl portfolio``:
``portfolio=``, the results' :class:`~dsi_xl.portfolio.Portfolio`, which the portfolio formats
otherwise build themselves), so it is built once per run. A new
format is a module beside these, its portfolio twin ``portfolio_<name>``, and one line in
:data:`FORMATS`; the command line, its help and its checks read the tables (:data:`TABLES`).

Modules are imported when a format is used, so ``dsi-xl validate`` pays only for its own.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from dsi_xl.validation.result import Result


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: its name on the command line, its module, and whether it can be shown
    on a terminal (a workbook cannot: it needs ``--out``)."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    terminal: bool = True

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)

    def fits(self, target: str | os.PathLike[str]) -> bool:
        """An output's ending matches its format: an xlsx report is never written as rapport.txt."""
        return Path(target).suffix.lower() in self.suffixes

    def render(self, results: Sequence[Result], *, terminal: bool = False, width: int | None = None,
               **built: Any) -> bytes:
        """The output's bytes; ``built``: what the command has built for its formats already."""
        return self.load().render(results, terminal=terminal, width=width, **built)

    def write(self, results: Sequence[Result], target: str | os.PathLike[str], *, width: int | None = 120,
              **built: Any) -> None:
        """The output written to ``target`` through a temporary file and a rename."""
        from dsi_xl.atomic import write_bytes

        write_bytes(target, self.render(results, width=width, **built))


_PACKAGE = __name__
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", f"{_PACKAGE}.textout", (".txt", ".log", "")),
    Format("json", f"{_PACKAGE}.jsonout", (".json",)),
    Format("csv", f"{_PACKAGE}.csvout", (".csv",)),
    Format("xlsx", f"{_PACKAGE}.xlsxout", (".xlsx",), terminal=False),
)}
PORTFOLIO_FORMATS: dict[str, Format] = {name: replace(f, module=f"{_PACKAGE}.portfolio_{name}")
                                         for name, f in FORMATS.items()}
"""The same formats, endings and terminals as :data:`FORMATS`, each in its ``portfolio_<name>`` module."""
TABLES: dict[str, dict[str, Format]] = {"validate": FORMATS, "portfolio": PORTFOLIO_FORMATS}
"""Each command's formats by the command's name."""


def get(name: str, command: str = "validate") -> Format:
    """``command``'s format called ``name``; KeyError for an unknown one (the command line checks first)."""
    return TABLES[command][name]
