"""Options shared by several subcommands."""

from __future__ import annotations

import click

agreement_option = click.option(
    "--agreement",
    "agreement_id",
    metavar="ID",
    default=None,
    help="Tilsagnets id (standard: det medfølgende tilsagn, randers-2026).",
)


def _day(ctx: click.Context, param: click.Parameter, value: str | None):
    """A day given as Danish Excel shows it (30.06.2028) or as ISO (2028-06-30)."""
    if value is None:
        return None
    from dsi_xl.format import parse_day

    day = parse_day(value)
    if day is None:
        raise click.UsageError(f"--{param.name} skal være en dato som 30.06.2028 (eller 2028-06-30), ikke \"{value}\".")
    return day


on_option = click.option(
    "--on",
    "on",
    metavar="DATO",
    default=None,
    callback=_day,
    help="Vilkårene, som de gælder denne dag, med tillæg dateret den dag eller før (DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD; "
         "standard: i dag).",
)


agreements_folder_option = click.option(
    "--agreements",
    "agreements_folder",
    metavar="MAPPE",
    default=None,
    help="Mappen med tilsagnsfiler (*.toml), der skal med (standard: mapperne i DSI_XL_AGREEMENTS); "
         "de medfølgende tilsagn kommer altid med.",
)


def collect_agreements(folder: str | None) -> dict[str, bytes]:
    """Every agreement to carry, checked; a refused file or folder is one Danish sentence, exit 2."""
    from dsi_xl.agreement.bundle import collect
    from dsi_xl.errors import DSIError

    try:
        return collect(folder)
    except DSIError as error:
        click.echo(str(error), err=True)
        raise SystemExit(2) from None
