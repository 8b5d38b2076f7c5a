"""Hostile and broken files (issue 7.1): refused with one Danish sentence, in bounded memory.

The corpus comes from ``tests/hostile.py``. Every file is read in ONE child process that
measures each read's peak Python memory with tracemalloc; the child runs under a timeout that
is a hang guard (a read that never ends fails the test), not a speed assertion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import hostile

MEMORY_BOUND = 50 * 2**20  # bytes of peak traced memory for any one read
HANG_GUARD = 120  # seconds for the whole corpus

CHILD = r"""
import json, sys, tracemalloc
from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.workbook.reader import read
for label, path in json.loads(sys.stdin.read()).items():
    tracemalloc.start()
    outcome = {}
    try:
        submission = read(path)
        outcome["read"] = True
        outcome["names"] = sorted(submission.names)
        outcome["defined_names"] = sorted(submission.defined_names)
        outcome["active_content"] = list(submission.active_content)
        outcome["external_links"] = list(submission.external_links)
        outcome["formulas"] = {f"{s}!{r}": f for (s, r), f in submission.formulas.items()}
        outcome["values"] = {n: [[repr(v) for v in row] for row in r.values] for n, r in submission.names.items()}
    except UnreadableWorkbook as error:
        outcome["refused"] = str(error)
    except BaseException as error:
        outcome["crashed"] = f"{type(error).__name__}: {error}"
    outcome["peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({label: outcome}), flush=True)
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, str]:
    """Every hostile file, written once for the module: label -> path."""
    folder = tmp_path_factory.mktemp("hostile")
    return {label: str(build(folder)) for label, build in {**hostile.REFUSED, **hostile.ACTIVE}.items()}


def _child(script: str, paths: dict[str, str]) -> dict:
    """Run ``script`` on ``paths`` in one child process (under the hang guard); its answers."""
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(paths), capture_output=True, text=True,
                          timeout=HANG_GUARD, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = {}
    for line in done.stdout.splitlines():
        results.update(json.loads(line))
    return results


@pytest.fixture(scope="module")
def outcomes(corpus):
    results = _child(CHILD, corpus)
    assert set(results) == set(corpus)
    return results


DANISH = ("filen", "delen", "arket", "projektmappen", "stien", "navnet")


@pytest.mark.parametrize("label", sorted(hostile.REFUSED))
def test_hostile_file_is_refused_with_one_danish_sentence(outcomes, label):
    outcome = outcomes[label]
    assert "crashed" not in outcome, outcome
    assert "refused" in outcome, f"{label} was read: {outcome}"
    message = outcome["refused"]
    assert message.split(maxsplit=1)[0].lower() in DANISH, message
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message, message
    assert "Traceback" not in message and "Error" not in message
    assert outcome["peak"] < MEMORY_BOUND, f"{label} used {outcome['peak'] / 2**20:.1f} MB"


@pytest.mark.parametrize("label, expected", [
    ("empty", "tom"), ("missing", "findes ikke"), ("directory", "mappe"), ("csv", "tekstfil"),
    ("csv_injection", "tekstfil"), ("html", "HTML"), ("pdf", "PDF"), ("legacy_xls", ".xls-format"),
    ("encrypted", "krypteret"), ("other_ole", "krypteret eller i det gamle .xls-format"),
    ("not_ooxml", "ingen xl/workbook.xml"), ("docx", "Word"), ("xlsb", ".xlsb"), ("zip_bomb_1gb", "zip-bombe"),
    ("ratio_bomb_100mb", "zip-bombe"), ("many_entries", "zip-bombe"), ("lying_directory", "beskadiget"),
    ("claims_550mb", "550 MB udpakket"),
    ("duplicate_part", "to gange"), ("encrypted_entry", "krypteret"), ("bzip2_part", "metode"),
    ("billion_laughs", "DTD"), ("external_entity", "DTD"), ("dtd_only", "DTD"), ("not_xml", "ikke gyldig XML"),
    ("deep_nesting", "niveauer"), ("huge_text", "tegn"), ("cell_beyond_columns", "uden for Excels"),
    ("cell_beyond_rows", "uden for Excels"), ("row_beyond_rows", "uden for Excels"),
    ("huge_array_formula", "formelceller"), ("too_many_formulas", "formelceller"),
    ("orphan_shared_formula", "delt formel"), ("bad_number", "C5"), ("missing_sheet_part", "mangler"),
    ("utf16_text", "tekstfil"), ("long_name_text", "LANG er længere"),
    ("truncated", "beskadiget"), ("corrupt_crc", "beskadiget"), ("random", "ikke en Excel-projektmappe"),
    ("many_attributes", "over 1 MB"), ("attributes_over_limit", "10.000 attributter"),
    ("huge_attribute", "over 1 MB"), ("huge_comment", "over 1 MB"), ("huge_tag_name", "over 1 MB"),
    ("underscore_number", "'64_5000'"), ("fullwidth_number", "C5"), ("arabic_indic_number", "C5"),
    ("fullwidth_row", "ikke et rækkenummer"),
])
def test_the_sentence_says_what_is_wrong(outcomes, label, expected):
    assert expected in outcomes[label].get("refused", ""), outcomes[label]


RSS_CHILD = r"""
import json, os, resource, sys
from dsi_xl.errors import UnreadableWorkbook
from dsi_xl.workbook.reader import read
paths = json.loads(sys.stdin.read())
read(paths.pop("_warm"))  # every module imported, every cache filled before the first fork
for label, path in paths.items():
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child starts with the parent's resident size as its high-water mark
        os.close(rfd)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            read(path)
        except UnreadableWorkbook:
            pass
        except BaseException:
            pass
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
        os.write(wfd, str(grown).encode())
        os._exit(0)
    os.close(wfd)
    grown = int(os.read(rfd, 64) or b"-1")
    os.close(rfd)
    os.waitpid(pid, 0)
    print(json.dumps({label: grown}), flush=True)
"""


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="fork() measures each read in its own process")
def test_every_hostile_read_stays_under_the_bound_of_resident_memory(corpus, tmp_path):
    """tracemalloc sees only Python's allocations; expat's own buffers and pyexpat's attribute
    dicts are C memory. Each read runs in a process forked after the imports, which reports how
    far its resident set grew (getrusage ru_maxrss): below 50 MB for every hostile file (issue 29:
    5.6 million attributes on one cell used to take 1.6 GB)."""
    grown = _child(RSS_CHILD, corpus | {"_warm": str(hostile.base(tmp_path, "varm.xlsx"))})
    assert set(grown) == set(corpus)
    over = {label: f"{size / 2**20:.1f} MB" for label, size in grown.items() if not 0 <= size < MEMORY_BOUND}
    assert not over, over


def test_every_refused_case_has_an_expected_sentence():
    tested = {param for param in test_the_sentence_says_what_is_wrong.pytestmark[0].args[1]}
    assert {label for label, _ in tested} == set(hostile.REFUSED)


def _active(outcomes, label):
    outcome = outcomes[label]
    assert outcome.get("read"), outcome
    assert outcome["peak"] < MEMORY_BOUND
    return outcome


def test_vba_project_is_listed_not_run(outcomes):
    assert any("VBA-makroprojekt (xl/vbaProject.bin)" in item for item in _active(outcomes, "vba")["active_content"])


def test_external_link_target_is_listed_never_opened(outcomes):
    outcome = _active(outcomes, "external_link")
    assert outcome["external_links"] == ["file:///C:/hemmeligt/budget.xlsx"]


def test_dde_link_is_active_content(outcomes):
    items = _active(outcomes, "dde_link")["active_content"]
    assert any("DDE-kobling" in item and "'cmd'" in item for item in items), items


def test_dde_and_call_formulas_are_active_content_and_kept_as_text(outcomes):
    outcome = _active(outcomes, "dde_formula")
    assert outcome["formulas"]["Regnskab!D5"] == "=cmd|' /C calc'!A0"
    items = " ".join(outcome["active_content"])
    assert "DDE-/kommandoformel" in items and "Regnskab!D5" in items
    assert "kalder et program" in items and "Regnskab!E9" in items


def test_web_query_and_its_address_are_listed(outcomes):
    items = " ".join(_active(outcomes, "web_query")["active_content"])
    assert "http://evil.example/data.html" in items and "forespørgselstabel" in items and "dataforbindelse" in items


def test_ole_activex_and_macro_sheets_are_listed(outcomes):
    items = " ".join(_active(outcomes, "ole_and_activex")["active_content"])
    assert "OLE-objekt" in items and "ActiveX" in items and "Excel 4.0-makroark" in items


def test_auto_open_name_is_listed(outcomes):
    assert any("Auto_Open" in item for item in _active(outcomes, "auto_open")["active_content"])


def test_formula_in_an_input_cell_is_data(outcomes):
    outcome = _active(outcomes, "hyperlink_input")
    assert outcome["formulas"]["Regnskab!C5"] == '=HYPERLINK("http://evil.example","klik")'
    assert outcome["values"]["DSI_FAKTISK"][0][0] == "None"  # never evaluated
    assert outcome["active_content"] == []


def test_a_name_over_a_huge_area_is_not_materialised(outcomes):
    outcome = _active(outcomes, "huge_name")
    assert "ALT" in outcome["defined_names"] and "ALT" not in outcome["names"]
    assert "DSI_FAKTISK" in outcome["names"]


def test_plain_workbooks_have_no_active_content(tmp_path):
    from dsi_xl.workbook.reader import read

    submission = read(hostile.base(tmp_path))
    assert submission.active_content == () and submission.external_links == ()


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_openpyxl_also_refuses_the_billion_laughs(tmp_path):
    """Where other commands use openpyxl, defusedxml protects them as well; with lxml installed
    openpyxl parses through lxml instead, with entities left unresolved and libxml2's limit on
    entity amplification, which refuses the same file."""
    import openpyxl
    import openpyxl.xml

    path = hostile.REFUSED["billion_laughs"](tmp_path)
    from defusedxml import DefusedXmlException

    with pytest.raises(Exception) as caught:
        openpyxl.load_workbook(path)
    chain, error = [], caught.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(error, DefusedXmlException) for error in chain) or (
        openpyxl.xml.LXML and any(type(error).__name__ == "XMLSyntaxError" and "entity" in str(error)
                                  for error in chain)), chain


def test_reading_never_changes_the_file(tmp_path):
    from dsi_xl.workbook.reader import read

    for build in (hostile.base, hostile.vba, hostile.external_link, hostile.REFUSED["billion_laughs"]):
        path = Path(build(tmp_path))
        before = path.read_bytes()
        try:
            read(path)
        except Exception:
            pass
        assert path.read_bytes() == before
