"""The zip/OOXML guard: what a file is, and its parts, read within fixed limits.

Every check that can be made from the zip's central directory is made before a single byte is
decompressed: entry count, total uncompressed size, each entry's compression ratio, the
compression method, encryption, duplicate part names. While a part is streamed, the bytes
actually produced are counted again, so a directory that lies cannot get past the limits.
Everything refused raises :class:`~dsi_xl.errors.UnreadableWorkbook` with one Danish sentence.
"""

from __future__ import annotations

import mmap
import os
import posixpath
import stat
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from dsi_xl.errors import UnreadableWorkbook

CORRUPT_ZIP = "Filen er en beskadiget zip-fil og kan ikke åbnes som Excel-projektmappe."
"""What the reader says of a file whose zip cannot be opened or unpacked, wherever that shows."""

MAX_ENTRIES = 10_000  # parts in the zip; Excel writes a few dozen
MAX_TOTAL_BYTES = 512 * 2**20  # all parts together, uncompressed
MAX_PART_BYTES = 64 * 2**20  # one XML part the reader parses, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 16 * 2**20  # smaller entries may compress well (style bloat) and are streamed anyway
CHUNK = 64 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
OFFICE_DOCUMENT = "/officeDocument"  # end of the relationship type, transitional and strict


def _n(number: int) -> str:
    """A whole number with Danish thousands separators."""
    return f"{number:,}".replace(",", ".")


def sniff(handle: BinaryIO, size: int) -> None:
    """Refuse anything that is not a zip file, saying what it looks like instead."""
    head = handle.read(512)
    handle.seek(0)
    if head.startswith(ZIP_SIGNATURES):
        return
    if head.startswith(OLE_SIGNATURE):
        raise UnreadableWorkbook(_ole_sentence(handle, size))
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"%pdf"):
        found = "en PDF-fil"
    elif lowered.startswith((b"<!doctype html", b"<html")):
        found = "en webside (HTML)"
    elif lowered.startswith(b"<?xml") or lowered.startswith(b"<"):
        found = "en XML-fil (fx et XML-regneark fra Excel 2003)"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_text(head):
        found = "en tekstfil (fx CSV), der er omdøbt"
    else:
        found = "en ukendt filtype"
    raise UnreadableWorkbook(
        f"Filen er ikke en Excel-projektmappe (.xlsx eller .xlsm), men ser ud til at være {found}."
    )


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    return bool(text) and all(ch.isprintable() or ch in "\r\n\t" for ch in text[:-4])


def _ole_sentence(handle: BinaryIO, size: int) -> str:
    """An OLE compound file: an encrypted OOXML package, or a legacy .xls (or another OLE file)."""
    with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        encrypted = view.find("EncryptedPackage".encode("utf-16-le")) >= 0
        legacy = view.find("Workbook".encode("utf-16-le")) >= 0 or view.find("Book".encode("utf-16-le")) >= 0
    if encrypted:
        return ("Filen er krypteret med en adgangskode og kan ikke læses; fjern adgangskoden i Excel "
                "og gem den igen som .xlsx.")
    if legacy:
        return "Filen er i det gamle .xls-format; åbn den i Excel og gem den som .xlsx."
    return "Filen er krypteret eller i det gamle .xls-format og kan ikke læses som .xlsx."


class Package:
    """An open OOXML package: its part names and bounded access to their bytes."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnreadableWorkbook(
                f"Filen indeholder {_n(len(infos))} dele (højst {_n(MAX_ENTRIES)}) og afvises som en mulig zip-bombe."
            )
        self.parts: dict[str, zipfile.ZipInfo] = {}
        folded: dict[str, str] = {}
        total = 0
        for info in infos:
            name = info.filename.lstrip("/")
            key = name.casefold()
            if key in folded:
                raise UnreadableWorkbook(
                    f"Filen indeholder delen {name} to gange og kan derfor ikke læses entydigt."
                )
            folded[key] = name
            self.parts[name] = info
            total += info.file_size
            if info.flag_bits & 0x1:
                raise UnreadableWorkbook("Filen er krypteret med en adgangskode og kan ikke læses.")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise UnreadableWorkbook(
                    f"Delen {name} pakkes mere end {MAX_RATIO} gange ud og afvises som en mulig zip-bombe."
                )
        if total > MAX_TOTAL_BYTES:
            raise UnreadableWorkbook(
                f"Filen fylder {_n(total // 2**20)} MB udpakket (højst {MAX_TOTAL_BYTES // 2**20} MB) og afvises "
                "som en mulig zip-bombe."
            )
        self._folded = folded

    def find(self, name: str) -> str | None:
        """The stored name of a part (OPC part names are case-insensitive), or None."""
        name = name.lstrip("/")
        if name in self.parts:
            return name
        return self._folded.get(name.casefold())

    def names(self) -> Iterator[str]:
        return iter(self.parts)

    def stream(self, name: str, limit: int = MAX_PART_BYTES) -> Iterator[bytes]:
        """The part's bytes in chunks, refusing more than ``limit`` bytes actually produced."""
        info = self.parts[name]
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableWorkbook(f"Delen {name} er pakket med en metode, som Excel ikke bruger.")
        if info.file_size > limit:
            raise UnreadableWorkbook(
                f"Delen {name} fylder {info.file_size // 2**20} MB udpakket (højst {limit // 2**20} MB) og afvises."
            )
        produced = 0
        with self.archive.open(info) as part:
            while chunk := part.read(CHUNK):
                produced += len(chunk)
                if produced > limit:
                    raise UnreadableWorkbook(f"Delen {name} fylder mere end {limit // 2**20} MB udpakket og afvises.")
                yield chunk

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        return b"".join(self.stream(name, limit))


def resolve(source: str, target: str) -> str:
    """The part name a relationship target points at, seen from the part ``source``."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    folder = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def rels_name(part: str) -> str:
    """The relationships part of ``part``: xl/workbook.xml -> xl/_rels/workbook.xml.rels."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def open_file(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading only, refusing what is missing, empty or not a regular file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableWorkbook("Filen findes ikke.") from None
    except OSError as error:
        raise UnreadableWorkbook(f"Filen kan ikke læses ({error.strerror or 'ukendt fejl'}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableWorkbook("Stien er en mappe, ikke en fil.")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableWorkbook("Stien er ikke en almindelig fil.")
    if info.st_size == 0:
        raise UnreadableWorkbook("Filen er tom.")
    try:
        return open(path, "rb")
    except OSError as error:
        raise UnreadableWorkbook(f"Filen kan ikke læses ({error.strerror or 'ukendt fejl'}).") from None


def open_package(handle: BinaryIO, size: int) -> Package:
    """Sniff the file, open its zip directory and check it against the limits."""
    sniff(handle, size)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise UnreadableWorkbook(CORRUPT_ZIP) from None
    return Package(archive)


def not_a_workbook(package: Package) -> str:
    """Say what an OOXML package without a workbook part is instead."""
    names = {name.casefold() for name in package.names()}
    if "xl/workbook.bin" in names:
        return "Filen er i det binære .xlsb-format; gem den i Excel som .xlsx."
    if "word/document.xml" in names:
        return "Filen er et Word-dokument, ikke en Excel-projektmappe."
    if any(name.startswith("ppt/") for name in names):
        return "Filen er en PowerPoint-præsentation, ikke en Excel-projektmappe."
    if "content.xml" in names and "mimetype" in names:
        return "Filen er et OpenDocument-regneark (.ods); gem den i Excel som .xlsx."
    return "Filen er en zip-fil, men ikke en Excel-projektmappe (den har ingen xl/workbook.xml)."
