"""Ruled tables found from a page's drawn lines (pdfium path objects), without pdfminer.

A table is a grid of horizontal and vertical rules that cross each other; its cells are the
grid's rectangles and each text run goes to the cell holding its centre. This covers the ruled
tables of SOWs and POE templates at pdfium speed; pdfplumber remains for pages whose rules do
not form a clean grid (curved corners, partial rules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.pdf_layout import BBox, TextBox

SNAP = 2.0  # points: rules this close are the same rule
THIN = 3.0  # a path thinner than this is a rule, not a box


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    cells: list[list[list[TextBox]]] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell_box(self, row: int, col: int) -> BBox:
        return (round(self.xs[col], 2), round(self.ys[row], 2), round(self.xs[col + 1], 2), round(self.ys[row + 1], 2))


def edges_from_boxes(boxes: list[BBox]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, top, bottom) from path bounding boxes:
    thin paths are rules, larger rectangles give their four sides."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for x0, top, x1, bottom in boxes:
        w, h = x1 - x0, bottom - top
        if h <= THIN and w > THIN * 2:
            hs.append(((top + bottom) / 2, x0, x1))
        elif w <= THIN and h > THIN * 2:
            vs.append(((x0 + x1) / 2, top, bottom))
        elif w > 10 and h > 6:
            hs += [(top, x0, x1), (bottom, x0, x1)]
            vs += [(x0, top, bottom), (x1, top, bottom)]
    return _merge(hs), _merge(vs)


def _merge(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear rules that touch become one (a grid drawn cell by cell)."""
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted(rules, key=lambda r: (round(r[0] / SNAP), r[1])):
        if out and abs(out[-1][0] - pos) <= SNAP and a <= out[-1][2] + SNAP:
            p, a0, b0 = out[-1]
            out[-1] = (p, a0, max(b0, b))
        else:
            out.append((pos, a, b))
    return out


def find_grids(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]) -> list[Grid]:
    """Groups of crossing rules with at least two rows or two columns of cells."""
    if len(hs) < 2 or len(vs) < 2:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    crossed: set[int] = set()
    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - SNAP <= x <= hx1 + SNAP and vy0 - SNAP <= y <= vy1 + SNAP:
                parent[find(i)] = find(len(hs) + j)
                crossed.update((i, len(hs) + j))
    groups: dict[int, list[int]] = {}
    for k in crossed:
        groups.setdefault(find(k), []).append(k)
    grids = []
    for members in groups.values():
        ys = _distinct(hs[k][0] for k in members if k < len(hs))
        xs = _distinct(vs[k - len(hs)][0] for k in members if k >= len(hs))
        if len(xs) >= 3 and len(ys) >= 2:  # two columns at least: stacked boxes are no table
            grids.append(Grid(xs, ys))
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _distinct(values: object) -> list[float]:
    out: list[float] = []
    for v in sorted(values):  # type: ignore[call-overload]
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def fill(grids: list[Grid], segments: list[TextBox]) -> list[TextBox]:
    """Put each run into the grid cell holding its centre; returns the runs outside every grid."""
    rest = []
    for g in grids:
        g.cells = [[[] for _ in range(len(g.xs) - 1)] for _ in range(len(g.ys) - 1)]
    for seg in segments:
        cx, cy = (seg.bbox[0] + seg.bbox[2]) / 2, (seg.bbox[1] + seg.bbox[3]) / 2
        for g in grids:
            if g.xs[0] <= cx <= g.xs[-1] and g.ys[0] <= cy <= g.ys[-1]:
                row = max(0, min(len(g.ys) - 2, _index(g.ys, cy)))
                col = max(0, min(len(g.xs) - 2, _index(g.xs, cx)))
                g.cells[row][col].append(seg)
                break
        else:
            rest.append(seg)
    return rest


def _index(edges: list[float], v: float) -> int:
    for i in range(len(edges) - 1):
        if v < edges[i + 1]:
            return i
    return len(edges) - 2


def split_rows(grid: Grid, lines_of: object) -> list[tuple[int, bool, list[list[TextBox]]]]:
    """(grid row, was split, cells' lines) per row as read: a ruled row whose cells each hold the same stack of aligned
    lines (a table ruled only every few rows) is split into one row per line."""
    out: list[tuple[int, bool, list[list[TextBox]]]] = []
    for r, row in enumerate(grid.cells):
        stacks = [lines_of(runs) for runs in row]  # type: ignore[operator]
        filled = [st for st in stacks if st]
        tops = _distinct(line.bbox[1] for st in stacks for line in st)
        multi = [st for st in filled if len(st) > 1]
        if len(tops) > 1 and len(multi) >= 2 and len(multi) * 2 >= len(filled) \
                and max(len(st) for st in filled) == len(tops):
            for top in tops:
                out.append((r, True, [[line for line in st if abs(line.bbox[1] - top) <= SNAP] for st in stacks]))
        else:
            out.append((r, False, stacks))
    return out


def near_crossings(hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]],
                   tolerance: float = 3 * SNAP) -> int:
    """How many horizontal and vertical rules (nearly) meet: many, with no clean grid, means a
    table drawn loosely (gaps at the corners) that a snapping table finder may still read."""
    return sum(1 for y, hx0, hx1 in hs for x, vy0, vy1 in vs
               if hx0 - tolerance <= x <= hx1 + tolerance and vy0 - tolerance <= y <= vy1 + tolerance)
