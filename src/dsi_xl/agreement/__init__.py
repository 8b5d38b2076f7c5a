"""The grant agreements (tilsagn) as data: one TOML file per agreement.

``load()`` gives the default agreement (Randers 2026); ``load("some-id")`` any other shipped
agreement, or one in a folder named by the ``DSI_XL_AGREEMENTS`` environment variable (folders
separated by the system's path separator). Each file is read and checked once per process.

An agreement as loaded is as its file writes it; :func:`in_force` gives the terms in force on a
day (its amendments dated on or before that day applied), which is what everything that computes
or checks reads: the validator on the day a file is judged on, the template on the day it is
built, the worksheet functions on :func:`today`.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from dsi_xl.agreement.amendments import in_force
from dsi_xl.agreement.clock import today
from dsi_xl.agreement.load import Examination, check, examine, examine_file, load_file, parse
from dsi_xl.agreement.model import (
    Agreement,
    Amended,
    Amendment,
    BudgetLine,
    Change,
    Goal,
    Installment,
    MonthDay,
    Party,
    Quarter,
    RepaymentRate,
)
from dsi_xl.errors import UnknownAgreement

DEFAULT_ID = "randers-2026"
DATA_DIR = Path(__file__).with_name("data")

__all__ = [
    "Agreement", "Amended", "Amendment", "BudgetLine", "Change", "Goal", "Installment", "MonthDay", "Party",
    "Quarter", "RepaymentRate", "DEFAULT_ID", "Examination", "available", "check", "examine", "examine_file",
    "in_force", "load", "load_file", "named_folders", "parse", "path_of", "today",
]


def named_folders() -> list[Path]:
    """The folders ``DSI_XL_AGREEMENTS`` names, in its order (earlier wins)."""
    return [Path(p) for p in os.environ.get("DSI_XL_AGREEMENTS", "").split(os.pathsep) if p]


def _folders() -> list[Path]:
    return [*named_folders(), DATA_DIR]


def available() -> list[str]:
    """Ids of every agreement that :func:`load` can find, sorted."""
    return sorted({p.stem for folder in _folders() if folder.is_dir() for p in folder.glob("*.toml")})


def load(agreement_id: str | None = None) -> Agreement:
    """The agreement with this id (default: :data:`DEFAULT_ID`), loaded and checked once."""
    return _load(agreement_id or DEFAULT_ID, os.environ.get("DSI_XL_AGREEMENTS", ""))


MAX_ID_LENGTH = 100  # characters; a file name must fit the file system's limit (255 bytes)


def _shown(agreement_id: str) -> str:
    return agreement_id if len(agreement_id) <= 40 else agreement_id[:40] + "…"


def path_of(agreement_id: str) -> Path | None:
    """The file :func:`load` reads for ``agreement_id``, or ``None`` when there is none."""
    for folder in _folders():
        path = folder / f"{agreement_id}.toml"
        try:
            if path.is_file():
                return path
        except OSError:  # an unreadable folder in DSI_XL_AGREEMENTS: its path is never shown
            continue
    return None


@cache
def _load(agreement_id: str, _folders_key: str) -> Agreement:
    if not agreement_id.replace("-", "").replace("_", "").isalnum() or not agreement_id.isascii():
        raise UnknownAgreement(f'"{_shown(agreement_id)}" er ikke et gyldigt tilsagns-id.')
    if len(agreement_id) > MAX_ID_LENGTH:
        raise UnknownAgreement(f'"{_shown(agreement_id)}" er ikke et gyldigt tilsagns-id (højst {MAX_ID_LENGTH} tegn).')
    path = path_of(agreement_id)
    if path is not None:
        return load_file(path)
    known = ", ".join(available()) or "ingen"
    raise UnknownAgreement(f'Tilsagnet "{_shown(agreement_id)}" findes ikke; kendte tilsagn: {known}.')
