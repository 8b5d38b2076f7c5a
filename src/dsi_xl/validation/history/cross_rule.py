"""The cross-file rules' group in the one registry of rules (:mod:`dsi_xl.validation.rule`).

A cross-file rule has a stable ``HISTORIK-`` id, a severity, a Danish description and a check
over a whole run (:class:`~dsi_xl.validation.history.run.Run`) that yields ``(index, Hit)``: the
file of the run (its position in the input) that the finding belongs to, and what was found,
framed like every other finding (:func:`dsi_xl.validation.framing.frame`).
"""

from __future__ import annotations

from dsi_xl.validation.rule import registrar

GROUP = "Historik"
rule = registrar(GROUP, across=True)
