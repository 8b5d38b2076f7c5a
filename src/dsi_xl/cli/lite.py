"""``dsi-xl lite``: the files for xlwings Lite (main.py, requirements.txt, the wheel) in a folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import click

from dsi_xl.cli.options import agreements_folder_option, collect_agreements

# What a user pastes into xlwings Lite's main.py tab; addin/lite/main.py is this text (a test checks).
MAIN = '''"""DSI's regnskabsskabelon in xlwings Lite: paste this file into Lite's main.py tab.

Every DSI_ worksheet function of dsi_xl.udfs, and the script "validate" (Validér regnskab),
which writes the Valideringsrapport sheet. requirements.txt installs dsi_xl from DSI's wheel.
"""

from dsi_xl.excel import validate  # noqa: F401 - the "Validér regnskab" script
from dsi_xl.udfs import *  # noqa: F401,F403 - registers every DSI_ function
'''


LOCAL_HOSTS = ("localhost", "127.0.0.1")  # plain http only for a test on one's own machine
FILE_ENDINGS = (".whl", ".txt", ".py", ".zip", ".html", ".htm", ".json", ".toml", ".xlsx", ".xlsm", ".tar.gz")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not the address of a folder xlwings Lite can fetch the wheel from, in one
    Danish sentence; ``None`` when it is one."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return f"Adressen {url!r} kan ikke læses som en webadresse; giv mappens adresse, fx https://eksempel.dk/dsi-xl."
    if not (parts.scheme == "https" or (parts.scheme == "http" and host in LOCAL_HOSTS)):
        return f"Adressen skal begynde med https:// (xlwings Lite henter kun over HTTPS), fandt {url!r}."
    if not host:
        return f"Adressen {url!r} har intet værtsnavn; giv mappens fulde adresse, fx https://eksempel.dk/dsi-xl."
    if parts.query or parts.fragment or parts.username or parts.password or any(c.isspace() for c in url.strip()):
        return f"Adressen {url!r} må ikke have ?, #, brugernavn eller mellemrum; giv blot mappens adresse."
    last = PurePosixPath(parts.path).name.lower()
    if not parts.path.endswith("/") and last.endswith(FILE_ENDINGS):
        return (f"--url er adressen på den mappe, hjulet skal ligge i, ikke på en fil ({last}); "
                f"giv fx {url[: len(url) - len(PurePosixPath(parts.path).name)].rstrip('/')}.")
    return None


def requirements(url: str) -> str:
    """requirements.txt: the wheel's address; its dependencies come from the wheel's metadata."""
    from dsi_xl.addin import wheel

    return f"{url.rstrip('/')}/{wheel.name()}\n"


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Mappen, som main.py, requirements.txt og hjulet (.whl) skrives i.")
@click.option("--url", required=True,
              help="HTTPS-adressen på den mappe, hvor DSI lægger hjulet, fx https://eksempel.dk/dsi-xl.")
@agreements_folder_option
def lite(out: Path, url: str, agreements_folder: str | None) -> None:
    """Skriv filerne til xlwings Lite: main.py, requirements.txt og hjulet med dsi_xl og alle tilsagn."""
    from dsi_xl.addin import wheel
    from dsi_xl.agreement.bundle import describe
    from dsi_xl.atomic import replacing, write_text

    problem = url_problem(url)
    if problem:
        click.echo(problem, err=True)
        raise SystemExit(2)
    url = url.strip()
    agreements = collect_agreements(agreements_folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_text(out / "main.py", MAIN)
        write_text(out / "requirements.txt", requirements(url))
        with replacing(out / wheel.name()) as temporary:
            temporary.write_bytes(wheel.build(agreements=agreements))
    except OSError as error:
        click.echo(f"Kunne ikke skrive i mappen {out}: {error.strerror or error}.", err=True)
        raise SystemExit(2) from error
    click.echo(f"Skrevet i {out}: main.py, requirements.txt og {wheel.name()} med tilsagnene {describe(agreements)}.")
    click.echo(f"Læg {wheel.name()} på {url.rstrip('/')}/ og indsæt main.py og requirements.txt i xlwings Lite.")
