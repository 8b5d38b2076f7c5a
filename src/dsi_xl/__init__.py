"""dsi-xl: Den Sociale Investeringsfond's accounting template as a live, self-checking workbook.

The functional core lives in :mod:`dsi_xl.agreement` (the agreement's terms, as data) and
:mod:`dsi_xl.clauses` (one pure function module per computable clause). Everything else is a
thin shell around it: :mod:`dsi_xl.udfs` (worksheet functions), the template builder, the
validator and the command line.
"""

__version__ = "0.1.0"


def main() -> None:
    """Validate the active workbook; what the add-in's "Validér regnskab" button runs."""
    from dsi_xl.excel import main as _main

    _main()
