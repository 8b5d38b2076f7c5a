"""Every agreement DSI has, as files to carry inside the Lite wheel and the browser check's wheel.

``collect(folder)`` gives ``{id: TOML bytes}`` of the shipped agreements with the folder's on
top (a folder's file wins over a shipped one of the same id, as :func:`dsi_xl.agreement.load`
searches). Without a folder it takes what ``DSI_XL_AGREEMENTS`` names, first folder first. Every
file is loaded and checked before it is carried, so a broken agreement stops the build with the
loader's Danish sentence instead of a ``#VÆRDI!`` in every cell of some municipality's workbook.
The files are carried as they are (amendments and any number of goals included).
"""

from __future__ import annotations

import os
from pathlib import Path

from dsi_xl.agreement import DATA_DIR, load_file, named_folders
from dsi_xl.errors import AgreementError


def collect(folder: str | os.PathLike[str] | None = None) -> dict[str, bytes]:
    """Shipped agreements plus the folder's (or ``DSI_XL_AGREEMENTS``'), id -> bytes, sorted by id."""
    folders = [Path(folder)] if folder is not None else named_folders()
    for given in folders:
        if not given.is_dir():
            raise AgreementError(f"Mappen med tilsagn {given} findes ikke.")
    found: dict[str, bytes] = {}
    for source in [DATA_DIR, *reversed(folders)]:  # later sources win; the first folder named last
        for path in sorted(source.glob("*.toml")):
            load_file(path)  # checked: raises AgreementError naming the field it refuses
            found[path.stem] = path.read_bytes()
    return dict(sorted(found.items()))


def describe(agreements: dict[str, bytes]) -> str:
    """A Danish list of the ids carried, for the command's last line."""
    ids = list(agreements)
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " og " + ids[-1]
