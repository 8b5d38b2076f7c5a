"""``--annotate``: the submission's own package plus one sheet, ``Valideringsrapport``.

The copy is written at the package level: every part of the input is copied byte for byte
(pictures, charts, comments, sparklines, custom XML, the VBA project of an .xlsm, parts no
library models), except the few that must change to add one sheet:

- ``xl/workbook.xml``: one ``<sheet>`` entry appended at the end (so no ``localSheetId`` of a
  defined name moves), and the report made the active tab;
- its relationships: one relationship to the new sheet part;
- ``[Content_Types].xml``: one ``Override`` for the new sheet part;
- ``xl/styles.xml``: the fonts, fills, borders and cell formats the report uses, appended (left
  as it is when an earlier run already appended exactly these);
- the report sheet part itself. An earlier ``Valideringsrapport`` keeps its place and part name
  and gets the new content; its own relationships part, if any, is dropped.

The input is read through the reader's guards (:mod:`dsi_xl.workbook.archive`: bounded sizes,
defusedxml), streamed part by part, never loaded as a workbook, and never written to. The copy is
written through a temporary file and a rename, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from datetime import datetime
from pathlib import Path

from dsi_xl.atomic import replacing
from dsi_xl.errors import DSIError, UnreadableWorkbook
from dsi_xl.report import report_sheet, report_xml
from dsi_xl.validation.result import Result
from dsi_xl.workbook.archive import MAX_TOTAL_BYTES, Package, open_file, open_package, rels_name, resolve
from dsi_xl.workbook.xmlstream import MAIN, REL_ID, Handler, Relationships, parse, tags

WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PREFIX = rb"((?:[A-Za-z_][\w.-]*:)?)"
ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""  # an opening tag's rest, quotes respected


class CopyRefused(DSIError):
    """The input's package cannot be given a report sheet without changing more than allowed."""


def target_for(source: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / Path(source).name


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def annotate(source: str | os.PathLike[str], result: Result, folder: str | os.PathLike[str] | None = None, *,
             when: datetime | None = None, target: str | os.PathLike[str] | None = None) -> Path:
    """Write the annotated copy to ``target`` (default ``folder/<name of source>``); never
    overwrites ``source``."""
    source = Path(source)
    target = Path(target) if target is not None else target_for(source, folder or ".")
    if same_file(source, target):
        raise ValueError(f"{target} er selve inputfilen; vælg en anden mappe til de annoterede kopier.")
    rendered = report_xml.render(report_sheet.layout(result, when=when))
    with open_file(source) as handle:
        package = open_package(handle, os.fstat(handle.fileno()).st_size)
        try:
            changes, dropped = plan(package, rendered)
            with replacing(target) as temporary:
                _write(package, changes, dropped, temporary)
        finally:
            package.archive.close()
    return target


# -- reading what is needed ---------------------------------------------------------------------

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


class _Counts(Handler):
    """styles.xml: how many children each of fonts, fills, borders and cellXfs really has."""

    TAGS = tags(*report_xml.SECTIONS)

    def __init__(self) -> None:
        super().__init__()
        self.counts = dict.fromkeys(report_xml.SECTIONS, 0)
        self._inside: str | None = None
        self._level = 0

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        if self._inside is None and self.depth == 2 and tag in self.TAGS:
            self._inside, self._level = self.TAGS[tag], self.depth
        elif self._inside is not None and self.depth == self._level + 1:
            self.counts[self._inside] += 1

    def close_tag(self, tag: str) -> None:
        if self._inside is not None and self.depth == self._level - 1:
            self._inside = None


def _workbook_part(package: Package) -> str:
    from dsi_xl.workbook.reader import _workbook_part as find

    return find(package)


def _relationships(package: Package, part: str) -> tuple[str | None, dict[str, tuple[str, str, str]]]:
    name = package.find(rels_name(part))
    return name, (parse(package.stream(name), Relationships(), name).items if name else {})


def _refuse(what: str) -> CopyRefused:
    return CopyRefused(f"Den annoterede kopi kan ikke laves, fordi {what}.")


def _one(pattern: bytes, data: bytes, what: str) -> re.Match[bytes]:
    found = list(re.finditer(pattern, data))
    if len(found) != 1:
        raise _refuse(what)
    return found[0]


def _set_attribute(tag: bytes, name: bytes, value: bytes) -> bytes:
    """An opening tag with attribute ``name`` set to ``value`` (added before ``>`` or ``/>``)."""
    pattern = rb"(\s" + name + rb'\s*=\s*)("[^"]*"|\'[^\']*\')'
    if re.search(pattern, tag):
        return re.sub(pattern, lambda m: m.group(1) + b'"' + value + b'"', tag, count=1)
    end = -2 if tag.endswith(b"/>") else -1
    return tag[:end] + b" " + name + b'="' + value + b'"' + tag[end:]


# -- the plan: which parts change, and how -----------------------------------------------------

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
            raise _refuse(f"arket {sheets[index][0]} findes i forvejen, men ikke som et almindeligt regneark")
        old_rels = package.find(rels_name(part))
        if old_rels:
            dropped.add(old_rels)
    else:
        index = len(sheets)
        part = _free_part(package, posixpath.join(posixpath.dirname(workbook), "worksheets"))
        changes[workbook] = workbook_xml
        workbook_xml = _add_sheet(workbook_xml, sheets, _free_id(rels), name)
        if rels_part is None:
            raise _refuse("projektmappen mangler sine relationer (workbook.xml.rels)")
        changes[rels_part] = _add_relationship(package.read(rels_part), _free_id(rels),
                                               posixpath.relpath(part, posixpath.dirname(workbook)))
        types = package.find("[Content_Types].xml")
        if types is None:
            raise _refuse("filen mangler [Content_Types].xml")
        changes[types] = _add_override(package.read(types), part)
    changes[workbook] = _active_tab(workbook_xml, index)
    if rendered.title_rows:
        changes[workbook] = _print_titles(changes[workbook], index, rendered.title_rows)

    styles = _styles_part(package, workbook, rels)
    styles_xml = package.read(styles)
    new_styles, xf_base = _merge_styles(package, styles, styles_xml, rendered)
    if new_styles != styles_xml:
        changes[styles] = new_styles
    changes[part] = report_xml.sheet_xml(rendered, xf_base)
    for name, data in changes.items():  # every edited part must still be well-formed XML
        try:
            parse([data], Handler(), name)
        except UnreadableWorkbook:
            raise _refuse(f"delen {name} ikke kunne ændres sikkert") from None
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
    close = _one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt")
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
        tag = _set_attribute(view.group(0), b"activeTab", str(index).encode())
        first = re.search(rb'\sfirstSheet\s*=\s*"(\d+)"', tag)
        if first and int(first.group(1)) > index:
            tag = _set_attribute(tag, b"firstSheet", str(index).encode())
        return xml[:view.start()] + tag + xml[view.end():]
    sheets = _one(rb"<" + PREFIX + rb"sheets\b", xml, "projektmappens arkliste ikke kan findes entydigt")
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
    sheets = _one(rb"</" + PREFIX + rb"sheets\s*>", xml, "projektmappens arkliste ikke kan findes entydigt")
    p = sheets.group(1)
    block = (b"<" + p + b"definedNames><" + p + b'definedName name="_xlnm.Print_Titles" localSheetId="'
             + str(index).encode() + b'">' + value + b"</" + p + b"definedName></" + p + b"definedNames>")
    later = [m.start() for tag in AFTER_DEFINED_NAMES
             if (m := re.search(rb"<" + re.escape(p) + tag + rb"\b", xml[sheets.end():]))]
    at = sheets.end() + min(later) if later else _one(rb"</" + PREFIX + rb"workbook\s*>", xml,
                                                       "projektmappens afslutning ikke kan findes entydigt").start()
    return xml[:at] + block + xml[at:]


def _add_relationship(xml: bytes, rel_id: str, target: str) -> bytes:
    close = _one(rb"</" + PREFIX + rb"Relationships\s*>", xml, "projektmappens relationer ikke kan læses entydigt")
    entry = (b"<" + close.group(1) + b'Relationship Id="' + rel_id.encode() + b'" Type="' + WORKSHEET_TYPE.encode()
             + b'" Target="' + target.encode() + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _add_override(xml: bytes, part: str) -> bytes:
    close = _one(rb"</" + PREFIX + rb"Types\s*>", xml, "filens indholdstyper ikke kan læses entydigt")
    entry = (b"<" + close.group(1) + b'Override PartName="/' + part.encode() + b'" ContentType="'
             + WORKSHEET_CONTENT.encode() + b'"/>')
    return xml[:close.start()] + entry + xml[close.start():]


def _styles_part(package: Package, workbook: str, rels: dict) -> str:
    for kind, target, mode in rels.values():
        if kind.endswith("/styles") and mode.lower() != "external":
            found = package.find(resolve(workbook, target))
            if found:
                return found
    raise _refuse("projektmappen ikke har nogen typografier (styles.xml)")


def _merge_styles(package: Package, part: str, xml: bytes, rendered: report_xml.Rendered) -> tuple[bytes, int]:
    """styles.xml with the report's styles at the end of each section, and the first of the
    report's cell formats. When the sections already end with exactly these (an earlier run),
    the part is returned unchanged."""
    counts = parse([xml], _Counts(), part).counts
    closes = {}
    for section in report_xml.SECTIONS:
        closes[section] = _one(rb"</" + PREFIX + section.encode() + rb"\s*>", xml,
                               f"typografiafsnittet {section} ikke kan findes entydigt")
    prefix = closes["cellXfs"].group(1).decode()
    sizes = {s: len(rendered.styles[s]) for s in report_xml.SECTIONS}

    def blocks(bases: dict[str, int]) -> dict[str, bytes]:
        out = {s: b"".join(report_xml.fragment(e, prefix) for e in rendered.styles[s]) for s in SECTIONS_NOT_XF}
        xfs = []
        for xf in rendered.styles["cellXfs"]:
            copy = dict(xf.attrib)
            for key, section in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                copy[key] = str(int(xf.get(key, "0")) + bases[section])
            if int(copy.get("numFmtId", "0")) >= 164:
                copy["numFmtId"] = "0"
            copy["xfId"] = "0"
            clone = report_xml.ET.Element(xf.tag, copy)
            clone.extend(list(xf))
            xfs.append(report_xml.fragment(clone, prefix))
        out["cellXfs"] = b"".join(xfs)
        return out

    again = {s: counts[s] - sizes[s] for s in report_xml.SECTIONS}
    if all(v >= 0 for v in again.values()):
        previous = blocks(again)
        if all(xml[:closes[s].start()].endswith(previous[s]) for s in report_xml.SECTIONS):
            return xml, again["cellXfs"]
    added = blocks(counts)
    pieces, at = [], 0
    for section in sorted(report_xml.SECTIONS, key=lambda name: closes[name].start()):  # in the part's order
        close = closes[section]
        openings = list(re.finditer(rb"<" + PREFIX + section.encode() + rb"\b" + ATTRIBUTES, xml[:close.start()]))
        if not openings or openings[-1].group(0).endswith(b"/>"):
            raise _refuse(f"typografiafsnittet {section} ikke kan findes entydigt")
        opening = openings[-1]
        pieces += [xml[at:opening.start()],
                   _set_attribute(opening.group(0), b"count", str(counts[section] + sizes[section]).encode()),
                   xml[opening.end():close.start()], added[section]]
        at = close.start()
    pieces.append(xml[at:])
    return b"".join(pieces), counts["cellXfs"]


SECTIONS_NOT_XF = tuple(s for s in report_xml.SECTIONS if s != "cellXfs")


# -- writing -----------------------------------------------------------------------------------

def _info(original: zipfile.ZipInfo | None, name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, original.date_time if original else datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    if original is not None:
        info.external_attr = original.external_attr
        info.create_system = original.create_system
        info.compress_type = (
            original.compress_type if original.compress_type == zipfile.ZIP_STORED else zipfile.ZIP_DEFLATED
        )
    return info


def _write(package: Package, changes: dict[str, bytes], dropped: set[str], temporary: Path) -> None:
    """Copy the input's parts in their order, the changed ones with their new bytes, the new
    ones at the end."""
    written = set()
    with open(temporary, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as out:
        for info in package.archive.infolist():
            name = info.filename
            key = name.lstrip("/")
            if key in dropped:
                continue
            if key in changes:
                out.writestr(_info(info, name), changes[key])
                written.add(key)
                continue
            copy = _info(info, name)
            copy.file_size = info.file_size
            with out.open(copy, "w", force_zip64=info.file_size >= 2**31) as target:
                for chunk in package.stream(key, MAX_TOTAL_BYTES):
                    target.write(chunk)
        for key, data in changes.items():
            if key not in written:
                out.writestr(_info(None, key), data)


__all__ = ["annotate", "same_file", "target_for", "CopyRefused", "UnreadableWorkbook", "MAIN"]
