"""How a submitted package gets one more sheet, ``Valideringsrapport``, and nothing else.

:func:`plan` says which parts change and how: ``xl/workbook.xml`` gets one ``<sheet>`` entry at
the end (so no ``localSheetId`` of a defined name moves), the report becomes the active tab and
its heading row the print titles; the workbook's relationships one relationship; ``[Content_Types].xml``
one ``Override``; ``styles.xml`` the report's styles (:mod:`.style_merge`); and the sheet part
itself. An earlier ``Valideringsrapport`` keeps its place and part name and gets the new content
(made visible, if it was hidden); its own relationships part, if any, is dropped. Every other
sheet that is selected (``tabSelected``) is unselected in the head of its part (:class:`Head`), so
Excel opens the copy with the report alone selected, never grouped with the submitter's sheet.
Every edited part must still be well-formed XML. A Strict Open XML workbook is refused in one
sentence: the report is written in the transitional vocabulary Excel saves by default.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.report import report_sheet, report_xml, style_merge
from dsi_xl.report.xml_patch import ATTRIBUTES, PREFIX, binding, one, refuse, set_attribute, visible
from dsi_xl.workbook.archive import MAX_TOTAL_BYTES, Package, rels_name, resolve
from dsi_xl.workbook.xmlstream import MAIN, REL_ID, Handler, Relationships, parse, tags

WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_SHEET_ID = 2**32 - 1  # sheetId is an unsignedInt
HEAD_LIMIT = 1 << 20  # bytes of a sheet part searched for its sheetViews
STRICT = "Strict Open XML-format; gem den i Excel som en almindelig Excel-projektmappe (.xlsx), og kør igen"


@dataclass(frozen=True, slots=True)
class Head:
    """A part whose first ``length`` bytes are replaced by ``data``; the rest is streamed as it is."""

    length: int
    data: bytes


class _Sheets(Handler):
    """workbook.xml: each sheet's name, sheetId and relationship id."""

    TAGS = tags("sheet")

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str, str]] = []
        self.root = ""

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        if self.depth == 1:
            self.root = tag
        if self.TAGS.get(tag) == "sheet":
            rel_id = next((attrib[key] for key in REL_ID if key in attrib), "")
            self.sheets.append((attrib.get("name", ""), attrib.get("sheetId", "0"), rel_id))


def _workbook_part(package: Package) -> str:
    from dsi_xl.workbook.reader import _workbook_part as find

    return find(package)


def _relationships(package: Package, part: str) -> tuple[str | None, dict[str, tuple[str, str, str]]]:
    name = package.find(rels_name(part))
    return name, (parse(package.stream(name), Relationships(), name).items if name else {})


def plan(package: Package, rendered: report_xml.Rendered) -> tuple[dict[str, bytes | Head], set[str]]:
    """The parts to write with new content (name -> bytes, or a :class:`Head` for a part whose
    beginning changes; names not in the input are added) and the parts to leave out."""
    workbook = _workbook_part(package)
    workbook_xml = package.read(workbook)
    found = parse([workbook_xml], _Sheets(), workbook)
    if not found.root.startswith(MAIN[0] + "}"):
        raise refuse("filen er gemt i " + STRICT if found.root.startswith(MAIN[1] + "}")
                     else "projektmappens del ikke er et almindeligt regneark")
    sheets = found.sheets
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
        workbook_xml = _visible_sheet(workbook_xml, index)
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
    for entry in sheets:
        kind, relative, mode = rels.get(entry[2], ("", "", ""))
        other = package.find(resolve(workbook, relative)) if relative and mode.lower() != "external" else None
        if other and other != part and other not in changes:
            head = _unselected(package, other)
            if head is not None:
                changes[other] = head
    for name, data in changes.items():  # every edited part must still be well-formed XML
        if isinstance(data, Head):
            continue  # checked by _unselected
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


def _free_sheet_id(sheets: list[tuple[str, str, str]]) -> int:
    """One more than the largest sheetId, or the smallest free one when that would pass 2^32-1."""
    ids = {int(s[1]) for s in sheets if s[1].isascii() and s[1].isdigit() and len(s[1]) <= 10}
    following = max(ids, default=0) + 1
    if following <= MAX_SHEET_ID:
        return following
    return next(n for n in range(1, len(ids) + 2) if n not in ids)


def _add_sheet(xml: bytes, sheets: list[tuple[str, str, str]], rel_id: str, name: str) -> bytes:
    """One ``<sheet>`` at the end of the sheet list; the relationships prefix is declared on the
    new element itself unless the root binds ``r`` (openpyxl with lxml declares it on each sheet)."""
    close = one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt")
    prefix = close.group(1)
    entry = (b"<" + prefix + b"sheet" + binding(xml, prefix, MAIN[0]) + binding(xml, b"r:", REL_NS) + b' name="'
             + name.encode() + b'" sheetId="' + str(_free_sheet_id(sheets)).encode() + b'" r:id="' + rel_id.encode()
             + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _sheet_tags(xml: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb"<" + PREFIX + rb"sheet\b" + ATTRIBUTES, visible(xml)))


def _visible_sheet(xml: bytes, index: int) -> bytes:
    """An earlier report sheet that is hidden (``state="hidden"`` or ``veryHidden``) made visible,
    as the active tab must be."""
    tags = _sheet_tags(xml)
    if index >= len(tags):
        raise refuse("projektmappens arkliste ikke kan læses entydigt")
    tag = tags[index]
    if not re.search(rb"""\sstate\s*=\s*["'](?:hidden|veryHidden)["']""", tag.group(0)):
        return xml
    return xml[:tag.start()] + set_attribute(tag.group(0), b"state", b"visible") + xml[tag.end():]


SELECTED = re.compile(rb"""(\stabSelected\s*=\s*)(["'])(?:1|true)\2""")
VIEWS_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetViews\s*>|<(?:[A-Za-z_][\w.-]*:)?sheetData\b")


def _unselected(package: Package, part: str) -> Head | None:
    """The head of a sheet part with its ``tabSelected`` cleared, or None when it selects nothing.
    Only the part's beginning is read (its sheetViews come before the cells)."""
    head = b""
    for chunk in package.stream(part, MAX_TOTAL_BYTES):
        head += chunk
        if VIEWS_END.search(visible(head)) or len(head) > HEAD_LIMIT:
            break
    shown = visible(head)
    end = VIEWS_END.search(shown)
    if end is None and len(head) > HEAD_LIMIT:
        raise refuse(f"arkvisningen i delen {part} ikke kan findes")
    stop = end.end() if end else len(head)
    views = [m for m in re.finditer(rb"<" + PREFIX + rb"sheetView\b" + ATTRIBUTES, shown[:stop])]
    selected = [m for m in views if SELECTED.search(m.group(0))]
    if not selected:
        return None
    out, at = [], 0
    for m in selected:
        out += [head[at:m.start()], SELECTED.sub(rb'\1"0"', m.group(0))]
        at = m.end()
    out.append(head[at:stop])
    return Head(stop, b"".join(out))


def _active_tab(xml: bytes, index: int) -> bytes:
    view = re.search(rb"<" + PREFIX + rb"workbookView\b" + ATTRIBUTES, visible(xml))
    if view:
        tag = set_attribute(view.group(0), b"activeTab", str(index).encode())
        first = re.search(rb'\sfirstSheet\s*=\s*"(\d+)"', tag)
        if first and int(first.group(1)) > index:
            tag = set_attribute(tag, b"firstSheet", str(index).encode())
        return xml[:view.start()] + tag + xml[view.end():]
    sheets = one(rb"<" + PREFIX + rb"sheets\b", xml, "projektmappens arkliste ikke kan findes entydigt")
    p = sheets.group(1)
    views = (b"<" + p + b"bookViews" + binding(xml, p, MAIN[0]) + b"><" + p + b'workbookView activeTab="'
             + str(index).encode() + b'"/></' + p + b"bookViews>")
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
    shown = visible(xml)
    for found in re.finditer(local + rb"[^<]*</(?:[A-Za-z_][\w.-]*:)?definedName\s*>", shown):
        if re.search(rb"""\blocalSheetId\s*=\s*["']""" + str(index).encode() + rb"""["']""", found.group(0)):
            tag = re.match(local, found.group(0))
            closing = found.group(0)[found.group(0).rindex(b"</"):]
            return xml[:found.start()] + tag.group(0) + value + closing + xml[found.end():]
    empty = re.search(rb"<" + PREFIX + rb"definedNames\b" + ATTRIBUTES, shown)
    if empty and empty.group(0).endswith(b"/>"):  # <definedNames/>: opened and closed around the one name
        p = empty.group(1)
        entry = b"<" + p + b'definedName name="_xlnm.Print_Titles" localSheetId="' + str(index).encode() + b'">'
        return (xml[:empty.start()] + empty.group(0)[:-2].rstrip() + b">" + entry + value + b"</" + p
                + b"definedName></" + p + b"definedNames>" + xml[empty.end():])
    close = re.search(rb"</" + PREFIX + rb"definedNames\s*>", shown)
    if close:
        p = close.group(1)
        entry = b"<" + p + b'definedName name="_xlnm.Print_Titles" localSheetId="' + str(index).encode() + b'">'
        return xml[:close.start()] + entry + value + b"</" + p + b"definedName>" + xml[close.start():]
    sheets = one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt",
                 shown=shown)
    p = sheets.group(1)
    block = (b"<" + p + b"definedNames" + binding(xml, p, MAIN[0]) + b"><" + p
             + b'definedName name="_xlnm.Print_Titles" localSheetId="' + str(index).encode() + b'">' + value
             + b"</" + p + b"definedName></" + p + b"definedNames>")
    later = [m.start() for tag in AFTER_DEFINED_NAMES
             if (m := re.search(rb"<" + re.escape(p) + tag + rb"\b", shown[sheets.end():]))]
    at = sheets.end() + min(later) if later else one(rb"</" + PREFIX + rb"workbook\s*>", xml,
                                                       "projektmappens afslutning ikke kan findes entydigt",
                                                       shown=shown).start()
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
