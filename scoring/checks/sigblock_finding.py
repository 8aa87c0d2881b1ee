"""Is a signature block signed? (D-11.1)

:func:`block_finding` turns a block (:mod:`scoring.checks.sigblocks`) and its party
(:mod:`scoring.checks.attribution`) into a :class:`SigFinding`: signed ('/s/ Name', a name on
the signature line, a signature picture on it, 'Sd/-' above it, an e-signature record with the
name filled) or left blank, with the date of its date field.
"""

from __future__ import annotations

import re

from extractors.document import ImageInfo
from scoring.checks.attribution import attribute
from scoring.checks.parties import looks_like_org
from scoring.checks.sigblocks import Block, items_of
from scoring.checks.sigfields import SLASH_S, FieldItem
from scoring.checks.sigreader import NEGATIVE_VALUE, PERSON_LIKE, SigFinding, SigReader, has_legal_form
from scoring.checks.text import Segment, columns, is_blank_value

_CONFORMED = re.compile(r"^\s*\(?\s*sd\s*[/.\-]+\s*\)?\s*$", re.I)
_SIGN_OFF_CONTEXT = re.compile(r"sign|accept|acknowledg|approv|agree|witness|authori[sz]|execut|confirm", re.I)


def block_finding(r: SigReader, b: Block) -> SigFinding:
    party, org = attribute(r, b)
    sig = b.first("sig")
    name = b.first("name")
    dt = b.first("date")
    value = sig.value if sig else ""
    if re.search(r"/s/", value, re.I):
        value = value.strip(" _.")  # 'By: ___/s/ Jo Brown______': signed on the line drawn for it
    value_line: Segment | None = None
    if sig and is_blank_value(value):  # 'Signature:' with '/s/ Teo Lupu' on the line below
        nxt = r.pos[id(sig.seg)] + 1
        if nxt < len(r.view.segments) and not items_of(r.view.segments[nxt]) and \
                len(columns(r.view.segments[nxt].text)) == 1 and SLASH_S.search(r.view.segments[nxt].text):
            value_line = r.view.segments[nxt]
            value = value_line.text.strip()
    d_value, d_blank, d_text = None, True, ""
    if dt:
        d_value, d_blank = r.parse_date(dt.value)
        if d_value is None and not is_blank_value(dt.value):
            d_value, d_blank = r.parse_date(f"{dt.value} {_next_line(r, dt)}")  # 'Date: November 4,' / '2019'
        if d_value is None and dt.value == "":
            d_value = r.typed_date_near(dt)
            d_blank = d_value is None
        d_text = dt.text
    if sig and d_value is None:  # '/s/ Teo Lupu 12 March 2026'
        found = r.view.find_dates(value)
        if found:
            d_value, d_blank, d_text = found[0].value, False, sig.text
    evidence_items = [i for i in (sig, name, dt) if i is not None]
    signer = name.value if name is not None and not is_blank_value(name.value) else re.sub(r"^/s/\s*", "", value)
    signer = signer if PERSON_LIKE.match(signer or "") else ""
    if re.fullmatch(r"\s*x[\s_.]*", value, re.I):
        value = ""  # 'Signature: X________' marks where to sign
    if value and "/s/" not in value and (r.ctx.customer.match(value) or r.ctx.partner.match(value)
                                         or has_legal_form(value.strip())):
        value = ""  # 'By: Contoso Ltd' names the party that is to sign, it is no signature
    if sig is not None and not is_blank_value(value) and not NEGATIVE_VALUE.match(value):
        note = "e-signature /s/" if "/s/" in value else "signed block"
        conf = 0.93 if party != "unknown" else 0.5
        shown = [i.evidence(f"{party} {note}") for i in evidence_items]
        if value_line is not None:
            shown.insert(0, value_line.evidence(f"{party} {note}"))
        return SigFinding(party, "block", True, shown, conf, d_value, d_text, d_blank, org, signer)
    name_filled = name is not None and not is_blank_value(name.value)
    if sig is None and name_filled and d_value is not None and signed_off(r, b):
        return SigFinding(party, "block", True, [i.evidence(f"{party} block, name and date filled")
                                                 for i in evidence_items], 0.7, d_value, d_text, d_blank, org, signer)
    if sig is not None and (image_near(r, b) or name_filled and r.stamped or conformed_above(r, b)):
        return SigFinding(party, "block", True, [i.evidence(f"{party} block, signed by e-signature/image")
                                                 for i in evidence_items], 0.8, d_value, d_text, d_blank, org, signer)
    return SigFinding(party, "block", False, [i.evidence(f"{party} signature block left blank")
                                              for i in evidence_items], 0.9, d_value, d_text, d_blank, org)


def _next_line(r: SigReader, item: FieldItem) -> str:
    """The line under a field when it holds no field and is short (a value wrapped onto it)."""
    n = r.pos[id(item.seg)] + 1
    if n >= len(r.view.segments) or items_of(r.view.segments[n]) or len(item.seg.cells) > 1:
        return ""
    text = r.view.segments[n].text.strip()
    return text if len(text.split()) <= 3 else ""


def conformed_above(r: SigReader, b: Block) -> bool:
    """'Sd/-' (Indian and older English usage for a signed original) standing in the block's
    column just above its fields."""
    first = min(r.pos[id(i.seg)] for i in b.items)
    col = b.items[0].col
    for k in range(first - 1, max(-1, first - 7), -1):
        parts = columns(r.view.segments[k].text)  # (the name and title lines stand between)
        part = parts[col] if col < len(parts) else (parts[0] if len(parts) == 1 else "")
        if _CONFORMED.match(part):
            return True
    return False


def signed_off(r: SigReader, b: Block) -> bool:
    """A block without a signature line counts only as a sign-off: a person's name (not a
    company: 'Customer Name: Contoso Ltd / Date: ...' is a cover page) with a title, or under
    sign-off wording ('Accepted by', 'Acknowledgement', 'Signatures')."""
    name = b.first("name")
    if name is None or r.ctx.customer.match(name.value) or r.ctx.partner.match(name.value) \
            or looks_like_org(name.value) and re.search(r"\b(?:ltd|inc|llc|gmbh|plc|corp|limited)\b", name.value, re.I):
        return False
    if b.first("title") is not None:
        return True
    first = min(r.pos[id(i.seg)] for i in b.items)
    context = [s.text for s in r.view.segments[max(0, first - 3):first]] + [b.items[0].seg.section]
    return any(_SIGN_OFF_CONTEXT.search(t) for t in context)


def image_near(r: SigReader, b: Block) -> bool:
    """A picture (a pasted or scanned wet signature) on the block's signature line; it is
    then the block's, and not read again as a signature of its own."""
    found = images_near(r, b)
    r.claimed_images.update(id(img) for img in found)
    return bool(found)


def images_near(r: SigReader, b: Block) -> list[ImageInfo]:
    sig = b.first("sig")
    if sig is None:
        return []
    near: list[ImageInfo] = []
    loc = sig.seg.location
    cell_loc = sig.seg.cells[sig.cell_index].location if (
        sig.cell_index is not None and sig.cell_index < len(sig.seg.cells)) else loc
    ncols = max(1, len(columns(sig.seg.text))) if len(sig.seg.cells) <= 1 else 1
    for img in r.view.doc.images:
        il = img.location
        if il.table is not None and cell_loc.table is not None:
            # In its own cell; a label cell ('Signature') also owns the picture in the cell to its right.
            own_cell = il.col is None or cell_loc.col is None or il.col == cell_loc.col or (
                is_blank_value(sig.value) and sig.text.strip().rstrip(":").lower() == sig.seg.cells[
                    min(cell_loc.col, len(sig.seg.cells) - 1)].text.strip().rstrip(":").lower()
                and il.col == cell_loc.col + 1)
            if (il.part, il.table, il.row) == (cell_loc.part, cell_loc.table, cell_loc.row) and own_cell:
                near.append(img)
            continue
        if il.paragraph is not None and loc.paragraph is not None and il.part == loc.part:
            # A line drawn to sign on ('Signature: ______') holds its picture in that paragraph;
            # a bare 'Signature:' label may have it just above or below.
            drawn_blank = bool(sig.value.strip()) and is_blank_value(sig.value)
            if il.paragraph == loc.paragraph or not drawn_blank and (
                    0 <= loc.paragraph - il.paragraph <= 1 or il.paragraph - loc.paragraph == 1):
                near.append(img)
            continue
        if il.page is not None and il.bbox and loc.page == il.page and loc.bbox:
            span = column_span(r, sig.seg, sig.cell_index) if len(sig.seg.cells) > 1 else None
            if span is not None and (il.bbox[2] < span[0] or il.bbox[0] > span[1]):
                continue  # a table row: the picture must stand over this party's cell
            top, bottom = loc.bbox[1], loc.bbox[3]
            if il.bbox[3] >= top - 45 and il.bbox[1] <= bottom + 10:
                if ncols == 1:
                    near.append(img)
                mid = (loc.bbox[0] + loc.bbox[2]) / 2  # two columns: which half the picture is in
                if (il.bbox[0] < mid) == (sig.col == 0):
                    near.append(img)
            continue
        if il.page is None and il.paragraph is None and il.table is None and img.near_text and \
                img.near_text.strip() in sig.seg.text:
            near.append(img)
    return list({id(img): img for img in near}.values())  # (a picture meets a test once)


def column_span(r: SigReader, seg: Segment, index: int | None) -> tuple[float, float] | None:
    """(x0, x1) of a table cell; for a row whose cells are empty (no boxes of their own), the
    same column's cell in another row of the table ('By | | ' under 'Name | Jack Shaw | ')."""
    span = _cell_span(seg, index)
    loc = seg.cells[0].location if seg.cells else None
    if span is not None or index is None or loc is None or loc.table is None:
        return span
    for other in r.view.segments:
        if other is seg or len(other.cells) <= index:
            continue
        o = other.cells[index].location
        if (o.page, o.part, o.table) == (loc.page, loc.part, loc.table) and o.col == seg.cells[index].location.col \
                and o.bbox is not None:
            return o.bbox[0], o.bbox[2]
    return None


def _cell_span(seg: Segment, index: int | None) -> tuple[float, float] | None:
    """(x0, x1) of a table cell; an empty cell (no box of its own) spans from the cell on its left
    to the cell on its right."""
    if index is None or index >= len(seg.cells):
        return None
    if len({c.location.bbox for c in seg.cells if c.location.bbox}) <= 1:
        return None  # no box per cell (a slide table gives the table's box to every cell)
    box = seg.cells[index].location.bbox
    if box is not None:
        return box[0], box[2]
    left = next((c.location.bbox[2] for c in reversed(seg.cells[:index]) if c.location.bbox), None)
    right = next((c.location.bbox[0] for c in seg.cells[index + 1:] if c.location.bbox), None)
    if left is None and right is None or left is not None and right is not None and left >= right:
        return None
    return (left if left is not None else right - 150.0 if right is not None else 0.0,
            right if right is not None else (left or 0.0) + 150.0)
