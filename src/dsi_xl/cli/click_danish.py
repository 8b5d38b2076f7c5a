"""Click's own English (usage, help, errors) in Danish, installed by patching the ``gettext``
aliases that click's modules use (``_`` and ``ngettext``)."""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

DANISH: dict[str, str] = {
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Arguments": "Argumenter",
    "Show this message and exit.": "Vis denne hjælp, og afslut.",
    "Show the version and exit.": "Vis versionen, og afslut.",
    "Error": "Fejl",
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' for at få hjælp.",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "Could not open file {filename!r}: {message}": "Filen {filename!r} kunne ikke åbnes: {message}",
    "unknown error": "ukendt fejl",
    "Try {command!r} for help.": "Prøv {command!r} for hjælp.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "Missing command.": "Der mangler en kommando.",
    "Missing argument": "Der mangler et argument",
    "Missing option": "Der mangler et tilvalg",
    "Missing parameter": "Der mangler en parameter",
    "Missing {param_type}": "Der mangler {param_type}",
    "Missing parameter: {param_name}": "Der mangler en parameter: {param_name}",
    "argument": "argument",
    "option": "tilvalg",
    "parameter": "parameter",
    "Invalid value": "Ugyldig værdi",
    "Invalid value for {param_hint}": "Ugyldig værdi for {param_hint}",
    "No such option: {name}": "Tilvalget findes ikke: {name}",
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Possible options: {possibilities})": "(Mulige tilvalg: {possibilities})",
    "Got unexpected extra argument ({args})": "Uventet ekstra argument ({args})",
    "Got unexpected extra arguments ({args})": "Uventede ekstra argumenter ({args})",
    "Option {name!r} requires an argument.": "Tilvalget {name!r} kræver en værdi.",
    "Option {name!r} requires {nargs} arguments.": "Tilvalget {name!r} kræver {nargs} værdier.",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Aborted!": "Afbrudt!",
    "default": "standard",
    "required": "påkrævet",
    "env var": "miljøvariabel",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "{name} '{filename}' does not exist.": "{name} '{filename}' findes ikke.",
    "{name} '{filename}' is a directory.": "{name} '{filename}' er en mappe.",
    "{name} '{filename}' is a file.": "{name} '{filename}' er en fil.",
    "File": "Filen",
    "Directory": "Mappen",
    "Path": "Stien",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt {number_type}.",
    "integer": "heltal",
    "float": "tal",
    "{value!r} is not a valid boolean.": "{value!r} er ikke en gyldig sandhedsværdi.",
    "{value!r} does not match the format {format}.": "{value!r} passer ikke til formatet {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} passer ikke til formaterne {formats}.",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en af {choices}.",
}


def _gettext(message: str) -> str:
    return DANISH.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


def install() -> None:
    """Replace click's English with Danish; idempotent."""
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types):
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
