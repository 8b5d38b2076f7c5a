"""The ``dsi-xl`` command line: a thin shell; each subcommand lives in its own module.

Subcommands are imported only when used, so ``dsi-xl validate`` pays for nothing else.
Exit status: 0 fine, 1 the validator found ``fejl``, 2 unreadable input or bad usage.
"""

from __future__ import annotations

import importlib
import sys

import click

from dsi_xl import __version__

# name -> "module:attribute"; add a line here to add a subcommand.
COMMANDS: dict[str, str] = {
    "terms": "dsi_xl.cli.terms:terms",
    "validate": "dsi_xl.cli.validate:validate",
    "template": "dsi_xl.cli.template:template",
    "example": "dsi_xl.cli.template:example",
    "addin": "dsi_xl.cli.addin:addin",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            return None
        return getattr(module, attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dsi-xl", message="%(prog)s %(version)s")
def main() -> None:
    """dsi-xl: DSI's regnskabsskabelon som levende, selvkontrollerende projektmappe."""


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())
