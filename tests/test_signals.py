"""Every way to stop leaves nothing behind (issue 15): SIGTERM and SIGHUP like Ctrl-C, the
workers stop with the command, a SIGKILL's leftovers are removed by the next run, and temporary
names fit the file system's limit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE_FILE
from dsi_xl.atomic import NAME_MAX, TEMPORARY_PREFIX, replacing, sweep, temporary_parts

CLI = shutil.which("dsi-xl") or "dsi-xl"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _as_from_a_terminal() -> None:
    """In the command's process before it starts: SIGHUP at its default, as a terminal gives it,
    even when these tests run under ``nohup`` (which ignores it, and the command then rightly keeps
    ignoring it)."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@pytest.mark.parametrize("number, group", [(signal.SIGTERM, False), (signal.SIGHUP, False), (signal.SIGTERM, True),
                                           (signal.SIGINT, True)])
def test_sigterm_and_sighup_stop_workers_and_leave_no_temporary_file(tmp_path, number, group):
    """``group``: the signal goes to the whole process group, as a terminal's Ctrl-C or a service
    manager stopping a unit does; otherwise only to the command, as ``kill`` or ``timeout`` do."""
    inputs = tmp_path / "ind"
    inputs.mkdir()
    files = []
    for i in range(400):
        files.append(inputs / f"kopi-{i:03d}.xlsx")
        shutil.copyfile(EXAMPLE_FILE, files[-1])
    out = tmp_path / "rapport.xlsx"
    process = subprocess.Popen([CLI, "validate", "--jobs", "2", "--format", "xlsx", "--out", str(out),
                                *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=group, preexec_fn=_as_from_a_terminal)
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while not workers and time.monotonic() < deadline:
        time.sleep(0.1)
        workers = _children(process.pid)
    time.sleep(0.5)
    if group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "ind")
    if process.returncode == 128 + number:
        assert err.strip().splitlines()[-1].startswith("Afbrudt")
        assert leftovers == []
    else:  # finished before the signal
        assert process.returncode == 0 and leftovers == ["rapport.xlsx"]
    assert workers, "the batch should have started worker processes"
    time.sleep(0.5)
    assert not [pid for pid in workers if _alive(pid)]  # no worker outlives the command


def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path):
    from dsi_xl.stops import Stopped

    target = tmp_path / "rapport.xlsx"
    with pytest.raises(Stopped):
        with replacing(target) as temporary:
            temporary.write_bytes(b"halv")
            raise Stopped(signal.SIGTERM)
    assert list(tmp_path.iterdir()) == []


def test_what_a_sigkill_left_is_removed_by_the_next_run(tmp_path):
    dead = subprocess.run(["true"], check=True)  # a pid that has ended
    del dead
    pid = os.getpid() + 100_000  # beyond any pid in use (pid_max is at most 4194304)
    while Path(f"/proc/{pid}").exists():
        pid += 1
    leftover = tmp_path / f"{TEMPORARY_PREFIX}{pid}-abcd1234.rapport.tmp.xlsx"
    leftover.write_bytes(b"PK half")
    young = tmp_path / f"{TEMPORARY_PREFIX}{pid}-young123.rapport.tmp.xlsx"
    young.write_bytes(b"PK half")
    mine = tmp_path / ".rapport.tmp.xlsx"  # not ours: never touched
    mine.write_bytes(b"x")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    os.utime(mine, (old, old))
    assert sweep(tmp_path) == [leftover]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([young.name, mine.name])


def test_a_240_character_name_gets_a_temporary_name_within_the_limit(tmp_path):
    target = tmp_path / ("æ" * 120 + ".xlsx")  # 240 bytes of name before the suffix
    prefix, suffix = temporary_parts(target)
    assert len(prefix.encode()) + 8 + len(suffix.encode()) <= NAME_MAX
    long_plain = tmp_path / ("k" * 245 + ".xlsx")
    with replacing(long_plain) as temporary:
        assert len(temporary.name.encode()) <= NAME_MAX
        temporary.write_bytes(b"x")
    assert long_plain.read_bytes() == b"x"
    with replacing(target) as temporary:
        temporary.write_bytes(b"y")
    assert target.read_bytes() == b"y"


def test_sigterm_at_many_moments_of_a_full_run_leaves_no_temporary_file(tmp_path):
    """A race needs many moments, not one (issue 29, case 9: SIGTERM 0.35 s into a run left a
    temporary file in 1 of 7 runs). The run DSI makes, with two workers, the xlsx report and the
    annotated copies, is stopped at sixteen moments spread over a whole run's length (measured by
    an uninterrupted run first, which also shows what a finished run leaves), and after each one
    no temporary file is left in the report's folder or among the copies."""
    inputs = tmp_path / "ind"
    inputs.mkdir()
    for i in range(24):
        shutil.copyfile(EXAMPLE_FILE, inputs / f"kopi-{i:03d}.xlsx")

    def start(n: int) -> tuple[subprocess.Popen, Path]:
        folder = tmp_path / f"run-{n}"
        folder.mkdir()
        command = [CLI, "validate", str(inputs), "--jobs", "2", "--format", "xlsx", "--out",
                   str(folder / "r.xlsx"), "--annotate", str(folder / "ann"), "--as-of", "2028-06-01"]
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True), folder

    def leftovers(folder: Path) -> list[str]:
        return [p.name for p in folder.rglob("*") if p.name.startswith(TEMPORARY_PREFIX)]

    began = time.monotonic()
    process, folder = start(0)
    assert process.wait(timeout=300) == 0, process.stderr.read()
    length = time.monotonic() - began
    assert (folder / "r.xlsx").is_file() and len(list((folder / "ann").iterdir())) == 24
    assert leftovers(folder) == []
    outcomes = []
    for n, fraction in enumerate([i / 16 for i in range(1, 17)], start=1):
        process, folder = start(n)
        time.sleep(length * fraction)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=120)
        outcomes.append(status)
        # 143: the command's own handler; -15: the signal came before the handler was installed or
        # after Python removed it on the way out, when no temporary file can exist (a shell shows 143 too)
        assert status in (0, 128 + signal.SIGTERM, -signal.SIGTERM), (fraction, status, process.stderr.read())
        assert "Traceback" not in process.stderr.read()
        assert leftovers(folder) == [], (fraction, leftovers(folder))
    # at least one stop must land for the test to have tested anything; how many land depends on
    # the machine's speed from one run to the next, so no more is asked
    assert outcomes.count(128 + signal.SIGTERM) + outcomes.count(-signal.SIGTERM) >= 1, outcomes


def test_an_interrupt_hidden_by_a_failed_clean_up_still_stops():
    """A zip file closed while a stop went by raises its own error (\"Can't close the ZIP file while
    there is an open writing handle\"), which hid the stop: annotate_all wrote "kunne ikke skrives"
    and went on, and the run ended 2 instead of 143 (seen once by the test above)."""
    from dsi_xl.stops import interrupt_in

    try:
        try:
            raise KeyboardInterrupt(15)
        except KeyboardInterrupt:
            raise ValueError("Can't close the ZIP file while there is an open writing handle on it.") from None
    except ValueError as error:
        hidden = error
    assert isinstance(interrupt_in(hidden), KeyboardInterrupt)  # __context__ keeps it though "from None"
    assert interrupt_in(ValueError("plain")) is None


@pytest.fixture
def stop_handlers():
    """:func:`dsi_xl.stops.install` in this (pytest's main) thread, and the handlers put back after."""
    from dsi_xl import stops

    before = {number: signal.getsignal(number) for number in stops.STOPS}
    for number in stops.STOPS:  # as a terminal starts the command, whatever started these tests (nohup)
        signal.signal(number, signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL)
    stops.install()
    yield stops
    for number, handler in before.items():
        signal.signal(number, handler)


def test_a_stop_inside_a_held_step_is_raised_when_the_step_ends(stop_handlers):
    stops = stop_handlers
    finished = False
    with pytest.raises(stops.Stopped) as caught:
        with stops.held():
            os.kill(os.getpid(), signal.SIGTERM)
            assert stops.requested() == signal.SIGTERM
            finished = True
    assert finished and caught.value.signum == signal.SIGTERM
    assert stops.requested() is None


def test_a_stop_another_thread_receives_is_still_held(stop_handlers):
    """The kernel gives a process's signal to any thread that does not block it (rich's progress
    thread, started before the step); Python then runs the handler in the main thread at once. It
    must record the stop there, not raise it in the middle of the held step (the pool's locks: a
    run that never ended after SIGTERM, seen once in CI)."""
    import threading

    stops = stop_handlers
    release = threading.Event()
    other = threading.Thread(target=release.wait)  # started outside held(): it does not block the stops
    other.start()
    finished = False
    try:
        with pytest.raises(stops.Stopped):
            with stops.held():
                os.kill(os.getpid(), signal.SIGHUP)
                for _ in range(200):  # bytecode boundaries at which the main thread runs a handler
                    time.sleep(0.001)
                assert stops.requested() == signal.SIGHUP
                finished = True
    finally:
        release.set()
        other.join()
    assert finished


def _pooled_batch(monkeypatch, tmp_path, count: int, number: int):
    """``count`` copies of the example validated by two workers, with ``number`` sent to this
    process as the first file ends; the files each ``done`` saw, and the results (None if stopped)."""
    from dsi_xl import batch

    monkeypatch.setattr(batch, "cores", lambda: 2)
    paths = []
    for i in range(count):
        paths.append(str(tmp_path / f"kopi-{i:02d}.xlsx"))
        shutil.copyfile(EXAMPLE_FILE, paths[-1])
    seen: list[str] = []

    def done(result):
        if not seen:
            os.kill(os.getpid(), number)
        seen.append(result.file)

    return paths, seen, lambda: batch.validate_files(paths, jobs=2, done=done)


def test_a_stop_ends_a_pooled_batch_between_files(stop_handlers, monkeypatch, tmp_path):
    """A stop during a batch cancels the files not started, kills the workers, and is raised once
    the pool has shut down, not inside its locks."""
    paths, seen, run = _pooled_batch(monkeypatch, tmp_path, 40, signal.SIGTERM)
    before = _children(os.getpid())
    with pytest.raises(stop_handlers.Stopped):
        run()
    assert len(seen) == 1  # the file whose end the stop came with; the others are cancelled or thrown away
    assert not [pid for pid in _children(os.getpid()) - before if _alive(pid)]  # the workers are gone


def test_an_ignored_signal_does_not_stop_a_pooled_batch(stop_handlers, monkeypatch, tmp_path):
    """Under ``nohup`` SIGHUP is ignored, yet a blocked signal stays pending even so: the wait for
    the workers took it for a stop, killed them, and the run went on with files missing and ended
    in a traceback (seen in CI run under nohup). It must finish, every file validated."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    paths, seen, run = _pooled_batch(monkeypatch, tmp_path, 8, signal.SIGHUP)
    results = run()
    assert seen and [r.file for r in results] == paths and not any(r.unreadable for r in results)
