"""MS-OVBA compression (dsi_xl.addin.ovba), checked against the streams Excel wrote into xlwings'
template and against oletools' independent decompressor."""

from __future__ import annotations

import io
import struct
import zipfile

import olefile
import pytest
from hypothesis import given
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from dsi_xl.addin import ovba, template_path


def oletools_decompress(data: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(data)))


@pytest.fixture(scope="module")
def ole() -> olefile.OleFileIO:
    with zipfile.ZipFile(template_path()) as archive:
        return olefile.OleFileIO(io.BytesIO(archive.read("xl/vbaProject.bin")))


@pytest.fixture(scope="module")
def excel_dir(ole) -> bytes:
    """The template's VBA/dir stream, compressed by Excel on xlwings' build machine."""
    return ole.openstream("VBA/dir").read()


def module_sources(ole, directory: bytes) -> dict[str, bytes]:
    """Each module's compressed source (its stream from MODULEOFFSET on), found via the dir stream."""
    result = {}
    for path in ole.listdir():
        name = path[-1]
        if path[0] != "VBA" or name in ("dir", "_VBA_PROJECT"):
            continue
        record = directory.index(
            b"\x1a\x00" + struct.pack("<I", len(name)) + name.encode("latin-1")
        )  # MODULESTREAMNAME
        offset_record = directory.index(b"\x31\x00\x04\x00\x00\x00", record)  # MODULEOFFSET
        (offset,) = struct.unpack_from("<I", directory, offset_record + 6)
        result[name] = ole.openstream(f"VBA/{name}").read()[offset:]
    return result


def test_decompress_agrees_with_oletools_on_every_stream_excel_wrote(ole, excel_dir):
    directory = ovba.decompress(excel_dir)
    assert directory == oletools_decompress(excel_dir)
    sources = module_sources(ole, directory)
    assert set(sources) == {"ThisWorkbook", "Sheet2", "RibbonMyAddin", "Dictionary", "xlwings"}
    for name, compressed in sources.items():
        assert ovba.decompress(compressed) == oletools_decompress(compressed), name
    assert len(ovba.decompress(sources["xlwings"])) > 4096 * 10  # many chunks


def test_compress_reproduces_excels_dir_stream_byte_for_byte(excel_dir):
    """The greedy encoder with Excel's tie-break (the farthest of equally long matches) writes
    exactly the bytes Excel wrote."""
    assert ovba.compress(ovba.decompress(excel_dir)) == excel_dir


@pytest.mark.parametrize("extra", [0, 1, 2, 7, 8, 9, 16, 45, 100])
def test_compress_to_an_exact_size(excel_dir, extra):
    data = ovba.decompress(excel_dir)
    compressed = ovba.compress(data, size=len(excel_dir) + extra)
    assert len(compressed) == len(excel_dir) + extra
    assert oletools_decompress(compressed) == data


def test_a_size_below_the_greedy_encoding_is_refused(excel_dir):
    with pytest.raises(ovba.CompressionError, match="at least 1278"):
        ovba.compress(ovba.decompress(excel_dir), size=1277)


def test_data_without_matches_cannot_be_padded():
    data = bytes(range(200))
    assert len(ovba.compress(data)) == 1 + 2 + 200 + 25
    with pytest.raises(ovba.CompressionError, match="no encoding"):
        ovba.compress(data, size=1 + 2 + 200 + 25 + 1)


@pytest.mark.parametrize("bad", [b"", b"\x02\x00\xb0", b"\x01\x00\x00", b"\x01\x01\xb0\x01\x00\x10"])
def test_decompress_refuses_what_is_not_a_container(bad):
    with pytest.raises(ovba.CompressionError):
        ovba.decompress(bad)


# Repetitive bytes, as VBA source and dir streams are, with chunk boundaries in reach.
repetitive = st.lists(st.sampled_from([b"Sub ", b"End Sub\r\n", b"\x00\x00", b"xlwings", b"A", b"#", b"\xff"]),
                      max_size=1500).map(b"".join)


@given(st.one_of(st.binary(max_size=9000), repetitive), st.integers(0, 40))
def test_compress_round_trips_through_oletools(data, extra):
    greedy = ovba.compress(data)
    assert oletools_decompress(greedy) == data == ovba.decompress(greedy)
    try:
        padded = ovba.compress(data, size=len(greedy) + extra)
    except ovba.CompressionError:
        assert extra > 0  # only padding can be out of reach (too few copies to loosen)
    else:
        assert len(padded) == len(greedy) + extra
        assert oletools_decompress(padded) == data
