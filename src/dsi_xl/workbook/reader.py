"""Read a submitted .xlsx/.xlsm once, as untrusted data, into a :class:`Submission`.

One pass over the package: workbook.xml (sheets, defined names, calculation mode, date
system), its relationships, styles.xml (which styles show dates), each worksheet streamed once
(formulas everywhere, raw values only inside defined names), then sharedStrings.xml for just the
strings those cells use. Nothing in the file is run, followed or written; the file is opened
read-only. Anything that cannot be read, or that looks like an attack (zip bomb, XML entities,
absurd sizes, encryption, the wrong format), raises
:class:`~dsi_xl.errors.UnreadableWorkbook` with one Danish sentence.

``defined_names`` holds every defined name's text: workbook-scoped names by their name,
sheet-scoped ones as ``Sheet!Name``. ``names`` holds the workbook-scoped names that point at one
rectangular range of a worksheet of at most :data:`MAX_NAME_CELLS` cells.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from datetime import datetime
from typing import Any

from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.workbook import active_content
from dsi_xl.workbook.archive import (
    CORRUPT_ZIP,
    OFFICE_DOCUMENT,
    Package,
    not_a_workbook,
    open_file,
    open_package,
    rels_name,
    resolve,
)
from dsi_xl.workbook.book_parts import SharedStringsHandler, StylesHandler, WorkbookHandler
from dsi_xl.workbook.cells import Area, area_ref, area_size, from_serial, name_target, number, ref, unescape
from dsi_xl.workbook.submission import Cell, ExcelError, NamedRange, SheetInfo, Submission
from dsi_xl.workbook.worksheet import Budget, Raw, SheetHandler, SheetResult, key
from dsi_xl.workbook.xmlstream import Relationships, parse

MAX_NAME_CELLS = 100_000  # cells materialised for one defined name
MAX_NAMED_CELLS = 250_000  # ... and for all of them together

BROKEN = "Filen er beskadiget eller ikke en gyldig Excel-projektmappe og kan ikke læses."


def read(path: str | os.PathLike[str]) -> Submission:
    """The submission at ``path``; :class:`UnreadableWorkbook` for anything that is not one."""
    handle = open_file(path)
    with handle:
        try:
            return _read(handle, os.fstat(handle.fileno()).st_size, os.fspath(path))
        except UnreadableWorkbook:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise UnreadableWorkbook(CORRUPT_ZIP) from None
        except MemoryError:
            raise UnreadableWorkbook("Filen kræver for meget hukommelse at læse og afvises.") from None
        except Exception as error:  # untrusted input: never a traceback; the cause stays chained
            raise UnreadableWorkbook(BROKEN) from error


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str, str]]:
    name = package.find(rels_name(part))
    return parse(package.stream(name), Relationships(), name).items if name else {}


def _workbook_part(package: Package) -> str:
    for kind, target, mode in _relationships(package, "").values():
        if kind.endswith(OFFICE_DOCUMENT) and mode.lower() != "external":
            found = package.find(resolve("", target))
            if found and found.casefold().endswith(".xml"):
                return found
            break
    found = package.find("xl/workbook.xml")
    if not found:
        raise UnreadableWorkbook(not_a_workbook(package))
    return found


def _part_of(package: Package, workbook: str, rels: dict, kind: str, default: str) -> str | None:
    for rel_kind, target, mode in rels.values():
        if rel_kind.endswith("/" + kind) and mode.lower() != "external":
            return package.find(resolve(workbook, target))
    return package.find(default)


def _read(handle: Any, size: int, path: str) -> Submission:
    package = open_package(handle, size)
    workbook_part = _workbook_part(package)
    book = parse(package.stream(workbook_part), WorkbookHandler(), workbook_part)
    rels = _relationships(package, workbook_part)

    sheets: list[SheetInfo] = []
    worksheets: dict[str, str] = {}  # sheet name -> part
    for entry in book.sheets:
        kind, target, mode = rels.get(entry.rel_id, ("", "", ""))
        part = package.find(resolve(workbook_part, target)) if target and mode.lower() != "external" else None
        if part is None:
            raise UnreadableWorkbook(f"Arket {entry.name} mangler i filen, så filen er beskadiget.")
        if kind.endswith("/worksheet"):
            worksheets[entry.name] = part
        sheets.append(SheetInfo(entry.name, entry.state))

    defined_names, ranges, wanted, clashes = _names(book, worksheets)

    styles_part = _part_of(package, workbook_part, rels, "styles", "xl/styles.xml")
    date_styles = (
        parse(package.stream(styles_part), StylesHandler(), styles_part).date_styles() if styles_part else frozenset()
    )

    budget, results = Budget(), {}
    for name, part in worksheets.items():
        handler = SheetHandler(name, wanted.get(name, set()), budget)
        results[name] = parse(package.stream(part), handler, part).result
    sheets = [SheetInfo(s.name, s.state, results[s.name].protected if s.name in results else False) for s in sheets]

    strings = _shared_strings(package, workbook_part, rels, results)
    formulas = {(sheet, where): text for sheet, result in results.items() for where, text in result.formulas.items()}
    names = {
        name: _named_range(name, sheet, area, results[sheet], strings, date_styles, book.date1904)
        for name, (sheet, area) in ranges.items()
    }

    targets, link_hazards = active_content.links(package)
    hazards = [*active_content.part_hazards(package), *active_content.connection_urls(package), *link_hazards,
               *active_content.formula_hazards(formulas), *active_content.name_hazards(defined_names)]
    return Submission(
        path=path,
        names=names,
        defined_names=defined_names,
        formulas=formulas,
        sheets=tuple(sheets),
        calc_mode=book.calc_mode,
        external_links=tuple(targets),
        active_content=tuple(hazards),
        has_cached_values=any(result.has_cached_values for result in results.values()),
        name_clashes=tuple(clashes),
    )


def _names(book: WorkbookHandler, worksheets: dict[str, str]):
    """Every name's text; the one-range, workbook-scoped ones; the cells wanted on each sheet."""
    folded = {name.casefold(): name for name in worksheets}
    defined: dict[str, str] = {}
    ranges: dict[str, tuple[str, Area]] = {}
    wanted: dict[str, set[int]] = {}
    first: dict[str, tuple[str, str]] = {}  # casefolded workbook-scoped name -> its first definition
    clashes: list[tuple[str, str, str, str]] = []
    total = 0
    for name, local, text in book.names:
        if local is not None:
            try:
                owner = book.sheets[int(local)].name
            except (ValueError, IndexError):
                owner = f"#{local}"
            defined[f"{owner}!{name}"] = text
            continue
        earlier = first.setdefault(name.casefold(), (name, text))
        if earlier != (name, text) or name in defined:
            clashes.append((*earlier, name, text))
        defined[name] = text
        target = name_target(text)
        if target is None:
            continue
        sheet = target[0] if target[0] in worksheets else folded.get(target[0].casefold())
        size = area_size(target[1])
        if sheet is None or size > MAX_NAME_CELLS or total + size > MAX_NAMED_CELLS:
            continue
        total += size
        ranges[name] = (sheet, target[1])
        r1, c1, r2, c2 = target[1]
        wanted.setdefault(sheet, set()).update(key(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
    return defined, ranges, wanted, clashes


def _shared_strings(package: Package, workbook: str, rels: dict, results: dict[str, SheetResult]) -> dict[int, str]:
    needed: set[int] = set()
    for sheet, result in results.items():
        for kind, _, value, _ in result.kept.values():
            if kind == "s" and value is not None:
                try:
                    needed.add(int(value))
                except ValueError:
                    raise UnreadableWorkbook(
                        f"Arket {sheet} er beskadiget: en tekstcelle peger ikke på en tekst."
                    ) from None
    if not needed:
        return {}
    part = _part_of(package, workbook, rels, "sharedStrings", "xl/sharedStrings.xml")
    if part is None:
        raise UnreadableWorkbook("Filen er beskadiget: den mangler sine delte tekster (sharedStrings.xml).")
    strings = parse(package.stream(part), SharedStringsHandler(needed), part).strings
    missing = needed - strings.keys()
    if missing:
        raise UnreadableWorkbook(f"Filen er beskadiget: en celle peger på tekst nr. {min(missing)}, som ikke findes.")
    return strings


def _named_range(name, sheet, area, result: SheetResult, strings, date_styles, date1904) -> NamedRange:
    r1, c1, r2, c2 = area
    rows = []
    for row in range(r1, r2 + 1):
        cells = []
        for col in range(c1, c2 + 1):
            where = ref(row, col)
            raw = result.kept.get(key(row, col))
            value = _value(raw, sheet, where, strings, date_styles, date1904) if raw else None
            cells.append(Cell(sheet, where, value, result.formulas.get(where)))
        rows.append(tuple(cells))
    return NamedRange(name, sheet, area_ref(area), tuple(rows))


def _value(raw: Raw, sheet: str, where: str, strings, date_styles, date1904) -> Any:
    kind, style, text, inline = raw
    if kind == "inlineStr":
        return unescape(inline) if inline is not None else None
    if text is None or (text == "" and kind != "str"):
        return None
    try:
        if kind == "s":
            return strings[int(text)]
        if kind == "str":
            return unescape(text)
        if kind == "b":
            return {"1": True, "0": False, "true": True, "false": False}[text.strip().lower()]
        if kind == "e":
            return ExcelError(text.strip())
        if kind == "d":
            return datetime.fromisoformat(text.strip().rstrip("Z"))
        value = number(text.strip())
    except OverflowError:
        return ExcelError("#NUM!")  # a number beyond a double's range: Excel's own reading
    except (ValueError, KeyError):
        raise UnreadableWorkbook(
            f"Arket {sheet} er beskadiget: cellen {where} har værdien {text[:40]!r}, der ikke passer til sin type."
        ) from None
    if style is not None and date_styles:
        try:
            is_date = int(style) in date_styles
        except ValueError:
            is_date = False
        if is_date:
            moment = from_serial(value, date1904)
            return moment if moment is not None else value
    return value
