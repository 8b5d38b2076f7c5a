"""``dsi-xl addin``: build, install and inspect the classic Excel add-in (dsi_xl.xlam)."""

from __future__ import annotations

from pathlib import Path

import click

from dsi_xl.addin import ADDIN_FILE


@click.group()
def addin() -> None:
    """Tilføjelsesprogrammet til Excel: fanen DSI med Validér regnskab og DSI_-funktionerne."""


@addin.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("addin") / ADDIN_FILE,
              show_default=True, help=f"Hvor filen skrives; den skal hedde {ADDIN_FILE}.")
def build(out: Path) -> None:
    """Byg tilføjelsesprogrammet af xlwings' skabelon (samme input giver samme bytes)."""
    from dsi_xl.addin import AddinError
    from dsi_xl.addin.build import build as build_addin

    try:
        path = build_addin(out)
    except AddinError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from error
    click.echo(f"Bygget: {path}")


@addin.command()
def install() -> None:
    """Installér tilføjelsesprogrammet for den aktuelle bruger (Windows med Excel)."""
    from dsi_xl.addin import AddinError
    from dsi_xl.addin.install import install as install_addin

    try:
        installed = install_addin()
    except AddinError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from error
    click.echo(installed.message)
    if not installed.functions_imported:
        raise SystemExit(1)


@addin.command()
def status() -> None:
    """Vis, hvad der er installeret hvor (stier, versioner, xlwings' tilføjelsesprogram)."""
    from dsi_xl.addin.status import lines

    for line in lines():
        click.echo(line)
