"""The ``dsi-xl`` command line: a thin shell; each subcommand lives in its own module.

Subcommands are imported only when used, so ``dsi-xl validate`` pays for nothing else.
Exit status: 0 fine, 1 the validator found ``fejl``, 2 unreadable input or bad usage, 130
interrupted with Ctrl-C.
"""

from __future__ import annotations

import importlib
import sys

import click

from dsi_xl import __version__

INTERRUPTED = 130  # the shell's convention for a command ended by SIGINT

# name -> "module:attribute"; add a line here to add a subcommand.
COMMANDS: dict[str, str] = {
    "terms": "dsi_xl.cli.terms:terms",
    "validate": "dsi_xl.cli.validate:validate",
    "template": "dsi_xl.cli.template:template",
    "example": "dsi_xl.cli.template:example",
    "addin": "dsi_xl.cli.addin:addin",
    "lite": "dsi_xl.cli.lite:lite",
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

    def invoke(self, ctx: click.Context):
        """Ctrl-C: one Danish sentence and exit status 130, not click's "Aborted!" with status 1,
        which the validator's callers would read as "the file has fejl". Outputs are written to a
        temporary file and renamed, so an interrupted run leaves no half-written file."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Afbrudt (Ctrl-C); intet halvt skrevet er efterladt.", err=True)
            ctx.exit(INTERRUPTED)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dsi-xl", message="%(prog)s %(version)s")
def main() -> None:
    """dsi-xl: DSI's regnskabsskabelon som levende, selvkontrollerende projektmappe."""


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())
