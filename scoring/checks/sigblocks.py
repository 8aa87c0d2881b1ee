"""Signature blocks: the fields (:mod:`scoring.checks.sigfields`) of each segment, grouped.

Fields are found in text lines, in columns laid out side by side (wide gaps, tabs, or a label
repeated on one line where extraction joined the columns with single spaces), in label/value
table cells and in tables whose header row names the fields. Fields close together in one
column form a :class:`Block`; :mod:`scoring.checks.attribution` decides whose block it is and
:mod:`scoring.checks.sigblock_finding` whether it was signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from scoring.checks.roles import role_word
from scoring.checks.sigfields import (
    CAPTION,
    CAPTION_OPENER,
    DOCUSIGNED,
    ESIGN_BY,
    LABEL_START,
    MAYBE_FIELD,
    FieldItem,
    parse_field,
    split_inline,
)
from scoring.checks.text import DocView, Segment, columns

_ITEMS: dict[int, tuple[Segment, list[FieldItem]]] = {}


def items_of(seg: Segment) -> list[FieldItem]:
    """The signature-block fields of one segment (cached for the run)."""
    hit = _ITEMS.get(id(seg))
    if hit is not None and hit[0] is seg:
        return hit[1]
    items = _parse_items(seg)
    _ITEMS[id(seg)] = (seg, items)
    return items


def _parse_items(seg: Segment) -> list[FieldItem]:
    """Fields of a table row (cells) or a text line (columns split on wide gaps or tabs).

    A label alone ('Signature', 'Date:') takes the next cell / column as its value. Where text
    extraction joined side-by-side columns with one space ('By: /s/ Teo Lupu By: ______'), a
    field label repeated on the line starts the next column."""
    is_row = len(seg.cells) > 1
    if not is_row and len(seg.text) > 60 and not MAYBE_FIELD.search(seg.text):
        return []  # prose: a field needs a colon, a tab, a blank line to sign on or '/s/'
    if not is_row and (DOCUSIGNED.search(seg.text) or ESIGN_BY.search(seg.text)) and not (
            ESIGN_BY.search(seg.text) and LABEL_START.match(seg.text)):
        return []  # an e-signature stamp, read by other_findings ('Signature: Digitally signed by ...' is a field)
    parts = [c.text.strip() for c in seg.cells] if is_row else [c.strip() for c in columns(seg.text)]
    items: list[FieldItem] = []
    i = col = 0
    if is_row and len(parts) >= 3 and not parts[0] and sum(1 for p in parts if p) >= 1:
        # '| CUSTOMER | SERVICE PROVIDER: Fabrikam Ltd': the captions over a label-column table,
        # one per party column (column c of the table is party column c - 1, as in the rows below).
        for c in range(1, len(parts)):
            text = parts[c]
            if not text:
                continue
            parsed = parse_field(text)
            value, role = (text, role_word(text)) if parsed is None or parsed.kind != "org" else (
                parsed.value, parsed.role)
            items.append(FieldItem(seg, c - 1, "org", value, text, role, c))
        return items
    if is_row and len(parts) >= 3 and parts[0]:
        # 'Signature | /s/ Teo Lupu | ______': a label column, then one column per party.
        label = parse_field(parts[0])
        if label is not None and label.label_only and not any(
                parse_field(q) for p in parts[1:] if p for q in split_inline(p)):
            return [FieldItem(seg, c - 1, label.kind, parts[c], f"{parts[0]} {parts[c]}".strip(), label.role, c)
                    for c in range(1, len(parts))]
    while i < len(parts):
        text = parts[i]
        fields = [(p, f) for p in (split_inline(text) if text else []) if (f := parse_field(p)) is not None]
        if not fields:
            i += 1
            if not is_row and text:
                col += 1  # 'Fabrikam Ltd <tab> For and on behalf of Contoso': the caption holds column 0
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if len(fields) == 1 and fields[0][1].label_only and nxt is not None and (is_row or nxt) and not any(
                parse_field(q) for q in split_inline(nxt) if nxt) and (is_row or not CAPTION.match(nxt)):
            # (on a text line a caption is no value: 'Signed for the Client <tab> CONTRACTOR' is two
            # captions side by side)
            kind, role = fields[0][1].kind, fields[0][1].role
            if is_row:
                items.append(FieldItem(seg, col, kind, nxt, f"{text} {nxt}".strip(), role, i + 1 if nxt else i))
            else:
                a = seg.text.find(text)
                b = seg.text.find(nxt, a + len(text))
                quote = seg.text[a:b + len(nxt)] if a >= 0 and b >= 0 else f"{text} {nxt}"
                items.append(FieldItem(seg, col, kind, nxt, quote, role))
            i += 2
            col += 1
            continue
        seen: dict[str, int] = {}
        width = 1
        for piece, f in fields:
            k = seen.get(f.kind, 0)
            seen[f.kind] = k + 1
            width = max(width, k + 1)
            items.append(FieldItem(seg, col + k, f.kind, f.value, piece, f.role, i if is_row else None))
        col += width
        i += 1
    if not is_row and items and _leads_with_caption(parts) and len({it.kind for it in items}) == len(items) \
            and all(it.kind != "org" for it in items):
        # 'Signed for Contoso Ltd <tab> Signature: ____': one party's block begins on this line,
        # its caption first (the inline layout wrapped over several lines).
        items = [replace(it, col=0) for it in items]
    if not is_row and len(items) > 1 and len({it.kind for it in items}) == len(items) and \
            len({it.role for it in items if it.role}) <= 1:
        # 'By: /s/ Mia Stewart <tab> Name: Mia Stewart <tab> Title: COO': one party's fields laid
        # out in a row (the inline layout), not side-by-side columns, which repeat their labels.
        items = [replace(it, col=0) for it in items]
    return items


@dataclass
class Block:
    items: list[FieldItem] = field(default_factory=list)
    last: int = -1

    def kinds(self) -> set[str]:
        return {i.kind for i in self.items}

    def first(self, kind: str) -> FieldItem | None:
        return next((i for i in self.items if i.kind == kind), None)


def _header_table_blocks(view: DocView, seg_pos: dict[int, int]) -> tuple[list[Block], set[int]]:
    """Tables whose header row names the fields ('Party | Name | Signature | Date')."""
    blocks: list[Block] = []
    used: set[int] = set()
    segs = view.segments
    for i, seg in enumerate(segs):
        if seg.kind != "row" or len(seg.cells) < 2:
            continue
        labels = [parse_field(c.text.strip()) if c.text.strip() else None for c in seg.cells]
        kinds = [lab.kind if lab and lab.label_only else None for lab in labels]
        named = [k for k in kinds if k]
        if len(named) < 2 or len(set(named)) != len(named) or not ({"sig", "date", "name"} & set(named)):
            continue  # a repeated label ('Signature | | Signature | /s/...') is a side-by-side block, not a header
        if any(lab and lab.role for lab in labels):
            continue  # 'Signed for the Customer | Partner:' names parties: captions over party columns
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if nxt is not None and nxt.kind == "row" and nxt.cells and (first := parse_field(nxt.cells[0].text.strip())) \
                and first.label_only:
            continue  # the rows below open with a label ('By | ... | ...'): a label-column table
        used.add(i)
        j = i + 1
        while j < len(segs) and segs[j].kind == "row" and len(segs[j].cells) == len(seg.cells):
            row = segs[j]
            b = Block(last=j)
            for ci, cell in enumerate(row.cells):
                kind = kinds[ci]
                if kind is None:
                    kind = "org"  # 'Party' / 'Organisation' column: who signs this row
                b.items.append(FieldItem(row, 0, kind, cell.text.strip(), cell.text.strip(), None, ci))
            blocks.append(b)
            used.add(j)
            j += 1
    return blocks, used


def _leads_with_caption(parts: list[str]) -> bool:
    """A text line whose first column is a caption naming who signs ('Signed for X', 'CONTOSO
    LTD'), not a field, with fields after it."""
    return len(parts) >= 2 and bool(parts[0]) and not any(parse_field(p) for p in split_inline(parts[0])) \
        and len(parts[0].split()) <= 12 and (bool(CAPTION_OPENER.match(parts[0])) or parts[0].isupper())


def leads_with_caption(seg: Segment) -> bool:
    return len(seg.cells) <= 1 and _leads_with_caption([c.strip() for c in columns(seg.text)])



def _signature_beside(open_by_col: dict[int, Block], n: int) -> Block | None:
    """The one block signed on the last two lines that has no date yet: a lone 'Date:' in
    another column just under it is its date (EDGAR pages put the date right of the signature,
    and a wrapped signer's name pushes it into a column of its own)."""
    near = {id(b): b for b in open_by_col.values() if 0 < n - b.last <= 2 and "sig" in b.kinds()}
    if len(near) != 1:
        return None
    b = next(iter(near.values()))
    return b if "date" not in b.kinds() else None


def find_blocks(view: DocView) -> list[Block]:
    seg_pos = {id(s): n for n, s in enumerate(view.segments)}
    blocks, used = _header_table_blocks(view, seg_pos)
    open_by_col: dict[int, Block] = {}
    for n, seg in enumerate(view.segments):
        if n in used:
            continue
        items = items_of(seg)
        if items and leads_with_caption(seg) and all(i.kind != "org" for i in items):
            for item in items:  # a caption then fields on one line: that party's block starts here
                open_by_col.pop(item.col, None)
        for item in items:
            b = open_by_col.get(item.col)
            if (b is None or n - b.last > 4) and item.kind == "date" and len(items) == 1 and \
                    (beside := _signature_beside(open_by_col, n)) is not None:
                b = beside  # 'By: /s/ Dennis M.' over 'Lanfear <tab> Date: November 4,': that signature's date
            elif b is not None and item.kind == "org" and b.kinds() == {"org"} and n - b.last == 1:
                # A caption wrapped onto the next row ('For and on behalf of Summitcrest GmbH &' / 'Co. KG').
                prev = b.items[-1]
                b.items[-1] = replace(prev, value=f"{prev.value} {item.value}".strip(), text=f"{prev.text} {item.text}")
                b.last = n
                continue
            # 'Partner: Fabrikam' or 'For and on behalf of X' after a filled block opens the next
            # party's block ('Company: X' under the fields may close a block, so only these two).
            opens_next = item.kind == "org" and (item.role is not None or bool(CAPTION_OPENER.match(item.text))) \
                and bool({"sig", "name"} & (b.kinds() if b else set()))
            if b is None or n - b.last > 4 or (item.kind in b.kinds() and item.kind != "title") or opens_next:
                b = Block()
                blocks.append(b)
                open_by_col[item.col] = b
            b.items.append(item)
            b.last = n
    # A name with a title only is a contact list; a signature block has a signature or a date.
    return [b for b in blocks if "sig" in b.kinds() or {"name", "date"} <= b.kinds()]


def clear_cache() -> None:
    """Forget the per-run field cache (segments are rebuilt for every claim)."""
    _ITEMS.clear()
