"""How a run stops: Ctrl-C, SIGTERM and SIGHUP end it between steps, never in the middle of one.

A stop is raised in the main thread as :class:`Stopped` (a ``KeyboardInterrupt``), so every
``finally`` and every temporary file's clean-up (:mod:`dsi_xl.atomic`) runs on the way out, and
the command line ends with ``128 +`` the signal's number.

Raised at an arbitrary moment, though, an exception can cut a step that must not be cut: a zip
file half written, or the standard library's worker pool between taking a lock and releasing it
(``concurrent.futures`` then waits for that lock for ever, and so did the command: seen once in
CI, a run that never ended after SIGTERM). Such a step runs inside :func:`held`: a stop that
arrives meanwhile is only recorded, and raised on leaving; a long step (waiting for the workers)
asks :func:`requested` between its short parts and ends early. The handler
(:func:`install`) records the stop whichever thread the operating system gave the signal to;
where threads can block signals, :func:`held` blocks them too, for callers that never installed
the handler (a library user's Ctrl-C).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOPS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}

_holding = 0  # how many held() blocks the main thread is in
_requested: int | None = None  # the stop that arrived while held, not yet raised


class Stopped(KeyboardInterrupt):
    """Ctrl-C, SIGTERM or SIGHUP, raised in the main thread, so every ``finally`` runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def requested() -> int | None:
    """The stop signal that arrived inside :func:`held` and waits to be raised, if any: one the
    handler recorded, or one the blocked signals keep pending.

    >>> requested() is None
    True
    """
    if _requested is not None:
        return _requested
    try:
        pending = {number for number in signal.sigpending() & STOPS if _stops_the_run(number)}
    except (AttributeError, OSError):
        return None
    return min(pending) if pending else None


def _stops_the_run(number: int) -> bool:
    """Whether ``number``, once delivered, ends the run: not one that is ignored (SIGHUP under
    ``nohup``; a blocked signal stays pending even so) or that someone else's handler takes."""
    return signal.getsignal(number) in (_handle, signal.SIG_DFL, signal.default_int_handler)


@contextmanager
def held() -> Iterator[None]:
    """A step that a stop must not cut: a stop that arrives meanwhile is raised on leaving, as
    :class:`Stopped`. Blocks may nest; the outermost one raises."""
    global _holding, _requested
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    except (AttributeError, OSError, ValueError, NotImplementedError):  # Windows, Pyodide: the handler alone
        before = None
    _holding += 1
    try:
        yield
    finally:
        try:
            if before is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a blocked signal arrives now, recorded
        finally:
            _holding -= 1
        number = _requested
        if _holding == 0 and number is not None:
            _requested = None
            raise Stopped(number)


def _in_finalizer(frame) -> bool:
    """Whether the main thread is inside a ``__del__`` (a zip file or a generator collected):
    Python prints an exception raised there as "Exception ignored" and goes on without it."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


def _handle(signum: int, frame) -> None:
    global _requested
    if _holding:
        if _requested is None:
            _requested = signum
        return
    if _in_finalizer(frame):  # raised here it would be swallowed: ask again in a moment
        import threading

        threading.Timer(0.01, os.kill, (os.getpid(), signum)).start()
        return
    raise Stopped(signum)


def install() -> None:
    """Every stop signal still at its default raises :class:`Stopped` (or waits for the end of a
    :func:`held` step); a handler someone else installed is kept."""
    for number in STOPS:
        default = signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL
        try:
            if signal.getsignal(number) is default:
                signal.signal(number, _handle)
        except (ValueError, OSError):  # not the main thread (a test runner): keep the default
            pass


def ignored() -> dict:
    """Ignore every stop signal (a clean-up a second signal must not cut short); the handlers
    they had, for :func:`restore`."""
    previous = {}
    for number in STOPS:
        try:
            previous[number] = signal.signal(number, signal.SIG_IGN)
        except (ValueError, OSError):
            pass
    return previous


def restore(previous: dict) -> None:
    for number, handler in previous.items():
        try:
            signal.signal(number, handler)
        except (ValueError, OSError, TypeError):
            pass


def interrupt_in(error: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C or stop signal behind ``error``, if one: a clean-up that failed while the
    interrupt went by (a zip file closed half-written) raises its own error, which hides it."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None
