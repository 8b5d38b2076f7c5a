"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from dsi_xl.agreement import Agreement, load, load_file

# The dsi-xl command the tests run is the one installed beside the interpreter running them
# (`.venv/bin/python -m pytest` works without activating the virtual environment).
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "workbook_templates"
TEMPLATE_FILE = TEMPLATES / "regnskabsskabelon.xlsx"
EXAMPLE_FILE = TEMPLATES / "eksempel-2027.xlsx"
DATA = Path(__file__).with_name("data")

# A script the tests run in a subprocess (it reads its job from argv on import); with the doctests
# on (pyproject.toml), pytest would import every module here.
collect_ignore = ["lite_probe.py"]

# Under CI=true the examples are derandomized: CI runs the same examples every time (they pass),
# while local and deep runs draw new ones and keep looking (what they find becomes a test).
settings.register_profile("ci", max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None,
                          derandomize=os.environ.get("CI") == "true")
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile("deep", max_examples=20000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def randers() -> Agreement:
    """The shipped agreement."""
    return load()


@pytest.fixture(scope="session")
def made_up() -> Agreement:
    """A made-up second agreement: other years, two goals, other caps."""
    return load_file(DATA / "made-up-2030.toml")


@pytest.fixture(scope="session")
def fjordby() -> Agreement:
    """The second agreement, made up but realistic: four goals of all three indicators (tests/data)."""
    return load_file(DATA / "fjordby-2027.toml")


FJORDBY_SIGNED = date(2029, 4, 16)  # the day Fjordby's example (accounts year 2028) is signed


@pytest.fixture(scope="session")
def fjordby_files(tmp_path_factory, fjordby) -> dict[str, Path]:
    """The second agreement's blank template and filled example, as ``dsi-xl template``/``example`` write them."""
    from dsi_xl import template

    folder = tmp_path_factory.mktemp("fjordby")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DSI_XL_AGREEMENTS", str(DATA))  # the cached values' DSI_ functions find it by id
        # the blank template as built on the example's day (both amendments in force), whenever the tests run
        built = template.build(fjordby, on=FJORDBY_SIGNED)
        return {"template": template.save(built, folder / "skabelon-fjordby.xlsx"),
                "example": template.save(template.build_example(fjordby), folder / "eksempel-fjordby.xlsx")}


def soffice() -> str:
    """LibreOffice's soffice: skipped where it is missing, a failure in CI (CI=true), which installs it."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found
