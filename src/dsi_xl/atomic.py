"""Write a file completely or not at all: a temporary file in the same folder, then a rename.

``os.replace`` is atomic on one file system, so an interrupted run (Ctrl-C, a full disk, a
crash) leaves either the old file or the new one, never half a report, and no temporary file.
Used for every file dsi-xl writes for someone else: reports, annotated copies, the add-in.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _ordinary_mode() -> int:
    """The permissions ``open()`` would give a new file (0o666 less the umask). ``mkstemp``
    makes files private (0o600), which would keep a report from colleagues on a share."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it becomes ``target``."""
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp" + target.suffix, dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    os.chmod(temporary, _ordinary_mode())
    try:
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text(target: str | os.PathLike[str], text: str) -> None:
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
