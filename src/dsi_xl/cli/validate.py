"""``dsi-xl validate FILE|FOLDER...``: the headless validator, for DSI and for the accountant.

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


def expand(files: tuple[str, ...], annotate: str | None = None) -> tuple[str, ...]:
    """Each folder among ``files`` as the workbooks under it (:func:`dsi_xl.batch.workbooks`)."""
    from dsi_xl.batch import workbooks

    try:
        return tuple(workbooks(files, skip=annotate))
    except ValueError as error:
        raise Usage(str(error)) from None


MAX_JOBS = 61  # ProcessPoolExecutor's limit on Windows; more workers than files are never started


def _check(files: tuple[str, ...], fmt: str, out: str | None, annotate: str | None, as_of: str | None,
           jobs: str | None) -> tuple[date | None, dict[str, Path]]:
    """Everything that can be refused before a file is validated; the annotated copies' paths."""
    if not files:
        raise Usage("Angiv mindst én fil at validere, fx: dsi-xl validate regnskab.xlsx")
    if fmt not in FORMATS:
        raise Usage(f"Ukendt format \"{fmt}\"; vælg text, json, csv eller xlsx.")
    for name in files:
        if not os.path.exists(name):
            raise Usage(f"Filen {name} findes ikke.")
    if fmt == "xlsx" and not out:
        raise Usage("--format xlsx skriver en projektmappe og kræver --out FIL.xlsx.")
    if out and not _fits(out, fmt):
        raise Usage(f"--out {out} passer ikke til --format {fmt}; giv filen endelsen {SUFFIXES[fmt][0]}.")
    if out and (os.path.isdir(out) or not os.path.isdir(os.path.dirname(os.path.abspath(out)))):
        raise Usage(f"--out {out} skal være en fil i en mappe, der findes.")
    if jobs is not None and not (jobs.isascii() and jobs.isdigit() and len(jobs) <= 6 and int(jobs) >= 1):
        raise Usage(f"--jobs skal være et helt tal på 1 eller derover, ikke \"{jobs}\".")
    day = None
    if as_of is not None:
        day = parse_day(as_of)
        if day is None:
            raise Usage(f"--as-of skal være en dato som 30.06.2028 (eller 2028-06-30), ikke \"{as_of}\".")
    _check_inputs(files)
    copies = copy_targets(files, annotate) if annotate else {}
    _check_outputs(files, out, copies)
    if annotate:
        _make_folder(annotate)
    return day, copies


def _same(a: str | Path, b: str | Path) -> bool:
    from dsi_xl.report.annotate import same_file

    return same_file(Path(a), Path(b))


def _check_inputs(files: tuple[str, ...]) -> None:
    """Only a true collision is refused: the same file given twice (by a link, too)."""
    seen: dict[tuple[int, int], str] = {}
    for name in files:
        info = os.stat(name)
        earlier = seen.get((info.st_dev, info.st_ino))
        if earlier is not None:
            raise Usage(f"{name} og {earlier} er den samme fil; angiv hver fil én gang.")
        seen[(info.st_dev, info.st_ino)] = name


def copy_targets(files: tuple[str, ...], folder: str) -> dict[str, Path]:
    """Each input's annotated copy: ``folder/name`` when the inputs share one folder, otherwise
    ``folder/`` plus the input's path relative to the inputs' common folder."""
    where = {name: os.path.dirname(os.path.abspath(name)) for name in files}
    if len(set(where.values())) == 1:
        return {name: Path(folder) / Path(name).name for name in files}
    common = os.path.commonpath(list(where.values()))
    return {name: Path(folder) / os.path.relpath(os.path.abspath(name), common) for name in files}


def _check_outputs(files: tuple[str, ...], out: str | None, copies: dict[str, Path]) -> None:
    """No output is an input, and no two outputs are the same file (links included)."""
    outputs: list[tuple[str, Path, str | None]] = [(f"--out {out}", Path(out), None)] if out else []
    outputs += [(f"kopien af {name}", target, name) for name, target in copies.items()]
    for _label, target, source in outputs:
        for name in files:
            if not _same(name, target):
                continue
            if source is None:
                raise Usage(f"--out {out} er en af inputfilerne; en inputfil overskrives aldrig.")
            raise Usage(f"Kopien af {source} skulle skrives til {target}, så inputfilen {name} ville blive "
                        "overskrevet; vælg en anden mappe til --annotate.")
    for i, (label, target, _) in enumerate(outputs):
        for other_label, other, _ in outputs[:i]:
            if _same(other, target) or os.path.normcase(os.path.abspath(other)) == os.path.normcase(
                os.path.abspath(target)
            ):
                raise Usage(f"{other_label} og {label} ville begge blive skrevet til {target}; vælg en anden fil eller "
                            "mappe.")


def _make_folder(folder: str) -> None:
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise Usage(f"--annotate {folder} skal være en mappe.")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise Usage(f"--annotate {folder}: mappen kan ikke oprettes ({error.strerror or 'ukendt fejl'}).") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Usage(f"--annotate {folder}: der kan ikke skrives i mappen.")


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
        text_report.render(results, _Console())


def _annotate(files: list[str], results, copies: dict[str, Path]) -> int:
    from dsi_xl.errors import DSIError
    from dsi_xl.report.annotate import annotate
    from dsi_xl.validation.engine import not_a_template

    when = datetime.now()
    failed = 0
    for name, result in zip(files, results):
        if result.unreadable and not not_a_template(result):  # a workbook that is no template is annotated
            click.echo(f"{name}: ulæselig, ingen annoteret kopi.", err=True)
            continue
        target = copies[name]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            annotate(name, result, when=when, target=target)
        except OSError as error:
            failed += 1
            click.echo(
                f"{name}: den annoterede kopi {target} kunne ikke skrives ({error.strerror or error}).", err=True
            )
        except DSIError as error:  # the copy refused, or the file unreadable as a package
            failed += 1
            click.echo(f"{name}: {error}", err=True)
        except Exception as error:  # noqa: BLE001 - one file's copy never stops the others
            failed += 1
            click.echo(f"{name}: den annoterede kopi kunne ikke skrives ({error}).", err=True)
    return failed


def _console_class():
    from rich.console import Console

    class PipeConsole(Console):
        """rich ends the process with status 1 on a closed pipe, which callers read as "fejl";
        the command line turns a BrokenPipeError into its own status (141) instead."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return PipeConsole


def _Console(*args, **kwargs):
    return _console_class()(*args, **kwargs)


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
@click.argument("files", nargs=-1, metavar="FIL|MAPPE...")
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
    """Valider udfyldte regnskabsskabeloner; en mappe giver alle .xlsx- og .xlsm-filer i den og dens
    undermapper. Exitstatus: 0 ingen fejl, 1 fejl, 2 ulæselig fil eller forkert brug."""
    try:
        files = expand(files, annotate)
        day, copies = _check(files, fmt, out, annotate, as_of, jobs)
    except Usage as usage:
        click.echo(str(usage), err=True)
        sys.exit(2)
    names = list(files)
    results = _validate(names, day, min(int(jobs), MAX_JOBS) if jobs else None)
    status = exit_status(results)
    try:
        _output(results, fmt, out)
    except BrokenPipeError:
        raise  # the reader went away: the command line's quiet exit (141)
    except OSError as error:
        click.echo(f"Rapporten kunne ikke skrives: {error.strerror or error}.", err=True)
        sys.exit(2)
    if annotate and _annotate(names, results, copies):
        status = 2
    sys.exit(status)
