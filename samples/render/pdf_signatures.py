"""Signature blocks on a PDF page, in the four layouts partners use (see ``SignatureBlock``).

A blank signature is a line of underscores, a drawn one (``image``) a picture standing on a
ruled line with no text, so the extractor sees an image beside its 'By:' label, as with a
pasted wet signature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samples.docmodel import Paragraph, Signatory, SignatureBlock
from samples.render.common import BLANK, SigLine, caption, sig_lines
from samples.render.pdf import Img

if TYPE_CHECKING:
    from samples.render.pdf import Cell, Piece, Unit, Writer


def signature_block(w: Writer, block: SignatureBlock) -> None:
    if block.intro:
        w.paragraph(Paragraph(block.intro))
    if not block.signatories:
        return
    layout = {"stacked": _stacked, "columns": _columns, "table": _table, "inline": _inline}[block.layout]
    layout(w, block.signatories)
    w.y -= w.st.block_gap


def _value(w: Writer, s: Signatory, line: SigLine) -> Piece:
    if line.image:
        return Img(s.name or s.party_label or "signature")
    return (line.value or BLANK, w.st.regular)


def _units(w: Writer, s: Signatory) -> list[Unit]:
    return [[(f"{line.label}: ", w.st.regular), _value(w, s, line)] for line in sig_lines(s, w.st.by_label)]


def _head(w: Writer, s: Signatory, width: float) -> list[str]:
    """Caption lines of a party: its label, then its organisation on a line of its own."""
    lines = w.wrap(s.party_label, w.st.bold, w.st.size, width) if s.party_label else []
    if s.org and s.org not in s.party_label:
        lines += w.wrap(s.org, w.st.bold, w.st.size, width)
    return lines


def _stacked(w: Writer, signatories: tuple[Signatory, ...]) -> None:
    for s in signatories:
        units = _units(w, s)
        head = _head(w, s, w.width)
        w.need(len(head) * w.st.lh + sum(w.unit_height([u]) for u in units))  # a party's block stays on one page
        w.flow(head, w.st.bold, w.st.size)
        for unit in units:
            w.units_line([unit])
        w.y -= w.st.lh


def _columns(w: Writer, signatories: tuple[Signatory, ...]) -> None:
    """Parties side by side; row by row so the lines of all parties stand level."""
    n = max(1, len(signatories))
    gap = 24.0
    col = (w.width - gap * (n - 1)) / n
    heads = [_head(w, s, col) for s in signatories]
    units = [_units(w, s) for s in signatories]
    rows = max((len(h) for h in heads), default=0)
    w.need(rows * w.st.lh + sum(w.unit_height(list(r)) for r in zip(*units, strict=True)))
    for i in range(rows):
        w.need(w.st.lh)
        base = w.baseline(w.st.lh)
        w.c.setFont(w.st.bold, w.st.size)
        for k, head in enumerate(heads):
            if i < len(head):
                w.c.drawString(w.left + k * (col + gap), base, head[i])
        w.y -= w.st.lh
    for row in zip(*units, strict=True):
        h = w.unit_height(list(row))
        w.need(h)
        base = w.baseline(h)
        for k, unit in enumerate(row):
            w.draw_unit(_fit(w, unit, col), w.left + k * (col + gap), base)
        w.y -= h


def _fit(w: Writer, unit: Unit, width: float) -> Unit:
    """A text value cut to its column (a long title would run into the next party's)."""
    out: Unit = []
    used = 0.0
    for piece in unit:
        if isinstance(piece, tuple):
            lines = w.wrap(piece[0], piece[1], w.st.size, max(20.0, width - used))
            piece = (lines[0] + piece[0][len(piece[0].rstrip()):], piece[1])  # wrap() drops the trailing space
        out.append(piece)
        used += w.unit_width([piece])
    return out


def _table(w: Writer, signatories: tuple[Signatory, ...]) -> None:
    """A ruled grid: a label column, then one column per party; rows By/Name/Title/Date.
    A blank field is an empty cell: the ruled cell is the line to write on."""
    rows: list[list[Cell]] = [["", *(caption(s) for s in signatories)]]
    lines = [sig_lines(s, w.st.by_label) for s in signatories]
    for i, label in enumerate(line.label for line in lines[0]):
        row: list[Cell] = [label]
        for s, party in zip(signatories, lines, strict=True):
            line = party[i]
            row.append(Img(s.name or s.party_label or "signature") if line.image else line.value or "")
        rows.append(row)
    w.grid(rows, header=True, ruled=True)


def _inline(w: Writer, signatories: tuple[Signatory, ...]) -> None:
    """One line per party: 'Customer: Contoso Ltd  By: /s/ Teo Lupu  Name: ...  Date: ...'."""
    for s in signatories:
        units: list[Unit] = [[(caption(s), w.st.bold)]] if caption(s) else []
        w.units_line(units + _units(w, s))
        w.y -= w.st.block_gap / 2
