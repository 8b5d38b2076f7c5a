"""The site's Python wheels: dsi_xl and its pure-Python dependencies, packed reproducibly.

The dependencies are packed from the distributions installed beside this dsi_xl (the versions the
command line validates with), so the browser runs the same code as ``dsi-xl validate`` on the
machine that built the site, and the build needs no network. Each wheel is written with
:func:`dsi_xl.addin.wheel.pack` (sorted, fixed times), so two builds give the same bytes.

``READY`` are the wheels the page unpacks before it says it is ready; ``COPY`` the ones it fetches
only when it makes the first annotated copy (openpyxl renders the report sheet).

python-stdnum is cut to what the CVR check imports (``stdnum.dk.cvr`` and the three modules it
rests on, about 20 KB instead of 1.2 MB): the same files, unchanged, under the version
``<version>+dsixl.cvr``, with the library's licence (LGPL 2.1+) and metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from dsi_xl.addin import wheel as lite_wheel
from dsi_xl.errors import DSIError

READY = ("defusedxml", "python-stdnum")
COPY = ("et_xmlfile", "openpyxl")
# What `from stdnum.dk import cvr` imports (stdnum.dk also imports its CPR module).
STDNUM_CVR = ("stdnum/__init__.py", "stdnum/exceptions.py", "stdnum/util.py",
              "stdnum/dk/__init__.py", "stdnum/dk/cpr.py", "stdnum/dk/cvr.py")
CUT = {"python-stdnum": (STDNUM_CVR, "dsixl.cvr")}
SKIPPED = ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "WHEEL")


@dataclass(frozen=True)
class Wheel:
    name: str  # the distribution's name
    version: str
    filename: str
    data: bytes


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def packed(name: str, epoch: int | None = None) -> Wheel:
    """The installed distribution ``name`` as a wheel (cut to the CVR check for python-stdnum)."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        raise DSIError(f"Pakken {name} er ikke installeret; installér dsi-xl med dens afhængigheder.") from None
    keep, label = CUT.get(name, (None, None))
    version = dist.version + (f"+{label}" if label else "")
    info = f"{_normalised(name)}-{version}.dist-info"
    entries: dict[str, bytes] = {}
    for file in dist.files or ():
        path = file.as_posix()
        if path.startswith("..") or "__pycache__" in path or path.endswith(".pyc"):
            continue
        if ".dist-info/" in path:
            rest = path.split(".dist-info/", 1)[1]
            if rest in SKIPPED:
                continue
            data = file.read_binary()
            if rest == "METADATA":
                data = re.sub(rb"(?m)^Version: .*$", f"Version: {version}".encode(), data, count=1)
            entries[f"{info}/{rest}"] = data
        elif keep is None or path in keep:
            entries[path] = file.read_binary()
    if not entries or (keep is not None and not set(keep) <= set(entries)):
        raise DSIError(f"Pakken {name} er ikke installeret som almindelige filer, så den kan ikke pakkes til siden.")
    ordered = sorted((n, d) for n, d in entries.items() if not n.startswith(info))
    ordered += sorted((n, d) for n, d in entries.items() if n.startswith(info))
    ordered.append((f"{info}/WHEEL", lite_wheel.WHEEL))
    filename = f"{_normalised(name)}-{version}-py3-none-any.whl"
    return Wheel(name, version, filename, lite_wheel.pack(ordered, info, epoch))


def dsi_xl(agreements: dict[str, bytes], epoch: int | None = None) -> Wheel:
    """The Lite wheel of dsi_xl, carrying ``agreements``."""
    import dsi_xl as package

    return Wheel("dsi-xl", package.__version__, lite_wheel.name(), lite_wheel.build(epoch, agreements))
