"""Write a file completely or not at all: a temporary file in the same folder, then a rename.

``os.replace`` is atomic on one file system, so an interrupted run (Ctrl-C, SIGTERM, SIGHUP, a
full disk, a crash) leaves either the old file or the new one, never half a report. Every
temporary file is named ``.dsi-xl-tmp-<pid>-<random>.<name>.tmp<suffix>`` and kept within the
file system's name limit (255 bytes) however long the target's name. An interrupt removes it;
what a SIGKILL leaves behind is recognised by that name and removed by the next run that writes
into the same folder (when the process that made it is gone and the file is over a minute old).
Used for every file dsi-xl writes for someone else: reports, annotated copies, the add-in.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_PREFIX = ".dsi-xl-tmp-"
NAME_MAX = 255  # bytes in one file name (ext4, xfs, btrfs, NTFS in UTF-16 units)
LEFTOVER = re.compile(re.escape(TEMPORARY_PREFIX) + r"(\d+)-")
LEFTOVER_AGE = 60.0  # seconds; a younger file may belong to a run on another machine sharing the folder
_RANDOM = 8  # random characters between prefix and suffix

_live: set[Path] = set()  # temporary files of this process not yet renamed or removed
_swept: set[Path] = set()


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` bytes as the file system stores it, never inside a
    character (a Latin-1 name read with ``surrogateescape`` keeps its bytes)."""
    text = text[:max(limit, 0)]
    while len(os.fsencode(text)) > limit:
        text = text[:-1]
    return text


def temporary_parts(target: Path) -> tuple[str, str]:
    """The temporary name's prefix and suffix for ``target``: with the random part, within NAME_MAX."""
    prefix = f"{TEMPORARY_PREFIX}{os.getpid()}-"
    suffix = ".tmp" + _cut(target.suffix, 16)
    room = NAME_MAX - len(prefix.encode()) - _RANDOM - len(os.fsencode(suffix)) - 1
    return prefix, "." + _cut(target.stem, room) + suffix


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def sweep(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files an earlier, killed run left in ``folder``; the ones removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = LEFTOVER.match(entry.name)
        if not match or ".tmp" not in entry.name or int(match.group(1)) == os.getpid():
            continue
        try:
            if (
                not entry.is_file(follow_symlinks=False)
                or now - entry.stat(follow_symlinks=False).st_mtime < LEFTOVER_AGE
            ):
                continue
            if _running(int(match.group(1))):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def remove_all() -> None:
    """Remove every temporary file this process still has (for a signal handler)."""
    for path in list(_live):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        _live.discard(path)


def _created(folder: Path, prefix: str, suffix: str) -> Path:
    """A new, empty temporary file in ``folder``, registered in :data:`_live` *before* it exists:
    a signal that arrives at any moment (even between the file's creation and the name's return)
    finds it registered, so :func:`remove_all` removes it."""
    while True:
        temporary = folder / f"{prefix}{secrets.token_hex(_RANDOM // 2)}{suffix}"
        _live.add(temporary)
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            _live.discard(temporary)
            continue
        os.close(fd)
        return temporary


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it becomes ``target``. The path leaves
    :data:`_live` only once it is renamed or removed, so a second signal during the clean-up still
    leaves it to :func:`remove_all`."""
    target = Path(target)
    folder = target.parent
    if folder.resolve() not in _swept:
        _swept.add(folder.resolve())
        sweep(folder)
    prefix, suffix = temporary_parts(target)
    temporary = _created(folder, prefix, suffix)
    try:
        yield temporary
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        _live.discard(temporary)
        raise
    _live.discard(temporary)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with replacing(target) as temporary:
        temporary.write_bytes(data)
