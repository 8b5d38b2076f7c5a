"""The classic Excel add-in ``dsi_xl.xlam``: the DSI ribbon tab and the DSI_ functions.

The add-in is xlwings' own custom add-in with a ribbon (``quickstart_addin_ribbon.xlam`` in the
installed xlwings package, what ``xlwings quickstart NAME --addin --ribbon`` copies), so all VBA
in it is xlwings' tested code. :mod:`dsi_xl.addin.build` changes only what needs no Excel: the
ribbon XML, the configuration sheet, the package metadata, and one cache path from the xlwings
author's PC inside the VBA project (:mod:`dsi_xl.addin.vbaproject`, compressed again by
:mod:`dsi_xl.addin.ovba`); the VBA code is untouched. :mod:`dsi_xl.addin.install` puts it
in the user's XLSTART folder and imports the DSI_ functions (Windows, Excel);
:mod:`dsi_xl.addin.status` reports what is installed where.

Facts about the template that the rest relies on (tests check each against the real file):

- The ribbon callback ``RibbonMyAddin.RunMain`` derives a Python module from the add-in's own
  file name (``Left(ThisWorkbook.Name, InStrRev(ThisWorkbook.Name, ".") - 1)``) and runs
  ``RunPython "import <module>;<module>.main()"``. Hence the file must be called
  ``dsi_xl.xlam``: the button then runs ``dsi_xl.main()``.
- RunPython passes ``--wb=<ActiveWorkbook.Name>``, so ``xw.Book.caller()`` in ``dsi_xl.main`` is
  the workbook the user is looking at, not the add-in.
- The VBA constant ``PROJECT_NAME`` is ``"myaddin"``: xlwings reads the add-in's settings from
  its sheet ``myaddin.conf`` and the user's from ``%USERPROFILE%\\.myaddin\\myaddin.conf``.
"""

from __future__ import annotations

from pathlib import Path

from dsi_xl.errors import DSIError

ADDIN_FILE = "dsi_xl.xlam"
TEMPLATE_FILE = "quickstart_addin_ribbon.xlam"
PROJECT_NAME = "myaddin"  # compiled into the template's VBA; not changeable without Excel
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
TEMPLATE_CONFIG_SHEET = f"_{PROJECT_NAME}.conf"  # how the template ships it: disabled

SOURCES = Path(__file__).resolve().parent
RIBBON_SOURCE = SOURCES / "customUI.xml"
CONFIG_SOURCE = SOURCES / "config.xml"


class AddinError(DSIError):
    """The add-in cannot be built, installed or inspected as asked (Danish message)."""


def runpython_module(addin_name: str) -> str:
    """The module RibbonMyAddin.RunMain imports for an add-in file called ``addin_name``.

    Mirrors the VBA ``Left(name, InStrRev(name, ".") - 1)``: everything before the last dot.
    """
    dot = addin_name.rfind(".")
    if dot < 1:
        raise ValueError(f"Tilføjelsesprogrammets filnavn skal have en endelse, fandt {addin_name!r}.")
    return addin_name[:dot]


def runpython_command(addin_name: str) -> str:
    """The Python command the ribbon button runs, as RibbonMyAddin.RunMain builds it."""
    module = runpython_module(addin_name)
    return f"import {module};{module}.main()"


def template_path() -> Path:
    """The ribbon add-in shipped inside the installed xlwings package."""
    import xlwings

    return Path(xlwings.__file__).resolve().parent / TEMPLATE_FILE
