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
