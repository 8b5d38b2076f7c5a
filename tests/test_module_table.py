"""The README's table of modules is generated from the docstrings and kept in step with them, and
every module has a docstring that says what it holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dsi_xl import module_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_shows_every_module_as_its_docstring_says():
    text = README.read_text(encoding="utf-8")
    assert f"{module_table.BEGIN}\n{module_table.markdown_table()}\n{module_table.END}" in text, (
        "rewrite the table: python -m dsi_xl.module_table README.md")


@pytest.mark.parametrize("shown,path", module_table.modules(), ids=lambda v: str(v))
def test_every_module_says_what_it_holds_in_one_paragraph(shown, path):
    summary = module_table.summary(path)
    assert summary, f"{shown} has no docstring"
    assert len(summary) <= 200, f"{shown}: the docstring's first paragraph is {len(summary)} characters"


def test_a_folder_comes_before_what_it_holds_and_every_module_is_listed():
    shown = [name for name, _path in module_table.modules()]
    assert shown.index("clauses/") < shown.index("clauses/caseload.py") < shown.index("cli/")
    assert shown.index("validation/rules/") < shown.index("validation/rules/amounts.py")
    assert len(shown) == len(list(module_table.PACKAGE.rglob("*.py")))


def test_writing_the_table_replaces_only_what_stands_between_the_markers(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text('"""The package."""\n', encoding="utf-8")
    (package / "sub" / "__init__.py").write_text('"""A sub-package | with a bar."""\n', encoding="utf-8")
    (package / "sub" / "one.py").write_text('"""One thing, see :mod:`~pkg.sub.two` and ``x``.\n\nMore."""\n',
                                            encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{module_table.BEGIN}\nstale\n{module_table.END}\nafter\n", encoding="utf-8")
    assert module_table.write(readme, package) is True
    assert readme.read_text(encoding="utf-8") == (
        f"before\n{module_table.BEGIN}\n"
        "| module (`src/dsi_xl/`) | what it holds |\n|---|---|\n"
        "| `__init__.py` | The package. |\n"
        "| `sub/` | A sub-package \\| with a bar. |\n"
        "| `sub/one.py` | One thing, see `two` and `x`. |\n"
        f"{module_table.END}\nafter\n")
    assert module_table.write(readme, package) is False


def test_a_readme_without_the_markers_is_refused(tmp_path):
    readme = tmp_path / "README.md"
    shutil.copyfile(README, readme)
    readme.write_text(readme.read_text(encoding="utf-8").replace(module_table.END, ""), encoding="utf-8")
    with pytest.raises(ValueError):
        module_table.write(readme)
