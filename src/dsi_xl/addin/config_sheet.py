"""The add-in's configuration sheet (``myaddin.conf``): written from settings, read back.

xlwings' VBA reads column A (keys) from A1 down to the first blank and column B (values), so the
rows are contiguous from row 1. Text cells are shared strings, as in the template.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from defusedxml import ElementTree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _si(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<si><t{space}>{escape(text)}</t></si>"


def write(settings: tuple[tuple[str, str], ...]) -> tuple[bytes, bytes]:
    """(sheet XML, sharedStrings XML) for the key/value rows ``settings``."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def ref(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    rows = []
    for number, (key, value) in enumerate(settings, start=1):
        cells = f'<c r="A{number}" s="1" t="s"><v>{ref(key)}</v></c>'
        if value != "":
            cells += f'<c r="B{number}" s="1" t="s"><v>{ref(value)}</v></c>'
        rows.append(f'<row r="{number}" spans="1:2">{cells}</row>')
    last = max(len(settings), 1)
    sheet = (
        f'{HEADER}<worksheet xmlns="{MAIN}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetPr codeName="Sheet2"/>'  # the VBA project's document module for this sheet
        f'<dimension ref="A1:B{last}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<selection activeCell="B1" sqref="B1"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultColWidth="8.875" defaultRowHeight="15.75"/>'
        '<cols><col min="1" max="1" width="32" style="1" customWidth="1"/>'
        '<col min="2" max="2" width="60" style="1" customWidth="1"/>'
        '<col min="3" max="16384" width="8.875" style="1"/></cols>'
        f'<sheetData>{"".join(rows)}</sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    shared = (
        f'{HEADER}<sst xmlns="{MAIN}" count="{sum(2 if v else 1 for _, v in settings)}" '
        f'uniqueCount="{len(strings)}">{"".join(_si(s) for s in strings)}</sst>'
    )
    return sheet.encode("utf-8"), shared.encode("utf-8")


def read(sheet_xml: bytes, shared_xml: bytes) -> dict[str, str]:
    """The settings as xlwings sees them: upper-cased keys from A1 down to the first blank."""
    ns = {"m": MAIN}
    strings = ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t"))
               for si in ElementTree.fromstring(shared_xml).findall("m:si", ns)]
    cells: dict[str, str] = {}
    for c in ElementTree.fromstring(sheet_xml).iter(f"{{{MAIN}}}c"):
        v = c.find("m:v", ns)
        if v is None or v.text is None:
            continue
        cells[c.get("r")] = strings[int(v.text)] if c.get("t") == "s" else v.text
    settings: dict[str, str] = {}
    row = 1
    while cells.get(f"A{row}", "") != "":
        settings[cells[f"A{row}"].upper()] = cells.get(f"B{row}", "")
        row += 1
    return settings
