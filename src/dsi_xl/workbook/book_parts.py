"""Handlers for the workbook-wide parts: workbook.xml, styles.xml and sharedStrings.xml.

Each keeps only what the reader needs: the sheets, defined names and calculation settings; the
set of cell styles that show dates; the shared strings the kept cells refer to (so a table of a
million strings costs no memory).
"""

from __future__ import annotations

from dataclasses import dataclass

from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.workbook.cells import BUILTIN_DATE_FORMATS, is_date_format, unescape, whole
from dsi_xl.workbook.xmlstream import REL_ID, Handler, tags

MAX_SHEETS = 1_000
MAX_NAMES = 20_000
MAX_STYLES = 200_000
MAX_NAME_TEXT = 8_192  # Excel's own limit for what a name refers to


@dataclass(frozen=True, slots=True)
class SheetEntry:
    name: str
    state: str
    rel_id: str


class WorkbookHandler(Handler):
    """workbook.xml: sheets, defined names, calcPr calcMode, workbookPr date1904."""

    TAGS = tags("sheet", "definedName", "calcPr", "workbookPr")

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[SheetEntry] = []
        self.names: list[tuple[str, str | None, str]] = []  # name, localSheetId, text
        self.calc_mode: str | None = None
        self.date1904 = False
        self._name: tuple[str, str | None] | None = None

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        kind = self.TAGS.get(tag)
        if kind == "sheet":
            rel_id = next((attrib[key] for key in REL_ID if key in attrib), "")
            self.sheets.append(SheetEntry(attrib.get("name", ""), attrib.get("state", "visible"), rel_id))
            if len(self.sheets) > MAX_SHEETS:
                raise UnreadableWorkbook(f"Projektmappen har over {MAX_SHEETS} ark og afvises.")
        elif kind == "definedName":
            self._name = (attrib.get("name", ""), attrib.get("localSheetId"))
            self.collect()
        elif kind == "calcPr":
            self.calc_mode = attrib.get("calcMode")
        elif kind == "workbookPr":
            self.date1904 = attrib.get("date1904", "").lower() in ("1", "true")

    def close_tag(self, tag: str) -> None:
        if self._name is not None and self.TAGS.get(tag) == "definedName":
            name, local = self._name
            text = self.collected()
            if len(text) > MAX_NAME_TEXT:
                raise UnreadableWorkbook(f"Navnet {name[:40]} er længere, end Excel tillader, og filen afvises.")
            self.names.append((name, local, text))
            self._name = None
            if len(self.names) > MAX_NAMES:
                raise UnreadableWorkbook(
                    f"Projektmappen har over {MAX_NAMES:,} definerede navne og afvises.".replace(",", ".")
                )


class StylesHandler(Handler):
    """styles.xml: which cellXfs indices show a date (by built-in id or custom format code)."""

    TAGS = tags("numFmt", "cellXfs", "xf")

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []  # numFmtId of each cellXfs entry, in order
        self._in_cell_xfs = False

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        kind = self.TAGS.get(tag)
        if kind == "numFmt":
            try:
                self.custom[whole(attrib.get("numFmtId", ""))] = attrib.get("formatCode", "")[:MAX_NAME_TEXT]
            except ValueError:
                pass
            if len(self.custom) > MAX_STYLES:
                raise UnreadableWorkbook(
                    f"Delen {self.part} har over {MAX_STYLES:,} talformater og afvises.".replace(",", ".")
                )
        elif kind == "cellXfs":
            self._in_cell_xfs = True
        elif kind == "xf" and self._in_cell_xfs:
            try:
                self.formats.append(whole(attrib.get("numFmtId", "0")))
            except ValueError:
                self.formats.append(0)
            if len(self.formats) > MAX_STYLES:
                raise UnreadableWorkbook(
                    f"Delen {self.part} har over {MAX_STYLES:,} celleformater og afvises.".replace(",", ".")
                )

    def close_tag(self, tag: str) -> None:
        if self.TAGS.get(tag) == "cellXfs":
            self._in_cell_xfs = False

    def date_styles(self) -> frozenset[int]:
        dates = set()
        for index, format_id in enumerate(self.formats):
            code = self.custom.get(format_id)
            if code is not None:
                if is_date_format(code):
                    dates.add(index)
            elif format_id in BUILTIN_DATE_FORMATS:
                dates.add(index)
        return frozenset(dates)


class SharedStringsHandler(Handler):
    """sharedStrings.xml: the text of the strings whose index is in ``wanted``, and no others."""

    TAGS = tags("si", "t", "rPh")

    def __init__(self, wanted: set[int]) -> None:
        super().__init__()
        self.wanted = wanted
        self.strings: dict[int, str] = {}
        self.index = -1
        self._parts: list[str] = []
        self._phonetic = 0

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        kind = self.TAGS.get(tag)
        if kind == "si":
            self.index += 1
            self._parts = []
        elif kind == "rPh":
            self._phonetic += 1
        elif kind == "t" and not self._phonetic and self.index in self.wanted:
            self.collect()

    def close_tag(self, tag: str) -> None:
        kind = self.TAGS.get(tag)
        if kind == "t" and self.collecting:
            self._parts.append(self.collected())
        elif kind == "rPh":
            self._phonetic -= 1
        elif kind == "si" and self.index in self.wanted:
            self.strings[self.index] = unescape("".join(self._parts))
