"""Where Excel on Windows looks for add-ins and settings of the current user."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dsi_xl.addin import ADDIN_FILE, PROJECT_NAME


def is_windows() -> bool:
    return sys.platform.startswith("win")


def xlstart(environ: dict[str, str] | None = None) -> Path | None:
    """%APPDATA%\\Microsoft\\Excel\\XLSTART: Excel opens every file in it at start-up."""
    appdata = (environ if environ is not None else os.environ).get("APPDATA")
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART" if appdata else None


def installed_addin(environ: dict[str, str] | None = None) -> Path | None:
    folder = xlstart(environ)
    return folder / ADDIN_FILE if folder else None


def xlwings_addin(environ: dict[str, str] | None = None) -> Path | None:
    """Where ``xlwings addin install`` puts xlwings' own add-in."""
    folder = xlstart(environ)
    return folder / "xlwings.xlam" if folder else None


def user_config(environ: dict[str, str] | None = None) -> Path | None:
    """%USERPROFILE%\\.myaddin\\myaddin.conf: the user's settings, read by the add-in's VBA."""
    profile = (environ if environ is not None else os.environ).get("USERPROFILE")
    return Path(profile) / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf" if profile else None


def trust_vba_object_model() -> bool | None:
    """Excel's "Trust access to the VBA project object model" (AccessVBOM), None if unknown."""
    if not is_windows():
        return None
    import winreg  # Windows only

    for version in ("16.0", "15.0"):
        key = rf"Software\Microsoft\Office\{version}\Excel\Security"
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _ = winreg.QueryValueEx(handle, "AccessVBOM")
                return bool(value)
        except OSError:
            continue
    return None
