"""Signature-block fields: reading By / Signature / Name / Title / Date / Company labels.

Fields are found in text lines, in columns laid out side by side (wide gaps, tabs, or a label
repeated on one line where extraction joined the columns with single spaces), in label/value
table cells and in tables whose header row names the fields. Fields close together in one
column form a :class:`Block`; :mod:`scoring.checks.signature` decides whose block it is and
whether it was signed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from scoring.checks.text import DocView, Segment, columns
from scoring.types import Evidence

ROLE = (r"customer|client|buyer|purchaser|licensee|partner|supplier|vendor|contractor|consultant|"
        r"service provider|provider|seller|company|microsoft partner")
_SIG = (r"authori[sz]ed signature|authori[sz]ed signatory|accepted and agreed by|agreed and accepted by|"
        r"acknowledged by|accepted by|approved by|agreed by|confirmed by|signed by|authori[sz]ed by|signature|"
        r"signatory|signed|sign|accepted and agreed|agreed and accepted|accepted|approved|acknowledged|agreed|by")
_COLON_ONLY = {"accepted and agreed", "agreed and accepted", "accepted", "approved", "acknowledged", "agreed"}
_NAME = r"printed name|print name|full name|name of signatory|signatory name|signer name|name"
_TITLE = r"job title|title|position|designation|role|capacity"
_DATE = (r"date signed|signature date|signed date|date of signature|acknowledg(?:e)?ment date|"
         r"date of acknowledg(?:e)?ment|signed on|acknowledged on|approved on|dated|date")
_ORG = r"company name|company|organi[sz]ation name|organi[sz]ation|entity|for and on behalf of|on behalf of"

_FIELD = re.compile(
    rf"^\s*(?:(?P<role>{ROLE})(?:'s)?\s+)?(?P<field>{_SIG}|{_NAME}|{_TITLE}|{_DATE}|{_ORG})"
    rf"(?:\s+(?:(?:of|for|by|on behalf of)\s+)?(?:the\s+)?(?P<role2>{ROLE}))?"
    r"(?:\s*(?:\((?:print|please print|block letters)\)))?"
    r"(?P<sep>\s*[:–]\s*|\s+-\s+|\s*$|\s+(?=_{2,}|/s/|\[|\.{3,}))(?P<value>.*)$", re.I)
_ROLE_LABEL = re.compile(rf"^\s*(?:for\s+(?:the\s+)?)?(?P<role>{ROLE})(?:\s+(?:name|legal name))?\s*:\s*(?P<value>.*)$", re.I)
_INLINE_LABEL = re.compile(
    rf"(?<![\w-])(?<!signed )(?<!Signed )(?<!SIGNED )(?:(?:(?:{ROLE})(?:'s)?\s+)?(?:{_SIG}|{_NAME}|{_TITLE}|{_DATE}|{_ORG})"
    rf"(?:\s+(?:(?:of|for|by|on behalf of)\s+)?(?:the\s+)?(?:{ROLE}))?|{ROLE})\s*:", re.I)

# 'For and on behalf of X', 'Signed for X': a line that opens a party's block.
_CAPTION_OPENER = re.compile(r"^\s*(?:signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\b|^\s*signed\s+for\b", re.I)
_CAPTION = re.compile(rf"^\s*(?:for\s+)?(?:the\s+)?(?:{ROLE})s?\s*:?\s*$|^[A-Z][A-Z&.,' -]{{2,60}}$|"
                      rf"(?i:{_CAPTION_OPENER.pattern})")
_LABEL_START = re.compile(r"^\s*(?:[A-Za-z][A-Za-z' ]{0,30}):")
_MAYBE_FIELD = re.compile(r"[:\t_–]|/s/|\s-\s|\.{3}")
CUSTOMER_WORDS = re.compile(r"\b(?:customer|client|buyer|purchaser|licensee|contracting officer|ordering (?:agency|activity)|"
                            r"the government|united states of america)s?\b", re.I)
PARTNER_WORDS = re.compile(
    r"\b(?:partner|supplier|vendor|contractor|consultant|consultancy|service provider|provider|seller|"
    r"implementer|integrator|offeror)s?\b", re.I)
ESIGN_BY = re.compile(
    r"(?:\b(?:electronically|digitally|e-?)\s*signed|\bsigned\s+(?:electronically|digitally|via \w+))\s+(?:by\s*:?\s*)?(?P<who>[A-Z][^,;\n|]{1,60}?)"
    r"(?:\s+(?:on|at)\s+(?P<when>[^;\n|]{6,40}))?\s*(?:$|[,;|(])", re.I)
DOCUSIGNED = re.compile(r"docusigned by\s*:?\s*(?P<who>[A-Z][A-Za-z.'\- ]{1,50})?", re.I)
SLASH_S = re.compile(r"/s/\s*(?P<who>[A-Z][\w.'\- ]{1,50})")


def field_kind(label: str) -> str:
    lab = label.lower()
    if re.fullmatch(_DATE, lab):
        return "date"
    if re.fullmatch(_NAME, lab):
        return "name"
    if re.fullmatch(_TITLE, lab):
        return "title"
    if re.fullmatch(_ORG, lab):
        return "org"
    return "sig"


@dataclass
class FieldItem:
    seg: Segment
    col: int
    kind: str
    value: str
    text: str  # the field as written (label and value)
    role: str | None  # explicit party from the label ('Customer Signature')
    cell_index: int | None = None

    def evidence(self, note: str) -> Evidence:
        if self.cell_index is not None and self.cell_index < len(self.seg.cells):
            cell = self.seg.cells[self.cell_index]
            return cell.evidence(self.seg.doc_path, note)
        return Evidence(self.seg.doc_path, self.text.strip(), self.seg.location, note)


def role_word(text: str) -> str | None:
    c, p = bool(CUSTOMER_WORDS.search(text)), bool(PARTNER_WORDS.search(text))
    if c and not p:
        return "customer"
    if p and not c:
        return "partner"
    return None


BEHALF_SIG = re.compile(r"^\s*(?:signed|executed|accepted|agreed)(?: and (?:accepted|agreed))?\s+(?:for and )?"
                         r"on behalf of\s+(?P<org>[^:]{2,80}?)\s*[:\-–]\s*(?P<value>.*)$", re.I)


# UK execution clause: 'Signed by Teo Lupu for and on behalf of CONTOSO LIMITED ........ Director'.
# The dots are where the signature goes; '/s/' or a name there means it was signed.
SIGNED_BY_FOR = re.compile(
    r"^\s*signed\s+by\s+(?P<who>[A-Z][\w.'\- ]{1,50}?)\s+(?:for\s+and\s+)?on\s+behalf\s+of\s+"
    r"(?P<org>[^.\n_/:]{2,80}?)\s*(?P<value>(?:\.{2,}|_{2,}|/s/|:).*)?$", re.I)


def parse_field(text: str) -> tuple[str, str, str | None, bool] | None:
    """(kind, value, role, label_only) of one field text, or None."""
    sb = SIGNED_BY_FOR.match(text)
    if sb:
        value = (sb.group("value") or "").lstrip(":").strip()
        value = re.sub(r"^[._\s]+", "", value) if re.match(r"^[._]{2,}", value) else value
        # Only dots, or dots then a title ('Director'): the line is still to be signed.
        if re.match(r"^(?:director|secretary|authori[sz]ed signatory|officer|ceo|cfo|cio|cto)?$", value, re.I):
            value = ""
        return "sig", value, role_word(sb.group("org")), not value
    b = BEHALF_SIG.match(text)
    if b and re.match(r"^(?:the|each|both|all)?\s*(?:part(?:y|ies)|undersigned)\b", b.group("org").strip(), re.I):
        return None  # 'Signed for and on behalf of the parties:' introduces the blocks below
    if b:
        return "sig", b.group("value").strip(), role_word(b.group("org")), not b.group("value").strip()
    m = _FIELD.match(text)
    if m:
        kind = field_kind(m.group("field"))
        sep = m.group("sep")
        if kind == "sig" and m.group("field").lower() in ("by", "sign", "signed") and not sep.strip() and \
                not m.group("value").strip().startswith(("_", "/s/", "[", ".")) and m.group("value").strip():
            return None  # 'By the end of March ...' is prose
        if m.group("field").lower() in _COLON_ONLY and ":" not in sep:
            return None  # 'Approved' alone is a word; 'Approved: Teo Lupu' is a sign-off
        if m.group("field").lower() in ("signed", "sign") and m.group("role2") and not sep.strip() \
                and not m.group("value").strip():
            # 'Signed for the Customer' (no colon, nothing after it) is the caption over a block
            return "org", "", role_word(m.group("role2")), True
        role_text = (m.group("role") or "") + " " + (m.group("role2") or "")
        role = role_word(role_text) if role_text.strip() else None
        value = m.group("value").strip()
        if kind in ("title", "name", "date", "org") and not sep.strip(":-– ") and not sep.strip() and value \
                and not value.startswith(("_", "[", ".")):
            return None  # 'Date of the workshop is ...' without a colon
        if kind == "name" and len(value.split()) > 8:
            return None
        return kind, value, role, not value
    m = _ROLE_LABEL.match(text)
    if m and len(m.group("value").split()) <= 8:
        return "org", m.group("value").strip(), role_word(m.group("role")), not m.group("value").strip()
    return None


# 'Prepared by: Fabrikam', 'Issue date: ...': the 'by' / 'date' of a document's cover, not a signature.
_NOT_A_SIGNER = re.compile(r"\b(?:prepared|issued|raised|submitted|created|authored|written|owned|delivered|"
                           r"provided|reviewed|requested|sent|produced|compiled|managed|led|issue|due|start|end|"
                           r"effective|invoice|review|expiry|target|report)\s*$", re.I)


def split_inline(col_text: str) -> list[str]:
    """'Name: Teo Lupu  Title: CIO  Date: 12 July 2026' -> its three fields."""
    starts = [m.start() for m in _INLINE_LABEL.finditer(col_text)
              if not _NOT_A_SIGNER.search(col_text[:m.start()])]
    if starts and starts[0] > 0:
        starts = [0, *starts]
    if len(starts) <= 1:
        return [col_text]
    return [col_text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(col_text)], strict=True) if col_text[a:b].strip()]


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
    if not is_row and len(seg.text) > 60 and not _MAYBE_FIELD.search(seg.text):
        return []  # prose: a field needs a colon, a tab, a blank line to sign on or '/s/'
    if not is_row and (DOCUSIGNED.search(seg.text) or ESIGN_BY.search(seg.text)) and not (
            ESIGN_BY.search(seg.text) and _LABEL_START.match(seg.text)):
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
            kind, value, role = ("org", text, role_word(text)) if parsed is None or parsed[0] != "org" else (
                "org", parsed[1], parsed[2])
            items.append(FieldItem(seg, c - 1, kind, value, text, role, c))
        return items
    if is_row and len(parts) >= 3 and parts[0]:
        # 'Signature | /s/ Teo Lupu | ______': a label column, then one column per party.
        label = parse_field(parts[0])
        if label is not None and label[3] and not any(
                parse_field(q) for p in parts[1:] if p for q in split_inline(p)):
            kind, _, role, _ = label
            return [FieldItem(seg, c - 1, kind, parts[c], f"{parts[0]} {parts[c]}".strip(), role, c)
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
        if len(fields) == 1 and fields[0][1][3] and nxt is not None and (is_row or nxt) and not any(
                parse_field(q) for q in split_inline(nxt) if nxt) and (is_row or not _CAPTION.match(nxt)):
            # (on a text line a caption is no value: 'Signed for the Client <tab> CONTRACTOR' is two
            # captions side by side)
            kind, _, role, _ = fields[0][1]
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
        for piece, (kind, value, role, _) in fields:
            k = seen.get(kind, 0)
            seen[kind] = k + 1
            width = max(width, k + 1)
            items.append(FieldItem(seg, col + k, kind, value, piece, role, i if is_row else None))
        col += width
        i += 1
    if not is_row and items and _leads_with_caption(parts) and len({it.kind for it in items}) == len(items) \
            and all(it.kind != "org" for it in items):
        # 'Signed for Contoso Ltd <tab> Signature: ____': one party's block begins on this line,
        # its caption first (the inline layout wrapped over several lines).
        for it in items:
            it.col = 0
    if not is_row and len(items) > 1 and len({it.kind for it in items}) == len(items) and \
            len({it.role for it in items if it.role}) <= 1:
        # 'By: /s/ Mia Stewart <tab> Name: Mia Stewart <tab> Title: COO': one party's fields laid
        # out in a row (the inline layout), not side-by-side columns, which repeat their labels.
        for it in items:
            it.col = 0
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
        kinds = [lab[0] if lab and lab[3] else None for lab in labels]
        named = [k for k in kinds if k]
        if len(named) < 2 or len(set(named)) != len(named) or not ({"sig", "date", "name"} & set(named)):
            continue  # a repeated label ('Signature | | Signature | /s/...') is a side-by-side block, not a header
        if any(lab and lab[2] for lab in labels):
            continue  # 'Signed for the Customer | Partner:' names parties: captions over party columns
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if nxt is not None and nxt.kind == "row" and nxt.cells and (first := parse_field(nxt.cells[0].text.strip())) \
                and first[3]:
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
        and len(parts[0].split()) <= 12 and (bool(_CAPTION_OPENER.match(parts[0])) or parts[0].isupper())


def leads_with_caption(seg: Segment) -> bool:
    return len(seg.cells) <= 1 and _leads_with_caption([c.strip() for c in columns(seg.text)])



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
            if b is not None and item.kind == "org" and b.kinds() == {"org"} and n - b.last == 1:
                # A caption wrapped onto the next row ('For and on behalf of Summitcrest GmbH &' / 'Co. KG').
                prev = b.items[-1]
                b.items[-1] = replace(prev, value=f"{prev.value} {item.value}".strip(), text=f"{prev.text} {item.text}")
                b.last = n
                continue
            # 'Partner: Fabrikam' or 'For and on behalf of X' after a filled block opens the next
            # party's block ('Company: X' under the fields may close a block, so only these two).
            opens_next = item.kind == "org" and (item.role is not None or bool(_CAPTION_OPENER.match(item.text))) \
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
