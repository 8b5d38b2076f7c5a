"""Reports of validation results, one module per output.

:mod:`~dsi_xl.report.text` (terminal tables), :mod:`~dsi_xl.report.jsonout` (the spec's JSON),
:mod:`~dsi_xl.report.xlsx` (DSI's batch workbook), :mod:`~dsi_xl.report.report_sheet` (the pure layout of
the ``Valideringsrapport`` sheet) and its two writers, :mod:`~dsi_xl.report.write_openpyxl`
(rendered alone by :mod:`~dsi_xl.report.report_xml` and added to a copy of the submitted package by
:mod:`~dsi_xl.report.annotate`) and :mod:`~dsi_xl.report.write_xlwings` (the open workbook,
through xlwings). :mod:`dsi_xl.atomic` writes every output file through a temporary file and a
rename.
"""
