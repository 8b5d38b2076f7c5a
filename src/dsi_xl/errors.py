"""One family of errors for everything the project refuses, each with a Danish message.

Every shell shows ``str(error)``: the worksheet functions put it in the cell, the validator
turns it into a finding, the command line prints it. The message always names what was
expected and what was found.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dsi_xl import format as fmt


class ExcelError(str):
    """An error value a cell holds, such as ``#DIV/0!`` or ``#NAME?`` (distinct from text)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"ExcelError({str(self)!r})"


NOT_THE_ACCOUNTS = "det er ikke en fejl i regnskabet"
"""Said of every fault in dsi-xl itself, so the accountant never corrects good accounts for it."""


def internal(where: str, error: BaseException, *, files: bool = False) -> str:
    """The one sentence for an unexpected fault in dsi-xl while it read, computed or judged a file
    (``files``: while it compared several), as a finding shows it."""
    return (f"Intern fejl i {where}: {type(error).__name__}: {error}. {NOT_THE_ACCOUNTS.capitalize()}; "
            f"rapportér det til DSI med {'filerne' if files else 'filen'}.")


def internal_in_cell(function: str, error: BaseException) -> str:
    """The same fault as a worksheet function's cell shows it: short, as a cell has room for."""
    return f"Uventet fejl i {function} ({type(error).__name__}: {error}). Meld den til DSI."


INTERNAL_DESCRIPTION = ("dsi-xl selv stoppede uventet i en regel, i beregningen eller i læseren; "
                        f"{NOT_THE_ACCOUNTS}. Rapportér det til DSI med filen.")
"""What the rule catalogue says of INTERN-01."""


class DSIError(Exception):
    """Base of every error the project raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(DSIError, ValueError):
    """A value given to a computation is not what the clause needs."""

    def __init__(self, what: str, expected: str, found: Any, holds: str | None = None) -> None:
        self.what = what
        self.expected = expected
        self.found = found
        super().__init__(f"{what}: forventede {expected}, fandt {describe(found, holds)}.")


class MissingValue(InputError):
    """A blank where a number is needed."""


class NotANumber(InputError):
    """Text, a truth value or anything else where a number is needed."""


class OutOfRange(InputError):
    """A number that is impossible here: a negative headcount, a share above 100 %."""


class WrongCount(InputError):
    """The wrong number of values: 11 monthly headcounts instead of 12."""


class Inconsistent(InputError):
    """Values that cannot all be true: a part larger than its whole."""


class AgreementError(DSIError):
    """An agreement data file that cannot be used; the message names the field (the first problem;
    ``problems`` holds every one the file has, as ``dsi-xl agreement check`` shows them)."""

    problems: tuple[str, ...] = ()


class UnknownAgreement(AgreementError):
    """No agreement data file with that id."""


def describe(value: Any, holds: str | None = None) -> str:
    """Render a found value for a Danish message: blanks, text and numbers read naturally; a number
    as the cell holds it (:func:`dsi_xl.format.held`: at most 15 significant digits, never rounded
    further), in its kind ``holds`` (:data:`dsi_xl.format.Holds`) where given, so a year reads
    ``2025``; "teksten" only for text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "en tom celle"
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, ExcelError):
        return f"fejlværdien {fmt.excel_error(value)}"
    if isinstance(value, date):  # datetime too
        return f"datoen {fmt.day(value)}"
    if isinstance(value, str):
        return f'teksten "{value}"'
    if isinstance(value, (list, tuple)):
        return fmt.count(len(value), "værdi", "værdier")
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return fmt.held(value, holds)
    return f"værdien {value}"  # a value of another kind is never called text


class UnreadableWorkbook(DSIError):
    """A file that cannot be read as a template: the message is one Danish sentence.

    The command line turns it into exit status 2; the validator reports the file as
    ``ulæselig``.
    """
