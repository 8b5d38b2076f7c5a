"""The ``dsi-xl`` command line: a thin shell; each subcommand lives in its own module.

Subcommands are imported only when used, so ``dsi-xl validate`` pays for nothing else.
Exit status: 0 fine, 1 the validator found ``fejl``, 2 unreadable input or bad usage; stopped by
a signal, 128 + its number (130 SIGINT/Ctrl-C, 143 SIGTERM, 129 SIGHUP); 141 when the reader of
the output went away (a closed pipe, ``| head -1``).
"""

from __future__ import annotations

import importlib
import os
import signal
import sys

import click

from dsi_xl import __version__
from dsi_xl.cli.click_danish import install as _install_danish
from dsi_xl.stops import ignored, interrupt_in, restore
from dsi_xl.stops import install as install_stops

_install_danish()

CLOSED_PIPE = 128 + 13  # what a shell shows for a command ended by SIGPIPE
SIGNAL_NAMES = {2: "Ctrl-C", 15: "SIGTERM", 1: "SIGHUP"}


def _unmasked(call, *args):
    """``call(*args)``; an error that hides a Ctrl-C or stop signal (a clean-up that failed while
    the interrupt went by) is raised as that interrupt, so the run still ends as stopped."""
    try:
        return call(*args)
    except Exception as error:
        stop = interrupt_in(error)
        if stop is None:
            raise
        raise stop from None


def _quiet_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's last flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

# name -> "module:attribute"; add a line here to add a subcommand.
COMMANDS: dict[str, str] = {
    "agreement": "dsi_xl.cli.agreement:agreement",
    "terms": "dsi_xl.cli.terms:terms",
    "validate": "dsi_xl.cli.validate:validate",
    "portfolio": "dsi_xl.cli.portfolio:portfolio",
    "template": "dsi_xl.cli.template:template",
    "example": "dsi_xl.cli.template:example",
    "addin": "dsi_xl.cli.addin:addin",
    "lite": "dsi_xl.cli.lite:lite",
    "web": "dsi_xl.cli.web:web",
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
        command = getattr(module, attribute)
        command.options_metavar = "[TILVALG]"
        return command

    def invoke(self, ctx: click.Context):
        """Ctrl-C: one Danish sentence and exit status 130, not click's "Aborted!" with status 1,
        which the validator's callers would read as "the file has fejl". Outputs are written to a
        temporary file and renamed, so an interrupted run leaves no half-written file."""
        install_stops()
        try:
            return _unmasked(super().invoke, ctx)
        except KeyboardInterrupt as error:
            from dsi_xl.atomic import remove_all

            previous = ignored()  # a second signal must not cut the clean-up short
            try:
                remove_all()
            finally:
                restore(previous)
            number = getattr(error, "signum", signal.SIGINT)
            try:
                click.echo(f"Afbrudt ({SIGNAL_NAMES.get(number, number)}); intet halvt skrevet er efterladt.", err=True)
            except OSError:
                pass
            ctx.exit(128 + number)
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(CLOSED_PIPE)


@click.group(cls=LazyGroup, options_metavar="[TILVALG]", subcommand_metavar="KOMMANDO [ARGUMENTER]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dsi-xl", message="%(prog)s %(version)s")
def main() -> None:
    """dsi-xl: DSI's regnskabsskabelon som levende, selvkontrollerende projektmappe."""


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())
