"""Outputs never collide (issue 15): copies mirror the inputs' folders, no output overwrites an
input or another output (links included), and every refusal is one Danish sentence, exit 2,
before anything is validated."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dsi_xl.cli import main
from validate_files import AS_OF, example


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *map(str, args), "--as-of", AS_OF.isoformat()])


def one_sentence(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_same_name_in_two_folders_gets_mirrored_copies(tmp_path):
    randers = example(tmp_path / "mail" / "Randers", "regnskabsskabelon.xlsx") if (tmp_path / "mail" / "Randers").mkdir(
        parents=True) is None else None
    (tmp_path / "mail" / "Aarhus").mkdir()
    aarhus = example(tmp_path / "mail" / "Aarhus", "regnskabsskabelon.xlsx")
    result = run(randers, aarhus, "--annotate", tmp_path / "retur")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "retur" / "Randers" / "regnskabsskabelon.xlsx").is_file()
    assert (tmp_path / "retur" / "Aarhus" / "regnskabsskabelon.xlsx").is_file()


def test_inputs_in_one_folder_keep_dir_slash_name(tmp_path):
    a, b = example(tmp_path, "a.xlsx"), example(tmp_path, "b.xlsx")
    assert run(a, b, "--annotate", tmp_path / "retur").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "retur").iterdir()) == ["a.xlsx", "b.xlsx"]


def test_the_same_input_twice_is_refused(tmp_path):
    ex = example(tmp_path)
    link = tmp_path / "link.xlsx"
    os.link(ex, link)
    assert "samme fil" in one_sentence(run(ex, link, "--annotate", tmp_path / "retur"))
    assert not (tmp_path / "retur").exists()


def test_out_into_the_annotate_folder_over_a_copy_is_refused(tmp_path):
    ex = example(tmp_path / "ind", "ex.xlsx") if (tmp_path / "ind").mkdir() is None else None
    (tmp_path / "coll").mkdir()
    result = run("--format", "xlsx", "--out", tmp_path / "coll" / "ex.xlsx", "--annotate", tmp_path / "coll", ex)
    assert "begge" in one_sentence(result)
    assert list((tmp_path / "coll").iterdir()) == []


def test_a_copy_onto_an_input_through_a_symlink_is_refused(tmp_path):
    ex = example(tmp_path)
    folder = tmp_path / "retur"
    folder.mkdir()
    (folder / ex.name).symlink_to(ex)
    before = hashlib.sha256(ex.read_bytes()).hexdigest()
    assert "overskrevet" in one_sentence(run(ex, "--annotate", folder))
    (folder / ex.name).unlink()
    os.link(ex, folder / ex.name)  # a hard link: the same file under another name
    assert "overskrevet" in one_sentence(run(ex, "--annotate", folder))
    assert hashlib.sha256(ex.read_bytes()).hexdigest() == before


def test_out_onto_an_input_by_a_hard_link_is_refused(tmp_path):
    ex = example(tmp_path)
    link = tmp_path / "rapport.json"
    os.link(ex, link)
    assert "inputfil" in one_sentence(run(ex, "--format", "json", "--out", link))


@pytest.mark.parametrize("where", ["file-sub", "/proc/dsi-xl-x", "read-only"])
def test_an_annotate_folder_that_cannot_be_made_is_one_sentence(tmp_path, where):
    ex = example(tmp_path)
    if where == "file-sub":
        folder = ex / "sub"
    elif where == "read-only":
        if os.geteuid() == 0:
            folder = Path("/proc/self/dsi-xl-ro")  # root ignores permissions; /proc refuses anyone
        else:
            locked = tmp_path / "laast"
            locked.mkdir(mode=0o500)
            folder = locked / "sub"
    else:
        folder = Path(where)
    assert "--annotate" in one_sentence(run(ex, "--annotate", folder))


@pytest.mark.parametrize("jobs", ["³", "٣", "1" * 5000])
def test_jobs_takes_ascii_digits_only(tmp_path, jobs):
    assert "--jobs" in one_sentence(run(example(tmp_path), "--jobs", jobs))


def test_terms_with_an_unknown_agreement_is_one_sentence():
    result = CliRunner().invoke(main, ["terms", "--agreement", "ukendt"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "ukendt" in result.stderr


def test_a_closed_pipe_ends_quietly_with_141(tmp_path):
    files = [str(example(tmp_path, f"k{i}.xlsx")) for i in range(3)]
    done = subprocess.run(f"{sys.executable} -m dsi_xl validate {' '.join(files)} --as-of {AS_OF} | head -1; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True)
    assert done.returncode in (141, 0)  # 0 only if everything fit in the pipe before head closed it
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_a_full_disk_is_one_sentence_without_zip_noise(tmp_path):
    ex = example(tmp_path)
    script = (
        "import sys\n"
        "from openpyxl.writer.excel import ExcelWriter\n"
        "def full(self):\n"
        "    self._archive.writestr('xl/x.xml', b'half')\n"
        "    raise OSError(28, 'No space left on device')\n"
        "ExcelWriter.write_data = full\n"
        "import zipfile\n"
        "def end(self):\n"  # the central directory cannot be written either: the disk is full
        "    raise OSError(28, 'No space left on device')\n"
        "zipfile.ZipFile._write_end_record = end\n"
        "from dsi_xl.cli import main\n"
        f"sys.argv = ['dsi-xl', 'validate', {str(ex)!r}, '--format', 'xlsx', '--out', {str(tmp_path / 'r.xlsx')!r}]\n"
        "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["Rapporten kunne ikke skrives: No space left on device."]
