"""Benchmark xlwings Lite's path inside Pyodide under Node: from a loaded runtime to the first
computed cell (install, import, first call), a call through xlwings' dispatch and the validate
script, each against bare xlwings (one doubling function, one one-cell script) in the same runtime.

Run from the repository root:  python3 bench/lite_pyodide.py [--runs N]
Uses the same cache as tests/test_lite_pyodide.py (.ci/cache or $DSI_XL_CACHE; run that test once
first). "install" is unpacking the local wheels; Lite's download over the network comes on top.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dsi_xl.addin import wheel  # noqa: E402
from dsi_xl.validation.engine import validate_file  # noqa: E402
from officejs_payload import payload  # noqa: E402
from test_lite_pyodide import CACHE, PYODIDE_VERSION  # noqa: E402

EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    pyodide = CACHE / f"pyodide-{PYODIDE_VERSION}" / "node_modules" / "pyodide"
    wheels = sorted((CACHE / "wheels").glob("*.whl"))
    xlwings = next(w for w in wheels if w.name.startswith("xlwings-"))
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / wheel.name()
        built.write_bytes(wheel.build())
        xlsx = Path(tmp) / "eksempel-2027.xlsx"
        xlsx.write_bytes(EXAMPLE.read_bytes())
        job = {"xlwings": str(xlwings), "dsi": [str(built)] + [str(w) for w in wheels if w != xlwings],
               "main_folder": str(ROOT / "addin" / "lite"), "runs": runs, "xlsx": str(xlsx),
               "payload": payload(xlsx, validate_file(xlsx).computed),
               "files": [str(built), *map(str, wheels)]}
        job_file = Path(tmp) / "job.json"
        job_file.write_text(json.dumps(job), encoding="utf-8")
        done = subprocess.run(["node", str(ROOT / "tests" / "lite_pyodide.mjs"), str(pyodide),
                               str(ROOT / "bench" / "lite_inside.py"), str(job_file)],
                              capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(done.stderr[-2000:])
    t = json.loads(done.stdout.strip().splitlines()[-1])
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    first_dsi = t["install_xlwings"] + t["import_bare"] + t["install_dsi"] + t["import_dsi"] + t["first_dsi"]
    first_bare = t["install_xlwings"] + t["import_bare"] + t["first_bare"]
    print(f"Pyodide {PYODIDE_VERSION} (Python {t['python']}), median of {runs} runs")
    print("| måling | dsi-xl | bare xlwings | forhold |\n|---|---:|---:|---:|")
    for label, a, b in (
        ("installér (udpak hjul: dsi_xl, stdnum, defusedxml / xlwings)", t["install_dsi"], t["install_xlwings"]),
        ("import (main.py oven på xlwings / xlwings)", t["import_dsi"], t["import_bare"]),
        ("første kald", t["first_dsi"], t["first_bare"]),
        ("fra indlæst runtime til første celle (alt i alt)", first_dsi, first_bare),
        ("et kald gennem xlwings' dispatch", t["call_dsi"], t["call_bare"]),
        ("validate-scriptet / et script, der skriver én celle", t["script_dsi"], t["script_bare"]),
    ):
        print(f"| {label} | {ms(a)} | {ms(b)} | {a / b:.1f} |")


if __name__ == "__main__":
    main()
