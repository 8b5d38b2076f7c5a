"""The validation path imports only what it uses: a command line for many files, the Excel button
and the Pyodide routes pay every import on each start.

Each check runs in a fresh interpreter and reads ``sys.modules`` there. The template's layout is
imported when a formula rule runs, never with the validator; its renderer (openpyxl), the command
line's click, the terminal's rich and DSI's pandas never on the validation path at all; python-stdnum
(and the ssl, socket and pydoc it imports) only for a CVR number spelt otherwise than plainly.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLE_FILE

NEVER = ("click", "rich", "openpyxl", "pandas", "xlwings", "formulas", "dsi_xl.cli", "dsi_xl.report",
         "dsi_xl.template.render", "dsi_xl.template.fit", "dsi_xl.template.example", "dsi_xl.analysis")
NOT_ON_IMPORT = (*NEVER, "dsi_xl.template", "stdnum", "ssl")


def _modules(code: str) -> list[str]:
    """The modules loaded after ``code`` ran in a fresh interpreter."""
    probe = code + "\nimport json as _json, sys as _sys\nprint(_json.dumps(sorted(_sys.modules)))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _under(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == root or m.startswith(root + ".") for root in roots)]


@pytest.mark.parametrize("module", ["dsi_xl.validation", "dsi_xl.validation.engine", "dsi_xl.validation.rules",
                                    "dsi_xl.validation.history", "dsi_xl.workbook.reader", "dsi_xl.batch"])
def test_importing_the_validation_path_loads_neither_the_template_nor_a_shell(module):
    assert _under(_modules(f"import {module}"), NOT_ON_IMPORT) == []


def test_validating_a_file_loads_no_shell_and_no_renderer():
    loaded = _modules(f"from dsi_xl.validation.engine import validate_file\n"
                      f"assert not validate_file({str(EXAMPLE_FILE)!r}).unreadable")
    assert _under(loaded, (*NEVER, "stdnum", "ssl")) == []
    assert "dsi_xl.template.layout" in loaded  # the formula rules did run, with the template's layout


def test_the_json_command_loads_no_terminal_and_no_workbook_library():
    loaded = _modules("import runpy, sys\n"
                      f"sys.argv = ['dsi-xl', 'validate', '--format', 'json', {str(EXAMPLE_FILE)!r}]\n"
                      "try:\n    runpy.run_module('dsi_xl', run_name='__main__')\nexcept SystemExit:\n    pass")
    assert _under(loaded, ("rich", "openpyxl", "pandas", "xlwings", "formulas", "stdnum", "ssl",
                           "dsi_xl.template.render")) == []
    assert "click" in loaded  # the probe did run the command line


def test_importing_dsi_xl_loads_only_its_version():
    """``dsi_xl/__init__`` holds the version and ``main()``, the ribbon button's entry, which imports
    the Excel shell only when it is called (so the architecture test may skip edges to it)."""
    loaded = _modules("import dsi_xl\nassert dsi_xl.__version__ and callable(dsi_xl.main)")
    assert _under(loaded, ("dsi_xl",)) == ["dsi_xl"]
