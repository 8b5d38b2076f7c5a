"""A package copied part by part into a new zip: changed parts with their new bytes, new parts at
the end, every other part streamed byte for byte with its own date, attributes and compression."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from dsi_xl.workbook.archive import MAX_TOTAL_BYTES, Package


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


def write(package: Package, changes: dict[str, bytes], dropped: set[str], temporary: Path) -> None:
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
