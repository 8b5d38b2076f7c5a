"""The ``Valideringsrapport`` sheet alone, as XML parts ready to drop into another package.

openpyxl renders the :class:`~dsi_xl.report.report_sheet.Layout` (through the one openpyxl writer,
:mod:`dsi_xl.report.write_openpyxl`) into a fresh one-sheet workbook in memory. From that
package this module keeps the sheet part, with its shared strings turned into inline strings
(so the submission's sharedStrings.xml is never touched), and the fonts, fills, borders and
cell formats the sheet uses, as XML fragments without a namespace prefix. Everything parsed here
was written by openpyxl a moment ago, never by the submitter.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from dsi_xl.report.report_sheet import SHEET_NAME, Layout

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SECTIONS = ("fonts", "fills", "borders", "cellXfs")  # in styles.xml's order
_Q = "{" + MAIN + "}"


@dataclass(frozen=True)
class Rendered:
    """The report sheet's XML with style indices 0..n-1 of ``styles["cellXfs"]``, and the style
    elements it needs (each a list of XML fragments, local indices)."""

    sheet: ET.Element
    styles: dict[str, list[ET.Element]]
    title_rows: tuple[int, int] | None = None  # the package adds them as the workbook's _xlnm.Print_Titles


def render(layout: Layout) -> Rendered:
    import openpyxl

    from dsi_xl.openpyxl_schema import schema_order
    from dsi_xl.report.write_openpyxl import write
    from dsi_xl.stops import held

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    sheet.sheet_view.tabSelected = True
    write(sheet, layout)
    buffer = io.BytesIO()
    with schema_order(), held():  # a short save: a stop waits for it, never cuts its zip
        book.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        names = package.namelist()
        root = ET.fromstring(package.read("xl/worksheets/sheet1.xml"))
        strings = _strings(package.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        styles = ET.fromstring(package.read("xl/styles.xml"))
    _inline(root, strings)
    return Rendered(root, {name: list(styles.find(_Q + name)) for name in SECTIONS}, layout.title_rows)


def _strings(xml: bytes) -> list[str]:
    return ["".join(t.text or "" for t in si.iter(_Q + "t")) for si in ET.fromstring(xml).findall(_Q + "si")]


def _inline(root: ET.Element, strings: list[str]) -> None:
    """Shared-string cells become inline strings: ``<c t="inlineStr"><is><t>...</t></is></c>``."""
    for cell in root.iter(_Q + "c"):
        if cell.get("t") != "s":
            continue
        value = cell.find(_Q + "v")
        text = strings[int(value.text)] if value is not None and value.text else ""
        if value is not None:
            cell.remove(value)
        cell.set("t", "inlineStr")
        inline = ET.SubElement(cell, _Q + "is")
        t = ET.SubElement(inline, _Q + "t")
        t.set(f"{{{XML_NS}}}space", "preserve")
        t.text = text


def fragment(element: ET.Element, prefix: str) -> bytes:
    """``element`` as XML with its SpreadsheetML tags under ``prefix`` (``""`` or ``"x:"``),
    the prefix the target part already uses for that namespace."""
    out = io.StringIO()
    _write(element, prefix, out)
    return out.getvalue().encode("utf-8")


def _write(element: ET.Element, prefix: str, out: io.StringIO) -> None:
    tag = element.tag
    name = prefix + tag[len(_Q):] if tag.startswith(_Q) else tag.rsplit("}", 1)[-1]
    attributes = "".join(f' {_attribute(k)}="{_escape(v, True)}"' for k, v in element.attrib.items())
    children = list(element)
    if not children and not element.text:
        out.write(f"<{name}{attributes}/>")
        return
    out.write(f"<{name}{attributes}>")
    if element.text:
        out.write(_escape(element.text))
    for child in children:
        _write(child, prefix, out)
        if child.tail:
            out.write(_escape(child.tail))
    out.write(f"</{name}>")


def _attribute(key: str) -> str:
    if key.startswith("{" + XML_NS + "}"):
        return "xml:" + key.split("}", 1)[1]
    return key.rsplit("}", 1)[-1]


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def sheet_xml(rendered: Rendered, xf_base: int) -> bytes:
    """The report sheet part, its style indices moved up by ``xf_base``."""
    root = rendered.sheet
    for element in root.iter():
        local = element.tag[len(_Q):] if element.tag.startswith(_Q) else ""
        attribute = "style" if local == "col" else "s" if local in ("c", "row") else None
        if attribute and element.get(attribute) is not None:
            element.set(attribute, str(int(element.get(attribute)) + xf_base))
    ET.register_namespace("", MAIN)
    ET.register_namespace("r", REL)
    body = ET.tostring(root, encoding="unicode")
    for element in root.iter():  # undo, so a Rendered can be written again
        local = element.tag[len(_Q):] if element.tag.startswith(_Q) else ""
        attribute = "style" if local == "col" else "s" if local in ("c", "row") else None
        if attribute and element.get(attribute) is not None:
            element.set(attribute, str(int(element.get(attribute)) - xf_base))
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body.encode("utf-8")
