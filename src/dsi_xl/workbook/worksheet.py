"""One worksheet, streamed once: its formulas, the raw cells inside defined names, protection.

Cells outside every defined name and without a formula are seen and forgotten; no object is
built for them. Shared formulas are expanded after the sheet (children may, in odd files, come
before their master); array formulas give their text to every cell of their range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.workbook.cells import MAX_ROW, area_size, parse_area, parse_ref, ref, translate
from dsi_xl.workbook.xmlstream import MAX_DEPTH, Handler, tags, too_deep

MAX_FORMULAS = 200_000  # formula cells in the whole workbook; the template has a few hundred
MAX_FORMULA_CHARS = 32_000_000  # characters of formula text kept for the whole workbook

Raw = tuple[str, str | None, str | None, str | None]  # type, style, <v> text, inline text


def key(row: int, col: int) -> int:
    return row << 15 | col


@dataclass
class Budget:
    """Counts shared by every sheet of one workbook."""

    formulas: int = 0
    chars: int = 0

    def add_formulas(self, count: int, sheet: str, chars: int = 0) -> None:
        self.formulas += count
        self.chars += chars
        if self.formulas > MAX_FORMULAS:
            raise UnreadableWorkbook(
                f"Projektmappen har over {MAX_FORMULAS:,} formelceller (arket {sheet}) og afvises.".replace(",", ".")
            )
        if self.chars > MAX_FORMULA_CHARS:
            raise UnreadableWorkbook(
                f"Projektmappens formler fylder over {MAX_FORMULA_CHARS // 10**6} mio. tegn og afvises."
            )


@dataclass
class SheetResult:
    formulas: dict[str, str] = field(default_factory=dict)  # "C12" -> "=SUM(...)"
    kept: dict[int, Raw] = field(default_factory=dict)  # key(row, col) -> raw cell
    protected: bool = False
    has_cached_values: bool = False


class SheetHandler(Handler):
    TAGS = tags("row", "c", "f", "v", "is", "t", "rPh", "sheetProtection")

    def __init__(self, sheet: str, wanted: set[int], budget: Budget) -> None:
        super().__init__()
        self.sheet = sheet
        self.wanted = wanted
        self.budget = budget
        self.result = SheetResult()
        self.row = 0
        self.col = 0
        self.cell: tuple[int, int, str | None, str | None] | None = None
        self.f_attrib: dict[str, str] | None = None
        self.f_text = ""
        self.v_text: str | None = None
        self.inline: list[str] | None = None
        self.phonetic = 0
        self.masters: dict[str, tuple[str, str]] = {}  # si -> (master ref, "=text")
        self.children: list[tuple[str, str]] = []  # (ref, si) to translate after the sheet
        self.arrays: list[tuple[tuple[int, int, int, int], str]] = []

    def refuse(self, what: str) -> None:
        raise UnreadableWorkbook(f"Arket {self.sheet} er beskadiget: {what}.")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise too_deep(self.part)
        kind = self.TAGS.get(tag)
        if kind == "c":
            self.start_cell(attrib)
        elif kind == "v" or (kind == "t" and self.inline is not None and not self.phonetic):
            self.collect()
        elif kind is not None:
            self.open(kind, attrib)

    def end(self, tag: str) -> None:
        self.depth -= 1
        kind = self.TAGS.get(tag)
        if kind is None or self.cell is None:
            return
        if kind == "c":
            self.finish_cell()
        elif kind == "v":
            self.v_text = self.collected()
        elif kind == "f":
            self.f_text = self.collected()
        elif kind == "t" and self.collecting:
            self.inline.append(self.collected())  # type: ignore[union-attr]
        elif kind == "rPh":
            self.phonetic -= 1

    def start_cell(self, attrib: dict[str, str]) -> None:
        text = attrib.get("r")
        if text is not None:
            try:
                row, col = parse_ref(text)
            except ValueError:
                self.refuse(
                    f"cellen {text[:20]!r} ligger uden for Excels {MAX_ROW:,} rækker og 16.384 kolonner".replace(
                        ",", "."
                    )
                )
        else:
            row, col = self.row, self.col + 1
            if not (1 <= row and col <= 16_384):
                self.refuse("en celle uden adresse ligger uden for Excels gitter")
        self.col = col
        self.cell = (row, col, attrib.get("t"), attrib.get("s"))
        self.f_attrib, self.v_text, self.inline = None, None, None

    def open(self, kind: str, attrib: dict[str, str]) -> None:
        if kind == "row":
            text = attrib.get("r")
            try:
                self.row = int(text) if text is not None else self.row + 1
            except ValueError:
                self.refuse(f"rækken {text[:20]!r} er ikke et rækkenummer")
            if not 1 <= self.row <= MAX_ROW:
                self.refuse(f"rækken {self.row} ligger uden for Excels {MAX_ROW:,} rækker".replace(",", "."))
            self.col = 0
        elif self.cell is None:
            if kind == "sheetProtection":
                self.result.protected = attrib.get("sheet", "").lower() in ("1", "true")
        elif kind == "f":
            self.f_attrib = attrib
            self.collect()
        elif kind == "is":
            self.inline = []
        elif kind == "rPh":
            self.phonetic += 1

    def finish_cell(self) -> None:
        row, col, kind, style = self.cell  # type: ignore[misc]
        self.cell = None
        k = key(row, col)
        if self.f_attrib is not None:
            self.formula(ref(row, col))
            if self.v_text:
                self.result.has_cached_values = True
        if k in self.wanted:
            inline = "".join(self.inline) if self.inline is not None else None
            self.result.kept[k] = (kind or "n", style, self.v_text, inline)

    def formula(self, where: str) -> None:
        attrib, text = self.f_attrib or {}, self.f_text
        kind = attrib.get("t", "normal")
        if kind == "shared":
            si = attrib.get("si", "")
            if si in self.masters or not text:
                self.children.append((where, si))
                self.budget.add_formulas(1, self.sheet)
                return
            self.masters[si] = (where, "=" + text)
        elif kind == "array":
            try:
                area = parse_area(attrib.get("ref", where))
            except ValueError:
                area = None
            if area is not None and area_size(area) > 1:
                self.budget.add_formulas(area_size(area) - 1, self.sheet, (area_size(area) - 1) * len(text))
                self.arrays.append((area, "=" + text))
        elif kind == "dataTable":
            text = f"TABLE({attrib.get('r1', '')},{attrib.get('r2', '')})"
        self.budget.add_formulas(1, self.sheet, len(text))
        self.result.formulas[where] = "=" + text

    def close(self) -> SheetResult:
        formulas = self.result.formulas
        for where, si in self.children:
            if si not in self.masters:
                self.refuse(f"cellen {where} bruger en delt formel ({si[:10]!r}), der ikke findes")
            origin, text = self.masters[si]
            try:
                formulas[where] = translate(text, origin, where)
            except Exception:  # openpyxl's tokenizer on a malformed formula
                self.refuse(f"den delte formel i cellen {where} kan ikke læses")
            self.budget.add_formulas(0, self.sheet, len(formulas[where]))
        for (r1, c1, r2, c2), text in self.arrays:
            for row in range(r1, r2 + 1):
                for col in range(c1, c2 + 1):
                    formulas.setdefault(ref(row, col), text)
        return self.result
