"""``dsi-xl agreement check FIL...``: check agreement data files as DSI writes them.

Every problem of every file is one Danish sentence that names the field or the amendment; a note
says what is no problem but worth knowing (an amendment that leaves the installments and the
budget summing to different totals, with both sums). Exit status 0 when every file is sound, 2
when one is not (or cannot be read).
"""

from __future__ import annotations

from pathlib import Path

import click


@click.group(options_metavar="[TILVALG]", subcommand_metavar="KOMMANDO [ARGUMENTER]...")
def agreement() -> None:
    """Tilsagnenes datafiler: tjek dem, før skabelonen bygges."""


def _files(given: tuple[Path, ...]) -> list[Path]:
    """The files named, a folder's ``*.toml`` files in name order, or every agreement dsi-xl finds."""
    from dsi_xl.agreement import available, path_of

    if not given:
        return [p for p in (path_of(agreement_id) for agreement_id in available()) if p is not None]
    found: list[Path] = []
    for path in given:
        found += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return found


@agreement.command("check", options_metavar="[TILVALG]")
@click.argument("files", nargs=-1, metavar="[FIL|MAPPE]...", type=click.Path(path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Tjek tilsagnsfiler (.toml): én sætning pr. problem, der nævner feltet eller tillægget.

    Uden FIL tjekkes alle tilsagn, dsi-xl kender (DSI_XL_AGREEMENTS og de medfølgende).
    Exitstatus 0: alle filer er i orden; 2: mindst én er ikke.
    """
    from dsi_xl.agreement import examine_file
    from dsi_xl.format import count

    paths = _files(files)
    if not paths:
        raise click.UsageError("Der er ingen tilsagnsfiler (.toml) at tjekke.")
    broken = 0
    for path in paths:
        found = examine_file(path)
        amendments = len(found.agreement.amendments) if found.agreement is not None else 0
        if found.problems:
            broken += 1
            click.echo(f"{path}: {count(len(found.problems), 'problem', 'problemer')}")
        else:
            shown = count(amendments, "tillæg", "tillæg") if amendments else "ingen tillæg"
            click.echo(f"{path}: i orden ({found.agreement.id}, {shown})")
        for problem in found.problems:
            click.echo(f"  {problem}")
        for note in found.notes:
            click.echo(f"  Bemærk: {note}")
    if broken:
        click.echo(f"{count(broken, 'fil', 'filer')} af {len(paths)} har problemer.", err=True)
        raise SystemExit(2)
