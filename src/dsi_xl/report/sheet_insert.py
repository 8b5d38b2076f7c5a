"""How a submitted package gets one more sheet, ``Valideringsrapport``, and nothing else.

:func:`plan` says which parts change and how: ``xl/workbook.xml`` gets one ``<sheet>`` entry at
the end (so no ``localSheetId`` of a defined name moves), the report becomes the active tab and
its heading row the print titles; the workbook's relationships one relationship; ``[Content_Types].xml``
one ``Override``; ``styles.xml`` the report's styles (:mod:`.style_merge`); and the sheet part
itself. An earlier ``Valideringsrapport`` keeps its place and part name and gets the new content;
its own relationships part, if any, is dropped. Every edited part must still be well-formed XML.
"""

from __future__ import annotations

import posixpath
import re

from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.report import report_sheet, report_xml, style_merge
from dsi_xl.report.xml_patch import ATTRIBUTES, PREFIX, one, refuse, set_attribute
from dsi_xl.workbook.archive import Package, rels_name, resolve
from dsi_xl.workbook.xmlstream import REL_ID, Handler, Relationships, parse, tags

WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Sheets(Handler):
    """workbook.xml: each sheet's name, sheetId and relationship id."""

    TAGS = tags("sheet")

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str, str]] = []

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        if self.TAGS.get(tag) == "sheet":
            rel_id = next((attrib[key] for key in REL_ID if key in attrib), "")
            self.sheets.append((attrib.get("name", ""), attrib.get("sheetId", "0"), rel_id))


def _workbook_part(package: Package) -> str:
    from dsi_xl.workbook.reader import _workbook_part as find

    return find(package)


def _relationships(package: Package, part: str) -> tuple[str | None, dict[str, tuple[str, str, str]]]:
    name = package.find(rels_name(part))
    return name, (parse(package.stream(name), Relationships(), name).items if name else {})


def plan(package: Package, rendered: report_xml.Rendered) -> tuple[dict[str, bytes], set[str]]:
    """The parts to write with new content (name -> bytes; names not in the input are added) and
    the parts to leave out."""
    workbook = _workbook_part(package)
    workbook_xml = package.read(workbook)
    sheets = parse([workbook_xml], _Sheets(), workbook).sheets
    rels_part, rels = _relationships(package, workbook)
    changes: dict[str, bytes] = {}
    dropped: set[str] = set()

    name = report_sheet.SHEET_NAME
    index = next((i for i, entry in enumerate(sheets) if entry[0].casefold() == name.casefold()), None)
    if index is not None:
        kind, relative, mode = rels.get(sheets[index][2], ("", "", ""))
        part = package.find(resolve(workbook, relative)) if relative and mode.lower() != "external" else None
        if part is None or not kind.endswith("/worksheet"):
            raise refuse(f"arket {sheets[index][0]} findes i forvejen, men ikke som et almindeligt regneark")
        old_rels = package.find(rels_name(part))
        if old_rels:
            dropped.add(old_rels)
    else:
        index = len(sheets)
        part = _free_part(package, posixpath.join(posixpath.dirname(workbook), "worksheets"))
        changes[workbook] = workbook_xml
        workbook_xml = _add_sheet(workbook_xml, sheets, _free_id(rels), name)
        if rels_part is None:
            raise refuse("projektmappen mangler sine relationer (workbook.xml.rels)")
        changes[rels_part] = _add_relationship(package.read(rels_part), _free_id(rels),
                                               posixpath.relpath(part, posixpath.dirname(workbook)))
        types = package.find("[Content_Types].xml")
        if types is None:
            raise refuse("filen mangler [Content_Types].xml")
        changes[types] = _add_override(package.read(types), part)
    changes[workbook] = _active_tab(workbook_xml, index)
    if rendered.title_rows:
        changes[workbook] = _print_titles(changes[workbook], index, rendered.title_rows)

    styles = _styles_part(package, workbook, rels)
    styles_xml = package.read(styles)
    new_styles, xf_base = style_merge.merge(package, styles, styles_xml, rendered)
    if new_styles != styles_xml:
        changes[styles] = new_styles
    changes[part] = report_xml.sheet_xml(rendered, xf_base)
    for name, data in changes.items():  # every edited part must still be well-formed XML
        try:
            parse([data], Handler(), name)
        except UnreadableWorkbook:
            raise refuse(f"delen {name} ikke kunne ændres sikkert") from None
    return changes, dropped


def _free_part(package: Package, folder: str) -> str:
    n = 1
    while package.find(f"{folder}/sheet{n}.xml"):
        n += 1
    return f"{folder}/sheet{n}.xml"


def _free_id(rels: dict) -> str:
    n = 1
    while f"rIdDsi{n}" in rels:
        n += 1
    return f"rIdDsi{n}"


def _add_sheet(xml: bytes, sheets: list[tuple[str, str, str]], rel_id: str, name: str) -> bytes:
    close = one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt")
    prefix = close.group(1)
    ids = [int(s[1]) for s in sheets if s[1].isascii() and s[1].isdigit()]
    declared = re.search(rb'xmlns:([A-Za-z_][\w.-]*)\s*=\s*"' + re.escape(REL_NS.encode()) + b'"', xml)
    rel = declared.group(1) + b":id" if declared else b'xmlns:dsirel="' + REL_NS.encode() + b'" dsirel:id'
    entry = (b"<" + prefix + b'sheet name="' + name.encode() + b'" sheetId="' + str(max(ids, default=0) + 1).encode()
             + b'" ' + rel + b'="' + rel_id.encode() + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _active_tab(xml: bytes, index: int) -> bytes:
    view = re.search(rb"<" + PREFIX + rb"workbookView\b" + ATTRIBUTES, xml)
    if view:
        tag = set_attribute(view.group(0), b"activeTab", str(index).encode())
        first = re.search(rb'\sfirstSheet\s*=\s*"(\d+)"', tag)
        if first and int(first.group(1)) > index:
            tag = set_attribute(tag, b"firstSheet", str(index).encode())
        return xml[:view.start()] + tag + xml[view.end():]
    sheets = one(rb"<" + PREFIX + rb"sheets\b", xml, "projektmappens arkliste ikke kan findes entydigt")
    p = sheets.group(1)
    views = (
        b"<" + p + b"bookViews><" + p + b'workbookView activeTab="' + str(index).encode() + b'"/></' + p + b"bookViews>"
    )
    return xml[:sheets.start()] + views + xml[sheets.start():]


AFTER_DEFINED_NAMES = (b"calcPr", b"oleSize", b"customWorkbookViews", b"pivotCaches", b"smartTagPr",
                       b"smartTagTypes", b"webPublishing", b"fileRecoveryPr", b"webPublishObjects", b"extLst")


def _print_titles(xml: bytes, index: int, rows: tuple[int, int]) -> bytes:
    """The report's heading row repeated on every printed page: the built-in name
    ``_xlnm.Print_Titles`` local to the report sheet, replaced if an earlier run set it. No other
    defined name is touched."""
    sheet = report_sheet.SHEET_NAME.replace("'", "''")
    value = f"'{sheet}'!${rows[0]}:${rows[1]}".encode()
    local = rb"""<""" + PREFIX + rb"""definedName\b[^>]*\bname\s*=\s*["']_xlnm\.Print_Titles["'][^>]*>"""
    for found in re.finditer(local + rb"[^<]*</(?:[A-Za-z_][\w.-]*:)?definedName\s*>", xml):
        if re.search(rb"""\blocalSheetId\s*=\s*["']""" + str(index).encode() + rb"""["']""", found.group(0)):
            tag = re.match(local, found.group(0))
            closing = found.group(0)[found.group(0).rindex(b"</"):]
            return xml[:found.start()] + tag.group(0) + value + closing + xml[found.end():]
    close = re.search(rb"</" + PREFIX + rb"definedNames\s*>", xml)
    if close:
        p = close.group(1)
        entry = b"<" + p + b'definedName name="_xlnm.Print_Titles" localSheetId="' + str(index).encode() + b'">'
        return xml[:close.start()] + entry + value + b"</" + p + b"definedName>" + xml[close.start():]
    sheets = one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt")
    p = sheets.group(1)
    block = (b"<" + p + b"definedNames><" + p + b'definedName name="_xlnm.Print_Titles" localSheetId="'
             + str(index).encode() + b'">' + value + b"</" + p + b"definedName></" + p + b"definedNames>")
    later = [m.start() for tag in AFTER_DEFINED_NAMES
             if (m := re.search(rb"<" + re.escape(p) + tag + rb"\b", xml[sheets.end():]))]
    at = sheets.end() + min(later) if later else one(rb"</" + PREFIX + rb"workbook\s*>", xml,
                                                       "projektmappens afslutning ikke kan findes entydigt").start()
    return xml[:at] + block + xml[at:]


def _add_relationship(xml: bytes, rel_id: str, target: str) -> bytes:
    close = one(rb"</" + PREFIX + rb"Relationships\s*>", xml, "projektmappens relationer ikke kan læses entydigt")
    entry = (b"<" + close.group(1) + b'Relationship Id="' + rel_id.encode() + b'" Type="' + WORKSHEET_TYPE.encode()
             + b'" Target="' + target.encode() + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _add_override(xml: bytes, part: str) -> bytes:
    close = one(rb"</" + PREFIX + rb"Types\s*>", xml, "filens indholdstyper ikke kan læses entydigt")
    entry = (b"<" + close.group(1) + b'Override PartName="/' + part.encode() + b'" ContentType="'
             + WORKSHEET_CONTENT.encode() + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _styles_part(package: Package, workbook: str, rels: dict) -> str:
    for kind, target, mode in rels.values():
        if kind.endswith("/styles") and mode.lower() != "external":
            found = package.find(resolve(workbook, target))
            if found:
                return found
    raise refuse("projektmappen ikke har nogen typografier (styles.xml)")
