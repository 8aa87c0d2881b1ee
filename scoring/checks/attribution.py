"""Whose signature block is it? (D-11.1: the *customer* must sign or acknowledge.)

A block is attributed by an ordered list of small rules (:data:`RULES`), each
``(scene) -> (party, organisation) | None``: the first rule that answers wins, and a block no
rule explains is ``unknown`` (R-SIG-006). ``party`` is ``customer``, ``partner``, ``other`` (a
third organisation signed, named in ``organisation``: R-SIG-007) or ``unknown``. A
:class:`BlockScene` is the block in its document: its fields, the lines just above it in its
own column (the caption), the lines between and under its fields. The order matters: what the
block's own fields say beats its caption, and a caption beats role words higher up the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from scoring.checks.parties import clean_party, looks_like_org
from scoring.checks.roles import CUSTOMER_RE, PARTNER_RE
from scoring.checks.sigblocks import Block, items_of
from scoring.checks.sigfields import BEHALF_SIG, SIGNED_BY_FOR, FieldItem, parse_field, split_inline
from scoring.checks.sigreader import PERSON_LIKE, PROXY_SIGNER, SigReader, has_legal_form
from scoring.checks.text import Segment, columns

Attribution = tuple[str, str]  # (party, organisation); organisation only when party == 'other'
Rule = Callable[["BlockScene"], Attribution | None]

_PROXY = "a third party signing for the customer"
_TITLE_AT_ORG = re.compile(r"(?:,|\bat|\bof|\(|–|\s-)\s*(?P<org>[A-Z][^,()]{2,70}?)\s*\)?\s*$")
_BLOCK_OPENER = re.compile(r"^\s*(?:for\b|on behalf|signed|accepted|agreed|executed|acknowledged|approved|"
                           rf"in witness|the (?:{CUSTOMER_RE}|{PARTNER_RE})\b)", re.I)
_CUSTOMER_ACK_SECTION = re.compile(r"\b(?:customer|client)(?:'s)?\s+(?:acknowledge?ment|acceptance|sign[- ]?off|approval|"
                                   r"confirmation|declaration|attestation)\b", re.I)


@dataclass
class BlockScene:
    """One block in its document, with the text around it (each part computed on first use)."""

    reader: SigReader
    block: Block

    @property
    def items(self) -> list[FieldItem]:
        return self.block.items

    @cached_property
    def first(self) -> int:
        return min(self.reader.pos[id(i.seg)] for i in self.items)

    @cached_property
    def last(self) -> int:
        return max(self.reader.pos[id(i.seg)] for i in self.items)

    @property
    def col(self) -> int:
        return self.items[0].col

    @property
    def head_seg(self) -> Segment:
        return self.items[0].seg

    @cached_property
    def ncols(self) -> int:
        """Columns of the block's first line (0 for a table row)."""
        return len(columns(self.head_seg.text)) if len(self.head_seg.cells) <= 1 else 0

    @cached_property
    def party_columns(self) -> int:
        """Side-by-side blocks on the block's first line (its fields' columns)."""
        return len({i.col for i in items_of(self.head_seg)})

    @cached_property
    def merged(self) -> bool:
        """'By: Emily Davies By: David Anderson' (OCR keeps no column gap): two columns on one line."""
        return self.ncols == 1 and self.party_columns == 2

    def column_text(self, seg: Segment) -> str:
        """The part of a line that stands in the block's column."""
        parts = columns(seg.text)
        if self.ncols > 1 and len(parts) == self.ncols and self.col < len(parts):
            return parts[self.col]
        if 1 < len(parts) == self.party_columns != self.ncols and self.col < len(parts):
            # 'AIMMUNE INC. <tab> XENCOR INC.' over 'By: <tab> /s/ ... <tab> By: <tab> /s/ ...': one
            # caption per party, over label and value columns
            return parts[self.col]
        box, block_box = seg.location.bbox, self.head_seg.location.bbox
        if 2 in (self.ncols, self.party_columns) and len(parts) == 1 and box is not None and block_box is not None:
            # A lone line over two side-by-side blocks belongs to the column it stands in.
            mid = (block_box[0] + block_box[2]) / 2
            if ((box[0] + box[2]) / 2 >= mid) != (self.col == 1):
                return ""
        return seg.text

    @cached_property
    def before(self) -> list[str]:
        """The lines above the block in its column, nearest first, up to the block above."""
        out: list[str] = []
        first_item = self.items[0]
        seg = self.head_seg
        own_text = (seg.cells[first_item.cell_index].text if first_item.cell_index is not None
                    and first_item.cell_index < len(seg.cells) else seg.text)
        prefix = own_text.split(first_item.text)[0] if first_item.text in own_text else ""
        if prefix.strip() and not any(parse_field(p) for p in split_inline(prefix.strip())):
            # 'CONTOSO LTD FABRIKAM LTD By: ... By: ...' reflowed into one paragraph (not 'By: X By: Y')
            out.append(prefix)
        segments = self.reader.view.segments
        for k in range(self.first - 1, max(-1, self.first - 5), -1):
            above = items_of(segments[k])
            if above and (self.ncols <= 1 or any(i.col == self.col for i in above)):
                break  # the block above: its fields say nothing about this one
            out.append(self.column_text(segments[k]))  # (a caption whose other column holds a field still counts)
        return out

    @cached_property
    def inside(self) -> list[str]:
        """Lines between the block's fields that are no fields ('Email: ...' is read as prose)."""
        return [self.column_text(seg) for seg in self.reader.view.segments[self.first + 1:self.last]
                if not items_of(seg)]


def _cell_text(item: FieldItem) -> str:
    return item.seg.cells[item.cell_index].text if item.cell_index is not None and \
        item.cell_index < len(item.seg.cells) else ""


def _column_below(item: FieldItem, below: Segment) -> str:
    """The text under a caption field in its own column ('Partner: <tab> Customer:' over a line
    that stands under the right one); '' when the line below stands under another column."""
    heads = columns(item.seg.text)
    parts = columns(below.text)
    if len(heads) == 1:
        return below.text.strip()
    if len(parts) == len(heads):
        return parts[item.col].strip() if item.col < len(parts) else ""
    box, head_box = below.location.bbox, item.seg.location.bbox
    if len(parts) == 1 and len(heads) == 2 and box is not None and head_box is not None:
        right = (box[0] + box[2]) / 2 >= (head_box[0] + head_box[2]) / 2
        return below.text.strip() if right == (item.col == 1) else ""
    return ""


# ---------------------------------------------------------------- the rules, in order


def third_company_in_fields(s: BlockScene) -> Attribution | None:
    """A field says somebody else signs (R-SIG-007): a whole block in one table cell naming a
    proxy signer ('MYSORE (signed by its managed service provider) / Silverridge Ltd / By: ...'),
    a caption field naming one ('on behalf of the Customer by its authorised reseller'), or an
    organisation field naming a company with a legal form that is neither party
    ('Organisation: Ravenshaw Business Solutions N.V.' under a customer label). D-11.1 asks for
    the customer's own signature, so these outrank the label's role word."""
    r = s.reader
    for item in s.items:
        cell_text = _cell_text(item)
        if len(cell_text.splitlines()) > 2 and PROXY_SIGNER.search(cell_text):
            return "other", r.third_party(cell_text.splitlines()[1:3]) or _PROXY
        if item.kind == "org" and item.value and PROXY_SIGNER.search(item.text):
            return "other", r.third_party([item.value]) or _PROXY
        named = clean_party(item.value)
        if item.kind == "org" and has_legal_form(named) and r.party_of_text(item.value, roles=False) is None \
                and looks_like_org(named) and (org := r.third_party([named])):
            return "other", org
    return None


def signer_company_in_title(s: BlockScene) -> Attribution | None:
    """The signer's own company after the title or name ('Title: Channel Manager, Contoso
    Distribution Ltd'): a reseller or distributor signing in the customer's place (R-SIG-007)."""
    for item in s.items:
        if item.kind in ("title", "name") and (m := _TITLE_AT_ORG.search(item.value)):
            named = m.group("org").strip()
            if has_legal_form(named) and s.reader.party_of_text(named, roles=False) is None \
                    and (org := s.reader.third_party([named])):
                return "other", org
    return None


def company_under_role_caption(s: BlockScene) -> Attribution | None:
    """'Client:' with the company on the line below, in the same column: when that company is
    neither party, a third company signs in the client's place (R-SIG-007)."""
    r = s.reader
    segments = r.view.segments
    for item in s.items:
        if item.kind == "org" and item.role and not item.value.strip():
            n = r.pos[id(item.seg)] + 1
            if len(item.seg.cells) <= 1 and n < len(segments) and not items_of(segments[n]):
                below = _column_below(item, segments[n])
                named = clean_party(below)
                if r.party_of_text(below, roles=False) is None and looks_like_org(named) \
                        and has_legal_form(named) and (org := r.third_party([named])):
                    return "other", org
    return None


def role_in_label(s: BlockScene) -> Attribution | None:
    """A label that names the party ('Customer Signature:', 'Signed for the Client', a
    'CUSTOMER' caption cell over a label-column table): D-11.1's customer block. A role word
    the contract defines for one party is that party's, whatever side the word usually means
    ('MediaCo Holding Inc. (the "Licensee")' over 'LICENSEE: MEDIACO HOLDING INC.'), and so
    is the company the label names ('Licensee: <the partner's name>')."""
    for item in s.items:
        if item.role:
            named = s.reader.named_party(item.value) if item.kind == "org" and item.value else None
            # (the contract's own definition first: a value that names the other party is the
            # caption of the column beside, 'Channel Partner: <tab> iPass Inc.:')
            return s.reader.defined_party(_label_as_written(item)) or named or item.role, ""
    return None


def _label_as_written(item: FieldItem) -> str:
    """The label of a field with the words before it in its column ('Channel Partner:' of which
    the field parser kept 'Partner:')."""
    label = item.text[: len(item.text) - len(item.value)] if item.value and item.text.endswith(item.value) else item.text
    own = _cell_text(item) or item.seg.text
    at = own.find(label)
    if at < 0:
        return label
    return re.split(r"\t|\s{3,}|\s\|\s", own[:at])[-1] + label


def named_in_fields(s: BlockScene) -> Attribution | None:
    """The signer, the company field or a 'Role: Customer' cell names a party (claim contact,
    e-mail domain, the customer's or partner's name); 'Signed on behalf of X:' names X. A role
    word in a person's title ('Client Director') says nothing of their side."""
    r = s.reader
    for item in s.items:
        if item.kind in ("name", "sig", "org", "title") and item.value:
            p = r.party_of_text(item.value, roles=item.kind == "org")
            if p:
                return p, ""
        behalf = (BEHALF_SIG.match(item.text) or SIGNED_BY_FOR.match(item.text)) if item.kind == "sig" else None
        if behalf and (p := r.party_of_text(behalf.group("org"))):
            return p, ""
    return None


def contact_between_fields(s: BlockScene) -> Attribution | None:
    """A line between the fields names a party by contact or domain ('Email:
    teo.lupu@contoso.example' under the name)."""
    for t in s.inside:
        p = s.reader.party_of_text(t, roles=False)
        if p:
            return p, ""
    return None


def signer_known_elsewhere(s: BlockScene) -> Attribution | None:
    """The signer is named elsewhere in the claim as one party's person ('Customer contact:
    Jo Brown'), when every such line agrees."""
    own_lines = {i.seg.text.strip() for i in s.items}
    for item in s.items:
        person = re.sub(r"^/s/\s*", "", item.value) if item.kind in ("name", "sig") else ""
        if PERSON_LIKE.match(person) and (known := s.reader.party_of_person(person.strip(), own_lines)):
            return known, ""
    return None


def wrapped_caption(s: BlockScene) -> Attribution | None:
    """A caption wrapped in its column ('For and on behalf of TORARITEK' over 'CERAMICS PTY
    LTD'): the lower line alone is no company the claim knows, the two together are."""
    if len(s.before) < 2:
        return None
    lower, upper = s.before[0], s.before[1]
    if lower.strip() and upper.strip() and len(lower.split()) <= 6 and len(upper.split()) <= 12 \
            and has_legal_form(clean_party(lower)) and not re.search(r"[.:;!?]\s*$", upper) \
            and s.reader.party_of_text(lower, roles=False) is None:
        joined = s.reader.line_party(f"{upper.strip()} {lower.strip()}")
        if joined and joined[0] in ("customer", "partner"):
            return joined
    return None


def customer_ack_section(s: BlockScene) -> Attribution | None:
    """'6. Customer acknowledgement' over 'I confirm ... the partner named above is working
    with us' and the fields: the customer's section of a POE template (D-11.1 acknowledgment),
    whatever role words its text holds, unless a line above names a party."""
    if _CUSTOMER_ACK_SECTION.search(s.head_seg.section or "") and not any(
            s.reader.party_of_text(t, roles=False) for t in s.before):
        return "customer", ""
    return None


def caption_above(s: BlockScene) -> Attribution | None:
    """The caption over the block, nearest line first, then its section heading: a party's
    name, 'For and on behalf of X', a third company on a line of its own (R-SIG-007), or a role
    word ('CUSTOMER'). A line naming both parties left to right ('CONTOSO LTD  FABRIKAM LTD')
    gives the block in column 0 the first and in column 1 the second."""
    r = s.reader
    for t in [*s.before, s.head_seg.section]:
        order = r.ordered_parties(t)
        if len(order) >= 2 and len(set(order)) == 2:
            if len(order) == 2 and s.col < 2:
                return order[s.col], ""
            continue
        if s.merged and s.col == 1 and len(order) == 1 and r.party_of_text(t[: max(8, len(t) // 2)], roles=False):
            continue  # 'HERONMOOR DATA LLP Incorporated': the left column's company (and a tail of the right's)
        found = r.line_party(t)
        if found:
            return found
    return None


def third_company_above(s: BlockScene) -> Attribution | None:
    """A company that is neither party named just above the block or in its company field
    (R-SIG-007)."""
    org = s.reader.third_party(s.before[:3] + [i.value for i in s.items if i.kind == "org"])
    return ("other", org) if org else None


def names_below(s: BlockScene) -> Attribution | None:
    """Lines under the block ('Teo Lupu, CIO, Contoso Ltd') count by names only, and never a
    line that opens the next block ('For and on behalf of ...')."""
    segments = s.reader.view.segments
    for k in range(s.last + 1, min(len(segments), s.last + 3)):
        seg = segments[k]
        if items_of(seg) or seg.is_heading or _BLOCK_OPENER.match(seg.text):
            break
        p = s.reader.party_of_text(s.column_text(seg), roles=False)
        if p:
            return p, ""
    return None


def purchase_order(s: BlockScene) -> Attribution | None:
    """A purchase order is the customer's own document (D-10): its unnamed block is the customer's."""
    return ("customer", "") if s.reader.is_po else None


RULES: tuple[Rule, ...] = (
    third_company_in_fields,
    signer_company_in_title,
    company_under_role_caption,
    role_in_label,
    named_in_fields,
    contact_between_fields,
    signer_known_elsewhere,
    wrapped_caption,
    customer_ack_section,
    caption_above,
    third_company_above,
    names_below,
    purchase_order,
)


def attribute(reader: SigReader, block: Block) -> Attribution:
    """(party, organisation) of a block: the answer of the first rule that has one, else unknown."""
    scene = BlockScene(reader, block)
    for rule in RULES:
        found = rule(scene)
        if found is not None:
            return found
    return "unknown", ""
