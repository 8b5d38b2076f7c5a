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
