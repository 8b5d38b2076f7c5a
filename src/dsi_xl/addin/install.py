"""``dsi-xl addin install``: the add-in in the user's XLSTART folder, with the DSI_ functions.

Windows only. The installed copy is built afresh from the xlwings installed in this Python, so the
VBA matches the xlwings DLL it loads (xlwings64-<version>.dll), and it names this Python as its
interpreter (Interpreter_Win), so the button and the functions use the Python that has dsi-xl.
The functions are then imported into the add-in through xlwings (``xw.Book`` opens it in Excel,
``xlwings.import_udfs`` writes the VBA wrappers, the add-in is saved). That last step needs the
Excel setting "Trust access to the VBA project object model".
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from dsi_xl.addin import ADDIN_FILE, AddinError, build, paths, sources

TRUST_SETTING = (
    "Excel: Filer > Indstillinger > Center for sikkerhed og rettighedsadministration > Indstillinger for Center for "
    "sikkerhed og rettighedsadministration > Makroindstillinger > sæt flueben ved \"Hav tillid til adgang til "
    "objektmodellen for VBA-projekter\" (på engelsk: File > Options > Trust Center > Trust Center Settings > "
    "Macro Settings > \"Trust access to the VBA project object model\")"
)
NOT_WINDOWS = (
    "dsi-xl addin install virker kun på Windows med Excel til Windows: det klassiske tilføjelsesprogram kører "
    "Python gennem COM. På Mac og i Excel på nettet bruges Office.js i stedet: xlwings Lite (Python i Excel, "
    "ingen installation) eller xlwings Server; se afsnittet \"Installation\" i README.md."
)


@dataclass(frozen=True)
class Installed:
    path: Path
    functions_imported: bool
    message: str


def interpreter() -> str:
    """The Python that runs dsi-xl now: the add-in will start the same one."""
    return sys.executable


def _close_open_copies(name: str) -> None:
    """Close the add-in in running Excel instances, so its file can be replaced."""
    import xlwings as xw

    for app in xw.apps:
        try:
            app.books[name].close()
        except KeyError:
            pass


def _import_functions(path: Path) -> None:
    """Open the add-in in Excel, import the DSI_ functions into it and save it."""
    import xlwings as xw
    from xlwings import import_udfs

    modules = sources.config().setting("UDF Modules")
    started_excel = not xw.apps  # Excel started here is quit again; a running one is left running
    book = xw.Book(str(path))
    try:
        import_udfs(modules, book.api)
        book.save()
    finally:
        if started_excel:
            book.app.quit()


def install(target_dir: Path | None = None) -> Installed:
    """Install for the current user; raises AddinError with a Danish message where it cannot."""
    if not paths.is_windows():
        raise AddinError(NOT_WINDOWS)
    folder = target_dir or paths.xlstart()
    if folder is None:
        raise AddinError("Miljøvariablen APPDATA er ikke sat, så brugerens XLSTART-mappe kan ikke findes.")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ADDIN_FILE
    try:
        _close_open_copies(ADDIN_FILE)
    except Exception:  # noqa: BLE001 - no Excel running or not reachable: nothing to close
        pass
    try:
        build.build(target, interpreter=interpreter())
    except PermissionError as error:
        raise AddinError(f"{target} kunne ikke skrives ({error}). Luk Excel, og prøv igen.") from error
    try:
        _import_functions(target)
    except Exception as error:  # noqa: BLE001 - COM errors have many types; all mean the same here
        return Installed(
            target,
            False,
            (
                f"Tilføjelsesprogrammet er installeret i {target}, og fanen DSI med Validér regnskab virker, når Excel "
                f"startes igen. DSI_-funktionerne blev IKKE importeret ({error}). "
                f"Det kræver indstillingen {TRUST_SETTING}. "
                "Slå den til, og kør dsi-xl addin install igen."
            ),
        )
    return Installed(target, True, (
        f"Tilføjelsesprogrammet er installeret i {target} med DSI_-funktionerne. Genstart Excel: fanen DSI har "
        "knappen Validér regnskab, og funktionerne DSI_… findes i alle projektmapper."))
