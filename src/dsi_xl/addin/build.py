"""``dsi-xl addin build``: dsi_xl.xlam from xlwings' ribbon add-in, reproducibly.

Only parts that need no Excel change: the ribbon (customUI/customUI.xml), the configuration sheet
(xl/worksheets/sheet1.xml and xl/sharedStrings.xml), the sheet's name and the developer's
absolute path in xl/workbook.xml, the title and description in docProps/core.xml, and in the VBA
project (xl/vbaProject.bin) the one path from the developer's PC that its ``dir`` stream keeps
(see :mod:`dsi_xl.addin.vbaproject`; its modules and code are untouched). Every other part is
copied byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

from dsi_xl.addin import (
    ADDIN_FILE,
    CONFIG_SHEET,
    TEMPLATE_CONFIG_SHEET,
    AddinError,
    config_sheet,
    sources,
    template_path,
    vbaproject,
    xlam,
)
from dsi_xl.addin.ovba import CompressionError
from dsi_xl.atomic import replacing

RIBBON_PART = "customUI/customUI.xml"
WORKBOOK_PART = "xl/workbook.xml"
SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
CORE_PART = "docProps/core.xml"
VBA_PART = "xl/vbaProject.bin"
EXPECTED_PARTS = frozenset({
    "[Content_Types].xml", "_rels/.rels", RIBBON_PART, "docProps/app.xml", CORE_PART,
    "xl/_rels/workbook.xml.rels", STRINGS_PART, "xl/styles.xml", "xl/theme/theme1.xml",
    VBA_PART, WORKBOOK_PART, SHEET_PART,
})
# What must never be left in a text part: traces of the machine a file was last saved on.
MACHINE_TRACES = ("absPath", "C:\\Users", "/Users/", "file:///")

ALTERNATE_CONTENT = re.compile(rb"<mc:AlternateContent\b[^>]*>(?:(?!</mc:AlternateContent>).)*?absPath"
                               rb".*?</mc:AlternateContent>", re.S)


def xlwings_version() -> str:
    import xlwings

    return xlwings.__version__


def _changed(what: str) -> AddinError:
    return AddinError(f"xlwings' skabelon {template_path().name} (xlwings {xlwings_version()}) ser ikke ud som "
                      f"forventet: {what}. dsi-xl's byggetrin skal tilpasses denne udgave af xlwings.")


def _one(pattern: bytes | re.Pattern[bytes], replacement: bytes, data: bytes, what: str) -> bytes:
    regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.S)
    result, count = regex.subn(lambda _: replacement, data)
    if count != 1:
        raise _changed(f"{what} fundet {count} gange, ikke 1")
    return result


def _workbook(data: bytes) -> bytes:
    """Drop the absolute path of the developer's folder and enable the configuration sheet."""
    data = _one(ALTERNATE_CONTENT, b"", data, "x15ac:absPath i xl/workbook.xml")
    old = f'name="{TEMPLATE_CONFIG_SHEET}"'.encode()
    return _one(re.escape(old), f'name="{CONFIG_SHEET}"'.encode(), data, f"arket {TEMPLATE_CONFIG_SHEET}")


def _text_element(data: bytes, tag: bytes, text: str) -> bytes:
    from xml.sax.saxutils import escape

    element = rb"<" + tag + rb"\s*/>|<" + tag + rb">.*?</" + tag + rb">"
    value = b"<" + tag + b">" + escape(text).encode("utf-8") + b"</" + tag + b">"
    return _one(element, value, data, tag.decode())


def parts(*, interpreter: str | None = None) -> dict[str, bytes]:
    """The add-in's parts: the template's, with ours in place; ``interpreter`` adds Interpreter_Win."""
    template = template_path()
    if not template.is_file():
        raise AddinError(f"xlwings {xlwings_version()} har ikke filen {template.name}; "
                         "dsi-xl kan ikke bygge tilføjelsesprogrammet uden den.")
    result = xlam.read(template)
    if set(result) != EXPECTED_PARTS:
        raise _changed(f"delene er {sorted(result)}")

    ribbon = sources.ribbon_bytes()
    known = set(sources.on_actions(result[RIBBON_PART]))
    unknown = [a for a in sources.on_actions(ribbon) if a not in known]
    if unknown:  # only callbacks the template's own ribbon uses are known to exist in its VBA
        raise AddinError(
            f"Båndet kalder {unknown}, som ikke findes i tilføjelsesprogrammets VBA; kendte: {sorted(known)}."
        )
    result[RIBBON_PART] = ribbon

    config = sources.config(xlwings_version=xlwings_version())
    settings = config.settings
    if interpreter:
        settings = settings + (("Interpreter_Win", interpreter),)
    result[SHEET_PART], result[STRINGS_PART] = config_sheet.write(settings)
    result[WORKBOOK_PART] = _workbook(result[WORKBOOK_PART])
    core = _text_element(result[CORE_PART], b"dc:title", config.title)
    result[CORE_PART] = _text_element(core, b"dc:description", config.description)
    try:
        result[VBA_PART] = vbaproject.without_user_paths(result[VBA_PART])
    except (vbaproject.VBAProjectError, CompressionError, OSError) as error:
        raise _changed(f"{VBA_PART}: {error}") from error

    for name, data in result.items():
        if name != VBA_PART:  # compressed; vbaproject checks its dir stream itself
            for trace in MACHINE_TRACES:
                if trace.encode() in data:
                    raise _changed(f"{name} indeholder stadig {trace!r}")
    return result


def build_bytes(*, interpreter: str | None = None) -> bytes:
    """The add-in file's bytes; the same inputs always give the same bytes."""
    return xlam.write(parts(interpreter=interpreter))


def build(out: Path, *, interpreter: str | None = None) -> Path:
    """Write the add-in to ``out`` (atomically); its file name must be dsi_xl.xlam."""
    out = Path(out)
    if out.name != ADDIN_FILE:
        raise AddinError(f"Tilføjelsesprogrammet skal hedde {ADDIN_FILE}, ikke {out.name}: knappen Validér regnskab "
                         f"kører modulet, der hedder som filen (import {out.stem}).")
    data = build_bytes(interpreter=interpreter)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as temporary:
        temporary.write_bytes(data)
    return out
