"""Benchmark: how long DSI waits for an agreement data file to be loaded and checked.

Run from the repository root:  python3 bench/agreement.py [--runs N] [--files 100]

In the process (median of N runs, nothing cached): reading and checking Randers' file, the same
with 20 amendments (each checked, and the terms checked after each), and the terms in force on a
day. As a whole command (median of N runs): ``dsi-xl agreement check`` on one file and on a
folder of many, against ``dsi-xl --version`` (the command's own start). Prints a Danish table for
the README's "Hastighed". Not part of the test suite: speed is measured here, never asserted.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RANDERS = ROOT / "src" / "dsi_xl" / "agreement" / "data" / "randers-2026.toml"
CLI = [sys.executable, "-m", "dsi_xl"]


def amendments(count: int) -> str:
    """``count`` amendments as DSI writes them, alternating the kinds of terms, one a fortnight."""
    kinds = [("goals.2.baseline", "14.0"), ("installments.3.amount", "600000"), ("budget.2.2028", "640000"),
             ("accrual.2027", "150000"), ("repayment_rates.2.payment_due", "2029-08-31"), ("caps.total", "2900000")]
    text = []
    for n in range(1, count + 1):
        term, value = kinds[(n - 1) % len(kinds)]
        day = date(2026, 4, 1) + timedelta(days=14 * n)
        text.append(f'\n[[amendments]]\nnumber = {n}\ndate = {day}\nclause = "4.2"\ntext = "Tillæg {n}."\n'
                    f'changes = [ {{ term = "{term}", value = {value} }} ]\n')
    return "".join(text)


sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import in_process as median  # noqa: E402 - bench.py beside this script: median of N timings
from bench import wall  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dsi_xl.agreement import in_force, load_file

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = folder / "randers-2026.toml"
        plain.write_text(RANDERS.read_text(encoding="utf-8"), encoding="utf-8")
        many = folder / "many" / "randers-2026.toml"
        many.parent.mkdir()
        many.write_text(RANDERS.read_text(encoding="utf-8") + amendments(20), encoding="utf-8")
        inbox = folder / "inbox"
        inbox.mkdir()
        text = RANDERS.read_text(encoding="utf-8") + amendments(2)
        for n in range(args.files):
            (inbox / f"tilsagn-{n:03}.toml").write_text(text.replace('id = "randers-2026"', f'id = "tilsagn-{n:03}"'),
                                                        encoding="utf-8")

        rows.append(("indlæs og tjek Randers' fil (i processen)", median(lambda: load_file(plain), args.runs)))
        rows.append(("indlæs og tjek med 20 tillæg (i processen)", median(lambda: load_file(many), args.runs)))
        twenty = load_file(many)
        # a fresh copy has nothing cached: the first time the terms of a day are asked for
        rows.append(("vilkårene på en dag, 20 tillæg (første gang)",
                     median(lambda: in_force(replace(twenty), date(2027, 6, 1)), args.runs)))
        rows.append(("vilkårene på en dag (gemt, senere kald)", median(lambda: in_force(twenty, date(2027, 6, 1)),
                                                                       args.runs)))
        start = median(lambda: wall([*CLI, "--version"]), args.runs)
        rows.append(("dsi-xl --version (kommandoens start)", start))
        rows.append(("dsi-xl agreement check, én fil", median(lambda: wall([*CLI, "agreement", "check", str(plain)]),
                                                               args.runs)))
        rows.append((f"dsi-xl agreement check, mappe med {args.files} filer (2 tillæg hver)",
                     median(lambda: wall([*CLI, "agreement", "check", str(inbox)]), max(3, args.runs // 2))))
    print(f"Kørt {date.today():%d.%m.%Y} på {platform.system()} {platform.machine()}, Python "
          f"{platform.python_version()}; median af {args.runs} kørsler.\n")
    print("| måling | tid |\n|---|---:|")
    for what, seconds in rows:
        shown = (f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1000:.1f} ms" if seconds < 1
                 else f"{seconds:.2f} s")
        print(f"| {what} | {shown.replace('.', ',')} |")


if __name__ == "__main__":
    main()
