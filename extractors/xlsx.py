"""XLSX / XLSM (openpyxl): every sheet, every non-empty cell with its sheet and A1 location,
dates typed as dates (the workbook's 1900 or 1904 system applied), cached values of formulas
(``data_only``: formulas are never evaluated), merged ranges filled in the sheet's table, macros
never run and ``.xlsm`` flagged."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, ClassVar

from extractors.base import Extractor
from extractors.document import ExtractedDocument, Location, Table, TextBlock, TypedDate
from extractors.errors import LimitExceeded
from extractors.limits import check_pages
from extractors.ooxml import MACRO_WARNING, check_package

MAX_CELLS = 2_000_000
MAX_SHEET_XML = 150 * 1024 * 1024
MAX_TABLE_CELLS = 250_000  # a sheet's dense table beyond this is left out (its cells stay as blocks)


class XlsxExtractor(Extractor):
    formats = ("xlsx", "xlsm")
    label = "Excel file"
    library_packages = ("openpyxl",)
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, KeyError, IndexError, OSError,
                                                                 SyntaxError, TypeError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        check_package(path, self.limits)
        _check_sheet_sizes(path)
        # lazy: openpyxl costs ~180 ms at import (python -X importtime); only XLSX files need it
        import openpyxl

        with path.open("rb") as f:  # a file object: openpyxl would refuse a name without .xlsx
            wb = openpyxl.load_workbook(f, read_only=False, data_only=True, keep_vba=False, keep_links=False)
        try:
            if doc.format == "xlsm":
                doc.metadata["macros"] = "present, not run"
                doc.warnings.append(MACRO_WARNING)
            doc.metadata["date_system"] = "1904" if wb.epoch.year == 1904 else "1900"
            sheets = wb.worksheets
            doc.pages = len(sheets)
            check_pages(doc.pages, self.limits, "sheets")
            total = 0
            for ws in sheets:
                total += len(ws._cells)
                if total > MAX_CELLS:
                    raise LimitExceeded(f"too many cells: over {MAX_CELLS:,} filled cells")
                _sheet(ws, doc)
            props = wb.properties
            for key in ("title", "creator"):
                if getattr(props, key, None):
                    doc.metadata["author" if key == "creator" else key] = str(getattr(props, key))[:500]
        finally:
            wb.close()


def _check_sheet_sizes(path: Path) -> None:
    """openpyxl holds every cell in memory (~0.5 KB each): refuse sheets too large to hold
    before loading them, from their unpacked XML size."""
    with zipfile.ZipFile(path) as zf:
        size = sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))
    if size > MAX_SHEET_XML:
        raise LimitExceeded(f"too large: the worksheets unpack to {size // (1024 * 1024)} MB, over the "
                            f"{MAX_SHEET_XML // (1024 * 1024)} MB a POE workbook may hold")


def cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _sheet(ws: Any, doc: ExtractedDocument) -> None:
    # lazy: openpyxl costs ~180 ms at import (python -X importtime); only XLSX files need it
    from openpyxl.utils import get_column_letter

    title = ws.title
    values: dict[tuple[int, int], str] = {}
    for (row, col), cell in sorted(ws._cells.items()):  # sparse: only cells that exist
        value = cell.value
        if value is None:
            continue
        text = cell_text(value)
        if not text:
            continue
        ref = f"{get_column_letter(col)}{row}"
        loc = Location(sheet=title, cell=ref)
        values[(row, col)] = text
        doc.blocks.append(TextBlock(text, loc, "cell"))
        if isinstance(value, datetime | date):
            day = value.date() if isinstance(value, datetime) else value
            doc.dates.append(TypedDate(day, text, loc))
    if not values:
        return
    for rng in ws.merged_cells.ranges:  # a merged range shows its top-left value everywhere
        top_left = values.get((rng.min_row, rng.min_col))
        if top_left is None:
            continue
        for row in range(rng.min_row, min(rng.max_row, rng.min_row + 500) + 1):
            for col in range(rng.min_col, min(rng.max_col, rng.min_col + 100) + 1):
                values.setdefault((row, col), top_left)
    rows = sorted({r for r, _ in values})
    cols = range(min(c for _, c in values), max(c for _, c in values) + 1)
    if len(rows) * len(cols) > MAX_TABLE_CELLS:
        doc.warnings.append(f"sheet {title}: too large to keep as a table; its cells are kept as text")
        return
    doc.tables.append(Table(
        rows=[[values.get((r, c), "") for c in cols] for r in rows],
        location=Location(sheet=title),
        cells=[[Location(sheet=title, cell=f"{get_column_letter(c)}{r}") for c in cols] for r in rows],
    ))
