"""Benchmark: the speed users feel, each figure against a baseline measured in the same run.

Run from the repository root:  python3 bench/bench.py [--runs N] [--batch 200]

Prints a table (median of N runs, baseline, ratio, target) and the machine it ran on. Not part
of the test suite: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"
PY = sys.executable
CLI = [PY, "-m", "dsi_xl"]  # the command through this interpreter: no venv needs to be on PATH
SERVER_ENV = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def paired(runs: int, subject, baseline) -> tuple[float, float]:
    """Median of ``runs`` timings of each, interleaved so load on the machine hits both alike."""
    subject_times, baseline_times = [], []
    for _ in range(runs):
        baseline_times.append(baseline())
        subject_times.append(subject())
    return statistics.median(subject_times), statistics.median(baseline_times)


def in_process(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of the largest process in ``command``'s tree, in MB (Linux)."""
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", code, *command], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def big_file(folder: Path, numbers: int = 1_000_000, columns: int = 100) -> Path:
    """The example plus one sheet of ``numbers`` numbers outside every defined name (issue 15's
    7.5 MB file): what the reader and the annotated copy must handle within their bounds."""
    import zipfile

    target = folder / "stor.xlsx"
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"</sheets>", b'<sheet name="Tal" sheetId="99" r:id="rIdTal"/></sheets>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdTal" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/worksheet" Target="worksheets/tal.xml"/></Relationships>',
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/worksheets/tal.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
                )
            out.writestr(info, data)
        with out.open("xl/worksheets/tal.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
                        b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for row in range(1, numbers // columns + 1):
                cells = "".join(
                    f'<c r="{_column(c)}{row}"><v>{(row * 7919 + c * 104729) % 1000003 * 1.37:.4f}</v></c>'
                    for c in range(columns)
                )
                sheet.write(f'<row r="{row}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return target


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def big(rows: list, add, runs: int) -> None:
    """7 + 8: validating and annotating the 1,000,000-number file, time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = big_file(Path(folder))
        validate = [*CLI, "validate", "--format", "json", str(path)]
        annotate = [*validate, "--annotate", str(Path(folder) / "retur")]
        a, v = paired(max(3, runs // 2), lambda: wall(annotate), lambda: wall(validate))
        size = path.stat().st_size / 2**20
        add(f"7 --annotate, fil med 1.000.000 tal ({size:.1f} MB) / validering alene", a, v, "ms", "<= 3")
        rows.append(("8 største proces' hukommelse, --annotate / validering alene",
                     f"{peak_rss_mb(annotate):.0f} MB", f"{peak_rss_mb(validate):.0f} MB", "", "< 200 MB"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--only-big", action="store_true", help="only 7 and 8 (the 1,000,000-number file)")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []

    def add(what: str, value: float, base: float, unit: str, target: str) -> None:
        ratio = value / base if base else float("nan")
        rows.append((what, f"{value * 1000:.0f} {unit}" if unit == "ms" else f"{value:.1f} {unit}",
                     f"{base * 1000:.0f} {unit}" if unit == "ms" else f"{base:.1f} {unit}", f"{ratio:.2f}", target))

    if args.only_big:
        big(rows, add, args.runs)
        _print(rows, args)
        return

    # 1. Cold import of the UDF module against xlwings alone.
    udfs, xlw = paired(
        args.runs,
        lambda: wall([PY, "-c", "import dsi_xl.udfs"], SERVER_ENV),
        lambda: wall([PY, "-c", "import xlwings"], SERVER_ENV),
    )
    add("1 import dsi_xl.udfs (ny proces) / import xlwings", udfs, xlw, "ms", "<= 1.2")

    # 2. Validating the example in-process against one openpyxl.load_workbook.
    import openpyxl

    from dsi_xl.validation.engine import validate_file

    validate_file(EXAMPLE)  # warm caches that a long-running server keeps (agreement, template)
    v = in_process(lambda: validate_file(EXAMPLE, as_of=date(2028, 6, 1)), args.runs)
    o = in_process(lambda: openpyxl.load_workbook(EXAMPLE), args.runs)
    add("2 validering i processen / openpyxl.load_workbook", v, o, "ms", "<= 1.5")

    # 3. The whole command against a process that only loads the file with openpyxl.
    c, loaded = paired(
        args.runs,
        lambda: wall([*CLI, "validate", "--format", "json", str(EXAMPLE)]),
        lambda: wall([PY, "-c", f"import openpyxl; openpyxl.load_workbook({str(EXAMPLE)!r})"]),
    )
    add("3 dsi-xl validate --format json / proces med openpyxl", c, loaded, "ms", "<= 1.5")

    # 4 + 5. A batch of copies on this machine's cores, and its peak memory per process.
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for i in range(args.batch):
            target = Path(folder) / f"kopi-{i:03d}.xlsx"
            shutil.copyfile(EXAMPLE, target)
            files.append(str(target))
        loader = Path(folder) / "load_all.py"
        loader.write_text("import sys, openpyxl\nfor f in sys.argv[1:]:\n    openpyxl.load_workbook(f)\n")
        batch_command = [*CLI, "validate", "--format", "json", *files]
        runs = max(3, args.runs // 2)
        b, s = paired(runs, lambda: wall(batch_command), lambda: wall([PY, str(loader), *files]))
        add(f"4 batch af {args.batch} filer / openpyxl én ad gangen", b, s, "ms", "<= 0.75")
        peak = peak_rss_mb(batch_command)
        rows.append((f"5 største proces' hukommelse, batch af {args.batch}", f"{peak:.0f} MB", "", "", "< 200 MB"))

    # 6. Recalculation cost through xlwings' Office.js dispatch against the core itself.
    code = r"""
import os, time, statistics
import xlwings.server as server
import dsi_xl.udfs as udfs
from dsi_xl.agreement import load
from dsi_xl.clauses import goal_payment
goal = load().goal(1)
def call(value):
    data = {"func_name": "DSI_PAYMENT_GOAL1", "args": [[[value]]], "caller_address": "Betalingsmål!D20",
            "formula_name": "DSI_PAYMENT_GOAL1", "version": server.__dict__.get("__version__", "0.37.8"),
            "runtime": "1.4", "culture_info_name": "da-DK", "date_format": "dd-mm-yyyy"}
    return server.custom_functions_call(data, udfs)
import asyncio, inspect
def run(value):
    result = call(value)
    return asyncio.run(result) if inspect.isawaitable(result) else result
assert run(28) == [[399000]], run(28)  # the dispatch really computes, it is not an error path
values = [20 + i / 100 for i in range(500)]
def timed(f):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for v in values:
            f(v)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
through = timed(run)
direct = timed(lambda v: goal_payment.compute(goal, v))
print(through, direct)
"""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=SERVER_ENV)
    if out.returncode == 0:
        through, direct = (float(x) for x in out.stdout.split())
        per_call_us = (through - direct) / 500 * 1e6
        rows.append(("6 DSI_PAYMENT_GOAL1 x 500 via xlwings / kernen direkte",
                     f"{through * 1000:.0f} ms", f"{direct * 1000:.1f} ms", f"{through / direct:.0f}",
                     f"{per_call_us:.0f} µs pr. kald"))
    else:
        rows.append(("6 DSI_PAYMENT_GOAL1 x 500 via xlwings", "fejl", "", "", out.stderr.strip().splitlines()[-1][:60]))

    big(rows, add, args.runs)
    _print(rows, args)


def _print(rows, args) -> None:
    print(
        f"dsi-xl benchmark {date.today()} · {platform.platform()} · {os.cpu_count()} kerner · "
        f"Python {platform.python_version()}"
    )
    print(f"median af {args.runs} kørsler (batch: {max(3, args.runs // 2)})\n")
    print("| måling | dsi-xl | basislinje | forhold | mål |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
