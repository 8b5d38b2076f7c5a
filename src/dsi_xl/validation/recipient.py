"""Whether a file is the agreement's recipient's own: its CVR number and its municipality.

A file speaks for an agreement's account only when it says it comes from the agreement's
recipient: its CVR number is the recipient's (:mod:`dsi_xl.validation.cvr`), and the municipality
it names, if it names one, is the recipient. Anything else is a ``fejl`` (STAM-03, STAM-08), is
never counted in DSI's overview or portfolio, and is compared with no other file
(:mod:`dsi_xl.validation.history.run`): a file from Aarhus that states Randers' CVR number never
takes over Randers' account, and its copy never quotes Randers' files.

A municipality's name is compared as a person reads it: case, spacing and a trailing "Kommune"
aside (``"randers  kommune"`` and ``"Randers"`` are Randers Kommune).

    >>> same_name("randers  kommune", "Randers Kommune"), same_name("Randers", "Randers Kommune")
    (True, True)
    >>> same_name("Aarhus Kommune", "Randers Kommune")
    False
"""

from __future__ import annotations

from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.validation import cvr

SUFFIX = "kommune"


def _name(value: str) -> str:
    words = value.casefold().split()
    return " ".join(words[:-1] if len(words) > 1 and words[-1] == SUFFIX else words)


def same_name(stated: str, recipient: str) -> bool:
    """Whether the municipality ``stated`` is ``recipient`` (case, spacing and "Kommune" aside)."""
    return _name(stated) == _name(recipient)


def refusal(identity: dict[str, Any], agreement: Agreement) -> str | None:
    """Why a file with this ``identity`` is not ``agreement``'s recipient's (Danish, for DSI's
    overview), or ``None`` when it is."""
    recipient = agreement.recipient
    number = identity.get("cvr")
    if number is None:
        return "filen angiver intet CVR-nummer"
    if not cvr.same(number, recipient.cvr):
        return f"CVR-nummeret {number} er ikke tilsagnsmodtagerens ({recipient.name}, {recipient.cvr})"
    name = identity.get("kommune")
    if name and not same_name(name, recipient.name):
        return f"kommunen \"{name}\" er ikke tilsagnsmodtageren ({recipient.name})"
    return None
