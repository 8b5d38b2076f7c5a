"""``dsi-xl template`` and ``dsi-xl example``: write the blank template or the filled example."""

from __future__ import annotations

from pathlib import Path

import click

from dsi_xl.cli.options import agreement_option, on_option

_out = click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                    help="Filen, der skrives (.xlsx).")
_overwrite = click.option("--overskriv", "overwrite", is_flag=True, default=False,
                          help="Overskriv FIL, hvis den findes (fx en udfyldt skabelon).")


def _refuse_existing(out: Path, overwrite: bool) -> None:
    """A filled workbook under the same name is never replaced by a blank one without being told."""
    if out.exists() and not overwrite:
        raise click.UsageError(f"{out} findes allerede; vælg et andet navn, eller tilføj --overskriv.")
    if out.suffix.lower() != ".xlsx":
        raise click.UsageError(f"{out} skal have endelsen .xlsx.")


def _note_cached() -> None:
    """Without the ``formulas`` engine the file is written without cached values: Excel with the
    add-in calculates them on opening, other programs show nothing in the formula cells."""
    from dsi_xl.template.cached import available

    if not available():
        click.echo("Bemærk: formelcellerne er gemt uden værdier, da pakken formulas ikke er installeret "
                   "(pip install formulas); Excel med tilføjelsesprogrammet beregner dem ved åbning.", err=True)


def _load(agreement_id: str | None):
    from dsi_xl.agreement import load
    from dsi_xl.errors import DSIError

    try:
        return load(agreement_id)
    except DSIError as error:
        raise click.UsageError(str(error)) from error


@click.command()
@_out
@_overwrite
@agreement_option
@on_option
def template(out: Path, overwrite: bool, agreement_id: str | None, on) -> None:
    """Byg den tomme regnskabsskabelon ud fra tilsagnets data, med vilkårene, som de gælder i dag
    (eller --on DATO), tillæg medregnet."""
    from dsi_xl.template import build, save

    _refuse_existing(out, overwrite)
    path = save(build(_load(agreement_id), on=on), out)
    _note_cached()
    click.echo(f"Skabelonen er skrevet til {path}.")


@click.command()
@_out
@_overwrite
@agreement_option
@on_option
def example(out: Path, overwrite: bool, agreement_id: str | None, on) -> None:
    """Byg det udfyldte eksempel for tilsagnets andet budgetår (Randers-tilsagnet: regnskabsår 2027), med
    vilkårene, som de gælder den dag, eksemplet er underskrevet (eller --on DATO)."""
    from dsi_xl.template import build_example, save

    _refuse_existing(out, overwrite)
    book = build_example(_load(agreement_id), on=on)
    path = save(book, out)
    _note_cached()
    click.echo(f"Eksemplet er skrevet til {path}.")
