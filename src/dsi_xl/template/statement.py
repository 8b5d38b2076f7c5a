"""The management statement (ledelseserklæring) the signer on Stamdata signs, in Danish.

Built from the agreement: the grant used for the effort as budgeted (clause ``use``, 4.1), the
accounts given in DSI's template by the deadline (``accounts``, 7.4), and the unused grant stated
and repaid (``unused_grant``, 4.3). Each clause number comes from the agreement's data.
"""

from __future__ import annotations

from dsi_xl.agreement.model import Agreement
from dsi_xl.spec import DSI_REGNSKABSAAR
from dsi_xl.template.layout import quoted

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
TITLE = "Ledelseserklæring"


def _day(month_day) -> str:
    return f"{month_day.day}. {MONTHS[month_day.month - 1]}"


def cited(agreement: Agreement, key: str) -> str:
    """The agreement's clause ``key`` as the template's Danish text cites it: " (tilsagnets pkt.
    4.3)"; "" when the agreement names none."""
    number = agreement.clauses.get(key)
    return f" (tilsagnets pkt. {number})" if number else ""


YEAR = "regnskabsåret"  # how the text names the accounts year before it is filled in


def text(agreement: Agreement, year: str = YEAR) -> str:
    """The statement as one text with line breaks, for a wrapped cell; ``year`` names the accounts
    year it covers (the cell's formula puts DSI_REGNSKABSAAR there)."""
    a = agreement
    after = (
        "året efter regnskabsåret"
        if a.accounts_year_offset == 1
        else f"{a.accounts_year_offset} år efter regnskabsåret"
    )
    return "\n".join((
        f"Som ansvarlig for regnskabet for {year} erklærer jeg på vegne af {a.recipient.name} "
        f"(CVR {a.recipient.cvr}), at:",
        f"1. tilskuddet fra {a.grantor.name} efter tilsagnet {a.id} er anvendt til indsatsen "
        f'"{a.effort_title}" som budgetteret{cited(a, "use")};',
        f"2. regnskabet er aflagt i {a.grantor.name}s regnskabsskabelon og afleveres senest "
        f"{_day(a.accounts_due)} {after}{cited(a, 'accounts')};",
        f"3. ikke-anvendt tilskud er opgjort og oplyst i regnskabet og tilbagebetales senest "
        f"{_day(a.unused_grant_due)} {after}{cited(a, 'unused_grant')};",
        "4. oplysningerne i regnskabet er fuldstændige og rigtige.",
        "Underskriverens navn, titel og dato står ud for erklæringen (Underskriver, Underskriverens titel, "
        "Underskriftsdato).",
    ))


MARK = "\x00"
LITERAL = 250  # Excel refuses a text constant over 255 characters in a formula


def formula(agreement: Agreement) -> str:
    """The statement as the cell's formula: :func:`text` with the accounts year from
    DSI_REGNSKABSAAR ("regnskabsåret" while it is blank), lines joined by CHAR(10)."""
    year = f'IF({DSI_REGNSKABSAAR}="","{YEAR}",{DSI_REGNSKABSAAR})'
    lines = []
    for line in text(agreement, MARK).split("\n"):
        pieces = []
        for n, chunk in enumerate(line.split(MARK)):
            if n:
                pieces.append(year)
            pieces += [quoted(chunk[i:i + LITERAL]) for i in range(0, len(chunk), LITERAL)]
        lines.append("&".join(pieces))
    return "=" + "&CHAR(10)&".join(lines)
