"""Benchmark: the speed users feel, each figure against a baseline measured in the same run.

Run from the repository root:  python3 bench/bench.py [--runs N] [--batch 200] [--only-start]

Prints a table (median of N runs, baseline, ratio, target) and the machine it ran on, then the
import time of each layer of ``dsi-xl validate`` (``python -X importtime``). ``--only-start`` runs
measurement 3 and the layers alone. Not part of the test suite: speed is measured here, never
asserted in tests.

The package's bytecode is compiled first, as pip does when it installs the wheel: with
``PYTHONDONTWRITEBYTECODE`` set and an editable install, every start would otherwise compile
dsi_xl's sources again while openpyxl's (installed) are read compiled, which is no one's real start.
"""

from __future__ import annotations

import argparse
import json
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
# The dsi-xl command installed beside this interpreter, as a user runs it; else through it with -m.
_SCRIPT = next((p for p in (Path(PY).with_name("dsi-xl"), Path(PY).with_name("dsi-xl.exe")) if p.exists()), None)
CLI = [str(_SCRIPT)] if _SCRIPT else [PY, "-m", "dsi_xl"]
START = [*CLI, "validate", "--format", "json", str(EXAMPLE)]
SERVER_ENV = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def paired(runs: int, subject, baseline, fastest: bool = False) -> tuple[float, float]:
    """Median of ``runs`` timings of each, interleaved so load on the machine hits both alike;
    ``fastest``: the fastest run of each instead, what each costs when nothing else runs."""
    subject_times, baseline_times = [], []
    for _ in range(runs):
        baseline_times.append(baseline())
        subject_times.append(subject())
    pick = min if fastest else statistics.median
    return pick(subject_times), pick(baseline_times)


def compile_package() -> None:
    """dsi_xl's bytecode, as an installed wheel has it (see the module's docstring)."""
    import dsi_xl

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(dsi_xl.__file__).parent)], check=True)


# Layers of the command's start-up, by the module that is imported; a standard-library module
# counts for the first non-standard module above it in the import tree (ssl for python-stdnum).
LAYERS = (
    ("dsi_xl.cli", "kommandolinjen: click og den danske click-oversættelse"),
    ("click", "kommandolinjen: click og den danske click-oversættelse"),
    ("stdnum", "python-stdnum (CVR-tjekket)"),
    ("defusedxml", "læseren: dsi_xl.workbook og defusedxml"),
    ("dsi_xl.workbook", "læseren: dsi_xl.workbook og defusedxml"),
    ("dsi_xl.validation.history", "tjek på tværs af filer: dsi_xl.validation.history"),
    ("dsi_xl.validation", "valideringen: dsi_xl.validation (motor og regler)"),
    ("dsi_xl.template", "skabelonens layout (til formelreglerne)"),
    ("dsi_xl.agreement", "bunden: format, errors, money, spec, agreement, clauses"),
    ("dsi_xl.clauses", "bunden: format, errors, money, spec, agreement, clauses"),
    ("dsi_xl.report", "output: dsi_xl.report.formats (json)"),
    ("dsi_xl", "bunden: format, errors, money, spec, agreement, clauses"),
)
STARTUP = "Pythons egen start (site, encodings)"


def _layer(chain: list[str]) -> str:
    """The layer of a module, given it and its importers (innermost first)."""
    for name in chain:
        for prefix, layer in LAYERS:
            if name == prefix or name.startswith(prefix + "."):
                return layer
    return STARTUP


def import_layers(command: list[str], runs: int) -> list[tuple[str, float]]:
    """(layer, ms) of ``command``'s imports as ``python -X importtime`` reports them (self times,
    summed per layer), from the run whose imports took least (the one least disturbed by other
    processes); importtime's own bookkeeping makes every figure somewhat larger."""
    per_run: list[dict[str, float]] = []
    for _ in range(runs):
        env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        totals: dict[str, float] = {}
        ancestors: list[tuple[int, str]] = []  # (depth, module) above the current line
        # importtime prints a module after what it imported: read backwards, parents come first
        for line in reversed(done.stderr.splitlines()):
            fields = line.removeprefix("import time:").split("|")
            if not line.startswith("import time:") or len(fields) != 3 or not fields[0].strip().isdigit():
                continue
            depth = len(fields[2]) - len(fields[2].lstrip())
            while ancestors and ancestors[-1][0] >= depth:
                ancestors.pop()
            name = fields[2].strip()
            layer = _layer([name, *(module for _, module in reversed(ancestors))])
            totals[layer] = totals.get(layer, 0.0) + int(fields[0]) / 1000
            ancestors.append((depth, name))
        per_run.append(totals)
    layers = dict.fromkeys([STARTUP, *(layer for _, layer in LAYERS)])
    quickest = min(per_run, key=lambda run: sum(run.values()))
    return [(layer, quickest.get(layer, 0.0)) for layer in layers]


def in_process(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def probed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """``command`` run once from a probe process: its wall time in seconds, the peak resident
    memory of the largest process in its tree in MB (Linux), and its exit status."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    out = subprocess.run([PY, "-c", code, *command], capture_output=True, text=True, env=env, check=True).stdout
    seconds, rss, status = out.split()
    return float(seconds), int(rss) / 1024, int(status)


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of the largest process in ``command``'s tree, in MB (Linux)."""
    return probed(command)[1]


def big_file(folder: Path, numbers: int = 1_000_000, columns: int = 100) -> Path:
    """The example plus one sheet of ``numbers`` numbers outside every defined name (issue 15's
    7.5 MB file): what the reader and the annotated copy must handle within their bounds."""
    import zipfile

    target = folder / "stor.xlsx"
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                # the prefix declared on the element itself: the example declares it on each <sheet>, not the root
                data = data.replace(b"</sheets>", b'<sheet xmlns:r="http://schemas.openxmlformats.org/'
                                                  b'officeDocument/2006/relationships" name="Tal" sheetId="99" '
                                                  b'r:id="rIdTal"/></sheets>')
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


def start(add, runs: int) -> None:
    """3: the whole command against a process that only loads the file with openpyxl; the median
    and, since a short process suffers most when other processes share the cores, the fastest run."""
    for fastest in (False, True):
        c, loaded = paired(
            runs,
            lambda: wall(START),
            lambda: wall([PY, "-c", f"import openpyxl; openpyxl.load_workbook({str(EXAMPLE)!r})"]),
            fastest,
        )
        add("3 dsi-xl validate --format json / proces med openpyxl" + (", hurtigste kørsel" if fastest else ""),
            c, loaded, "ms", "<= 0.5")


def big(rows: list, add, runs: int) -> None:
    """7 + 8: validating and annotating the 1,000,000-number file, time and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = big_file(Path(folder))
        validate = [*CLI, "validate", "--format", "json", str(path)]
        status = json.loads(subprocess.run(validate, capture_output=True, check=False).stdout)[0]["status"]
        if status == "ulæselig":  # a broken file is refused at once, and would be timed as if it were read
            raise SystemExit(f"the 1,000,000-number file is unreadable to dsi-xl ({status}); fix big_file")
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
    parser.add_argument("--only-start", action="store_true", help="only 3 and the import time of each layer")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []
    compile_package()

    def add(what: str, value: float, base: float, unit: str, target: str) -> None:
        ratio = value / base if base else float("nan")
        rows.append((what, f"{value * 1000:.0f} {unit}" if unit == "ms" else f"{value:.1f} {unit}",
                     f"{base * 1000:.0f} {unit}" if unit == "ms" else f"{base:.1f} {unit}", f"{ratio:.2f}", target))

    if args.only_big:
        big(rows, add, args.runs)
        _print(rows, args)
        return
    if args.only_start:
        start(add, args.runs)
        _print(rows, args)
        _print_layers(args.runs)
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

    start(add, args.runs)

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
    _print_layers(args.runs)


def _print_layers(runs: int) -> None:
    layers = import_layers(START, runs)
    print(f"\nimport i `{' '.join(['dsi-xl', *START[len(CLI):-1]])} eksempel-2027.xlsx` (python -X importtime, "
          f"den hurtigste af {runs} kørsler)\n")
    print("| lag | import |")
    print("|---|---:|")
    for layer, ms in layers:
        print(f"| {layer} | {ms:.1f} ms |")
    print(f"| i alt | {sum(ms for _, ms in layers):.1f} ms |")


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
