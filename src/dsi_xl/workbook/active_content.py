"""Content that could act when the file is opened in Excel: found, described in Danish, never run.

Each description is a short Danish phrase naming what was found and where, e.g.
``VBA-makroprojekt (xl/vbaProject.bin)``; the validator reports each as a ``fejl``. External
workbook links are listed by target (from the link's relationships), never opened.
"""

from __future__ import annotations

import re

from dsi_xl.workbook.archive import Package, rels_name
from dsi_xl.workbook.cells import outside_strings
from dsi_xl.workbook.xmlstream import Handler, Relationships, parse

MAX_LISTED = 10  # formulas or parts named one by one before "og N flere"
MAX_SMALL_PART = 4 * 2**20  # rels, externalLink and connections parts are small

PART_KINDS = (  # (folder or file, case-insensitive prefix) -> Danish description
    ("xl/vbaproject.bin", "VBA-makroprojekt"),
    ("xl/macrosheets/", "Excel 4.0-makroark (XLM)"),
    ("xl/dialogsheets/", "dialogark fra Excel 5 (makrodialog)"),
    ("xl/activex/", "ActiveX-kontrolelement"),
    ("xl/embeddings/", "indlejret OLE-objekt"),
    ("xl/querytables/", "forespørgselstabel (web- eller dataforespørgsel)"),
    ("xl/connections.xml", "dataforbindelse, der kan hente data udefra"),
)
_XLM_CALL = re.compile(r"(?<![A-Za-z0-9_.])(CALL|REGISTER|REGISTER\.ID|EXEC)\s*\(", re.IGNORECASE)
_AUTO = re.compile(r"^(_xlnm\.)?auto_(open|close|activate|deactivate)", re.IGNORECASE)
HYPERLINK = "/hyperlink"


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" og {len(items) - MAX_LISTED} flere" if len(items) > MAX_LISTED else "")


def _short(text: str, size: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def part_hazards(package: Package) -> list[str]:
    """Parts that carry code, controls, embedded objects or queries."""
    found: dict[str, list[str]] = {}
    for name in package.names():
        folded = name.casefold()
        for prefix, description in PART_KINDS:
            if folded.startswith(prefix) and not folded.endswith(".rels") and "/_rels/" not in folded:
                found.setdefault(description, []).append(name)
                break
    return [f"{description} ({_listed(parts)})" for description, parts in found.items()]


def formula_hazards(formulas: dict[tuple[str, str], str]) -> list[str]:
    """DDE/command formulas (``=cmd|' /C calc'!A0``) and XLM calls into programs or DLLs."""
    dde, calls = [], []
    for (sheet, where), text in formulas.items():
        if "|" not in text and not _XLM_CALL.search(text):
            continue  # the common case, without blanking out strings
        bare = outside_strings(text)
        if "|" in bare:
            dde.append(f"{sheet}!{where}: {_short(text)}")
        elif _XLM_CALL.search(bare):
            calls.append(f"{sheet}!{where}: {_short(text)}")
    found = []
    if dde:
        found.append(f"DDE-/kommandoformel, der kan starte et program ({_listed(dde)})")
    if calls:
        found.append(f"formel, der kalder et program eller en DLL ({_listed(calls)})")
    return found


def name_hazards(defined_names: dict[str, str]) -> list[str]:
    """Names Excel runs as macros when the file opens or closes (Auto_Open and friends)."""
    autos = [name for name in defined_names if _AUTO.match(name.rpartition("!")[2])]
    return [f"navn, der starter en makro ved åbning eller lukning ({_listed(autos)})"] if autos else []


class _ExternalLink(Handler):
    """An externalLink part: DDE and OLE links inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if local == "ddeLink":
            self.links.append(
                f"DDE-kobling til programmet {_short(attrib.get('ddeService', ''), 40)!r} "
                f"med emnet {_short(attrib.get('ddeTopic', ''), 60)!r}")
        elif local == "oleLink":
            self.links.append(f"OLE-kobling ({_short(attrib.get('progId', ''), 40)})")


def links(package: Package) -> tuple[list[str], list[str]]:
    """(external workbook link targets, active content in links) from xl/externalLinks/ and all rels."""
    targets: list[str] = []
    active: list[str] = []
    for name in list(package.names()):
        folded = name.casefold()
        if folded.startswith("xl/externallinks/") and folded.endswith(".xml") and "/_rels/" not in folded:
            handler = parse(package.stream(name, MAX_SMALL_PART), _ExternalLink(), name)
            active.extend(f"{link} ({name})" for link in handler.links)
            rels = package.find(rels_name(name))
            found = []
            if rels:
                items = parse(package.stream(rels, MAX_SMALL_PART), Relationships(), rels).items
                found = [target for kind, target, _ in items.values() if target and "externallinkpath" in kind.lower()]
            targets.extend(found or [name])
    for name in list(package.names()):
        if not name.casefold().endswith(".rels") or "externallinks/_rels/" in name.casefold():
            continue
        items = parse(package.stream(name, MAX_SMALL_PART), Relationships(), name).items
        for kind, target, mode in items.values():
            if mode.lower() != "external" or kind.endswith(HYPERLINK) or "externallinkpath" in kind.lower():
                continue
            kind_name = kind.rpartition("/")[2] or "ukendt"
            active.append(f"ekstern henvisning af typen {kind_name} til {_short(target, 100)!r} ({name})")
    return targets, active


def connection_urls(package: Package) -> list[str]:
    """Web query addresses in xl/connections.xml, to name them in the finding."""
    name = package.find("xl/connections.xml")
    if not name:
        return []

    class _Connections(Handler):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        def open(self, tag: str, attrib: dict[str, str]) -> None:
            if tag.rpartition("}")[2] == "webPr" and attrib.get("url"):
                self.urls.append(_short(attrib["url"], 100))

    urls = parse(package.stream(name, MAX_SMALL_PART), _Connections(), name).urls
    return [f"webforespørgsel til {url!r}" for url in urls[:MAX_LISTED]]
