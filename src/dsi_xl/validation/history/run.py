"""One run's files as the cross-file rules see them: who sent each, for which agreement and
year, which file speaks for each agreement, CVR and accounts year, and what each file states.

A file takes part when it names a known agreement, is that agreement's recipient's own
(:mod:`dsi_xl.validation.recipient`: its CVR number and municipality) and names one of the
agreement's budget years. Of byte-identical files the first given speaks. Of different files for
the same agreement, CVR and year, the one signed last on a possible date (reading 7: not before
the accounts year's end, not after the run's day); a file whose signing date is impossible or
missing never speaks over one whose date is possible; on a tie, the one given last. Only the
files that speak are counted in DSI's overview and portfolio and compared across years, and
:meth:`Run.why` says in Danish why each file counts or not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from dsi_xl.agreement import in_force, load
from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses import judging_day
from dsi_xl.errors import DSIError
from dsi_xl.format import day
from dsi_xl.validation import recipient
from dsi_xl.validation.record import Stated
from dsi_xl.validation.result import Result
from dsi_xl.workbook.submission import Cell


@dataclass(frozen=True)
class Entry:
    """One file of the run that is an agreement's recipient's accounts for one of its years."""

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
        return stated if isinstance(stated, date) else None

    @property
    def possible(self) -> bool:
        """Whether the signing date can be true (reading 7): after the year's end, not after the run's day."""
        return judging_day.possible(self.signed, self.year, self.result.run_day or date.max)

    @property
    def key(self) -> tuple[str, str]:
        return (self.agreement.id, self.result.identity["cvr"])

    @property
    def label(self) -> str:
        """The file as the municipality knows it, without a path of DSI's:
        ``regnskabet for 2027 (underskrevet 15.05.2028)``."""
        return f"regnskabet for {self.year} ({self.signing})"

    @property
    def signing(self) -> str:
        return f"underskrevet {day(self.signed)}" if self.signed else "uden underskriftsdato"

    def stated(self, name: str) -> Stated | None:
        return self.result.record.get(name)

    def cell(self, name: str, row: int = 0, col: int = 0) -> tuple[Cell, ...]:
        """The file's cell of ``name`` as a one-cell tuple, or ``()`` when the file has no record of it."""
        stated = self.stated(name)
        return (Cell(stated.sheet, stated.refs[row][col]),) if stated else ()

    def __str__(self) -> str:
        return self.label


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
    """Of different files for one agreement, CVR and year: the one signed last on a possible date
    (reading 7), else the last given."""
    return max(entries, key=lambda e: (e.possible, e.signed if e.possible and e.signed else date.min, e.index))


@dataclass(frozen=True)
class Run:
    results: tuple[Result, ...]

    @cached_property
    def copies(self) -> dict[int, int]:
        return first_copies(self.results)

    @cached_property
    def _agreements(self) -> dict[int, Agreement | None]:
        """Each readable, first-of-its-bytes file's agreement (:func:`_agreement`), in input order."""
        return {i: _agreement(result) for i, result in enumerate(self.results)
                if i not in self.copies and not result.unreadable}

    @cached_property
    def refusals(self) -> dict[int, str]:
        """Why each readable, first-of-its-bytes file that takes no part takes none (Danish)."""
        out: dict[int, str] = {}
        for i, agreement in self._agreements.items():
            identity = self.results[i].identity
            year = identity.get("regnskabsaar")
            if agreement is None:
                out[i] = "filen angiver intet tilsagn, dsi-xl kender"
            elif (refused := recipient.refusal(identity, agreement)) is not None:
                out[i] = refused
            elif year not in agreement.budget_years:
                out[i] = "regnskabsåret er ikke et af tilsagnets budgetår"
        return out

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The files that take part: copies of an earlier file and refused files left out."""
        return tuple(Entry(i, self.results[i], agreement, self.results[i].identity["regnskabsaar"])
                     for i, agreement in self._agreements.items() if i not in self.refusals)

    @cached_property
    def _by_index(self) -> dict[int, Entry]:
        return {entry.index: entry for entry in self.entries}

    @cached_property
    def same_year(self) -> dict[tuple[str, str, int], tuple[Entry, ...]]:
        """Files for one agreement, CVR and accounts year, in input order."""
        out: dict[tuple[str, str, int], list[Entry]] = {}
        for entry in self.entries:
            out.setdefault((*entry.key, entry.year), []).append(entry)
        return {key: tuple(group) for key, group in out.items()}

    @cached_property
    def chosen(self) -> dict[tuple[str, str, int], Entry]:
        """The file that speaks for each agreement, CVR and accounts year (:func:`speaker`)."""
        return {key: speaker(group) for key, group in self.same_year.items()}

    @cached_property
    def speakers(self) -> tuple[Entry, ...]:
        return tuple(sorted(self.chosen.values(), key=lambda e: e.index))

    @cached_property
    def _speaking(self) -> frozenset[int]:
        return frozenset(e.index for e in self.speakers)

    @cached_property
    def histories(self) -> dict[tuple[str, str], tuple[Entry, ...]]:
        """Per agreement and CVR, the file that speaks for each year, earliest year first."""
        out: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.speakers:
            out.setdefault(entry.key, []).append(entry)
        return {key: tuple(sorted(group, key=lambda e: e.year)) for key, group in out.items()}

    def counted(self, index: int) -> bool:
        """Whether DSI's overview and portfolio count file ``index``: it is an agreement's
        recipient's accounts for a budget year, no copy, and no other file speaks for it."""
        return index in self._speaking

    def why(self, index: int) -> str:
        """Why file ``index`` counts or not, in Danish, for DSI's overview (paths are DSI's own here)."""
        result = self.results[index]
        if result.unreadable:
            return "ulæselig: filen kunne ikke læses som en regnskabsskabelon"
        if index in self.copies:
            return f"kopi: samme indhold som {self.results[self.copies[index]].file}"
        if index in self.refusals:
            return self.refusals[index]
        entry = self._by_index[index]
        key = (*entry.key, entry.year)
        group, chosen = self.same_year[key], self.chosen[key]
        if len(group) == 1:
            return f"eneste fil for regnskabsåret {entry.year}"
        if entry is chosen:
            return f"af {len(group)} filer for regnskabsåret {entry.year}: {choice(chosen, group)}"
        return f"{chosen.file} tælles for regnskabsåret {entry.year}: {choice(chosen, group)}"


def choice(chosen: Entry, group: Sequence[Entry]) -> str:
    """Why ``chosen`` speaks for its ``group`` of files for one year (reading 7), in Danish."""
    others = [e for e in group if e is not chosen]
    if chosen.possible and any(not o.possible for o in others):
        if all(not o.possible for o in others):
            return f"den eneste med en mulig underskriftsdato ({day(chosen.signed)})"
        return f"den er underskrevet senest på en mulig dato ({day(chosen.signed)})"
    if chosen.possible and all(o.signed < chosen.signed for o in others):
        return f"den er underskrevet senest ({day(chosen.signed)})"
    return "ingen af filerne er underskrevet senere på en mulig dato end den, og den er angivet sidst"
