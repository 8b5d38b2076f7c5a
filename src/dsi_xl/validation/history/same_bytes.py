"""HISTORIK-01: the same bytes twice in one run: the copy is counted once, as its first file."""

from __future__ import annotations

from collections.abc import Iterator

from dsi_xl.validation.history.cross_rule import rule
from dsi_xl.validation.rule import Hit


@rule("HISTORIK-01", "advarsel", "Filen har præcis samme indhold (samme SHA-256) som en tidligere fil i kørslen; "
      "oversigten tæller den kun én gang.")
def same_bytes(run) -> Iterator[tuple[int, Hit]]:
    for index, first in run.copies.items():
        yield index, Hit(f"filen har præcis samme indhold som {run.results[first].file}; "
                         "oversigten tæller den kun én gang, som den første fil.")
