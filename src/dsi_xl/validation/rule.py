"""A rule: a stable id, a severity, a group, a Danish description, and a check.

One registry, :data:`RULES`, holds every rule in the order their modules are imported: the
single-file rules (``dsi_xl.validation.rules``), whose check reads one file's
:class:`~dsi_xl.validation.context.Context` and yields :class:`Hit` objects, and the cross-file
rules (``HISTORIK-``, ``dsi_xl.validation.history``, :attr:`Rule.across`), whose check reads a
whole run and yields ``(index, Hit)``: the file of the run the finding belongs to. Both are
registered by :func:`registrar` and framed as a :class:`~dsi_xl.validation.result.Finding` by
one function, :func:`dsi_xl.validation.framing.frame`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from dsi_xl.errors import INTERNAL_DESCRIPTION, describe
from dsi_xl.validation.result import Severity
from dsi_xl.workbook.submission import Cell


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found: a plain Danish message (what was expected, what was found and, where it
    helps, what to do), and the defined name and cells it concerns.

    The message never names the defined name or a cell: the engine frames the finding with them
    (:attr:`Finding.name`, :attr:`Finding.sheet`, :attr:`Finding.cell`), and each output shows them
    in its own column. ``cells`` names several cells of one name (a range, or a list).
    """

    message: str
    name: str | None = None
    cell: Cell | None = None
    cells: tuple[Cell, ...] = ()

    @property
    def all_cells(self) -> tuple[Cell, ...]:
        return self.cells or ((self.cell,) if self.cell is not None else ())


# -- sentences more than one rule says, each said here once ----------------------------------


def skipped(which: str) -> str:
    """What a finding adds when the rules ``which`` (a Danish relative clause: "bruger navnet")
    are skipped because of what it found."""
    return f"Regler, der {which}, er sprunget over."


def not_a_date(found: Any) -> str:
    """A cell that should hold a date and holds ``found``."""
    return f"forventede en dato, fandt {describe(found)}."


def not_blank(why: str, found: Any) -> str:
    """A cell that must be blank, ``why`` (a Danish clause: "2028 ligger efter regnskabsåret 2027"),
    and holds ``found``."""
    return f"{why}, så cellen skal være tom; fandt {describe(found)}."


Check = Callable[..., Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    group: str
    description: str  # Danish: what the rule checks
    needs: tuple[str, ...]  # defined names that must be present with their shape
    needs_year: bool  # skipped quietly until DSI_REGNSKABSAAR is a budget year
    check: Check
    shells: frozenset[str] = frozenset({"fil", "excel", "officejs"})  # where the rule can run, see SHELLS
    across: bool = False  # a cross-file rule: its check reads a whole run, not one file


RULES: list[Rule] = []
ACROSS_PREFIX = "HISTORIK-"  # every cross-file rule's id, and only theirs

SHELLS = {
    "fil": "dsi-xl validate og DSI's kontrol (filen læses direkte)",
    "excel": "knappen Validér regnskab i Excel til Windows og Mac",
    "officejs": "Excel på nettet og xlwings Lite (Office.js sender ingen formler)",
}
"""Where the engine runs. A rule names the shells it applies to; the others skip it before it runs."""

UNREADABLE = "STRUKTUR-01"
INTERNAL = "INTERN-01"
ENGINE_IDS: tuple[tuple[str, Severity, str, str], ...] = (
    (UNREADABLE, "fejl", "Struktur", "Filen kan læses som en regnskabsskabelon (.xlsx eller .xlsm)."),
    (INTERNAL, "fejl", "Intern fejl", INTERNAL_DESCRIPTION),
)
"""Ids the engine issues itself, not a rule's check: an unreadable file is reported before any rule
runs, and an unexpected exception anywhere in dsi-xl is an internal error, never a finding of the
rule (or the structure check) that happened to be running."""


def registrar(group: str, *, across: bool = False) -> Callable[..., Callable[[Check], Check]]:
    """A decorator factory for one group: ``rule = registrar("Stamdata")``; a group of cross-file
    rules is ``registrar("Historik", across=True)`` (they run only over a batch of files)."""

    def rule(rule_id: str, severity: Severity, description: str, *, needs: Iterable[str] = (),
             year: bool = False, shells: Iterable[str] = tuple(SHELLS)) -> Callable[[Check], Check]:
        if across != rule_id.startswith(ACROSS_PREFIX):
            raise ValueError(f"a rule id begins with {ACROSS_PREFIX} exactly when the rule is cross-file: {rule_id}")

        def register(check: Check) -> Check:
            if any(r.id == rule_id for r in RULES):
                raise ValueError(f"duplicate rule id {rule_id}")
            if unknown := set(shells) - set(SHELLS):
                raise ValueError(f"unknown shells {sorted(unknown)}")
            RULES.append(Rule(rule_id, severity, group, description, tuple(needs), year, check,
                              frozenset({"fil"} if across else shells), across))
            return check

        return register

    return rule


def single_file() -> list[Rule]:
    """The rules that check one file, in registration order."""
    return [r for r in RULES if not r.across]


def cross_file() -> list[Rule]:
    """The rules that compare the files of a run, by id."""
    return sorted((r for r in RULES if r.across), key=lambda r: r.id)
