"""A progress bar on standard error while many files are validated, only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date

from dsi_xl.validation.result import Result


def validate_files(files: Sequence[str], as_of: date | None, jobs: int | None) -> list[Result]:
    """:func:`dsi_xl.batch.validate_files`, with a bar on a terminal and never into a redirected log."""
    from dsi_xl.batch import validate_files

    if not sys.stderr.isatty():
        return validate_files(files, as_of=as_of, jobs=jobs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("Validerer"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=console.is_terminal) as progress:
        task = progress.add_task("filer", total=len(files))
        return validate_files(files, as_of=as_of, jobs=jobs, done=lambda _r: progress.advance(task))
