"""Pure, typed functions, one module per computable clause of an agreement.

=====================  ======================================================  ============
module                 what it computes                                        clause
=====================  ======================================================  ============
``turnover``           staff turnover in percent (indicator ``turnover``)      Bilag 5.1
``share``              a share in percent (indicator ``share``)                Bilag 5.1
``value``              a measured value in its own unit (``value``)            Bilag 5.1
``goal_payment``       one goal's amount for one result, before caps           Bilag 5.1
``repayment``          amounts due per repayment rate, caps applied            5.2
``unused_grant``       unused grant to repay, and the accrual's ceiling        4.3
``deviation``          budget deviation per line and year                      4.2, 6.1.1(v)
``caseload``           caseload per advisor and the first breach               6.1.1(iii)
``renegotiation``      whether a 2025 result allows renegotiating a baseline   Bilag 5.1 2.5
``deadlines``          every deadline by kind                                  7.4, 4.3, 5.1
``judging_day``        the day a file is judged on; a possible signing date    7.4, reading 7
``reconciliation``     owed against repaid after the period                    5.3
=====================  ======================================================  ============

Each module's main verb is ``compute``. Inputs may be raw cell values (numbers, blanks, text);
anything unusable raises :class:`dsi_xl.errors.InputError` with a Danish message. Outputs are
:class:`decimal.Decimal`; amounts are rounded to øre, percentages are not.
"""
