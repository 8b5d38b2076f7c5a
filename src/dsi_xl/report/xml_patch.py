"""Byte-level edits of an OOXML part's XML: find exactly one element, set one attribute.

The annotated copy changes a few parts of a submitted package without re-serialising them (a
parser would drop what it does not model), so every edit is a small, checked splice: the pattern
must match exactly once, or the copy is refused in one Danish sentence.
"""

from __future__ import annotations

import re

from dsi_xl.errors import DSIError

PREFIX = rb"((?:[A-Za-z_][\w.-]*:)?)"
ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""  # an opening tag's rest, quotes respected


class CopyRefused(DSIError):
    """The input's package cannot be given a report sheet without changing more than allowed."""


def refuse(what: str) -> CopyRefused:
    return CopyRefused(f"Den annoterede kopi kan ikke laves, fordi {what}.")


def one(pattern: bytes, data: bytes, what: str) -> re.Match[bytes]:
    """The single match of ``pattern`` in ``data``; :class:`CopyRefused` naming ``what`` otherwise."""
    found = list(re.finditer(pattern, data))
    if len(found) != 1:
        raise refuse(what)
    return found[0]


def set_attribute(tag: bytes, name: bytes, value: bytes) -> bytes:
    """An opening tag with attribute ``name`` set to ``value`` (added before ``>`` or ``/>``)."""
    pattern = rb"(\s" + name + rb'\s*=\s*)("[^"]*"|\'[^\']*\')'
    if re.search(pattern, tag):
        return re.sub(pattern, lambda m: m.group(1) + b'"' + value + b'"', tag, count=1)
    end = -2 if tag.endswith(b"/>") else -1
    return tag[:end] + b" " + name + b'="' + value + b'"' + tag[end:]
