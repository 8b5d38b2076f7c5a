"""What an add-in file on disk carries: its settings and the xlwings version of its VBA."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from dsi_xl.addin import config_sheet, xlam
from dsi_xl.addin.build import CORE_PART, SHEET_PART, STRINGS_PART

DC = "{http://purl.org/dc/elements/1.1/}"


@dataclass(frozen=True)
class AddinFile:
    path: Path
    settings: dict[str, str]
    xlwings_version: str | None  # from the description the build writes; None if not ours


def read(path: Path) -> AddinFile:
    """Read an add-in built by ``dsi-xl addin build`` (or say why it cannot be read)."""
    from dsi_xl.addin import AddinError

    try:
        parts = xlam.read(path)
        settings = config_sheet.read(parts[SHEET_PART], parts[STRINGS_PART])
        description = ElementTree.fromstring(parts[CORE_PART]).findtext(f"{DC}description") or ""
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError, IndexError) as error:
        raise AddinError(f"{path} kan ikke læses som dsi-xl's tilføjelsesprogram ({error}).") from error
    match = re.search(r"xlwings (\d+\.\d+\.\d+\S*?)\.?$", description)
    return AddinFile(path, settings, match.group(1) if match else None)
