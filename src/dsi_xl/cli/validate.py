"""``dsi-xl validate FILE|FOLDER...``: the headless validator, for DSI and for the accountant.

This module reads the options and calls one place per job: the usage checks below, the files
(:func:`dsi_xl.batch.workbooks`), the copies' paths (:mod:`dsi_xl.report.copy_paths`), the
validation with progress (:mod:`dsi_xl.cli.progress`), the output (:mod:`dsi_xl.report.formats`)
and the copies (:func:`dsi_xl.report.annotate.annotate_all`).

Exit status: 0 no ``fejl``; 1 at least one ``fejl``; 2 a file that could not be read as a
template (``ulæselig``), or bad usage (a path that does not exist, an unknown format, ...).
When both 1 and 2 apply, 2 wins: a file that could not be checked at all is the worse news.
Bad usage gives one Danish sentence on stderr and no traceback.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from dsi_xl.format import parse_day
from dsi_xl.report.formats import FORMATS, TABLES, Format
from dsi_xl.report.neutral import line as plain_line

MAX_JOBS = 61  # ProcessPoolExecutor's limit on Windows; batch starts no more workers than cores or files


def say(text: str) -> None:
    """One line on standard error; a file name in it shows no control character (neutral.line)."""
    click.echo(plain_line(text), err=True)


class Usage(Exception):
    """Bad usage: one Danish sentence, exit status 2."""


@dataclass(frozen=True)
class Plan:
    """What a run will do, once every usage check has passed."""

    files: tuple[str, ...]
    format: Format
    out: str | None
    as_of: date | None
    jobs: int | None
    copies: dict[str, Path]


def exit_status(results) -> int:
    if any(r.unreadable for r in results):
        return 2
    if any(r.status == "fejl" for r in results):
        return 1
    return 0


EXAMPLES = {"validate": "dsi-xl validate regnskab.xlsx", "portfolio": "dsi-xl portfolio indkomne"}


def plan(files: tuple[str, ...], fmt: str, out: str | None, annotate: str | None, as_of: str | None,
         jobs: str | None, command: str = "validate") -> Plan:
    """Everything that can be refused before a file is validated (for ``command``, whose formats
    are :data:`dsi_xl.report.formats.TABLES` ``[command]``); :class:`Usage` with one sentence."""
    from dsi_xl.batch import Skipped, workbooks
    from dsi_xl.report import copy_paths

    formats = TABLES[command]
    if not files:
        raise Usage(f"Angiv mindst én fil eller mappe, fx: {EXAMPLES[command]}")
    try:
        files = tuple(workbooks(files, skip=annotate))
    except ValueError as error:
        raise Usage(str(error)) from None
    if fmt not in formats:
        raise Usage(f"Ukendt format \"{fmt}\"; vælg {', '.join(list(formats)[:-1])} eller {list(formats)[-1]}.")
    output = formats[fmt]
    readable = tuple(name for name in files if not isinstance(name, Skipped))  # the others are reported ulæselig
    for name in readable:
        if not os.path.exists(name):
            raise Usage(f"Filen {name} findes ikke.")
    if not output.terminal and not out:
        raise Usage(f"--format {fmt} skriver en projektmappe og kræver --out FIL{output.suffixes[0]}.")
    if out and not output.fits(out):
        raise Usage(f"--out {out} passer ikke til --format {fmt}; giv filen endelsen {output.suffixes[0]}.")
    if out and (os.path.isdir(out) or not os.path.isdir(os.path.dirname(os.path.abspath(out)))):
        raise Usage(f"--out {out} skal være en fil i en mappe, der findes.")
    if jobs is not None and not (jobs.isascii() and jobs.isdigit() and len(jobs) <= 6 and int(jobs) >= 1):
        raise Usage(f"--jobs skal være et helt tal på 1 eller derover, ikke \"{jobs}\".")
    day = None
    if as_of is not None:
        day = parse_day(as_of)
        if day is None:
            raise Usage(f"--as-of skal være en dato som 30.06.2028 (eller 2028-06-30), ikke \"{as_of}\".")
    try:
        copy_paths.check_inputs(readable)
        copies = copy_paths.copy_targets(readable, annotate) if annotate else {}
        copy_paths.check_outputs(readable, out, copies)
        if annotate:
            copy_paths.make_folder(annotate)
    except ValueError as error:
        raise Usage(str(error)) from None
    return Plan(files, output, out, day, min(int(jobs), MAX_JOBS) if jobs else None, copies)


def _output(results, run: Plan, built: dict) -> None:
    if run.out:
        run.format.write(results, run.out, **built)
        return
    data = run.format.render(results, terminal=sys.stdout.isatty(), **built)
    click.echo(data.decode("utf-8"), nl=False)


class Command(click.Command):
    """click's own usage errors (an unknown option, a missing value) as one line, exit status 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            name = f"dsi-xl {ctx.info_name}"
            click.echo(f"Forkert brug af {name} ({error.format_message()}); se {name} --help.", err=True)
            ctx.exit(2)


def output(results, run: Plan, **built) -> None:
    """The run's output through its format: to ``--out`` (through a temporary file), else to
    standard output; a report that cannot be written is one sentence and exit status 2.
    ``built``: what the command has built for its formats already (:mod:`dsi_xl.report.formats`)."""
    try:
        _output(results, run, built)
    except BrokenPipeError:
        raise  # the reader went away: the command line's quiet exit (141)
    except OSError as error:
        click.echo(f"Rapporten kunne ikke skrives: {error.strerror or error}.", err=True)
        sys.exit(2)


def planned(files, fmt, out, annotate, as_of, jobs, command: str = "validate") -> Plan:
    """:func:`plan`, or one sentence on standard error and exit status 2."""
    try:
        return plan(files, fmt, out, annotate, as_of, jobs, command)
    except Usage as usage:
        click.echo(str(usage), err=True)
        sys.exit(2)


@click.command(cls=Command)
@click.argument("files", nargs=-1, metavar="FIL|MAPPE...")
@click.option("--format", "fmt", default="text", metavar="|".join(FORMATS),
              help="Uddata: tabeller (text), JSON (json), én række pr. fil (csv, til Excel og pandas) eller en "
                   "rapport-projektmappe (xlsx, kræver --out).")
@click.option("--out", metavar="FIL", default=None, help="Skriv rapporten til FIL i stedet for skærmen.")
@click.option("--annotate", metavar="MAPPE", default=None,
              help="Skriv en kopi af hver fil med arket Valideringsrapport i MAPPE (inputfilen ændres aldrig).")
@click.option("--as-of", "as_of", metavar="DD.MM.ÅÅÅÅ", default=None,
              help="Valider, som om dagen i dag var denne dato (frister og datoer); også ÅÅÅÅ-MM-DD.")
@click.option("--jobs", default=None, metavar="N",
              help="Antal filer, der valideres samtidig (standard: antal kerner).")
def validate(files, fmt, out, annotate, as_of, jobs) -> None:
    """Valider udfyldte regnskabsskabeloner; en mappe giver alle .xlsx- og .xlsm-filer i den og dens
    undermapper. Exitstatus: 0 ingen fejl, 1 fejl, 2 ulæselig fil eller forkert brug."""
    from dsi_xl.cli.progress import validate_files

    run = planned(files, fmt, out, annotate, as_of, jobs)
    results = validate_files(list(run.files), run.as_of, run.jobs)
    status = exit_status(results)
    output(results, run)
    if run.copies:
        from dsi_xl.report.annotate import annotate_all

        for line in annotate_all(results, run.copies):
            say(line)
            status = 2
    sys.exit(status)
