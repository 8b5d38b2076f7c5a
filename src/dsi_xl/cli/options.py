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
