"""PowerPoint (python-pptx): each slide's text frames and tables in position order, with the
shape's box in points; pictures as images."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from extractors.base import Extractor
from extractors.document import ExtractedDocument, ImageInfo, Location, TextBlock
from extractors.limits import check_pages
from extractors.ooxml import check_package

EMU_PER_PT = 12700


class PptxExtractor(Extractor):
    formats = ("pptx",)
    label = "PowerPoint file"
    library_packages = ("pptx",)
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (ValueError, KeyError, IndexError, OSError,
                                                                 SyntaxError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        check_package(path, self.limits)
        # lazy: python-pptx costs ~85 ms at import (python -X importtime); only PPTX files need it
        from pptx import Presentation

        with path.open("rb") as f:
            prs = Presentation(f)
        slides = list(prs.slides)
        doc.pages = len(slides)
        check_pages(doc.pages, self.limits, "slides")
        for number, slide in enumerate(slides, start=1):
            for shape in _ordered(slide.shapes):
                self._shape(shape, number, doc)

    def _shape(self, shape: Any, number: int, doc: ExtractedDocument) -> None:
        # lazy: python-pptx costs ~85 ms at import (python -X importtime); only PPTX files need it
        from pptx.enum.shapes import MSO_SHAPE_TYPE

        box = _box(shape)
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            for inner in _ordered(shape.shapes):
                self._shape(inner, number, doc)
            return
        if getattr(shape, "has_table", False) and shape.has_table:
            t_index = len(doc.tables)
            grid = [[(cell.text.strip(), Location(page=number, bbox=box, table=t_index, row=r, col=c))
                     for c, cell in enumerate(row.cells)] for r, row in enumerate(shape.table.rows)]
            doc.add_table(grid, Location(page=number, bbox=box, table=t_index))
            return
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and box:
            doc.images.append(ImageInfo(Location(page=number, bbox=box), box[2] - box[0], box[3] - box[1]))
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            kind = "heading" if shape.is_placeholder and "title" in str(shape.placeholder_format.type).lower() else "text"
            for para in shape.text_frame.paragraphs:
                text = para.text.strip()
                if text:
                    doc.blocks.append(TextBlock(text, Location(page=number, bbox=box), kind))


def _box(shape: Any) -> tuple[float, float, float, float] | None:
    if shape.left is None or shape.top is None or shape.width is None or shape.height is None:
        return None
    x0, top = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
    return (round(x0, 2), round(top, 2), round(x0 + shape.width / EMU_PER_PT, 2),
            round(top + shape.height / EMU_PER_PT, 2))


def _ordered(shapes: Any) -> list[Any]:
    return sorted(shapes, key=lambda s: ((s.top or 0) // 10, s.left or 0))
