"""A pure-Python wheel of the installed ``dsi_xl`` for xlwings Lite, byte for byte reproducible.

Written straight from the package's files (sorted, fixed timestamps, no build tool needed), so
the ``dsi-xl lite`` command works from an installed copy as well as from the repository. Its
metadata asks only for what the Lite path needs: xlwings comes with xlwings Lite, so it is not
required; openpyxl, click, rich and olefile serve the command line and the template only.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import time
import zipfile
from pathlib import Path

import dsi_xl

LITE_REQUIRES = ("python-stdnum>=1.19", "defusedxml>=0.7")  # CVR check (stamdata); reading .xlsx bytes
SUFFIXES = (".py", ".toml", ".json", ".xml", ".bas")
EPOCH_DEFAULT = 315532800  # 1980-01-01, the earliest time a zip entry can carry


def name(version: str = dsi_xl.__version__) -> str:
    return f"dsi_xl-{version}-py3-none-any.whl"


AGREEMENTS = "dsi_xl/agreement/data/"  # where the package looks for its shipped agreements


def _files(package: Path, agreements: dict[str, bytes] | None = None) -> list[tuple[str, bytes]]:
    """The package's files; ``agreements`` (id -> TOML bytes) replace the shipped data files, so
    the wheel carries exactly those agreements, found by ``load()`` like a shipped one."""
    found = {}
    for path in package.rglob("*"):  # any order: the entries are sorted by name below
        if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
            found["dsi_xl/" + path.relative_to(package).as_posix()] = path.read_bytes()
    if agreements is not None:
        found = {n: d for n, d in found.items() if not (n.startswith(AGREEMENTS) and n.endswith(".toml"))}
        found |= {f"{AGREEMENTS}{agreement_id}.toml": data for agreement_id, data in agreements.items()}
    return sorted(found.items())


def _metadata(version: str) -> bytes:
    lines = ["Metadata-Version: 2.1", "Name: dsi-xl", f"Version: {version}", "Requires-Python: >=3.11",
             "Summary: Den Sociale Investeringsfonds regnskabsskabelon (xlwings Lite)"]
    lines += [f"Requires-Dist: {r}" for r in LITE_REQUIRES]
    return ("\n".join(lines) + "\n").encode()


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build(epoch: int | None = None, agreements: dict[str, bytes] | None = None) -> bytes:
    """The wheel's bytes; entry times from ``SOURCE_DATE_EPOCH`` (else 1980-01-01). ``agreements``
    (from :func:`dsi_xl.agreement.bundle.collect`) are the agreement files it carries; without
    them, the shipped ones."""
    version = dsi_xl.__version__
    info = f"dsi_xl-{version}.dist-info"
    entries = _files(Path(dsi_xl.__file__).parent, agreements)
    entries += [(f"{info}/METADATA", _metadata(version)), (f"{info}/WHEEL", WHEEL),
                (f"{info}/top_level.txt", b"dsi_xl\n")]
    return pack(entries, info, epoch)


WHEEL = b"Wheel-Version: 1.0\nGenerator: dsi-xl\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def pack(entries: list[tuple[str, bytes]], info: str, epoch: int | None = None) -> bytes:
    """A reproducible wheel of ``entries`` (name, bytes) in their order, with its RECORD added
    to the ``info`` (``*.dist-info``) folder; every entry dated ``epoch``, the same bytes each time."""
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", EPOCH_DEFAULT))
    stamp = time.gmtime(max(epoch, EPOCH_DEFAULT))[:6]
    record = "".join(f"{n},{_digest(d)},{len(d)}\n" for n, d in entries) + f"{info}/RECORD,,\n"
    entries = [*entries, (f"{info}/RECORD", record.encode())]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for entry, data in entries:
            item = zipfile.ZipInfo(entry, date_time=stamp)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            archive.writestr(item, data)
    return out.getvalue()
