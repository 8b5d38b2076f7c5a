"""``dsi-xl lite``: the files for xlwings Lite (main.py, requirements.txt, the wheel) in a folder."""

from __future__ import annotations

from pathlib import Path

import click

# What a user pastes into xlwings Lite's main.py tab; addin/lite/main.py is this text (a test checks).
MAIN = '''"""DSI's regnskabsskabelon in xlwings Lite: paste this file into Lite's main.py tab.

Every DSI_ worksheet function of dsi_xl.udfs, and the script "validate" (Validér regnskab),
which writes the Valideringsrapport sheet. requirements.txt installs dsi_xl from DSI's wheel.
"""

from dsi_xl.excel import validate  # noqa: F401 - the "Validér regnskab" script
from dsi_xl.udfs import *  # noqa: F401,F403 - registers every DSI_ function
'''


def requirements(url: str) -> str:
    """requirements.txt: the wheel's address; its dependencies come from the wheel's metadata."""
    from dsi_xl.addin import wheel

    return f"{url.rstrip('/')}/{wheel.name()}\n"


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Mappen, som main.py, requirements.txt og hjulet (.whl) skrives i.")
@click.option("--url", required=True,
              help="HTTPS-adressen på den mappe, hvor DSI lægger hjulet, fx https://eksempel.dk/dsi-xl.")
def lite(out: Path, url: str) -> None:
    """Skriv filerne til xlwings Lite: main.py, requirements.txt og hjulet med dsi_xl."""
    from dsi_xl.addin import wheel
    from dsi_xl.atomic import replacing, write_text

    if not url.startswith(("https://", "http://localhost", "http://127.0.0.1")):
        click.echo(f"Adressen skal begynde med https:// (xlwings Lite henter kun over HTTPS), fandt {url!r}.", err=True)
        raise SystemExit(2)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_text(out / "main.py", MAIN)
        write_text(out / "requirements.txt", requirements(url))
        with replacing(out / wheel.name()) as temporary:
            temporary.write_bytes(wheel.build())
    except OSError as error:
        click.echo(f"Kunne ikke skrive i mappen {out}: {error.strerror or error}.", err=True)
        raise SystemExit(2) from error
    click.echo(f"Skrevet i {out}: main.py, requirements.txt og {wheel.name()}.")
    click.echo(f"Læg {wheel.name()} på {url.rstrip('/')}/ og indsæt main.py og requirements.txt i xlwings Lite.")
