"""openpyxl's output put in the order the Office Open XML schema gives, while a workbook is written.

openpyxl writes a font's children in its own order (name, charset, family, b, ..., color, sz,
...), while the schema's font (CT_Font, as Microsoft's Open XML SDK validates it, and as Excel
writes it) is the sequence b, i, strike, condense, extend, outline, shadow, u, vertAlign, sz,
color, name, family, charset, scheme. Excel for Windows accepts either; the SDK's validator (and
``openxml-audit``) reports the first as an error, and Excel for Mac is known to repair files over
element order. :func:`schema_order` is used around every save of a workbook dsi-xl writes with
openpyxl (the template, the example, the xlsx report, the report sheet of an annotated copy); it
changes openpyxl only for the duration of the ``with`` block.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

FONT = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name",
        "family", "charset", "scheme")


@contextmanager
def schema_order() -> Iterator[None]:
    """Within the block, openpyxl writes fonts' children in the schema's order."""
    from openpyxl.styles.fonts import Font

    before = Font.__elements__
    Font.__elements__ = FONT
    try:
        yield
    finally:
        Font.__elements__ = before
