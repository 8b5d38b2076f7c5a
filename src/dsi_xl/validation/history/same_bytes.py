"""HISTORIK-01: the same bytes twice in one run: the copy is counted once, as its first file.

The first file is named as the municipality knows it (its accounts year and signing date), never
by a path of DSI's."""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.rule import Hit


@rule("HISTORIK-01", "advarsel", "Filen har præcis samme indhold (samme SHA-256) som en tidligere fil i kørslen; "
      "oversigten tæller den kun én gang.")
def same_bytes(run) -> Iterator[tuple[int, Hit]]:
    for index in run.copies:
        yield index, Hit("filen har præcis samme indhold som en fil, DSI allerede har modtaget i samme kørsel; "
                         "oversigten tæller den kun én gang, som den første fil.")
