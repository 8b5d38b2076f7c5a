"""The filled example's inputs: Randers Kommune's accounts for 2027, by defined name.

Every value is an input (rows x columns in the name's shape); tests and the validator's tests
reuse them. Installments 1-2 arrive before their due dates with the plan's amounts; actuals
are close to budget; the accrual (108,333 kr.) stays within the limit of 4.3 for 2027
(650,000 x 2/12); measurement year 2 is filled; caseloads stay at or below the limit.
"""

from __future__ import annotations

from datetime import datetime

from dsi_xl.spec import (
    DSI_AFVIGELSE_FORKLARING,
    DSI_BASELINE_2025,
    DSI_CVR,
    DSI_FAKTISK,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB,
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO,
    DSI_KOMMUNE,
    DSI_KONTAKT_EMAIL,
    DSI_KONTAKT_NAVN,
    DSI_M1_ANSATTE,
    DSI_M1_FRATRAEDELSER,
    DSI_M2_AFSLUTTEDE,
    DSI_M2_SAGER,
    DSI_M3_BORGERE,
    DSI_M3_OVERGAAET,
    DSI_PERIODISERING,
    DSI_PERIODISERING_FORKLARING,
    DSI_RAADGIVERE,
    DSI_REGNSKABSAAR,
    DSI_SAGER,
    DSI_TILBAGEBETALT_BELOEB,
    DSI_TILBAGEBETALT_DATO,
    DSI_UDBETALT_BELOEB,
    DSI_UDBETALT_DATO,
    DSI_UNDERSKRIFT_DATO,
    DSI_UNDERSKRIVER_NAVN,
    DSI_UNDERSKRIVER_TITEL,
    DSI_X_PROGNOSE_FORVENTET,
    DSI_X_PROGNOSE_HOEJ,
    DSI_X_PROGNOSE_LAV,
    DSI_X_STATUS_DATO,
)

HEADCOUNTS = (24, 24, 25, 25, 25, 24, 23, 24, 25, 25, 26, 26)  # March 2027 to February 2028

INPUTS: dict[str, list[list[object]]] = {
    DSI_KOMMUNE: [["Randers Kommune"]],
    DSI_CVR: [["29189668"]],
    DSI_REGNSKABSAAR: [[2027]],
    DSI_KONTAKT_NAVN: [["Mette Holm Jensen"]],
    DSI_KONTAKT_EMAIL: [["mette.holm.jensen@randers.dk"]],
    DSI_UNDERSKRIVER_NAVN: [["Lars Østergaard"]],
    DSI_UNDERSKRIVER_TITEL: [["Direktør for Sundhed, Omsorg og Handicap"]],
    DSI_UNDERSKRIFT_DATO: [[datetime(2028, 5, 15)]],
    DSI_FAKTISK: [
        [392500, 0, None, None],
        [548000, 645000, None, None],
    ],
    DSI_AFVIGELSE_FORKLARING: [
        ["Kompetenceudviklingsforløbet blev 7.500 kr. billigere end budgetteret (færre kursusdage)."],
        ["Koordinatoren startede med fuld tid fra marts 2026; løntrinnet i 2027 lå lidt under budgettet."],
    ],
    DSI_UDBETALT_DATO: [[datetime(2026, 3, 27)], [datetime(2027, 3, 30)], [None]],
    DSI_UDBETALT_BELOEB: [[1050000], [650000], [None]],
    DSI_PERIODISERING: [[108333]],
    # The 2026 accounts held back 108,333 for Jan-Feb 2027 and repaid the rest of 2026's unused
    # grant: 1,050,000 - 940,500 - 108,333 = 1,167.
    DSI_IKKE_ANVENDT_TILBAGEBETALT_BELOEB: [[1167, None, None, None]],
    DSI_IKKE_ANVENDT_TILBAGEBETALT_DATO: [[datetime(2027, 7, 20), None, None, None]],
    DSI_PERIODISERING_FORKLARING: [["Løn til faglig koordinator januar-februar 2028, som hører til "
                                      "udbetalingsperioden for rate 2 (2/12 af 650.000 kr.)."]],
    DSI_M1_FRATRAEDELSER: [[6, None]],
    DSI_M1_ANSATTE: [[n, None] for n in HEADCOUNTS],
    DSI_M2_AFSLUTTEDE: [[18, None]],
    DSI_M2_SAGER: [[120, None]],
    DSI_M3_OVERGAAET: [[9, None]],
    DSI_M3_BORGERE: [[75, None]],
    DSI_TILBAGEBETALT_BELOEB: [[None, None]],
    DSI_TILBAGEBETALT_DATO: [[None, None]],
    DSI_BASELINE_2025: [[35.1, 13.0, 11.2]],
    DSI_SAGER: [[118, 124, 126, 122, 128, 130, 127, 125] + [None] * 5],
    DSI_RAADGIVERE: [[2, 2, 2, 2, 2, 2, 2, 2] + [None] * 5],
    DSI_X_PROGNOSE_LAV: [[32.0, 32.0], [12.9, 13.0], [10.9, 11.0]],
    DSI_X_PROGNOSE_FORVENTET: [[25.0, 24.0], [15.0, 15.5], [12.0, 12.5]],
    DSI_X_PROGNOSE_HOEJ: [[18.0, 16.0], [18.0, 19.0], [15.0, 16.0]],
    DSI_X_STATUS_DATO: [[datetime(2027, 12, 31)]],  # the steering group's status for the second half of 2027
}
