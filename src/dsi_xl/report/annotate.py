"""``--annotate``: the submission's own package plus one sheet, ``Valideringsrapport``.

The copy is written at the package level: every part of the input is copied byte for byte
(pictures, charts, comments, sparklines, custom XML, the VBA project of an .xlsm, parts no
library models), except the few that must change to add one sheet (:mod:`.sheet_insert`, with
the styles merged by :mod:`.style_merge`); :mod:`.zip_copy` writes the new zip. Where each copy
goes, and which outputs would collide, is :mod:`.copy_paths`.

The input is read through the reader's guards (:mod:`dsi_xl.workbook.archive`: bounded sizes,
defusedxml), streamed part by part, never loaded as a workbook, and never written to. The copy is
written through a temporary file and a rename, so an interrupted run leaves no half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from dsi_xl.atomic import replacing
from dsi_xl.errors import DSIError, UnreadableWorkbook
from dsi_xl.report import report_sheet, report_xml, sheet_insert, zip_copy
from dsi_xl.report.copy_paths import same_file, target_for
from dsi_xl.report.xml_patch import CopyRefused
from dsi_xl.stops import held, interrupt_in
from dsi_xl.validation.result import Result
from dsi_xl.workbook.archive import open_file, open_package


def annotate(source: str | os.PathLike[str], result: Result, folder: str | os.PathLike[str] | None = None, *,
             when: datetime | None = None, target: str | os.PathLike[str] | None = None) -> Path:
    """Write the annotated copy to ``target`` (default ``folder/<name of source>``); never
    overwrites ``source``."""
    source = Path(source)
    target = Path(target) if target is not None else target_for(source, folder or ".")
    if same_file(source, target):
        raise ValueError(f"{target} er selve inputfilen; vælg en anden mappe til de annoterede kopier.")
    rendered = report_xml.render(report_sheet.layout(result, when=when))
    with open_file(source) as handle:
        package = open_package(handle, os.fstat(handle.fileno()).st_size)
        try:
            changes, dropped = sheet_insert.plan(package, rendered)
            with replacing(target) as temporary, held():  # a stop comes between copies, never mid-zip
                zip_copy.write(package, changes, dropped, temporary)
        finally:
            package.archive.close()
    return target


def annotate_all(results: Sequence[Result], copies: dict[str, Path], *, when: datetime | None = None
                 ) -> Iterator[str]:
    """Each result's copy at ``copies[result.file]``, one after the other; yields one Danish line
    for every file that gets no copy (unreadable, or the copy could not be written). One file's
    trouble never stops the others."""
    from dsi_xl.validation.engine import not_a_template

    when = when or datetime.now()
    for result in results:
        name = result.file
        if result.unreadable and not not_a_template(result):  # a workbook that is no template is annotated
            yield f"{name}: ulæselig, ingen annoteret kopi."
            continue
        target = copies[name]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            annotate(name, result, when=when, target=target)
        except OSError as error:
            yield f"{name}: den annoterede kopi {target} kunne ikke skrives ({error.strerror or error})."
        except DSIError as error:  # the copy refused, or the file unreadable as a package
            yield f"{name}: {error}"
        except Exception as error:  # noqa: BLE001 - one file's copy never stops the others
            stop = interrupt_in(error)
            if stop is not None:  # a stop signal hidden by a failed clean-up still stops the run
                raise stop from None
            yield f"{name}: den annoterede kopi kunne ikke skrives ({error})."


__all__ = ["annotate", "annotate_all", "same_file", "target_for", "CopyRefused", "UnreadableWorkbook"]
