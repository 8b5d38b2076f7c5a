"""Validate many files: in parallel across cores, results in input order, one bad file never
stops the others.

Each file is validated by :func:`dsi_xl.validation.engine.validate_file`, which never raises
(an unreadable file is a ``ulæselig`` result). At most one worker per core: ``--jobs 64`` on two
cores once started 61 workers, 1.7 GB, twice as slow as two. Small batches run in this process; larger ones in
a :class:`~concurrent.futures.ProcessPoolExecutor`. A worker that dies (out of memory, killed)
gives that file a ``ulæselig`` result with a Danish sentence; the rest go on. Where there are no
processes (Pyodide, as in xlwings Lite) the pool is never imported and every batch runs here.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from dsi_xl import stops
from dsi_xl.validation.result import Finding, Result

WORKBOOKS = (".xlsx", ".xlsm")


class Skipped(str):
    """A path a folder walk found but does not read, with the Danish sentence saying why (a link
    out of the folder, a second link to the same file, a FIFO or device, a dangling link, a folder
    that cannot be read). It is validated as nothing: its result is ``ulæselig`` with that
    sentence, and the rest of the run goes on."""

    reason: str

    def __new__(cls, path: str, reason: str) -> Skipped:
        made = super().__new__(cls, path)
        made.reason = reason
        return made

    def __reduce__(self):
        return (Skipped, (str(self), self.reason))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(top: str, skipped_folder: str | None) -> list[str]:
    """The workbooks under ``top``, walked without recursion (any depth), never following a link
    out of ``top``; every entry that looks like a workbook but is not read is a :class:`Skipped`."""
    root = os.path.realpath(top)
    found: list[str] = []
    seen_folders = {root}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            found.append(Skipped(folder, f"Mappen kan ikke læses ({error.strerror or 'ukendt fejl'}); filerne i den "
                                         "er ikke valideret."))
            continue
        below = []
        for entry in entries:
            if entry.name.startswith((".", "~$")):
                continue
            path = entry.path
            link = entry.is_symlink()
            target = os.path.realpath(path) if link else None
            if link and not _inside(target, root):
                if entry.name.lower().endswith(WORKBOOKS) or os.path.isdir(path):
                    found.append(Skipped(path, f"Linket peger uden for mappen {top} og følges ikke."))
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                real = target or os.path.realpath(path)
                if not link and real not in seen_folders and os.path.abspath(path) != skipped_folder:
                    seen_folders.add(real)
                    below.append(path)
                continue  # a link to a folder inside: that folder is walked by its own path
            if not entry.name.lower().endswith(WORKBOOKS):
                continue
            try:
                info = os.stat(path)
            except OSError:
                found.append(Skipped(path, "Linket peger på en fil, der ikke findes."))
                continue
            if not stat.S_ISREG(info.st_mode):
                found.append(Skipped(path, "Stien er ikke en almindelig fil (fx et rør eller en enhed) og læses ikke."))
                continue
            found.append(path)
        stack.extend(reversed(below))
    return found


def _once(paths: list[str]) -> list[str]:
    """A second path to a file already listed (a link, a hard link) is a :class:`Skipped`."""
    first: dict[tuple[int, int], str] = {}
    out = []
    for path in paths:
        if not isinstance(path, Skipped):
            try:
                info = os.stat(path)
            except OSError as error:
                out.append(Skipped(path, f"Filen kan ikke læses ({error.strerror or 'ukendt fejl'})."))
                continue
            earlier = first.setdefault((info.st_dev, info.st_ino), path)
            if earlier != path:
                path = Skipped(path, f"Filen er den samme som {earlier} og valideres kun én gang.")
        out.append(path)
    return out


def workbooks(paths: Sequence[str | os.PathLike[str]], skip: str | os.PathLike[str] | None = None) -> list[str]:
    """Each folder among ``paths`` replaced by the workbooks under it (.xlsx and .xlsm, in every
    subfolder, sorted by path), leaving out Excel's lock files (``~$...``), hidden files and
    folders, and the folder ``skip`` (last run's annotated copies); files stay as given.

    A folder is walked without recursion and without following links out of it; what is found
    but not read (a link out of the folder, a dangling link, a second link to the same file, a
    FIFO or device, a subfolder that cannot be read) stays in the list as a :class:`Skipped`,
    which the run reports as ``ulæselig`` with its reason. ValueError (a Danish sentence) for a
    folder with nothing in it."""
    skipped = os.path.abspath(skip) if skip else None
    out: list[str] = []
    for path in map(os.fspath, paths):
        if not os.path.isdir(path):
            out.append(path)
            continue
        found = _walk(path, skipped)
        if not found:
            raise ValueError(f"Mappen {path} indeholder ingen .xlsx- eller .xlsm-filer.")
        out += _once(sorted(found, key=str))
    return out


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else all)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


IN_PROCESS_BELOW = 4  # files; below this, starting worker processes costs more than it saves
STOP_POLL = 0.1  # seconds; how often the wait for the workers looks for a stop signal
CRASHED = "Valideringen af filen stoppede uventet ({error}); de øvrige filer er valideret."


def validate_one(path: str, as_of: date | None = None) -> Result:
    """One file (top level, so a worker process can import it); a :class:`Skipped` path is not read."""
    from dsi_xl.validation.engine import _unreadable, validate_file

    if isinstance(path, Skipped):
        return _unreadable(path, path.reason)
    return validate_file(path, as_of=as_of)


def _crashed(path: str, error: BaseException) -> Result:
    from dsi_xl.validation.rule import UNREADABLE

    return Result(path, (Finding(UNREADABLE, "fejl", CRASHED.format(error=type(error).__name__)),), unreadable=True)


def _worker_signals() -> None:
    """In a worker: Ctrl-C and stop signals are the parent's to handle (it kills the workers);
    otherwise a signal sent to the whole process group can print a traceback per worker."""
    for number in stops.STOPS:
        signal.signal(number, signal.SIG_IGN if number == signal.SIGINT else signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them (stops.held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, stops.STOPS)


def stop_workers(pool: Any) -> None:
    """Kill the workers (they only read; nothing is left half written), then shut the pool down:
    what has not started is cancelled, and the pool's own thread joins the dead workers. Without
    this, leaving the ``with`` block would wait for the whole batch. The workers are taken before
    the shutdown, which forgets them."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=True, cancel_futures=True)


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
    available = cores()
    jobs = max(1, min(jobs or available, available))  # more workers than cores only cost memory and time
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
    stopping = None
    with stops.held(), pool:  # a stop is raised after the pool has shut down, never inside its locks
        from concurrent.futures import FIRST_COMPLETED, wait

        futures: dict[Any, int] = {pool.submit(validate_one, p, as_of): i for i, p in enumerate(paths)}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=STOP_POLL, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as error:  # noqa: BLE001 - a dead worker marks only its own file
                    results[i] = _crashed(paths[i], error)
                if done:
                    done(results[i])
                if stops.requested() is not None:  # stop at once: no further file is reported
                    break
            stopping = stops.requested()
            if stopping is not None:  # Ctrl-C, SIGTERM, SIGHUP: the workers stop with this process
                stop_workers(pool)
                break
    if stopping is not None:  # held() raises it on leaving; this is for a handler that changed meanwhile
        raise stops.Stopped(stopping)
    return results  # type: ignore[return-value]
