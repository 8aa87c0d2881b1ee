"""The cosmetic choices of one PDF, drawn from ``layout_seed``: page size, font family and size,
margins, spacing, bullet marks, how fields and page numbers look. Nothing here changes what a
document says, so one scenario can come out in many looks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4, letter

from samples.render.common import signature_label

FAMILIES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times-Roman": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}
STAMP_SIZE = 7.0


@dataclass(frozen=True)
class PdfStyle:
    pagesize: tuple[float, float]
    regular: str
    bold: str
    italic: str
    size: float
    margin_x: float
    margin_top: float
    margin_bottom: float
    leading: float  # line height as a multiple of the font size
    block_gap: float  # space after a paragraph, in points
    bullet: str  # "•" or "-"
    fields: Literal["inline", "columns"]  # "Label: value" or label | value columns
    label_bold: bool
    title_centered: bool
    page_numbers: Literal["none", "page_of", "page"]
    by_label: str  # "By" or "Signature"

    @property
    def lh(self) -> float:
        return self.size * self.leading


def pdf_style(seed: int, *, scan: bool = False) -> PdfStyle:
    """The look for ``seed``. Scans get 11 pt and up: smaller print does not survive a 200 dpi
    scan well enough for Tesseract to read it back."""
    rng = random.Random(seed)
    family = rng.choice(tuple(FAMILIES))
    regular, bold, italic = FAMILIES[family]
    sizes = (11.0, 11.5, 12.0) if scan else (9.0, 9.5, 10.0, 10.5, 11.0)
    return PdfStyle(
        pagesize=rng.choice((A4, letter)),
        regular=regular,
        bold=bold,
        italic=italic,
        size=rng.choice(sizes),
        margin_x=rng.choice((54.0, 60.0, 66.0, 72.0)),
        margin_top=rng.choice((60.0, 66.0, 72.0, 80.0)),
        margin_bottom=rng.choice((56.0, 64.0, 72.0)),
        leading=rng.choice((1.2, 1.3, 1.4)),
        block_gap=rng.choice((4.0, 6.0, 8.0)),
        bullet=rng.choice(("\u2022", "-")),
        fields=rng.choice(("inline", "columns")),
        label_bold=rng.random() < 0.5,
        title_centered=rng.random() < 0.4,
        page_numbers=rng.choice(("none", "page_of", "page_of", "page")),
        by_label=signature_label(seed),
    )
