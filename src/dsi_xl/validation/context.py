"""What every rule sees: the engine's :class:`~dsi_xl.validation.inputs.Inputs` and the values it
computed from them, built before the context and never changed after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dsi_xl.agreement.model import Agreement
from dsi_xl.validation.computed import Computed, compute
from dsi_xl.validation.inputs import Inputs, usable_names
from dsi_xl.workbook.submission import Submission

__all__ = ["Context", "usable_names"]


@dataclass(frozen=True)
class Context(Inputs):
    computed: Computed

    @classmethod
    def build(cls, submission: Submission, agreement: Agreement, as_of: date) -> Context:
        """The inputs, then what is computed from them (which raises only on a bug in dsi-xl)."""
        inputs = Inputs.of(submission, agreement, as_of)
        return cls(inputs.submission, inputs.agreement, inputs.as_of, inputs.usable, compute(inputs))

    @classmethod
    def uncomputed(cls, inputs: Inputs) -> Context:
        """The inputs with every computed value blank: what the rules see after an internal error
        in the computation (reported as such by the engine)."""
        return cls(inputs.submission, inputs.agreement, inputs.as_of, inputs.usable, Computed.blank(inputs.agreement))
