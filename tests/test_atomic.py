"""Files dsi-xl writes for others: whole or not at all, and readable like any other file."""

from __future__ import annotations

import os
import stat

import pytest

from dsi_xl.atomic import replacing, write_text


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_written_file_has_the_permissions_open_would_give(tmp_path):
    plain = tmp_path / "almindelig.txt"
    plain.write_text("x")  # what the user's umask makes of a new file
    target = tmp_path / "rapport.json"
    write_text(target, "[]")
    assert target.read_text() == "[]"
    assert _mode(target) == _mode(plain)  # not mkstemp's private 0o600


def test_a_failure_leaves_neither_target_nor_temporary(tmp_path):
    target = tmp_path / "rapport.xlsx"
    with pytest.raises(RuntimeError):
        with replacing(target) as temporary:
            temporary.write_bytes(b"halv")
            raise RuntimeError("afbrudt")
    assert list(tmp_path.iterdir()) == []


def test_the_addin_build_is_readable_like_any_file(tmp_path):
    from dsi_xl.addin.build import build

    plain = tmp_path / "almindelig.txt"
    plain.write_text("x")
    out = build(tmp_path / "dsi_xl.xlam")
    assert _mode(out) == _mode(plain)
