"""``openxml-audit`` (Microsoft's Open XML SDK rules in Python) as the tests use it: the errors only.

Its warnings about inline strings (Excel moves them to a shared-strings table on its next save)
are app-compatibility notes, not schema errors, and are left out.
"""

from __future__ import annotations

from pathlib import Path

from openxml_audit import OpenXmlValidator
from openxml_audit.errors import ValidationSeverity


def errors(path: str | Path) -> list[str]:
    """Each schema or package error in the workbook at ``path``, as part: description."""
    result = OpenXmlValidator().validate(str(path))
    return [f"{getattr(e, 'part_uri', '') or ''}: {e.description}" for e in result.errors
            if e.severity == ValidationSeverity.ERROR]
