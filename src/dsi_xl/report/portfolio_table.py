"""DSI's portfolio (:mod:`dsi_xl.portfolio`) as tables: the spec's keys and Danish headings, in one
place for every writer (JSON, CSV, text, xlsx) and the analyst's DataFrames.

Three tables: one row per agreement and CVR (:data:`ACCOUNT`), one per accounts year
(:data:`YEAR`) and one per amount owed (:data:`POST`), each keyed by the agreement's columns
(:data:`KEY`); and the totals over the agreements (:func:`totals_row`). Values stay typed (Decimals,
dates, booleans); the writers make text and numbers of them.
"""

from __future__ import annotations

from typing import Any

from dsi_xl.portfolio.model import Account, Portfolio, Post, Totals, Year
from dsi_xl.report.columns import Column

KEY = (Column("kommune", "Kommune", "text", width=16), Column("tilsagn", "Tilsagn", "text", width=13),
       Column("cvr", "CVR", "text", width=9))
CONTACT = (Column("kontakt_navn", "Kontaktperson", "text", width=20),
           Column("kontakt_email", "E-mail", "text", width=28))
ACCOUNT = (Column("tilskud", "Tilskud", "amount", "all"),
           Column("modtaget_tilskud", "Modtaget tilskud", "amount", "all"),
           Column("faktiske_udgifter", "Faktiske udgifter", "amount", "all"),
           Column("skyldigt", "Skyldigt", "amount", "all"), Column("betalt", "Betalt", "amount", "all"),
           Column("saldo", "Udestående", "amount", "all"), Column("overskredet", "Overskredet", "amount", "all"),
           Column("mangler", "Manglende regnskaber", "count", "all", width=11),
           Column("forskel_5_3", "Forskel efter perioden (5.3)", "amount"))
YEAR = (Column("regnskabsaar", "Regnskabsår", "year", width=12), Column("frist", "Frist", "date", width=11),
        Column("status", "Status", "status", width=15), Column("underskrift_dato", "Underskrevet", "date", width=13),
        Column("til_tiden", "Til tiden", "yes", width=7), Column("budget", "Budget", "amount", "all"),
        Column("faktiske_udgifter", "Faktiske udgifter", "amount", "all"),
        Column("modtaget_tilskud", "Modtaget tilskud", "amount", "all"), Column("fil", "Fil", "text", width=30))
POST = (Column("art", "Art", "status", width=16), Column("periode", "Periode", "year", width=8),
        Column("frist", "Frist", "date", width=11), Column("beloeb", "Skyldigt", "amount", "all"),
        Column("betalt", "Betalt", "amount", "all"), Column("betalt_dato", "Betalt den", "date", width=11),
        Column("udestaaende", "Udestående", "amount", "all"), Column("forskel", "Forskel", "amount"),
        Column("status", "Status", "status", width=15))
STATUS = {"modtaget": "modtaget", "mangler": "mangler", "ikke_forfalden": "ikke forfalden", "ukendt": "ukendt",
          "betalt": "betalt", "overskredet": "overskredet"}  # as a person reads a status (text, xlsx)
KIND = {"ikke_anvendt": "Ikke-anvendt", "tilbagebetaling": "Tilbagebetaling"}  # a post's art, as a person reads it


def key(account: Account) -> dict[str, Any]:
    return {"kommune": account.municipality, "tilsagn": account.agreement, "cvr": account.cvr}


def contact(account: Account) -> dict[str, Any]:
    return {"kontakt_navn": account.contact, "kontakt_email": account.email}


def account_row(account: Account) -> dict[str, Any]:
    return {"tilskud": account.grant, "modtaget_tilskud": account.received, "faktiske_udgifter": account.costs,
            "skyldigt": account.owed, "betalt": account.paid, "saldo": account.balance,
            "overskredet": account.overdue, "mangler": account.missing, "forskel_5_3": account.reconciliation}


def year_row(year: Year) -> dict[str, Any]:
    return {"regnskabsaar": year.year, "frist": year.due, "status": year.status, "fil": year.file,
            "underskrift_dato": year.signed, "til_tiden": year.on_time, "budget": year.budget,
            "faktiske_udgifter": year.costs,
            "modtaget_tilskud": year.received}


def post_row(post: Post) -> dict[str, Any]:
    return {"art": post.kind, "periode": post.period, "beloeb": post.amount, "frist": post.due, "betalt": post.paid,
            "betalt_dato": post.paid_on, "udestaaende": post.outstanding, "forskel": post.difference,
            "status": post.status}


def totals_row(totals: Totals) -> dict[str, Any]:
    return {"tilskud": totals.grant, "modtaget_tilskud": totals.received, "faktiske_udgifter": totals.costs,
            "skyldigt": totals.owed, "betalt": totals.paid, "saldo": totals.balance, "overskredet": totals.overdue,
            "mangler": totals.missing}


def document(portfolio: Portfolio, version: str) -> dict[str, Any]:
    """The spec's JSON object, still typed: ``as_of``, ``dsi_xl_version``, ``tilsagn`` (each with
    its ``regnskaber`` and ``poster``) and ``i_alt``."""
    accounts = [{"tilsagn": a.agreement, "cvr": a.cvr, "kommune": a.municipality, **contact(a), **account_row(a),
                 "regnskaber": [year_row(y) for y in a.years], "poster": [post_row(p) for p in a.posts]}
                for a in portfolio.accounts]
    return {"as_of": portfolio.as_of, "dsi_xl_version": version, "tilsagn": accounts,
            "i_alt": totals_row(portfolio.totals)}


def rows(portfolio: Portfolio, table: str) -> list[dict[str, Any]]:
    """The rows of one table, each with the agreement's key (and, for ``tilsagn``, its contact):
    ``tilsagn`` one per agreement, ``regnskaber`` one per accounts year, ``poster`` one per amount owed."""
    out: list[dict[str, Any]] = []
    for a in portfolio.accounts:
        if table == "tilsagn":
            out.append(key(a) | contact(a) | account_row(a))
        elif table == "regnskaber":
            out += [key(a) | year_row(y) for y in a.years]
        elif table == "poster":
            out += [key(a) | contact(a) | post_row(p) for p in a.posts]
        else:
            raise KeyError(table)
    return out


TABLES: dict[str, tuple[Column, ...]] = {"tilsagn": KEY + CONTACT + ACCOUNT, "regnskaber": KEY + YEAR,
                                        "poster": KEY + CONTACT + POST}
"""Each table's columns, in order (the CSV's header and the DataFrames' columns)."""
