"""``dsi-xl addin status``: what is installed where, in Danish lines; runs on every system."""

from __future__ import annotations

import platform
from pathlib import Path

import dsi_xl
from dsi_xl.addin import ADDIN_FILE, CONFIG_SOURCE, RIBBON_SOURCE, AddinError, contents, paths, template_path
from dsi_xl.addin.build import xlwings_version


def _yes(flag: bool) -> str:
    return "ja" if flag else "nej"


def _built_here() -> list[str]:
    """The add-in built in this folder (addin/dsi_xl.xlam), if there is one, against a fresh build."""
    from dsi_xl.addin.build import build_bytes

    built = Path("addin") / ADDIN_FILE
    if not built.is_file():
        return []
    try:
        found = contents.read(built)
    except AddinError as error:
        return [str(error)]
    same = built.read_bytes() == build_bytes()
    return [f"Bygget fil her: {built.resolve()} (xlwings {found.xlwings_version or 'ukendt'}; "
            + ("samme bytes som en ny build)" if same else "afviger fra en ny build: kør dsi-xl addin build)")]


def lines(environ: dict[str, str] | None = None) -> list[str]:
    """The report; nothing is changed and Excel is not started."""
    import sys

    out = [
        f"System: {platform.system()} {platform.release()}",
        f"Python: {sys.executable} ({platform.python_version()})",
        f"dsi-xl: {dsi_xl.__version__}",
        f"xlwings (Python-pakken): {xlwings_version()}",
        f"Skabelon for tilføjelsesprogrammet: {template_path()} (findes: {_yes(template_path().is_file())})",
        f"Kilder: {RIBBON_SOURCE}, {CONFIG_SOURCE}",
    ]
    out += _built_here()
    if not paths.is_windows():
        out += [
            f"Det klassiske tilføjelsesprogram ({ADDIN_FILE}) installeres kun på Windows med Excel til Windows; "
            "her er intet installeret.",
            "Gør i stedet: brug xlwings Lite eller xlwings Server (Office.js) på Mac og i Excel på nettet, eller "
            "kør dsi-xl addin install på en Windows-pc. dsi-xl addin build kan bygge filen her.",
        ]
        return out
    installed = paths.installed_addin(environ)
    out.append(f"XLSTART: {paths.xlstart(environ)}")
    if installed and installed.is_file():
        out.append(f"{ADDIN_FILE}: installeret i {installed}")
        try:
            found = contents.read(installed)
        except AddinError as error:
            out.append(str(error))
        else:
            out.append(f"  bygget med xlwings: {found.xlwings_version or 'ukendt'}"
                       + ("" if found.xlwings_version in (None, xlwings_version()) else
                          f" (forskellig fra {xlwings_version()}: kør dsi-xl addin install igen)"))
            for key, value in found.settings.items():
                exists = f" (findes: {_yes(Path(value).is_file())})" if key.startswith("INTERPRETER") else ""
                out.append(f"  {key} = {value}{exists}")
    else:
        out.append(f"{ADDIN_FILE}: ikke installeret (dsi-xl addin install lægger det i {installed})")
    xlwings_addin = paths.xlwings_addin(environ)
    out.append("xlwings.xlam (xlwings' eget tilføjelsesprogram): "
               + (f"installeret i {xlwings_addin}" if xlwings_addin and xlwings_addin.is_file()
                  else "ikke installeret (xlwings addin install)"))
    user_config = paths.user_config(environ)
    if user_config and user_config.is_file():
        out.append(f"Brugerens indstillinger for tilføjelsesprogrammet: {user_config}")
    trust = paths.trust_vba_object_model()
    out.append("Excel: adgang til objektmodellen for VBA-projekter: "
               + {True: "tilladt", False: "ikke tilladt (nødvendig for at importere DSI_-funktionerne)",
                  None: "ukendt"}[trust])
    return out
