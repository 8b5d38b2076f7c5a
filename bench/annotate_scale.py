"""Benchmark: ``--annotate`` over many files, at 1,000 and 10,000 (issue 29, case 7).

Run from the repository root:  python3 bench/annotate_scale.py [--sizes 1000 10000]

The inbox is copies of the shipped example (not hard links: a second link to a file is reported
once as ``ulæselig``), a hundred to a folder, in a temporary folder. Each size is measured twice,
through the interpreter that runs this script:

- the pre-check alone: :func:`dsi_xl.cli.validate.plan`, which walks the folder and checks that
  no copy or report overwrites an input or another output (it compared every output with every
  input: 1,000 files took 49.6 s before anything was validated);
- the whole command DSI runs: ``python -m dsi_xl validate INBOX --format csv --out ... --annotate
  RETUR``, its wall time and the peak memory of its largest process; every copy is counted.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"
PER_FOLDER = 100

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import probed  # noqa: E402 - bench.py beside this script: a command's time, peak memory, status


def inbox(folder: Path, count: int) -> Path:
    for n in range(count):
        target = folder / f"kommune-{n // PER_FOLDER:03d}" / f"regnskab-{n:05d}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(EXAMPLE, target)
    return folder


def precheck(folder: Path, out: Path, copies: Path) -> float:
    """Seconds for the usage checks and the outputs' pre-check alone, in a fresh process."""
    code = ("import sys, time; from dsi_xl.cli.validate import plan; t = time.perf_counter();"
            "p = plan((sys.argv[1],), 'csv', sys.argv[2], sys.argv[3], '2028-06-01', None);"
            "print(time.perf_counter() - t, len(p.copies))")
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(out), str(copies)], capture_output=True,
                          text=True, check=True)
    seconds, planned = done.stdout.split()
    return float(seconds)


def whole(folder: Path, out: Path, copies: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "dsi_xl", "validate", str(folder), "--format", "csv", "--out", str(out),
               "--annotate", str(copies), "--as-of", "2028-06-01"]
    seconds, peak, status = probed(command)
    if status not in (0, 1):
        raise SystemExit(f"the run ended with exit status {status}")
    return seconds, peak


def danish(number: float, decimals: int = 1) -> str:
    return f"{number:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = inbox(Path(tmp) / "indbakke", size)
            check = precheck(folder, Path(tmp) / "plan.csv", Path(tmp) / "plan-retur")
            seconds, peak = whole(folder, Path(tmp) / "oversigt.csv", Path(tmp) / "retur")
            written = sum(1 for _ in (Path(tmp) / "retur").rglob("*.xlsx"))
            if written != size:
                raise SystemExit(f"{written} copies for {size} files")
            rows.append((size, check, seconds, peak))
    print("| filer | forhåndstjek | hele kørslen | pr. fil | største proces | kopier |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, check, seconds, peak in rows:
        per_file = danish(seconds / size * 1000, 0)
        print(f"| {danish(size, 0)} | {danish(check, 2)} s | {danish(seconds)} s | {per_file} ms "
              f"| {danish(peak, 0)} MB | {danish(size, 0)} |")
    print(f"\nMaskine: {platform.processor() or platform.machine()}, {os.cpu_count()} kerner, "
          f"Python {platform.python_version()}; {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
