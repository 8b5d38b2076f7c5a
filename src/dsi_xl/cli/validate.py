"""``dsi-xl validate FILE...``: the headless validator, for DSI and for the accountant.

Exit status: 0 no ``fejl``; 1 at least one ``fejl``; 2 a file that could not be read as a
template (``ulæselig``), or bad usage (a path that does not exist, an unknown format, ...).
When both 1 and 2 apply, 2 wins: a file that could not be checked at all is the worse news.
Bad usage gives one Danish sentence on stderr and no traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import click

from dsi_xl.format import parse_day

FORMATS = ("text", "json", "csv", "xlsx")


SUFFIXES = {"text": (".txt", ".log", ""), "json": (".json",), "csv": (".csv",), "xlsx": (".xlsx",)}


def _fits(out: str, fmt: str) -> bool:
    """An output's extension matches its format: an xlsx report is never written as rapport.txt."""
    return Path(out).suffix.lower() in SUFFIXES[fmt]


class Usage(Exception):
    """Bad usage: one Danish sentence, exit status 2."""


def exit_status(results) -> int:
    if any(r.unreadable for r in results):
        return 2
    if any(r.status == "fejl" for r in results):
        return 1
    return 0


def _check(files: tuple[str, ...], fmt: str, out: str | None, annotate: str | None, as_of: str | None,
           jobs: str | None) -> date | None:
    if not files:
        raise Usage("Angiv mindst én fil at validere, fx: dsi-xl validate regnskab.xlsx")
    if fmt not in FORMATS:
        raise Usage(f"Ukendt format \"{fmt}\"; vælg text, json, csv eller xlsx.")
    for name in files:
        if not os.path.exists(name):
            raise Usage(f"Filen {name} findes ikke.")
        if os.path.isdir(name):
            raise Usage(f"{name} er en mappe, ikke en fil.")
    if fmt == "xlsx" and not out:
        raise Usage("--format xlsx skriver en projektmappe og kræver --out FIL.xlsx.")
    if out and not _fits(out, fmt):
        raise Usage(f"--out {out} passer ikke til --format {fmt}; giv filen endelsen {SUFFIXES[fmt][0]}.")
    if out and (os.path.isdir(out) or not os.path.isdir(os.path.dirname(os.path.abspath(out)))):
        raise Usage(f"--out {out} skal være en fil i en mappe, der findes.")
    if out and any(_same(out, name) for name in files):
        raise Usage(f"--out {out} er en af inputfilerne; en inputfil overskrives aldrig.")
    if jobs is not None and (not jobs.isdigit() or int(jobs) < 1):
        raise Usage(f"--jobs skal være et helt tal på 1 eller derover, ikke \"{jobs}\".")
    if annotate:
        _check_annotate(files, annotate)
    if as_of is None:
        return None
    day = parse_day(as_of)
    if day is None:
        raise Usage(f"--as-of skal være en dato som 30.06.2028 (eller 2028-06-30), ikke \"{as_of}\".")
    return day


def _same(a: str, b: str) -> bool:
    from dsi_xl.report.annotate import same_file

    return same_file(Path(b), Path(a))


def _check_annotate(files: tuple[str, ...], folder: str) -> None:
    from dsi_xl.report.annotate import same_file, target_for

    if os.path.exists(folder) and not os.path.isdir(folder):
        raise Usage(f"--annotate {folder} skal være en mappe.")
    seen: dict[str, str] = {}
    for name in files:
        target = target_for(name, folder)
        if same_file(Path(name), target):
            raise Usage(f"--annotate {folder} er mappen, hvor {name} ligger; inputfilen ville blive overskrevet. "
                        "Vælg en anden mappe.")
        if target.name in seen:
            raise Usage(f"{name} og {seen[target.name]} har samme navn og ville give samme kopi i {folder}.")
        seen[target.name] = name


def _validate(files: list[str], as_of: date | None, jobs: int | None):
    from dsi_xl.batch import validate_files

    if not sys.stderr.isatty():  # progress only on a terminal, never into a redirected log
        return validate_files(files, as_of=as_of, jobs=jobs)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("Validerer"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=console.is_terminal) as progress:
        task = progress.add_task("filer", total=len(files))
        return validate_files(files, as_of=as_of, jobs=jobs, done=lambda _r: progress.advance(task))


def _output(results, fmt: str, out: str | None) -> None:
    if fmt == "xlsx":
        from dsi_xl.report import xlsx

        xlsx.write(results, out)
        return
    if fmt in ("json", "csv"):
        from dsi_xl.report import csvout, jsonout

        text = (jsonout if fmt == "json" else csvout).render(results)
        if out:
            from dsi_xl.atomic import write_text

            write_text(out, text)
        else:
            click.echo(text, nl=False)
        return
    from rich.console import Console

    from dsi_xl.report import text as text_report

    if out:
        import io

        buffer = io.StringIO()
        text_report.render(results, Console(file=buffer, width=120, no_color=True, force_terminal=False))
        from dsi_xl.atomic import write_text

        write_text(out, buffer.getvalue())
    else:
        text_report.render(results, Console())


def _annotate(files: list[str], results, folder: str) -> int:
    from dsi_xl.report.annotate import annotate

    os.makedirs(folder, exist_ok=True)
    when = datetime.now()
    failed = 0
    for name, result in zip(files, results):
        if result.unreadable:
            click.echo(f"{name}: ulæselig, ingen annoteret kopi.", err=True)
            continue
        try:
            annotate(name, result, folder, when=when)
        except Exception as error:  # noqa: BLE001 - one file's copy never stops the others
            failed += 1
            click.echo(f"{name}: den annoterede kopi kunne ikke skrives ({type(error).__name__}: {error}).", err=True)
    return failed


class _Command(click.Command):
    """click's own usage errors (an unknown option, a missing value) as one line, exit status 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            click.echo(f"Forkert brug af dsi-xl validate ({error.format_message()}); se dsi-xl validate --help.",
                       err=True)
            ctx.exit(2)


@click.command(cls=_Command)
@click.argument("files", nargs=-1, metavar="FIL...")
@click.option("--format", "fmt", default="text", metavar="text|json|csv|xlsx",
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
    """Valider udfyldte regnskabsskabeloner. Exitstatus: 0 ingen fejl, 1 fejl, 2 ulæselig fil eller forkert brug."""
    try:
        day = _check(files, fmt, out, annotate, as_of, jobs)
    except Usage as usage:
        click.echo(str(usage), err=True)
        sys.exit(2)
    names = list(files)
    results = _validate(names, day, int(jobs) if jobs else None)
    status = exit_status(results)
    try:
        _output(results, fmt, out)
    except OSError as error:
        click.echo(f"Rapporten kunne ikke skrives: {error.strerror or error}.", err=True)
        sys.exit(2)
    if annotate and _annotate(names, results, annotate):
        status = 2
    sys.exit(status)
