"""Benchmark: the portfolio alone over a run of many files, the validation excluded.

Run from the repository root:  python3 bench/portfolio.py [--files 1000] [--runs 5]

Builds ``bench/inbox.py``'s inbox of N files, validates it once as ``dsi-xl portfolio`` does
(:func:`dsi_xl.batch.validate_files`, cross-file findings included), then times, in this process,
what the portfolio adds on top: :func:`dsi_xl.portfolio.of` over the results and each of its
formats (text, JSON, CSV, xlsx), median of ``--runs``, with the peak memory each allocates
(tracemalloc). ``bench/scale.py`` times whole commands; this separates the portfolio's own cost
from the validation's, which a shared machine's load blurs in a whole command.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import in_process  # noqa: E402 - bench.py beside this script: median of N timings
from inbox import many  # noqa: E402  (the generator beside this script)

AS_OF = date(2030, 12, 31)


def measure(step, runs: int) -> tuple[float, float]:
    """(median seconds, peak MB allocated) of ``step()``."""
    seconds = in_process(step, runs)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, terms = many(Path(tmp), args.files)
        os.environ["DSI_XL_AGREEMENTS"] = str(terms)
        from dsi_xl import batch, portfolio
        from dsi_xl.report.formats import PORTFOLIO_FORMATS

        start = time.perf_counter()
        results = batch.validate_files(paths, as_of=AS_OF)
        validated = time.perf_counter() - start
        data = portfolio.of(results)
        posts = sum(len(a.posts) for a in data.accounts)
        rows = [("portfolio.of (the core)", *measure(lambda: portfolio.of(results), args.runs))]
        for name, fmt in PORTFOLIO_FORMATS.items():
            rows.append((f"--format {name}", *measure(lambda fmt=fmt: fmt.render(results), args.runs)))
    print(f"{args.files} filer valideret på {validated:.1f} s; porteføljen: {len(data.accounts)} tilsagn, "
          f"{posts} poster".replace(".", ","))
    print("| trin | tid | største allokering |\n|---|---:|---:|")
    for step, seconds, peak in rows:
        print(f"| {step} | {seconds * 1000:.0f} ms | {peak:.0f} MB |".replace(".", ","))
    print(f"Maskine: {platform.processor() or platform.machine()}, {os.cpu_count()} kerner, "
          f"Python {platform.python_version()}; {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
