"""The table of modules in the README's developer part: one row per module, from its docstring.

Each row is a module's path under ``src/dsi_xl/`` (a package as its folder) and the first
paragraph of its docstring, on one line. ``python -m dsi_xl.module_table README.md`` writes the
table into the README between its two markers (:data:`BEGIN`, :data:`END`); without an argument it
prints it. ``tests/test_module_table.py`` keeps the README in step (a developer tool).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BEGIN = "<!-- module table: python -m dsi_xl.module_table README.md writes it from the docstrings -->"
END = "<!-- end of module table -->"
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def summary(path: Path) -> str:
    """The first paragraph of the module's docstring, on one line, as Markdown ('' without one)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split("\n\n")[0].split())
    text = _ROLE.sub(lambda m: f"``{m.group(1).rpartition('.')[2] if '~' in m.group(0) else m.group(1)}``", text)
    return text.replace("``", "`").replace("|", "\\|")


def modules(package: Path = PACKAGE) -> list[tuple[str, Path]]:
    """(path as the table shows it, file) for every module, a package's ``__init__`` as its folder,
    each folder before what it holds."""
    rows = []
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).parts
        shown = "/".join(parts[:-1]) + "/" if parts[-1] == "__init__.py" and len(parts) > 1 else "/".join(parts)
        rows.append((parts[:-1] + (("",) if parts[-1] == "__init__.py" else (parts[-1],)), shown, path))
    return [(shown, path) for _key, shown, path in sorted(rows)]


def markdown_table(package: Path = PACKAGE) -> str:
    """The README's table of modules."""
    lines = ["| module (`src/dsi_xl/`) | what it holds |", "|---|---|"]
    lines += [f"| `{shown}` | {summary(path)} |" for shown, path in modules(package)]
    return "\n".join(lines)


def write(readme: Path, package: Path = PACKAGE) -> bool:
    """Put the table between the README's markers; True when that changed the file."""
    text = readme.read_text(encoding="utf-8")
    head, begin, rest = text.partition(BEGIN)
    _old, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"{readme} has no {BEGIN} ... {END}")
    new = f"{head}{BEGIN}\n{markdown_table(package)}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover - a developer's command
    import sys

    if len(sys.argv) > 1:
        print("written" if write(Path(sys.argv[1])) else "unchanged", sys.argv[1])
    else:
        print(markdown_table())
