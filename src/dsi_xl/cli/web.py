"""``dsi-xl web``: the browser check as a static site in a folder, for any web server."""

from __future__ import annotations

from pathlib import Path

import click

from dsi_xl.cli.options import agreements_folder_option, collect_agreements


def _size(n: int) -> str:
    from dsi_xl.format import number

    return f"{number(n / 1_000_000, 1)} MB" if n >= 100_000 else f"{number(n / 1000, 0)} KB"


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, metavar="MAPPE",
              help="Mappen, siden skrives i (laves, hvis den ikke findes).")
@agreements_folder_option
@click.option("--pyodide", "pyodide", metavar="MAPPE", default=None,
              help="Mappen med npm-pakken pyodide i den udgave, siden er bygget til (node_modules/pyodide).")
def web(out: Path, agreements_folder: str | None, pyodide: str | None) -> None:
    """Skriv tjekket i browseren som en statisk side: regnskabet tjekkes på brugerens egen pc."""
    from dsi_xl.agreement.bundle import describe
    from dsi_xl.errors import DSIError
    from dsi_xl.web import site

    agreements = collect_agreements(agreements_folder)
    try:
        built = site.build(out, agreements, pyodide)
    except DSIError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
    except OSError as error:
        click.echo(f"Kunne ikke skrive siden i {out}: {error.strerror or error}.", err=True)
        raise SystemExit(2) from None
    click.echo(f"Skrevet i {out}: index.html, web.config, {built.pyodide}/ og {built.app}/ "
               f"med tilsagnene {describe(agreements)}.")
    click.echo(f"Brugeren henter {_size(built.before_ready())} før tjekket er klar, "
               f"og {_size(built.for_copy())} mere til den første kopi.")
    click.echo("Læg mappens indhold på en webserver med headerne i README'en (web.config gør det for IIS).")
