"""A page's lines and ruled tables as document blocks, in reading order: shared by the text
layer of PDFs and by OCR'd scans, so both give a reader the same shape."""

from __future__ import annotations

from extractors.document import ExtractedDocument, ImageInfo, Location, TextBlock
from extractors.pdf_layout import BBox, TextBox, group_lines, near_label, rotate_box
from extractors.pdf_tables import Grid, split_rows
from extractors.scan import ScannedPage


def emit_page(doc: ExtractedDocument, number: int, lines: list[TextBox], grids: list[Grid],
              crop: tuple[float, float, float, float], turn: int = 0, kind: str = "text") -> None:
    """Lines and table cells in reading order: each table where its top edge falls."""
    pending = list(grids)
    for line in lines:
        while pending and _top(pending[0], crop, turn) <= line.bbox[1]:
            _emit_grid(doc, number, pending.pop(0), crop, turn)
        doc.blocks.append(TextBlock(line.text, Location(page=number, bbox=line.bbox), kind))
    for grid in pending:
        _emit_grid(doc, number, grid, crop, turn)


def _top(grid: Grid, crop: tuple[float, float, float, float], turn: int) -> float:
    return rotate_box(grid.bbox, crop, turn)[1]


def _emit_grid(doc: ExtractedDocument, number: int, grid: Grid, crop: tuple[float, float, float, float],
               turn: int) -> None:
    if not any(runs for row in grid.cells for runs in row):
        return  # ruled boxes without text: a drawing or an empty form frame, not a table
    t_index = sum(1 for t in doc.tables if t.location.page == number)
    table: list[list[tuple[str, Location]]] = []
    for r, (grid_row, split, row) in enumerate(split_rows(grid, group_lines)):
        cells: list[tuple[str, Location]] = []
        for c, stack in enumerate(row):
            text = "\n".join(line.text for line in stack)
            box = grid.cell_box(grid_row, c)
            if split and stack:  # a line of a row ruled as one: its own height
                box = (box[0], round(min(x.bbox[1] for x in stack), 2), box[2], round(max(x.bbox[3] for x in stack), 2))
            loc = Location(page=number, bbox=rotate_box(box, crop, turn), table=t_index, row=r, col=c)  # type: ignore[arg-type]
            cells.append((text, loc))
        table.append(cells)
    x0, top, x1, bottom = rotate_box(grid.bbox, crop, turn)
    box = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
    doc.add_table(table, Location(page=number, bbox=box, table=t_index))


def emit_scan(doc: ExtractedDocument, number: int, scan: ScannedPage) -> None:
    """An OCR'd page: its lines, its tables, and its marks as pictures, each in the table cell
    it stands in (so a wet signature belongs to that party's cell) and with the label beside it."""
    first_table = len(doc.tables)
    doc.metadata["ocr_pages"] = str(int(doc.metadata.get("ocr_pages", "0")) + 1)  # its text may be misread
    emit_page(doc, number, scan.lines, scan.grids, (0.0, 0.0, 0.0, 0.0), 0, "ocr")
    labels = scan.labels + [TextBox(b.text, b.location.bbox) for b in doc.blocks
                           if b.location.page == number and b.kind == "cell" and b.location.bbox]
    for box in scan.marks:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        loc = Location(page=number, bbox=box)
        for table in doc.tables[first_table:]:
            for row in table.cells or []:
                for cell in row:
                    b = cell.bbox
                    if b and b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                        loc = Location(page=number, bbox=box, table=cell.table, row=cell.row, col=cell.col)
        doc.images.append(ImageInfo(loc, round(box[2] - box[0], 2), round(box[3] - box[1], 2), _label_of_mark(box, labels)))


def _label_of_mark(box: BBox, labels: list[TextBox]) -> str:
    """The label a handwritten mark was written beside ('By:' on its line), else the nearest
    one as for a picture; a scribble's box reaches down to the line below, so beside comes first."""
    beside = [s for s in labels if s.bbox[2] <= box[0] + 2 and box[0] - s.bbox[2] <= 72.0
              and min(s.bbox[3], box[3]) - max(s.bbox[1], box[1]) > 0.5 * (s.bbox[3] - s.bbox[1])]
    if beside:
        return max(beside, key=lambda s: s.bbox[2]).text
    return near_label(box, labels)
