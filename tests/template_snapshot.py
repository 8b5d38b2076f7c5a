"""What the template tests compare: a workbook's names, values, formulas, validation and
protection, read back with openpyxl (not its bytes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


def snapshot(path: Path) -> dict[str, Any]:
    book = openpyxl.load_workbook(path)
    cells, locked, validation, protection = {}, {}, [], {}
    for ws in book.worksheets:
        protection[ws.title] = (ws.protection.sheet, ws.protection.password)
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[(ws.title, cell.coordinate)] = cell.value
                if cell.protection.locked is False:
                    locked[(ws.title, cell.coordinate)] = False
        for dv in ws.data_validations.dataValidation:
            validation.append((ws.title, dv.type, dv.operator, dv.formula1, dv.formula2, str(dv.sqref),
                               dv.prompt, dv.error, dv.allow_blank))
    return {
        "sheets": book.sheetnames,
        "names": {name: dn.attr_text for name, dn in book.defined_names.items()},
        "cells": cells,
        "unlocked": locked,
        "validation": sorted(validation, key=repr),
        "protection": protection,
        "creator": book.properties.creator,
        "created": book.properties.created,
    }
