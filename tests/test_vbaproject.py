"""dsi_xl.addin.vbaproject on its own: what it edits in a dir stream, and what it refuses."""

from __future__ import annotations

import struct

import pytest

from dsi_xl.addin import template_path, vbaproject, xlam


def control_reference(path: bytes) -> bytes:
    """The extended part of a REFERENCECONTROL record, from Reserved3 on ([MS-OVBA] 2.3.4.2.2.3)."""
    libid = rb"*\G{0A322D97-3EB1-4A1B-B6B9-11AD3C432547}#2.0#0#" + path + b"#Microsoft Forms 2.0 Object Library"
    tail = b"\x00" * 6 + bytes(range(16)) + b"\x01\x00\x00\x00"
    return b"\x30\x00" + struct.pack("<II", len(libid) + 30, len(libid)) + libid + tail


def test_a_user_folder_path_is_emptied_and_the_lengths_follow():
    before = b"\x0f\x00" + control_reference(rb"C:\Users\anna\AppData\Local\Temp\VBE\MSForms.exd") + b"\x10\x00"
    assert vbaproject.scrub_directory(before) == b"\x0f\x00" + control_reference(b"") + b"\x10\x00"


@pytest.mark.parametrize("path", [b"", rb"C:\WINDOWS\SysWOW64\FM20.DLL", rb"D:\Documents and Settings\x\MSForms.exd"])
def test_other_paths_stay_and_old_windows_profiles_go(path):
    directory = control_reference(path)
    expected = control_reference(b"") if b"Documents and Settings" in path else directory
    assert vbaproject.scrub_directory(directory) == expected


def test_a_user_folder_anywhere_else_is_refused():
    with pytest.raises(vbaproject.VBAProjectError, match="outside an extended Libid"):
        vbaproject.scrub_directory(b"\x0d\x00" + rb"*\G{x}#2.0#0#C:\Users\anna\lib.tlb#x")


def test_inconsistent_lengths_are_not_taken_for_a_record():
    broken = bytearray(control_reference(rb"C:\Users\anna\MSForms.exd"))
    broken[2] += 1  # SizeExtended no longer agrees with SizeOfLibidExtended
    with pytest.raises(vbaproject.VBAProjectError):
        vbaproject.scrub_directory(bytes(broken))


def test_a_scrubbed_project_is_left_as_it_is():
    once = vbaproject.without_user_paths(xlam.read(template_path())["xl/vbaProject.bin"])
    assert vbaproject.without_user_paths(once) == once
