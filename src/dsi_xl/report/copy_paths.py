"""Where each annotated copy goes, and which outputs of one run would collide.

An input file is never overwritten and no two outputs land on the same file (links included):
every check here raises :class:`ValueError` with one Danish sentence, before anything is
validated or written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def target_for(source: str | os.PathLike[str], folder: str | os.PathLike[str]) -> Path:
    """``folder/<name of source>``."""
    return Path(folder) / Path(source).name


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (the same path, or links to one file)."""
    try:
        return a.resolve() == b.resolve() or (b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def copy_targets(files: Sequence[str], folder: str) -> dict[str, Path]:
    """Each input's annotated copy: ``folder/name`` when the inputs share one folder, otherwise
    ``folder/`` plus the input's path relative to the inputs' common folder."""
    where = {name: os.path.dirname(os.path.abspath(name)) for name in files}
    if len(set(where.values())) == 1:
        return {name: Path(folder) / Path(name).name for name in files}
    common = os.path.commonpath(list(where.values()))
    return {name: Path(folder) / os.path.relpath(os.path.abspath(name), common) for name in files}


def check_inputs(files: Sequence[str]) -> None:
    """Only a true collision is refused: the same file given twice (by a link, too)."""
    seen: dict[tuple[int, int], str] = {}
    for name in files:
        found = _identity(name)
        if found is None:
            continue  # gone or unreadable: the reader reports it as ulæselig
        earlier = seen.get(found)
        if earlier is not None:
            raise ValueError(f"{name} og {earlier} er den samme fil; angiv hver fil én gang.")
        seen[found] = name


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """The file a path names (device, inode), or None when nothing is there yet."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _spelling(path: Path) -> str:
    """One spelling per place: the real path (links in its folders resolved), case-folded where
    the system folds case."""
    return os.path.normcase(os.path.realpath(path))


def check_outputs(files: Sequence[str], out: str | None, copies: dict[str, Path]) -> None:
    """No output is an input, and no two outputs are the same file (links included). Each path
    is looked up once (its real path, and its device and inode when it exists), so the check is
    linear in the number of files: 10,000 inputs are checked in a moment, not in hours."""
    outputs: list[tuple[str, Path, str | None]] = [(f"--out {out}", Path(out), None)] if out else []
    outputs += [(f"kopien af {name}", target, name) for name, target in copies.items()]
    inputs: dict[object, str] = {}
    for name in files:
        inputs.setdefault(_spelling(Path(name)), name)
        found = _identity(Path(name))
        if found is not None:
            inputs.setdefault(found, name)
    seen: dict[object, str] = {}
    for label, target, source in outputs:
        keys = [_spelling(target)]
        found = _identity(target)
        if found is not None:
            keys.append(found)
        name = next((inputs[key] for key in keys if key in inputs), None)
        if name is not None:
            if source is None:
                raise ValueError(f"--out {out} er en af inputfilerne; en inputfil overskrives aldrig.")
            raise ValueError(f"Kopien af {source} skulle skrives til {target}, så inputfilen {name} ville blive "
                             "overskrevet; vælg en anden mappe til --annotate.")
        other_label = next((seen[key] for key in keys if key in seen), None)
        if other_label is not None:
            raise ValueError(f"{other_label} og {label} ville begge blive skrevet til {target}; vælg en anden "
                             "fil eller mappe.")
        for key in keys:
            seen[key] = label


def make_folder(folder: str) -> None:
    """The copies' folder, created if missing; ValueError when it cannot be written to."""
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ValueError(f"--annotate {folder} skal være en mappe.")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        reason = error.strerror or "ukendt fejl"
        raise ValueError(f"--annotate {folder}: mappen kan ikke oprettes ({reason}).") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"--annotate {folder}: der kan ikke skrives i mappen.")
