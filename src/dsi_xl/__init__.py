"""dsi-xl, Den Sociale Investeringsfond's accounting template as a live, self-checking workbook:
the package's version, and :func:`main`, what the add-in's ribbon button runs.

The functional core lives in :mod:`dsi_xl.agreement` (the agreement's terms, as data) and
:mod:`dsi_xl.clauses` (one pure function module per computable clause). Everything else is a
thin shell around it: :mod:`dsi_xl.udfs` (worksheet functions), the template builder, the
validator and the command line.

The ribbon button runs ``import dsi_xl;dsi_xl.main()`` (built by the committed add-in's VBA from
its file name); ``main`` imports the Excel shell only when it is called, so ``import dsi_xl``
loads nothing else.
"""

__version__ = "0.1.0"


def main() -> None:
    """Validate the active workbook; what the add-in's "Validér regnskab" button runs."""
    from dsi_xl.excel import main as _main

    _main()
