"""One run's files as the cross-file rules see them: who sent each, for which agreement and
year, which file speaks for each agreement, CVR and accounts year, and what each file states.

A file takes part when it names a known agreement, a CVR number and one of the agreement's
budget years. Of byte-identical files the first given speaks; of different files for the same
agreement, CVR and year, the one signed last (on a tie, or with no signing date, the one given
last). Only the files that speak are counted in DSI's overview and compared across years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from dsi_xl.agreement import in_force, load
from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import DSIError
from dsi_xl.validation.record import Stated
from dsi_xl.validation.result import Result
from dsi_xl.workbook.submission import Cell


@dataclass(frozen=True)
class Entry:
    """One file of the run that names an agreement, a CVR number and an accounts year."""

    index: int
    result: Result
    agreement: Agreement
    year: int

    @property
    def file(self) -> str:
        return self.result.file

    @property
    def sha256(self) -> str | None:
        return self.result.identity.get("sha256")

    @property
    def signed(self) -> date | None:
        stated = self.result.identity.get("underskrift_dato")
        try:
            return date.fromisoformat(stated) if stated else None
        except ValueError:
            return None

    @property
    def key(self) -> tuple[str, str]:
        return (self.agreement.id, self.result.identity["cvr"])

    def stated(self, name: str) -> Stated | None:
        return self.result.record.get(name)

    def cell(self, name: str, row: int = 0, col: int = 0) -> tuple[Cell, ...]:
        """The file's cell of ``name`` as a one-cell tuple, or ``()`` when the file has no record of it."""
        stated = self.stated(name)
        return (Cell(stated.sheet, stated.refs[row][col]),) if stated else ()

    def __str__(self) -> str:
        return self.file


def _agreement(result: Result) -> Agreement | None:
    """The file's agreement with the terms in force on the day the file was judged on."""
    identity = result.identity
    try:
        agreement = load(identity.get("tilsagn")) if identity.get("tilsagn") else None
    except (DSIError, OSError, ValueError):
        return None
    return in_force(agreement, result.as_of) if agreement is not None and result.as_of else agreement


def first_copies(results: Sequence[Result]) -> dict[int, int]:
    """For every file whose bytes an earlier file of the run already had: its index -> the first's."""
    first: dict[str, int] = {}
    copies: dict[int, int] = {}
    for i, result in enumerate(results):
        digest = result.identity.get("sha256")
        if not digest:
            continue
        if digest in first:
            copies[i] = first[digest]
        else:
            first[digest] = i
    return copies


def speaker(entries: Sequence[Entry]) -> Entry:
    """Of different files for one agreement, CVR and year: the one signed last, else the last given."""
    return max(entries, key=lambda e: (e.signed or date.min, e.index))


@dataclass(frozen=True)
class Run:
    results: tuple[Result, ...]

    @cached_property
    def copies(self) -> dict[int, int]:
        return first_copies(self.results)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The files that take part, copies of an earlier file left out."""
        out = []
        for i, result in enumerate(self.results):
            identity = result.identity
            if i in self.copies or result.unreadable or not identity.get("cvr"):
                continue
            agreement = _agreement(result)
            year = identity.get("regnskabsaar")
            if agreement is not None and year in agreement.budget_years:
                out.append(Entry(i, result, agreement, year))
        return tuple(out)

    @cached_property
    def same_year(self) -> dict[tuple[str, str, int], tuple[Entry, ...]]:
        """Files for one agreement, CVR and accounts year, in input order."""
        out: dict[tuple[str, str, int], list[Entry]] = {}
        for entry in self.entries:
            out.setdefault((*entry.key, entry.year), []).append(entry)
        return {key: tuple(group) for key, group in out.items()}

    @cached_property
    def speakers(self) -> tuple[Entry, ...]:
        return tuple(sorted((speaker(group) for group in self.same_year.values()), key=lambda e: e.index))

    @cached_property
    def histories(self) -> dict[tuple[str, str], tuple[Entry, ...]]:
        """Per agreement and CVR, the file that speaks for each year, earliest year first."""
        out: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.speakers:
            out.setdefault(entry.key, []).append(entry)
        return {key: tuple(sorted(group, key=lambda e: e.year)) for key, group in out.items()}

    def counted(self, index: int) -> bool:
        """Whether DSI's overview counts file ``index``: it could be read, is no copy, and no other
        file speaks for it."""
        if index in self.copies or self.results[index].status == "ulæselig":
            return False
        entry = next((e for e in self.entries if e.index == index), None)
        return entry is None or any(s.index == index for s in self.speakers)
