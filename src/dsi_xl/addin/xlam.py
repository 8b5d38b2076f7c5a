"""Reading and writing the add-in's zip (OOXML package) byte-for-byte reproducibly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
COMPRESSION = zipfile.ZIP_DEFLATED
LEVEL = 9
FIRST = ("[Content_Types].xml", "_rels/.rels")  # by convention at the front of an OOXML zip


def read(path: Path) -> dict[str, bytes]:
    """Every part of the package by name."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}


def order(names: list[str]) -> list[str]:
    """A fixed entry order: the content types and package relationships first, then by name."""
    first = [n for n in FIRST if n in names]
    return first + sorted(n for n in names if n not in FIRST)


def write(parts: dict[str, bytes]) -> bytes:
    """The package as bytes: fixed entry order, timestamps, compression and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in order(list(parts)):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = COMPRESSION
            info.create_system = 0  # MS-DOS, as Excel writes it
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=LEVEL)
    return buffer.getvalue()
