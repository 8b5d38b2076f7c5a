"""``dsi-xl web``'s site, byte for byte reproducible: the same inputs give the same files.

::

    index.html                       the page (revalidated on every visit)
    web.config                       IIS: MIME types, headers, caching (other servers ignore it)
    pyodide-<version>/               the Pyodide files, copied from the npm package ``pyodide``
    dsi-xl-<version>-<hash>/         the page's script, worker, style and icon, and wheels/:
                                     dsi_xl (with every agreement given) and its pure dependencies

Both folders are versioned (the dsi-xl one by a hash of what it holds, so a rebuild with another
agreement gets a new name) and never change, so a server may cache them for good. Every
reference is relative, so the site works from any folder of a host.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import dsi_xl
from dsi_xl.agreement.bundle import describe
from dsi_xl.atomic import replacing, write_bytes
from dsi_xl.errors import DSIError
from dsi_xl.web import headers, wheels

PYODIDE_VERSION = "314.0.8"  # keep in step with .ci/run and the tests
PYODIDE_FILES = ("package.json", "pyodide-lock.json", "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip")
STATIC = ("app.js", "style.css", "favicon.svg")
STEPS = 3  # the worker's progress steps before ready
HOW_TO_GET = (f"hent den med »npm install --prefix pyodide-{PYODIDE_VERSION} pyodide@{PYODIDE_VERSION}« og giv "
              f"--pyodide pyodide-{PYODIDE_VERSION}/node_modules/pyodide")


@dataclass(frozen=True)
class Built:
    """What was written: the versioned folder's name and each file's size (relative path -> bytes)."""

    app: str
    pyodide: str
    files: dict[str, int]
    ready: tuple[str, ...]
    copy: tuple[str, ...]

    def before_ready(self) -> int:
        """Bytes the browser fetches before the page is ready (not package.json nor web.config)."""
        return sum(size for name, size in self.files.items()
                   if name == "index.html" or (name.startswith(self.pyodide) and not name.endswith("package.json"))
                   or (name.startswith(self.app) and ("/wheels/" not in name or name.rsplit("/", 1)[-1] in self.ready)))

    def for_copy(self) -> int:
        """Bytes fetched more for the first annotated copy."""
        return sum(size for name, size in self.files.items() if name.rsplit("/", 1)[-1] in self.copy)


def pyodide_folder(folder: str | Path | None) -> Path:
    """The npm package folder of the pinned Pyodide, checked; a Danish sentence when it is not one."""
    if folder is None:
        raise DSIError(f"Siden skal have npm-pakken pyodide {PYODIDE_VERSION} med --pyodide MAPPE: {HOW_TO_GET}.")
    path = Path(folder)
    try:
        package = json.loads((path / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DSIError(f"{path} er ikke mappen med npm-pakken pyodide (der er ingen package.json); "
                       f"{HOW_TO_GET}.") from None
    if package.get("name") != "pyodide" or package.get("version") != PYODIDE_VERSION:
        raise DSIError(f"{path} har {package.get('name')} {package.get('version')}, men siden kræver pyodide "
                       f"{PYODIDE_VERSION}; {HOW_TO_GET}.")
    missing = [name for name in PYODIDE_FILES if not (path / name).is_file()]
    if missing:
        raise DSIError(f"{path} mangler {', '.join(missing)}; {HOW_TO_GET}.")
    return path


def _static(name: str) -> bytes:
    return resources.files("dsi_xl.web").joinpath("static", name).read_bytes()


def app_files(agreements: dict[str, bytes], epoch: int | None = None) -> tuple[dict[str, bytes], tuple, tuple]:
    """The versioned folder's files (relative path -> bytes) and the wheels before ready / for the copy."""
    ready = [wheels.dsi_xl(agreements, epoch), *(wheels.packed(n, epoch) for n in wheels.READY)]
    copy = [wheels.packed(n, epoch) for n in wheels.COPY]
    files = {f"wheels/{w.filename}": w.data for w in ready + copy}
    config = {"pyodide": f"../pyodide-{PYODIDE_VERSION}/", "steps": STEPS,
              "ready": [w.filename for w in ready], "copy": [w.filename for w in copy]}
    worker = _static("worker.mjs").replace(b"/*CONFIG*/{}", json.dumps(config, sort_keys=True).encode())
    files["worker.mjs"] = worker
    files |= {name: _static(name) for name in STATIC}
    return dict(sorted(files.items())), tuple(config["ready"]), tuple(config["copy"])


def folder_name(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return f"dsi-xl-{dsi_xl.__version__}-{digest.hexdigest()[:12]}"


def page(app: str, agreements: dict[str, bytes]) -> bytes:
    text = _static("index.html").decode("utf-8")
    for key, value in {"APP": app, "VERSION": dsi_xl.__version__, "PYODIDE": PYODIDE_VERSION,
                       "AGREEMENTS": describe(agreements)}.items():
        text = text.replace("{{" + key + "}}", value)
    return text.encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data)


def build(out: str | Path, agreements: dict[str, bytes], pyodide: str | Path | None,
          epoch: int | None = None) -> Built:
    """Write the site into ``out`` (made if missing; the site's own files are replaced, nothing
    else in it is touched)."""
    source = pyodide_folder(pyodide)
    out = Path(out)
    files, ready, copy = app_files(agreements, epoch)
    app = folder_name(files)
    runtime = f"pyodide-{PYODIDE_VERSION}"
    written: dict[str, int] = {}
    for name, data in files.items():
        _write(out / app / name, data)
        written[f"{app}/{name}"] = len(data)
    for name in PYODIDE_FILES:
        target = out / runtime / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with replacing(target) as temporary:
            shutil.copyfile(source / name, temporary)
        written[f"{runtime}/{name}"] = target.stat().st_size
    for name, data in {"index.html": page(app, agreements), "web.config": headers.web_config().encode()}.items():
        _write(out / name, data)
        written[name] = len(data)
    return Built(app, runtime, dict(sorted(written.items())), ready, copy)
