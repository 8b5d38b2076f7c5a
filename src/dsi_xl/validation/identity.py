"""Who sent a file and what it is: the identification fields of every output.

Read from the submission's defined names, never trusted further than their type: text where the
spec says text, the CVR number as :mod:`dsi_xl.validation.cvr` reads it everywhere, a number for
the accounts year, a date for the signature, ``None`` where the file does not say or says
something else. The values stay typed (a date is a :class:`~datetime.date`); only the JSON and
CSV writers turn them into text. ``sha256`` is of the file's bytes, so DSI can tell two
identical submissions apart from two different ones under the same name.
"""

from __future__ import annotations

import hashlib
import os
import stat
from os import PathLike
from typing import Any

from dsi_xl import __version__
from dsi_xl.spec import (
    DSI_CVR,
    DSI_KOMMUNE,
    DSI_KONTAKT_EMAIL,
    DSI_KONTAKT_NAVN,
    DSI_REGNSKABSAAR,
    DSI_SKABELON_VERSION,
    DSI_TILSAGN_ID,
    DSI_UNDERSKRIFT_DATO,
)
from dsi_xl.validation import cvr
from dsi_xl.validation.values import as_date, text, whole_number
from dsi_xl.workbook.submission import Submission

FIELDS: tuple[str, ...] = ("sha256", "tilsagn", "skabelon_version", "kommune", "cvr", "regnskabsaar",
                           "underskrift_dato", "kontakt_navn", "kontakt_email", "as_of", "dsi_xl_version")
_TEXT = {"tilsagn": DSI_TILSAGN_ID, "skabelon_version": DSI_SKABELON_VERSION, "kommune": DSI_KOMMUNE,
         "kontakt_navn": DSI_KONTAKT_NAVN, "kontakt_email": DSI_KONTAKT_EMAIL}


def blank() -> dict[str, Any]:
    """Every field ``None`` but the version of dsi-xl that ran."""
    return {name: None for name in FIELDS} | {"dsi_xl_version": __version__}


def sha256(path: str | PathLike[str]) -> str | None:
    """The hex digest of the file's bytes, or ``None`` when it cannot be read at all or is not a
    regular file: the file is opened without blocking and checked before a byte is read, so a FIFO
    or a link to ``/dev/zero`` named ``.xlsx`` never hangs the run."""
    try:
        with open(path, "rb", opener=_without_blocking) as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return None
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _without_blocking(path: str, flags: int) -> int:
    """Open as :func:`open` asks, but without waiting: a FIFO with no writer opens at once."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _first(submission: Submission, name: str) -> Any:
    named = submission.names.get(name)
    if named is None or not named.cells or not named.cells[0]:
        return None
    return named.cells[0][0].value


def identify(submission: Submission) -> dict[str, Any]:
    """The fields the file itself states (``sha256`` and ``as_of`` are the caller's)."""
    fields = blank()
    for field, name in _TEXT.items():
        fields[field] = text(_first(submission, name))
    fields["cvr"] = cvr.number(_first(submission, DSI_CVR))
    fields["regnskabsaar"] = whole_number(_first(submission, DSI_REGNSKABSAAR))
    fields["underskrift_dato"] = as_date(_first(submission, DSI_UNDERSKRIFT_DATO))
    return fields
