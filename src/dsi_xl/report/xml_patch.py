"""Byte-level edits of an OOXML part's XML: find exactly one element, set one attribute.

The annotated copy changes a few parts of a submitted package without re-serialising them (a
parser would drop what it does not model), so every edit is a small, checked splice: the pattern
must match exactly once, or the copy is refused in one Danish sentence. Elements are looked for
in :func:`visible`, the part with its comments, CDATA sections and processing instructions blanked
out at the same length, so text in a comment (``<!-- </definedNames> -->``) is never taken for an
element and no edit ever lands inside one; the splice then uses the same positions in the part.
"""

from __future__ import annotations

import re

from dsi_xl.errors import DSIError

PREFIX = rb"((?:[A-Za-z_][\w.-]*:)?)"
ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>"""  # an opening tag's rest, quotes respected


_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


def visible(data: bytes) -> bytes:
    """``data`` with comments, CDATA sections and processing instructions replaced by spaces of
    the same length: positions stay, only markup that is really markup can match."""
    if b"<!" not in data and b"<?" not in data:
        return data
    return _HIDDEN.sub(lambda m: b" " * len(m.group(0)), data)


def root_tag(data: bytes) -> bytes:
    """The opening tag of the part's root element (searched in :func:`visible`)."""
    found = re.search(rb"<[A-Za-z_]" + rb"[^\s/>]*" + ATTRIBUTES, visible(data))
    return found.group(0) if found else b""


def declares(tag: bytes, prefix: bytes, namespace: str) -> bool:
    """Whether the opening ``tag`` binds ``prefix`` (``b""``: the default namespace) to ``namespace``."""
    name = b"xmlns:" + prefix if prefix else b"xmlns"
    return re.search(rb"\s" + re.escape(name) + rb"""\s*=\s*["']""" + re.escape(namespace.encode()) + rb"""["']""",
                     tag) is not None


def binding(data: bytes, prefix: bytes, namespace: str) -> bytes:
    """The declaration a new element needs for ``prefix`` (``b"x:"`` or ``b""``) when the part's
    root does not already bind it to ``namespace``: ``b""`` or `` xmlns:x="..."``."""
    bare = prefix.rstrip(b":")
    if declares(root_tag(data), bare, namespace):
        return b""
    return b" xmlns" + (b":" + bare if bare else b"") + b'="' + namespace.encode() + b'"'


class CopyRefused(DSIError):
    """The input's package cannot be given a report sheet without changing more than allowed."""


def refuse(what: str) -> CopyRefused:
    return CopyRefused(f"Den annoterede kopi kan ikke laves, fordi {what}.")


def one(pattern: bytes, data: bytes, what: str, *, shown: bytes | None = None) -> re.Match[bytes]:
    """The single match of ``pattern`` in ``data``; :class:`CopyRefused` naming ``what`` otherwise.
    ``shown``: ``visible(data)``, when the caller has it already."""
    found = list(re.finditer(pattern, visible(data) if shown is None else shown))
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
