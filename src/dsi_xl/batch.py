"""Validate many files: in parallel across cores, results in input order, one bad file never
stops the others.

Each file is validated by :func:`dsi_xl.validation.engine.validate_file`, which never raises
(an unreadable file is a ``ulæselig`` result). Small batches run in this process; larger ones in
a :class:`~concurrent.futures.ProcessPoolExecutor`. A worker that dies (out of memory, killed)
gives that file a ``ulæselig`` result with a Danish sentence; the rest go on. Where there are no
processes (Pyodide, as in xlwings Lite) the pool is never imported and every batch runs here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from dsi_xl.validation.result import Finding, Result

WORKBOOKS = (".xlsx", ".xlsm")


def workbooks(paths: Sequence[str | os.PathLike[str]], skip: str | os.PathLike[str] | None = None) -> list[str]:
    """Each folder among ``paths`` replaced by the workbooks under it (.xlsx and .xlsm, in every
    subfolder, sorted by path), leaving out Excel's lock files (``~$...``), hidden files and
    folders, and the folder ``skip`` (last run's annotated copies); files stay as given.
    ValueError (a Danish sentence) for a folder with no workbook."""
    skipped = os.path.abspath(skip) if skip else None
    out: list[str] = []
    for path in map(os.fspath, paths):
        if not os.path.isdir(path):
            out.append(path)
            continue
        found = []
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                                   and os.path.abspath(os.path.join(folder, d)) != skipped)
            found += [os.path.join(folder, n) for n in names
                      if n.lower().endswith(WORKBOOKS) and not n.startswith(("~$", "."))]
        if not found:
            raise ValueError(f"Mappen {path} indeholder ingen .xlsx- eller .xlsm-filer.")
        out += sorted(found)
    return out


IN_PROCESS_BELOW = 4  # files; below this, starting worker processes costs more than it saves
CRASHED = "Valideringen af filen stoppede uventet ({error}); de øvrige filer er valideret."


def validate_one(path: str, as_of: date | None = None) -> Result:
    """One file (top level, so a worker process can import it)."""
    from dsi_xl.validation.engine import validate_file

    return validate_file(path, as_of=as_of)


def _crashed(path: str, error: BaseException) -> Result:
    from dsi_xl.validation.rule import UNREADABLE

    return Result(path, (Finding(UNREADABLE, "fejl", CRASHED.format(error=type(error).__name__)),), unreadable=True)


def _worker_signals() -> None:
    """In a worker: Ctrl-C and stop signals are the parent's to handle (it kills the workers);
    otherwise a signal sent to the whole process group can print a traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def stop_workers(pool: Any) -> None:
    """Cancel what has not started and kill the workers (they only read; nothing is left half
    written). Without this, leaving the ``with`` block would wait for the whole batch."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass


def _pool(workers: int):
    """A process pool, or None where processes are unavailable (Pyodide has no fork/spawn)."""
    if sys.platform == "emscripten":
        return None
    try:
        from concurrent.futures import ProcessPoolExecutor  # lazy: the import itself fails in Pyodide 0.27

        return ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals)
    except (ImportError, NotImplementedError, OSError):
        return None


def validate_files(paths: Sequence[str], *, as_of: date | None = None, jobs: int | None = None,
                   done: Callable[[Result], None] | None = None) -> list[Result]:
    """A :class:`Result` for every path, in the order given, with the run's cross-file findings
    (:func:`dsi_xl.validation.history.compare`); ``done`` is called as each file ends."""
    from dsi_xl.validation.history import compare

    return compare(_each(paths, as_of=as_of, jobs=jobs, done=done))


def _each(paths: Sequence[str], *, as_of: date | None, jobs: int | None,
          done: Callable[[Result], None] | None) -> list[Result]:
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: list[Result | None] = [None] * len(paths)
    pool = None if jobs == 1 or len(paths) < IN_PROCESS_BELOW else _pool(min(jobs, len(paths)))
    if pool is None:
        for i, path in enumerate(paths):
            try:
                results[i] = validate_one(path, as_of)
            except Exception as error:  # noqa: BLE001 - one bad file never stops the others
                results[i] = _crashed(path, error)
            if done:
                done(results[i])
        return results  # type: ignore[return-value]
    with pool:
        from concurrent.futures import as_completed

        try:
            futures: dict[Any, int] = {pool.submit(validate_one, p, as_of): i for i, p in enumerate(paths)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as error:  # noqa: BLE001 - a dead worker marks only its own file
                    results[i] = _crashed(paths[i], error)
                if done:
                    done(results[i])
        except BaseException:  # Ctrl-C, SIGTERM, SIGHUP: the workers stop with this process
            stop_workers(pool)
            raise
    return results  # type: ignore[return-value]
