"""The one place where text from a submitted file (or its name) becomes output.

Everything a submitter controls (a cell's text, a sheet name, the file's own name, a finding's
message quoting them) passes through one function per kind of output before it is written, so
no output can be made to run, hide or break anything:

- :func:`text`: the base of every output. A lone surrogate (``_xD800_`` in a cell, a Latin-1 file
  name read with ``surrogateescape``) and the noncharacters U+FFFE and U+FFFF become U+FFFD, which
  every encoder and every XML parser accepts; control characters become their visible picture
  (ESC is ``␛``), C1 controls and the bidirectional overrides that reorder what a reader sees
  become U+FFFD. Tab and line feed are kept. What is left is legal XML 1.0 and encodes as UTF-8.
- :func:`json_value`: a JSON value with every string in it made :func:`text`.
- :func:`xml`: :func:`text`, with Excel's own escape ``_xHHHH_`` written as ``_x005F_xHHHH_``, so
  a spreadsheet that opens the output does not turn the literal text back into a control
  character.
- :func:`terminal`: a :class:`rich.text.Text` of :func:`text`, with carriage returns shown too:
  rich never parses it as markup (``[link=...]``) and no escape sequence reaches the terminal.
- :func:`cell`: a field of a CSV file, or a value handed to pandas, made inert the way OWASP
  recommends for CSV injection: text that Excel (or LibreOffice) would evaluate, because it
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any spaces), gets a
  leading apostrophe.

This module imports nothing of dsi_xl.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
# C0 controls but tab and line feed, DEL; carriage return is kept here (a message may hold one in
# a CSV field) and shown by terminal().
_C0 = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)} | {0x7F: "\u2421"}
_OTHER = {code: REPLACEMENT for code in (*range(0x80, 0xA0), 0xFFFE, 0xFFFF, *range(0x202A, 0x202F),
                                          *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_TABLE = _C0 | _OTHER
_SURROGATE = re.compile("[\ud800-\udfff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")  # OWASP's list, and a line feed, which LibreOffice skips
INERT = "'"


def text(value: Any) -> str:
    """``value`` as text any output can hold and show, with nothing hidden in it."""
    out = value if isinstance(value, str) else str(value)
    if out.isascii() and out.isprintable():
        return out
    return _SURROGATE.sub(REPLACEMENT, out.translate(_TABLE))


def json_value(value: Any) -> Any:
    """``value`` with every string inside it (keys too) made :func:`text`; other values as they are."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {json_value(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def xml(value: Any) -> str:
    """Text for a cell or attribute of a workbook dsi-xl writes (the xlsx report, an annotated copy)."""
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", text(value))


def terminal(value: Any, style: str = ""):
    """A :class:`rich.text.Text` for the terminal: never markup, no escape sequence, no carriage return."""
    from rich.text import Text

    return Text(text(value).replace("\r", "\u240d"), style=style)


def line(value: Any) -> str:
    """One line of a message on standard error (a file name in a sentence): :func:`text`, and
    carriage returns and line feeds shown, so a file name cannot fake a second line."""
    return text(value).replace("\r", "\u240d").replace("\n", "\u2424")


def cell(value: Any) -> Any:
    """A CSV field or a pandas value: text that a spreadsheet would evaluate gets a leading
    apostrophe (OWASP's advice); every other value is returned as it is."""
    if not isinstance(value, str):
        return value
    out = text(value)
    if out.lstrip(" ").startswith(FORMULA_START):
        return INERT + out
    return out
