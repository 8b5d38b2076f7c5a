"""A corpus of hostile and broken workbooks, generated on demand (nothing binary is committed).

``REFUSED`` builders make files the reader must refuse with one Danish sentence;
``ACTIVE`` builders make files it must read, listing the hazard. Each builder takes a folder and
returns the path it wrote. Run ``python3 tests/hostile.py DIR`` to write the whole corpus.
"""

from __future__ import annotations

import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.workbook.defined_name import DefinedName

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def base(folder: Path, name: str = "base.xlsx") -> Path:
    """A small valid workbook with a workbook-scoped name, written by openpyxl."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Regnskab"
    sheet["C5"], sheet["D5"], sheet["C6"], sheet["D6"] = 100, 200, "=C5*2", datetime(2027, 3, 1)
    book.defined_names["DSI_FAKTISK"] = DefinedName("DSI_FAKTISK", attr_text="Regnskab!$C$5:$D$6")
    path = folder / name
    book.save(path)
    return path


def rewrite(source: Path, target: Path, replace: dict[str, bytes | None] | None = None,
            add: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy a zip, replacing (None: dropping) and adding parts."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", compression) as new:
        for info in old.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    new.writestr(info.filename, replace[info.filename])
            else:
                new.writestr(info.filename, old.read(info.filename))
        for name, data in add.items():
            new.writestr(name, data)
    return target


def parts(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def raw_zip(target: Path, entries: list[tuple[str, bytes, int, int, int, int]]) -> Path:
    """Write a zip by hand: (name, stored bytes, crc, claimed size, method, flags) per entry."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size, method, flags in entries:
        encoded, offset = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, len(data), size,
                           len(encoded), 0) + encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc, len(data),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    target.write_bytes(bytes(out))
    return target


def deflated_zeros(size: int, block: int = 2**20) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes and its CRC, built without holding them."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = compressor.compress(b"\0" * block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    crc, zeros = 0, b"\0" * block
    for _ in range(size // block):
        crc = zlib.crc32(zeros, crc)
    return one * (size // block) + tail, crc


def _with_bomb(folder: Path, name: str, size: int) -> Path:
    valid = parts(base(folder, name + ".base.xlsx"))
    data, crc = deflated_zeros(size)
    entries = [(n, zlib.compress(b, 9)[2:-4], zlib.crc32(b), len(b), 8, 0) for n, b in valid.items() if n != SHEET]
    entries.append((SHEET, data, crc, size, 8, 0))
    return raw_zip(folder / name, entries)


def _sheet_xml(rows: str, extra: str = "") -> bytes:
    return f'<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData>{extra}</worksheet>'.encode()


def _with_sheet(folder: Path, name: str, sheet: bytes) -> Path:
    return rewrite(base(folder, name + ".base.xlsx"), folder / name, {SHEET: sheet})


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><workbook xmlns="'
    + MAIN_NS.encode()
    + b'"><sheets><sheet name="&lol9;" sheetId="1"/></sheets></workbook>'
)


def _book_with(folder: Path, name: str, part: str, data: bytes) -> Path:
    return rewrite(base(folder, name + ".base.xlsx"), folder / name, {part: data})


def _ole(folder: Path, name: str, stream_names: list[str]) -> Path:
    """Just enough of an OLE compound file: the signature and UTF-16 directory entry names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = b"".join(s.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for s in ["Root Entry", *stream_names])
    (folder / name).write_bytes(header + directory.ljust(4096, b"\0"))
    return folder / name


def _noise(size: int) -> str:
    """Text that does not compress well (so the ratio guard is not what refuses it)."""
    import random

    return "".join(random.Random(7).choices("abcdefghijklmnopqrstuvwxyzæøå0123456789", k=size))


def _random_text(size: int) -> str:
    """``size`` characters of hex digits from os.urandom: fast to make, compressing only 2:1."""
    import os

    return os.urandom(size // 2).hex()


def _write(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def _many_formulas(folder: Path, name: str = "formler.xlsx") -> Path:
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><f>1</f></c>' for c in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, 20_100))
    return _with_sheet(folder, name, _sheet_xml(rows))


REFUSED: dict[str, Callable[[Path], Path]] = {
    "empty": lambda d: _write(d, "tom.xlsx", b""),
    "missing": lambda d: d / "findes-ikke.xlsx",
    "directory": lambda d: (d / "mappe.xlsx").mkdir() or d / "mappe.xlsx",
    "csv": lambda d: _write(d, "csv.xlsx", "Kommune;Beløb\nRanders;1.050.000,00\n".encode()),
    "csv_injection": lambda d: _write(d, "inj.xlsx", b'=cmd|\' /C calc\'!A0;=HYPERLINK("http://evil")\n'),
    "html": lambda d: _write(d, "html.xlsx", b"<html><body><table></table></body></html>"),
    "pdf": lambda d: _write(d, "pdf.xlsx", b"%PDF-1.7\n%\xe2\xe3\n"),
    "random": lambda d: _write(d, "random.xlsx", bytes(range(256)) * 64),
    "legacy_xls": lambda d: _ole(d, "gammel.xlsx", ["Workbook", "\x05SummaryInformation"]),
    "encrypted": lambda d: _ole(d, "krypteret.xlsx", ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]),
    "other_ole": lambda d: _ole(d, "ole.xlsx", ["WordDocument"]),
    "truncated": lambda d: _write(d, "halv.xlsx", base(d, "halv.base.xlsx").read_bytes()[:1500]),
    "corrupt_crc": lambda d: _corrupt(d),
    "not_ooxml": lambda d: _zip_of(d, "zip.xlsx", {"readme.txt": b"hej"}),
    "docx": lambda d: _zip_of(d, "doc.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
    "xlsb": lambda d: _zip_of(d, "bin.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0"}),
    "zip_bomb_1gb": lambda d: _with_bomb(d, "bombe.xlsx", 2**30),
    "ratio_bomb_100mb": lambda d: _with_bomb(d, "ratio.xlsx", 100 * 2**20),
    "lying_directory": lambda d: _lying(d),
    "claims_550mb": lambda d: _claims(d),
    "many_entries": lambda d: _zip_of(d, "mange.xlsx", {f"xl/media/x{i}.bin": b"" for i in range(10_050)}),
    "duplicate_part": lambda d: _duplicate(d),
    "encrypted_entry": lambda d: _flagged(d),
    "bzip2_part": lambda d: rewrite(base(d, "bz.base.xlsx"), d / "bz.xlsx", compression=zipfile.ZIP_BZIP2),
    "billion_laughs": lambda d: _book_with(d, "laughs.xlsx", "xl/workbook.xml", LAUGHS),
    "external_entity": lambda d: _with_sheet(
        d,
        "xxe.xlsx",
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
        b'"file:///etc/passwd">]><worksheet xmlns="'
        + MAIN_NS.encode()
        + b'"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is>'
        b"</c></row></sheetData></worksheet>",
    ),
    "dtd_only": lambda d: _with_sheet(
        d, "dtd.xlsx", b'<!DOCTYPE worksheet><worksheet xmlns="' + MAIN_NS.encode() + b'"/>'
    ),
    "not_xml": lambda d: _with_sheet(d, "ikkexml.xlsx", b"<worksheet><sheetData><row>"),
    "deep_nesting": lambda d: _with_sheet(
        d, "dyb.xlsx", _sheet_xml('<row r="1"><c r="A1">' + "".join(f"<x{i}>" for i in range(300_000)))
    ),
    "huge_text": lambda d: _with_sheet(
        d, "tekst.xlsx", _sheet_xml('<row r="1"><c r="C5" t="str"><f>1</f><v>' + _noise(2_000_000) + "</v></c></row>")
    ),
    "cell_beyond_columns": lambda d: _with_sheet(
        d, "kolonne.xlsx", _sheet_xml('<row r="1"><c r="XFE1"><v>1</v></c></row>')
    ),
    "cell_beyond_rows": lambda d: _with_sheet(
        d, "raekke.xlsx", _sheet_xml('<row r="1048577"><c r="A1048577"><v>1</v></c></row>')
    ),
    "row_beyond_rows": lambda d: _with_sheet(
        d, "raekke2.xlsx", _sheet_xml('<row r="99999999999"><c><v>1</v></c></row>')
    ),
    "huge_array_formula": lambda d: _with_sheet(
        d, "matrix.xlsx", _sheet_xml('<row r="1"><c r="A1"><f t="array" ref="A1:XFD1048576">1</f></c></row>')
    ),
    "too_many_formulas": _many_formulas,
    "orphan_shared_formula": lambda d: _with_sheet(
        d, "delt.xlsx", _sheet_xml('<row r="5"><c r="C5"><f t="shared" si="7"/></c></row>')
    ),
    "bad_number": lambda d: _with_sheet(d, "tal.xlsx", _sheet_xml('<row r="5"><c r="C5"><v>NaN</v></c></row>')),
    "utf16_text": lambda d: _write(d, "unicode.xlsx", "Kommune\tBeløb\r\nRanders\t1\r\n".encode("utf-16")),
    "long_name_text": lambda d: _long_name(d),
    "missing_sheet_part": lambda d: rewrite(base(d, "uden.base.xlsx"), d / "uden.xlsx", {SHEET: None}),
    # issue 29: what expat holds whole before it reports it (a tag with its attributes, a comment, ...)
    "many_attributes": lambda d: _with_sheet(d, "attributter.xlsx", _sheet_xml(
        '<row r="5"><c r="C5" ' + " ".join(f'a{i}=""' for i in range(5_600_000 // 3)) + "><v>1</v></c></row>")),
    "attributes_over_limit": lambda d: _with_sheet(d, "attributter2.xlsx", _sheet_xml(
        '<row r="5"><c r="C5" ' + " ".join(f'a{i}=""' for i in range(20_000)) + "><v>1</v></c></row>")),
    "huge_attribute": lambda d: _with_sheet(d, "attribut.xlsx", _sheet_xml(
        f'<row r="5"><c r="C5" x="{_random_text(45_000_000)}"><v>1</v></c></row>')),
    "huge_comment": lambda d: _with_sheet(d, "kommentar.xlsx", _sheet_xml(
        f'<row r="5"><!--{_random_text(45_000_000)}--><c r="C5"><v>1</v></c></row>')),
    "huge_tag_name": lambda d: _with_sheet(d, "tagnavn.xlsx", _sheet_xml(
        f'<row r="5"><x{_random_text(45_000_000)}/><c r="C5"><v>1</v></c></row>')),
    # issue 29: a number as Python reads it, not as Excel does
    "underscore_number": lambda d: _with_sheet(d, "understreg.xlsx", _sheet_xml(
        '<row r="5"><c r="C5"><v>64_5000</v></c></row>')),
    "fullwidth_number": lambda d: _with_sheet(d, "fuldbredde.xlsx", _sheet_xml(
        '<row r="5"><c r="C5"><v>\uff16\uff14\uff15\uff10\uff10\uff10</v></c></row>')),
    "arabic_indic_number": lambda d: _with_sheet(d, "arabisk.xlsx", _sheet_xml(
        '<row r="5"><c r="C5"><v>\u0666\u0664\u0665\u0660\u0660\u0660</v></c></row>')),
    "fullwidth_row": lambda d: _with_sheet(d, "fuldbredde-raekke.xlsx", _sheet_xml(
        '<row r="\uff15"><c><v>1</v></c></row>')),
}


def _zip_of(folder: Path, name: str, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in entries.items():
            archive.writestr(part, data)
    return folder / name


def _corrupt(folder: Path) -> Path:
    data = bytearray(base(folder, "crc.base.xlsx").read_bytes())
    with zipfile.ZipFile(folder / "crc.base.xlsx") as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF  # inside the compressed sheet
    (folder / "crc.xlsx").write_bytes(bytes(data))
    return folder / "crc.xlsx"


def _entries(folder: Path, name: str) -> list[tuple[str, bytes, int, int, int, int]]:
    return [(n, zlib.compress(b, 9)[2:-4], zlib.crc32(b), len(b), 8, 0) for n, b in parts(base(folder, name)).items()]


def _lying(folder: Path) -> Path:
    """The directory claims a 10 kB sheet; the data inflates to 300 MB."""
    entries = [e for e in _entries(folder, "lyv.base.xlsx") if e[0] != SHEET]
    data, crc = deflated_zeros(300 * 2**20)
    return raw_zip(folder / "lyv.xlsx", [*entries, (SHEET, data, crc, 10_000, 8, 0)])


def _long_name(folder: Path) -> Path:
    source = base(folder, "navn.base.xlsx")
    long = ("Regnskab!$A$1+" * 1000).encode() + b"1"
    workbook = parts(source)["xl/workbook.xml"].replace(
        b"</definedNames>", b'<definedName name="LANG">' + long + b"</definedName></definedNames>"
    )
    return rewrite(source, folder / "navn.xlsx", {"xl/workbook.xml": workbook})


def _claims(folder: Path) -> Path:
    """Five media parts claiming 110 MB each at a modest ratio: too much in total."""
    junk = bytes(range(256)) * 4096  # 1 MB, never decompressed
    media = [(f"xl/media/image{i}.png", junk, 0, 110 * 2**20, 8, 0) for i in range(5)]
    return raw_zip(folder / "stor.xlsx", [*_entries(folder, "stor.base.xlsx"), *media])


def _duplicate(folder: Path) -> Path:
    entries = _entries(folder, "dobbelt.base.xlsx")
    sheet = next(e for e in entries if e[0] == SHEET)
    return raw_zip(folder / "dobbelt.xlsx", [*entries, (SHEET.upper().replace("XL/", "xl/"), *sheet[1:])])


def _flagged(folder: Path) -> Path:
    entries = [(n, d, c, s, m, 1 if n == SHEET else f) for n, d, c, s, m, f in _entries(folder, "flag.base.xlsx")]
    return raw_zip(folder / "flag.xlsx", entries)


# Readable files whose hazards must be listed --------------------------------------------------

def _workbook_rels_add(xml: bytes, rel: str) -> bytes:
    return xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def vba(folder: Path) -> Path:
    return rewrite(
        base(folder, "vba.base.xlsx"), folder / "makro.xlsm", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0fake"}
    )


def external_link(folder: Path) -> Path:
    source = base(folder, "ext.base.xlsx")
    old = parts(source)
    link = (f'<externalLink xmlns="{MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="Ark1"/></sheetNames></externalBook></externalLink>')
    link_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'externalLinkPath" Target="file:///C:/hemmeligt/budget.xlsx" TargetMode="External"/></Relationships>')
    rels = _workbook_rels_add(old["xl/_rels/workbook.xml.rels"],
                              '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                              'relationships/externalLink" Target="externalLinks/externalLink1.xml"/>')
    return rewrite(source, folder / "ekstern.xlsx", {"xl/_rels/workbook.xml.rels": rels},
                   {"xl/externalLinks/externalLink1.xml": link.encode(),
                    "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels.encode()})


def dde_link(folder: Path) -> Path:
    link = (f'<externalLink xmlns="{MAIN_NS}"><ddeLink ddeService="cmd" ddeTopic=" /C calc">'
            '<ddeItems><ddeItem name="A0"/></ddeItems></ddeLink></externalLink>')
    return rewrite(
        base(folder, "ddel.base.xlsx"),
        folder / "ddelink.xlsx",
        add={"xl/externalLinks/externalLink1.xml": link.encode()},
    )


def dde_formula(folder: Path) -> Path:
    book = openpyxl.load_workbook(base(folder, "dde.base.xlsx"))
    book["Regnskab"]["D5"] = "=cmd|' /C calc'!A0"
    book["Regnskab"]["E9"] = '=CALL("kernel32","WinExec","JCJ","calc",0)'
    book.save(folder / "dde.xlsx")
    return folder / "dde.xlsx"


def web_query(folder: Path) -> Path:
    connections = (f'<connections xmlns="{MAIN_NS}"><connection id="1" name="Kurser" type="4" refreshOnLoad="1">'
                   '<webPr url="http://evil.example/data.html"/></connection></connections>')
    query = f'<queryTable xmlns="{MAIN_NS}" name="Kurser" connectionId="1"/>'
    return rewrite(base(folder, "web.base.xlsx"), folder / "web.xlsx",
                   add={"xl/connections.xml": connections.encode(), "xl/queryTables/queryTable1.xml": query.encode()})


def ole_and_activex(folder: Path) -> Path:
    return rewrite(base(folder, "ole.base.xlsx"), folder / "objekter.xlsx",
                   add={"xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0", "xl/activeX/activeX1.xml": b"<ax/>",
                        "xl/macrosheets/sheet1.xml": b"<xm/>"})


def auto_open(folder: Path) -> Path:
    book = openpyxl.load_workbook(base(folder, "auto.base.xlsx"))
    book.defined_names["Auto_Open"] = DefinedName("Auto_Open", attr_text="Regnskab!$A$1")
    book.save(folder / "auto.xlsx")
    return folder / "auto.xlsx"


def hyperlink_input(folder: Path) -> Path:
    book = openpyxl.load_workbook(base(folder, "link.base.xlsx"))
    book["Regnskab"]["C5"] = '=HYPERLINK("http://evil.example","klik")'
    book.save(folder / "hyperlink.xlsx")
    return folder / "hyperlink.xlsx"


def huge_name(folder: Path) -> Path:
    book = openpyxl.load_workbook(base(folder, "stor.base.xlsx"))
    book.defined_names["ALT"] = DefinedName("ALT", attr_text="Regnskab!$A:$XFD")
    book.save(folder / "stort-navn.xlsx")
    return folder / "stort-navn.xlsx"


ACTIVE: dict[str, Callable[[Path], Path]] = {
    "vba": vba, "external_link": external_link, "dde_link": dde_link, "dde_formula": dde_formula,
    "web_query": web_query, "ole_and_activex": ole_and_activex, "auto_open": auto_open,
    "hyperlink_input": hyperlink_input, "huge_name": huge_name,
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    out.mkdir(parents=True, exist_ok=True)
    for label, build in {**REFUSED, **ACTIVE}.items():
        print(label, build(out))
