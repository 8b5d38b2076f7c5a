"""Reports of validation results.

:mod:`~dsi_xl.report.formats` holds every output format of ``dsi-xl validate`` and ``dsi-xl
portfolio`` (text, JSON, CSV, DSI's xlsx workbooks), one module each; :mod:`~dsi_xl.report.overview`
and :mod:`~dsi_xl.report.portfolio_table` are the tables DSI reads across files (written to sheets
by :mod:`~dsi_xl.report.xlsx_table` and :mod:`~dsi_xl.report.portfolio_sheets`); :mod:`~dsi_xl.report.report_sheet`
is the pure layout of the ``Valideringsrapport`` sheet, written by :mod:`~dsi_xl.report.write_openpyxl`
(rendered alone by :mod:`~dsi_xl.report.report_xml` and added to a copy of the submitted package by
:mod:`~dsi_xl.report.annotate`) and by :mod:`~dsi_xl.report.write_xlwings` (the open workbook,
through xlwings). :mod:`dsi_xl.atomic` writes every output file through a temporary file and a
rename.
"""
