"""The add-in's VBA project (xl/vbaProject.bin): one path out of its ``dir`` stream, nothing else.

xlwings' template was last saved on its author's PC. Its VBA project references the Forms library
(MSForms), and for such a control reference Excel also records where it cached the library's
extended type information: ``C:\\Users\\<name>\\AppData\\Local\\Temp\\VBE\\MSForms.exd``, inside
the compressed ``VBA/dir`` stream ([MS-OVBA] 2.3.4.2.2.3, REFERENCECONTROL, LibidExtended).

That path is a cache hint: on every other PC it does not exist, and Excel makes its own cache.
``without_user_paths`` empties it (the LibidPath becomes ``""``, which the Libid grammar allows;
the twiddled Libid of the same record already has an empty path), fixes the record's two length
fields, and compresses the stream back to exactly its old size, so it goes back into the same
sectors of the OLE file. Every other stream, sector and byte of the file is left as it was; the
modules, their code and the references (names, GUIDs, versions) do not change.
"""

from __future__ import annotations

import io
import re
import struct

from dsi_xl.addin import ovba

DIR_STREAM = "VBA/dir"
USER_FOLDER = re.compile(rb"[A-Za-z]:\\(?:Users|Documents and Settings)\\", re.I)
RESERVED3 = b"\x30\x00"  # precedes SizeExtended in a REFERENCECONTROL record
# SizeExtended counts SizeOfLibidExtended, the Libid, Reserved4 (4), Reserved5 (2),
# OriginalTypeLib (16) and Cookie (4).
EXTENDED_OVERHEAD = 4 + 4 + 2 + 16 + 4


class VBAProjectError(ValueError):
    """The VBA project is not laid out as this module expects."""


def _extended_libids(directory: bytes):
    """(start, end, libid) of every REFERENCECONTROL LibidExtended field, from Reserved3 on."""
    for match in re.finditer(re.escape(RESERVED3), directory):
        head = match.end()
        if head + 8 > len(directory):
            continue
        size_extended, size_libid = struct.unpack_from("<II", directory, head)
        libid = directory[head + 8:head + 8 + size_libid]
        if (
            size_extended == size_libid + EXTENDED_OVERHEAD
            and len(libid) == size_libid
            and libid[:4] in (b"*\\G{", b"*\\H{")
        ):
            yield match.start(), head + 8 + size_libid, libid


def scrub_directory(directory: bytes) -> bytes:
    """The decompressed ``dir`` stream with every extended Libid's user-folder path emptied: the
    Libid becomes ``*\\G{guid}#version#lcid##description``."""
    result = bytearray()
    done = 0
    for start, end, libid in _extended_libids(directory):
        fields = libid.split(b"#", 4)
        if len(fields) != 5 or not USER_FOLDER.match(fields[3]):
            continue
        fields[3] = b""
        new = b"#".join(fields)
        result += directory[done:start] + RESERVED3 + struct.pack("<II", len(new) + EXTENDED_OVERHEAD, len(new)) + new
        done = end
    result += directory[done:]
    left = USER_FOLDER.search(bytes(result))
    if left:
        raise VBAProjectError(f"a user folder outside an extended Libid at byte {left.start()} of the dir stream")
    return bytes(result)


def without_user_paths(data: bytes) -> bytes:
    """vbaProject.bin with no user-folder path in its ``dir`` stream; unchanged if it has none."""
    import olefile

    buffer = io.BytesIO(data)
    with olefile.OleFileIO(buffer) as ole:
        compressed = ole.openstream(DIR_STREAM).read()
        directory = ovba.decompress(compressed)
        scrubbed = scrub_directory(directory)
        if scrubbed == directory:
            return data
        ole.write_stream(DIR_STREAM, ovba.compress(scrubbed, size=len(compressed)))
    return buffer.getvalue()
