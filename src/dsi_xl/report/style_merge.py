"""The report sheet's styles merged into a submitted package's ``styles.xml``.

Fonts, fills, borders and cell formats the report uses are appended at the end of each section,
and the section counts raised; a second run that finds exactly these at the ends leaves the part
as it is. Nothing before them moves, so every existing cell keeps its style.
"""

from __future__ import annotations

import re

from dsi_xl.report import report_xml
from dsi_xl.report.xml_patch import ATTRIBUTES, PREFIX, one, refuse, set_attribute, visible
from dsi_xl.workbook.archive import Package
from dsi_xl.workbook.xmlstream import Handler, parse, tags


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


def merge(package: Package, part: str, xml: bytes, rendered: report_xml.Rendered) -> tuple[bytes, int]:
    """styles.xml with the report's styles at the end of each section, and the first of the
    report's cell formats. When the sections already end with exactly these (an earlier run),
    the part is returned unchanged."""
    counts = parse([xml], _Counts(), part).counts
    shown = visible(xml)  # once: every section is looked for in it
    closes = {}
    for section in report_xml.SECTIONS:
        closes[section] = one(rb"</" + PREFIX + section.encode() + rb"\s*>", xml,
                               f"typografiafsnittet {section} ikke kan findes entydigt", shown=shown)
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
        openings = list(re.finditer(rb"<" + PREFIX + section.encode() + rb"\b" + ATTRIBUTES,
                                    shown[:close.start()]))
        if not openings or openings[-1].group(0).endswith(b"/>"):
            raise refuse(f"typografiafsnittet {section} ikke kan findes entydigt")
        opening = openings[-1]
        pieces += [xml[at:opening.start()],
                   set_attribute(opening.group(0), b"count", str(counts[section] + sizes[section]).encode()),
                   xml[opening.end():close.start()], added[section]]
        at = close.start()
    pieces.append(xml[at:])
    return b"".join(pieces), counts["cellXfs"]


SECTIONS_NOT_XF = tuple(s for s in report_xml.SECTIONS if s != "cellXfs")
