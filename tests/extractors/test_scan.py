"""The geometry of scanned pages (extractors.scan): ruling lines found in the pixels, stray ink
kept as marks. Pure numpy on drawn images, so these run without Tesseract."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from extractors.pdf_tables import find_grids
from extractors.scan import INK, RULE_INK, _rules, pieces, rule_masks, stray_ink

PPP = 300 / 72  # pixels per point at 300 dpi


def _table_page(angle: float = 0.0, grey: int = 60) -> np.ndarray:
    """An A4 page at 300 dpi with a ruled 3 x 5 table, turned by ``angle`` degrees."""
    img = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(img)
    xs, ys = [300, 700, 1400, 2100], [600, 800, 1100, 1250, 1400, 1550]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=grey, width=3)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=grey, width=2)
    return np.asarray(img.rotate(angle, fillcolor=250) if angle else img)


def _grid_of(gray: np.ndarray) -> list[tuple[int, int]]:
    h, v = rule_masks(gray < RULE_INK)
    hs = [(y / PPP, a / PPP, b / PPP) for y, a, b in _rules(h)]
    vs = [(x / PPP, a / PPP, b / PPP) for x, a, b in _rules(v.T)]
    return [(len(g.xs), len(g.ys)) for g in find_grids(hs, vs)]


def test_a_ruled_table_in_a_scan_is_one_grid_of_its_rules() -> None:
    assert _grid_of(_table_page()) == [(4, 6)]


def test_a_crooked_scan_still_gives_one_rule_per_line() -> None:
    # 0.4 degrees over a 1800-pixel rule drifts it 12 pixels: each row holds only a piece.
    assert _grid_of(_table_page(0.4)) == [(4, 6)]


def test_light_thin_rules_are_rules() -> None:
    assert _grid_of(_table_page(0.2, grey=165)) == [(4, 6)]


def test_no_rules_no_grid() -> None:
    page = np.full((3508, 2480), 250, dtype=np.uint8)
    assert _grid_of(page) == []


def _scribble(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    points = [(x + i * 12, y + (60 if i % 2 else 0) + (i % 3) * 10) for i in range(28)]
    draw.line(points, fill=20, width=5)


def test_a_scribble_no_word_covers_is_a_mark_and_speckle_is_not() -> None:
    img = Image.new("L", (1600, 600), 250)
    draw = ImageDraw.Draw(img)
    _scribble(draw, 600, 200)
    rng = np.random.default_rng(5)
    page = np.asarray(img).copy()
    for y, x in zip(rng.integers(0, 600, 400), rng.integers(0, 1600, 400), strict=True):
        page[y, x] = 30  # scanner dust: isolated dark pixels
    marks = stray_ink(page < INK, [], text_height=34.0)
    assert len(marks) == 1
    x0, y0, x1, y1 = marks[0]
    assert x0 <= 605 and x1 >= 900 and y0 <= 205 and y1 >= 255


def test_ink_covered_by_read_words_is_no_mark() -> None:
    img = Image.new("L", (1600, 600), 250)
    _scribble(ImageDraw.Draw(img), 600, 200)
    assert stray_ink(np.asarray(img) < INK, [(590.0, 190.0, 950.0, 290.0)], text_height=34.0) == []


def test_a_label_beside_a_scribble_is_its_own_piece() -> None:
    img = Image.new("L", (1600, 600), 250)
    draw = ImageDraw.Draw(img)
    draw.rectangle([500, 230, 560, 262], fill=20)  # a short word of text height ('By:')
    _scribble(draw, 600, 200)
    ink = np.asarray(img) < INK
    parts = pieces(ink, (495.0, 195.0, 950.0, 290.0))
    assert len(parts) == 2
    label, mark = parts
    assert label[2] <= 565 and label[3] - label[1] <= 40
    assert mark[0] >= 595 and mark[3] - mark[1] > 60


def test_the_desk_around_a_photographed_page_is_neither_rules_nor_marks() -> None:
    img = Image.new("L", (1500, 2000), 60)  # the desk
    page = Image.new("L", (1100, 1500), 245).rotate(3, expand=True, fillcolor=60)
    img.paste(page, (150, 200))
    gray = np.asarray(img)
    assert _grid_of(gray) == []
    assert stray_ink(gray < INK, [], text_height=30.0) == []
