"""Reading a submitted workbook: one pass, by defined name, as untrusted data.

Producers of :class:`~dsi_xl.workbook.submission.Submission`: the file reader (``.xlsx``/``.xlsm``,
used by the command line and tests) and the xlwings adapter (the open book in Excel). The
validator reads only a ``Submission``, so both shells give the same findings.
"""
