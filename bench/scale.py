"""Benchmark: DSI's whole run over an inbox of many files, at 100 and at 1,000 files.

Run from the repository root:  python3 bench/scale.py [--small 100] [--large 1000] [--runs 1]

The inbox is generated from the shipped example: ten municipalities, each with several
agreements (synthetic copies of randers-2026 with their own id and recipient, found through
``DSI_XL_AGREEMENTS``), accounts for four years each (2026-2029: the example's figures with the
year changed, so later years get findings, as real early files do), and about one file in
twenty sent twice (a byte copy). Each run is the command DSI runs, through the interpreter that
runs this script: ``python -m dsi_xl validate --format xlsx --out ... FILES``, with the xlsx
report (overview, portfolio, findings) and the cross-file findings. Prints time per file, peak
memory of the largest process, and the ratio of the large run to ten times the small one.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from stdnum.dk import cvr

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbook_templates" / "eksempel-2027.xlsx"
AGREEMENT = ROOT / "src" / "dsi_xl" / "agreement" / "data" / "randers-2026.toml"
MUNICIPALITIES = ["Aarhus", "Odense", "Aalborg", "Esbjerg", "Vejle", "Horsens", "Kolding", "Silkeborg",
                  "Herning", "Viborg"]
YEARS = (2026, 2027, 2028, 2029)
COPY_EVERY = 20  # one file in twenty is sent twice


def _cvr(n: int) -> str:
    """The ``n``-th valid CVR number from 30000000 on (stdnum checks the modulus-11 digit)."""
    found = [c for c in (str(30000000 + i) for i in range(2000)) if cvr.is_valid(c)]
    return found[n * 7]


def agreements(folder: Path, count: int) -> list[tuple[str, str, str]]:
    """``count`` agreement files in ``folder``: (id, municipality, CVR), cycling the municipalities."""
    text = AGREEMENT.read_text(encoding="utf-8")
    made = []
    for n in range(count):
        town = MUNICIPALITIES[n % len(MUNICIPALITIES)]
        agreement_id, name, number = f"bench-{n:03d}", f"{town} Kommune", _cvr(n % len(MUNICIPALITIES))
        body = (text.replace('id = "randers-2026"', f'id = "{agreement_id}"')
                .replace('name = "Randers Kommune"', f'name = "{name}"').replace('cvr = "29189668"', f'cvr = "{number}"'))
        (folder / f"{agreement_id}.toml").write_text(body, encoding="utf-8")
        made.append((agreement_id, name, number))
    return made


def submission(source: dict[str, bytes], target: Path, agreement_id: str, name: str, number: str, year: int) -> None:
    """The example as ``name``'s accounts for ``year`` under ``agreement_id``: the identifying
    strings replaced in every sheet, the accounts year in Stamdata."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for member, data in source.items():
            if member.startswith("xl/worksheets/"):
                data = (data.replace(b"randers-2026", agreement_id.encode())
                        .replace(b"Randers Kommune", name.encode()).replace(b"29189668", number.encode()))
                if member.endswith("sheet2.xml"):  # Stamdata: the accounts year
                    data = data.replace(b"<v>2027</v>", f"<v>{year}</v>".encode(), 1)
            out.writestr(member, data)


def inbox(folder: Path, files: int) -> tuple[list[str], Path]:
    """``files`` submissions (a multiple of four years, plus the copies) and the agreements' folder."""
    terms = folder / "tilsagn"
    terms.mkdir()
    copies = files // COPY_EVERY
    made = agreements(terms, (files - copies) // len(YEARS))
    with zipfile.ZipFile(EXAMPLE) as zf:
        source = {m: zf.read(m) for m in zf.namelist()}
    paths = []
    for agreement_id, name, number in made:
        for year in YEARS:
            target = folder / name.split()[0].lower() / f"{agreement_id}-{year}.xlsx"
            target.parent.mkdir(exist_ok=True)
            submission(source, target, agreement_id, name, number, year)
            paths.append(str(target))
    originals = len(paths)
    for n in range(files - originals):  # the copies (and any rest): the same bytes under another folder
        original = Path(paths[n * COPY_EVERY % originals])
        target = folder / f"igen-{n // originals}" / original.parent.name / original.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(original.read_bytes())
        paths.append(str(target))
    return paths, terms


def run(paths: list[str], terms: Path, out: Path) -> tuple[float, float]:
    """Wall time in seconds and the peak memory of the largest process in MB of one DSI run."""
    env = {**os.environ, "DSI_XL_AGREEMENTS": str(terms)}
    command = [sys.executable, "-m", "dsi_xl", "validate", "--format", "xlsx", "--out", str(out), "--as-of",
               "2030-12-31", *paths]
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter();"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env, check=True)
    seconds, rss = done.stdout.split()
    if not out.exists():
        raise SystemExit(f"the run wrote no report: {' '.join(command[:8])} ...")
    return float(seconds), int(rss) / 1024


def check(out: Path, files: int) -> str:
    """What the report holds, so a broken run cannot pass as a fast one."""
    import openpyxl

    book = openpyxl.load_workbook(out, read_only=True)
    rows = sum(1 for _ in book["Oversigt"].iter_rows(min_row=2)) - 1
    portfolio = 0
    for (value,) in book["Portefølje"].iter_rows(min_row=3, max_col=1, values_only=True):
        if value is None:
            break
        portfolio += 1
    findings = sum(1 for _ in book["Fund"].iter_rows(min_row=2))
    history = sum(1 for r in book["Fund"].iter_rows(min_row=2, min_col=4, max_col=4, values_only=True)
                  if str(r[0]).startswith("HISTORIK-"))
    assert rows == files, (rows, files)
    return f"{rows} rækker i oversigten, {portfolio} i porteføljen, {findings} fund, heraf {history} HISTORIK-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1, help="runs of each size; the median is shown")
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (args.small, args.large):
            folder = Path(tmp) / str(size)
            folder.mkdir()
            paths, terms = inbox(folder, size)
            times, peaks = [], []
            for n in range(args.runs):
                out = folder / f"rapport-{n}.xlsx"
                seconds, peak = run(paths, terms, out)
                times.append(seconds)
                peaks.append(peak)
            figures[size] = (statistics.median(times), max(peaks), check(out, len(paths)))
    small, large = figures[args.small], figures[args.large]
    ratio = large[0] / (small[0] * args.large / args.small)
    print(f"| filer | i alt | pr. fil | største proces | indhold |\n|---:|---:|---:|---:|---|")
    for size, (seconds, peak, content) in figures.items():
        print(f"| {size:,} | {seconds:.1f} s | {seconds / size * 1000:.0f} ms | {peak:.0f} MB |".replace(",", "X")
              .replace(".", ",").replace("X", ".") + f" {content} |")
    print(f"\n{args.large} filer / ({args.large // args.small} x {args.small} filer): {ratio:.2f} (mål: <= 1,1)"
          .replace(".", ","))
    print(f"Maskine: {platform.processor() or platform.machine()}, {os.cpu_count()} kerner, Python {platform.python_version()}; "
          f"{time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
