"""D-11.1: a customer signature, or proof of customer acknowledgment of the partner's work.

Signature blocks are read as *fields* (By / Signature / Name / Title / Date / Company, with an
optional party prefix such as 'Customer Signature:'), found in text lines, in columns laid out
side by side, in label/value table cells and in tables whose header row names the fields.
Fields close together in the same column form one block; the block's party comes from its own
labels, the signer's name (claim contacts), the company named in or just above it, and role
words ('Customer', 'Client' vs 'Partner', 'Supplier'...). Other evidence: e-signature stamps
(/s/, 'signed electronically by', DocuSign envelope IDs and certificates, Adobe Sign), signed PDF
signature fields, signature images next to a customer label, a customer acknowledgment field of
the POE template, a purchase order issued by the customer, an email from the customer's
domain. D-22: a customer acknowledgment dated more than 12 months before submission does not
count; one dated after submission is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from extractors.document import ImageInfo, Location
from scoring.checks.context import CheckContext
from scoring.checks.datefind import NOT_A_DATE, excel_serial, find_dates
from scoring.checks.parties import FULL, clean_party, looks_like_org, party_mentions
from scoring.checks.sig_integrity import added_after_signing, changed_after_signing
from scoring.checks.sigblocks import (
    BEHALF_SIG,
    CUSTOMER_WORDS,
    DOCUSIGNED,
    ESIGN_BY,
    PARTNER_WORDS,
    SIGNED_BY_FOR,
    SLASH_S,
    Block,
    FieldItem,
    clear_cache,
    find_blocks,
    items_of,
    parse_field,
    role_word,
    split_inline,
)
from scoring.checks.text import DocView, Segment, columns, is_blank_value
from scoring.nlp import organisations
from scoring.reasons import reason
from scoring.types import CriterionResult, Evidence, Reason

_BLOCK_OPENER = re.compile(r"^\s*(?:for\b|on behalf|signed|accepted|agreed|executed|acknowledged|approved|"
                           r"in witness|the (?:customer|client|partner|supplier)\b)", re.I)
_CLOSING = re.compile(r"^\s*(?:(?:yours )?sincerely|yours (?:faithfully|truly)|(?:kind|best|warm) regards|regards|"
                      r"respectfully|with thanks)\b", re.I)
_STAMP = re.compile(
    r"docusign envelope id|envelope id\s*:|certificate of completion|docusigned by|adobe (?:acrobat )?sign|"
    r"echosign|signed with adobe|e-?signature (?:audit|record)|dropbox sign|hellosign|pandadoc|signnow|"
    r"signature certificate|audit trail", re.I)
_ACK_FIELD_LABEL = re.compile(
    r"^\s*(?:the\s+)?(?:customer|client)(?:'s)?\s+(?:acknowledge?ment|acknowledged|approval|approved|sign[- ]?off|"
    r"signed[- ]?off|confirmation|confirmed|acceptance of (?:the )?(?:sow|poe|statement of work|engagement)|"
    r"accepted|agreement|agreed|attestation)(?:\s+(?:by|date|status|received|given|obtained|\(y/n\)|y/n))?\s*[:?]?\s*$",
    re.I)
# 'Customer acknowledges partner involvement (Yes/No)', 'Acknowledged by the customer (Y/N)'
_ACK_FIELD_LOOSE = re.compile(
    r"^\s*(?:the\s+)?(?:customer|client)\b[^:]{0,40}?\b(?:acknowledg\w*|confirm\w*|attest\w*|approv\w*|sign(?:s|ed)?[- ]?off)"
    r"|^\s*(?:acknowledg\w*|confirm\w*|approv\w*|signed[- ]off)\s+by\s+(?:the\s+)?(?:customer|client)\b", re.I)
# Labels that ask about an approval rather than record one ('Customer approval required').
_ACK_NOT_AN_ACT = re.compile(r"\b(?:required|requirements?|needed|criteria|process|policy|procedure|to be|will|shall|"
                             r"must|expected|pending)\b", re.I)
# A POE template's 'Customer acknowledgment' section: the customer's person, a date, a Yes.
_ACK_SECTION = re.compile(
    r"\b(?:customer|client)(?:'s)?\s+(?:acknowledge?ment|sign[- ]?off|approval|confirmation|attestation|acceptance)"
    r"|^\s*(?:(?:section|part)\s+\w+\s*[:.\-–]?\s*|\d+(?:\.\d+)*\.?\s*)?acknowledge?ments?\s*:?\s*$", re.I)
_ACK_NAME_LABEL = re.compile(r"\bname\b|acknowledged by|signed by|approved by|confirmed by|signatory|authori[sz]ed by", re.I)
_ACK_DATE_LABEL = re.compile(r"\bdate\b|\bdated\b|\bon\b\s*$", re.I)
_YES_VALUE = re.compile(r"^\s*(?:yes|y|true|x|✓|✔|☑|☒|confirmed|acknowledged|approved|accepted|signed|agreed|"
                        r"received|obtained)\b", re.I)
_LEGAL_SUFFIX = re.compile(r"\b(?:ltd|limited|inc|incorporated|llc|gmbh|ag|plc|pty|llp|corp|corporation|sa|bv|nv|dac|sarl|srl|pvt|"
                           r"kg|ab|oy|as|spa|sas|se|lp|co)$", re.I)


def _has_legal_form(name: str) -> bool:
    """A company name ending in a legal form, dots ignored ('N.V.', 'S.A.', 'Pty. Ltd.')."""
    return bool(_LEGAL_SUFFIX.search(name.replace(".", "").strip().rstrip(",;:)")))


# 'CLIENT (signed by its managed service provider)', 'on behalf of the Customer by its authorised reseller'
_PROXY_SIGNER = re.compile(
    r"\b(?:signed|executed|accepted)\b[^.]{0,40}?\bby\s+(?:its|their|the)\s+(?:authori[sz]ed\s+)?(?:managed service provider|"
    r"msp|reseller|distributor|agent|representative|outsourc\w*(?: partner| provider)?|(?:it )?service provider|"
    r"licensing partner|solution provider|csp)\b", re.I)
_CONFORMED = re.compile(r"^\s*\(?\s*sd\s*[/.\-]+\s*\)?\s*$", re.I)
_TITLE_AT_ORG = re.compile(r"(?:,|\bat|\bof|\(|–|\s-)\s*(?P<org>[A-Z][^,()]{2,70}?)\s*\)?\s*$")
_PERSON_LIKE = re.compile(r"^\s*(?:(?:dr|mr|mrs|ms)\.?\s+)?[A-Z][a-z'\-]+(?:\s+[A-Z][a-zA-Z'\-.]*){1,3}\s*(?:[,(].*)?$")
_SIGN_OFF_CONTEXT = re.compile(r"sign|accept|acknowledg|approv|agree|witness|authori[sz]|execut|confirm", re.I)
_ACK_LABEL = re.compile(r"acknowledg|confirm|approv|accept|agree|sign[- ]?off|attest", re.I)
_NEGATIVE_VALUE = re.compile(r"^\s*(?:no|n|false|not (?:yet )?(?:signed|acknowledged|approved)|pending|declined|rejected)\s*$", re.I)
_PO = re.compile(r"\bpurchase\s+order\b|\bP\.?O\.?\s*(?:number|no\.?|#)\s*[:#]?\s*\w", re.I)
_NOT_PO = re.compile(r"\b(?:invoice|quotation|quote|proposal|estimate|statement of work|sow|credit note)\b", re.I)
_EMAIL_ACK = re.compile(r"acknowledg|confirm|approv|agree|accept|happy to|pleased|proceed|go ahead|engag|"
                        r"thank|appoint|select|chosen|sign", re.I)
_EMAIL_REFUSAL = re.compile(
    r"\b(?:not|no longer|declin\w*|reject\w*|cancel\w*|terminat\w*|don't|won't|unable)\b.{0,40}"
    r"\b(?:agree|approv\w*|proceed|engag\w*|select\w*|partner|confirm\w*|sign\w*)", re.I)
_QUOTED_FROM = re.compile(r"^\s*(?:>\s*)*from\s*:", re.I)
_EMAIL_ADDR = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


@dataclass
class SigFinding:
    """One piece of signature / acknowledgment evidence (or a blank customer block)."""

    party: str  # customer | partner | unknown
    kind: str  # block, esign, field, image, ack, po, email
    signed: bool
    evidence: list[Evidence]
    confidence: float
    date: date | None = None
    date_text: str = ""
    date_blank: bool = False
    org: str = ""  # the third organisation that signed, when party == 'other'
    signer: str = ""  # the person who signed (or was to sign), as written
    problem: Reason | None = None  # a signed PDF field changed after signing (R-SIG-008)
    note: Reason | None = None  # what the file gained after signing, when that is allowed (R-SIG-009)


_CUSTOMER_ACK_SECTION = re.compile(r"\b(?:customer|client)(?:'s)?\s+(?:acknowledge?ment|acceptance|sign[- ]?off|approval|"
                                   r"confirmation|declaration|attestation)\b", re.I)


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


class _Analyzer:
    def __init__(self, ctx: CheckContext, view: DocView) -> None:
        self.ctx = ctx
        self.view = view
        self.dayfirst = view.dayfirst
        self.claimed_images: set[int] = set()  # pictures a signature block already counted
        self.ocr = "ocr_pages" in view.doc.metadata  # text read from a scan: names may be misread
        self.pos = {id(s): n for n, s in enumerate(view.segments)}
        self.stamped = any(_STAMP.search(s.text) for s in view.segments) or any(
            f.source in ("docusign", "adobe_sign") for f in view.doc.signature_fields)
        head = " ".join(s.text for s in view.segments[:15])
        title = " ".join(s.text for s in view.segments[:3]) + " " + view.doc.metadata.get("title", "")
        # A purchase order is the customer's document; an invoice or quote citing a PO number is not.
        self.is_po = bool(_PO.search(head) or _PO.search(view.doc.metadata.get("title", ""))) and not (
            _NOT_PO.search(title) and not re.search(r"purchase\s+order", title, re.I))
        if self.is_po and self.partner_letterhead():
            self.is_po = False  # the partner's own PO (to a subcontractor) is no customer acknowledgment

    def partner_letterhead(self) -> bool:
        """The document opens with the partner's name or address (its letterhead), not the customer's."""
        top = " ".join(seg.text for seg in self.view.segments[:3])
        low = top.lower()
        partner = (h := self.ctx.partner.match(top)) is not None and h.score >= FULL or bool(
            self.ctx.partner_domain and "@" + self.ctx.partner_domain in low)
        customer = (h := self.ctx.customer.match(top)) is not None and h.score >= FULL or any(
            d and "@" + d in low for d in self.ctx.customer_domains)
        return partner and not customer

    # -- who is this?
    def party_of_text(self, text: str, roles: bool = True) -> str | None:
        ctx = self.ctx
        low = text.lower()
        cust = any(c and c.lower() in low for c in (ctx.claim.customer_contact_name,)) or any(
            d and ("@" + d in low) for d in ctx.customer_domains)
        part = any(c and c.lower() in low for c in (ctx.claim.partner_contact_name,)) or bool(
            ctx.partner_domain and "@" + ctx.partner_domain in low)
        if cust != part:
            return "customer" if cust else "partner"
        ch, ph = ctx.customer.match(text), ctx.partner.match(text)
        cs = ch.score if ch else 0.0
        ps = ph.score if ph else 0.0
        if cs != ps:
            return "customer" if cs > ps else "partner"
        return role_word(text) if roles else None

    def ordered_parties(self, text: str) -> list[str]:
        """Parties named on a line, left to right ('CONTOSO LTD  FABRIKAM LTD' -> customer, partner)."""
        low = text.lower()
        marks: list[tuple[int, str]] = []
        for party, matcher in (("customer", self.ctx.customer), ("partner", self.ctx.partner)):
            for form in matcher.forms:
                m = re.search(rf"\b{re.escape(form.split()[0])}", low)
                if m:
                    marks.append((m.start(), party))
        marks += [(m.start(), "customer") for m in CUSTOMER_WORDS.finditer(text)]
        marks += [(m.start(), "partner") for m in PARTNER_WORDS.finditer(text)]
        order: list[str] = []
        for _, party in sorted(marks):
            if not order or order[-1] != party:
                order.append(party)
        return order

    def block_party(self, b: Block) -> tuple[str, str]:
        """(party, organisation) of a block: customer / partner / other (a third organisation,
        named in ``organisation``) / unknown."""
        for item in b.items:
            cell_text = item.seg.cells[item.cell_index].text if item.cell_index is not None and \
                item.cell_index < len(item.seg.cells) else ""
            if len(cell_text.splitlines()) > 2 and _PROXY_SIGNER.search(cell_text):
                # a whole block in one cell: 'MYSORE (signed by its managed service provider) / Silverridge Ltd / By: ...'
                return "other", self.third_party(cell_text.splitlines()[1:3]) or "a third party signing for the customer"
            if item.kind == "org" and item.value and _PROXY_SIGNER.search(item.text):
                return "other", self.third_party([item.value]) or "a third party signing for the customer"
            if item.kind == "org" and _has_legal_form(clean_party(item.value)) and \
                    self.party_of_text(item.value, roles=False) is None and looks_like_org(clean_party(item.value)):
                org = self.third_party([clean_party(item.value)])
                if org:  # 'Organisation: Ravenshaw Business Solutions N.V.' under a customer label
                    return "other", org
        for item in b.items:  # 'Title: Channel Manager, Contoso Distribution Ltd': the signer's own company
            if item.kind in ("title", "name") and (m := _TITLE_AT_ORG.search(item.value)):
                named = m.group("org").strip()
                if _has_legal_form(named) and self.party_of_text(named, roles=False) is None:
                    org = self.third_party([named])
                    if org:
                        return "other", org
        for item in b.items:
            if item.kind == "org" and item.role and not item.value.strip():
                # 'Client:' with the company on the line below: that line says who signs here
                n = self.pos[id(item.seg)] + 1
                if len(item.seg.cells) <= 1 and n < len(self.view.segments) and not items_of(self.view.segments[n]):
                    below = _column_below(item, self.view.segments[n])
                    named = clean_party(below)
                    if self.party_of_text(below, roles=False) is None and looks_like_org(named) \
                            and _has_legal_form(named) and (org := self.third_party([named])):
                        return "other", org
        for item in b.items:
            if item.role:
                return item.role, ""
        for item in b.items:  # the signer, the company field, a 'Role: Customer' cell
            if item.kind in ("name", "sig", "org", "title") and item.value:
                # A role word in a person's title ('Client Director') says nothing of their side.
                p = self.party_of_text(item.value, roles=item.kind == "org")
                if p:
                    return p, ""
            behalf = (BEHALF_SIG.match(item.text) or SIGNED_BY_FOR.match(item.text)) if item.kind == "sig" else None
            if behalf:
                p = self.party_of_text(behalf.group("org"))
                if p:
                    return p, ""
        first = min(self.pos[id(i.seg)] for i in b.items)
        last = max(self.pos[id(i.seg)] for i in b.items)
        col = b.items[0].col
        ncols = len(columns(b.items[0].seg.text)) if len(b.items[0].seg.cells) <= 1 else 0
        # 'By: Emily Davies By: David Anderson' (OCR keeps no column gap): two columns all the same
        merged = ncols == 1 and len({i.col for i in items_of(b.items[0].seg)}) == 2

        block_box = b.items[0].seg.location.bbox

        def column_text(seg: Segment) -> str:
            parts = columns(seg.text)
            if ncols > 1 and len(parts) == ncols and col < len(parts):
                return parts[col]
            box = seg.location.bbox
            if ncols == 2 and len(parts) == 1 and box is not None and block_box is not None:
                # A lone line over two side-by-side blocks belongs to the column it stands in.
                mid = (block_box[0] + block_box[2]) / 2
                if ((box[0] + box[2]) / 2 >= mid) != (col == 1):
                    return ""
            return seg.text

        before: list[str] = []
        head_seg = b.items[0].seg
        first_item = b.items[0]
        own_text = (head_seg.cells[first_item.cell_index].text if first_item.cell_index is not None
                    and first_item.cell_index < len(head_seg.cells) else head_seg.text)
        prefix = own_text.split(first_item.text)[0] if first_item.text in own_text else ""
        if prefix.strip() and not any(parse_field(p) for p in split_inline(prefix.strip())):
            # 'CONTOSO LTD FABRIKAM LTD By: ... By: ...' reflowed into one paragraph (not 'By: X By: Y')
            before.append(prefix)
        for k in range(first - 1, max(-1, first - 5), -1):
            seg = self.view.segments[k]
            above = items_of(seg)
            if above and (ncols <= 1 or any(i.col == col for i in above)):
                break  # the block above: its fields say nothing about this one
            before.append(column_text(seg))  # (a caption line whose other column holds a field still counts)
        inside = [column_text(seg) for seg in self.view.segments[first + 1:last] if not items_of(seg)]
        for t in inside:  # 'Email: teo.lupu@contoso.example' between the fields
            p = self.party_of_text(t, roles=False)
            if p:
                return p, ""
        own_lines = {i.seg.text.strip() for i in b.items}
        for item in b.items:  # the signer, named elsewhere as the customer's or partner's person
            person = re.sub(r"^/s/\s*", "", item.value) if item.kind in ("name", "sig") else ""
            if _PERSON_LIKE.match(person):
                known = _party_of_person(self.ctx, self, person.strip(), own_lines)
                if known:
                    return known, ""
        if len(before) >= 2:
            # A caption wrapped in its column ('For and on behalf of TORARITEK' over 'CERAMICS
            # PTY LTD'): the lower line alone is no company the claim knows, the two together are.
            lower, upper = before[0], before[1]
            if lower.strip() and upper.strip() and len(lower.split()) <= 6 and len(upper.split()) <= 12 \
                    and _has_legal_form(clean_party(lower)) and not re.search(r"[.:;!?]\s*$", upper) \
                    and self.party_of_text(lower, roles=False) is None:
                joined = self.line_party(f"{upper.strip()} {lower.strip()}")
                if joined and joined[0] in ("customer", "partner"):
                    return joined
        if _CUSTOMER_ACK_SECTION.search(head_seg.section or "") and not any(
                self.party_of_text(t, roles=False) for t in before):
            # '6. Customer acknowledgement' over 'I confirm ... the partner named above is working
            # with us' and the fields: the customer's section, whatever role words its text holds
            return "customer", ""
        for t in [*before, head_seg.section]:
            order = self.ordered_parties(t)
            if len(order) >= 2 and len(set(order)) == 2:
                if len(order) == 2 and col < 2:
                    return order[col], ""
                continue
            if merged and col == 1 and len(order) == 1 and self.party_of_text(t[: max(8, len(t) // 2)], roles=False):
                continue  # 'HERONMOOR DATA LLP Incorporated': the left column's company (and a tail of the right's)
            found = self.line_party(t)
            if found:
                return found
        org = self.third_party(before[:3] + [i.value for i in b.items if i.kind == "org"])
        if org:
            return "other", org
        # Lines under the block ('Teo Lupu, CIO, Contoso Ltd') count by names only, and never a
        # line that opens the next block ('For and on behalf of ...').
        for k in range(last + 1, min(len(self.view.segments), last + 3)):
            seg = self.view.segments[k]
            if items_of(seg) or seg.is_heading or _BLOCK_OPENER.match(seg.text):
                break
            p = self.party_of_text(column_text(seg), roles=False)
            if p:
                return p, ""
        if self.is_po:
            return "customer", ""  # a purchase order is the customer's own document
        return "unknown", ""

    def line_party(self, text: str) -> tuple[str, str] | None:
        """(party, organisation) a line above a signature names: the customer or partner by
        name, a third company on a line of its own (it signed, whatever role word stands
        higher up), else a role word ('CUSTOMER')."""
        if _PROXY_SIGNER.search(text):
            return "other", self.third_party([text]) or "a third party signing for the customer"
        behalf = re.search(r"\bon behalf of[: ]+(?P<org>.{2,90})$", text.strip(), re.I)
        if behalf:  # 'For and on behalf of Indigowave Managed Services Pty Ltd'
            org = clean_party(behalf.group("org"))
            p = self.party_of_text(org)
            if p:
                return p, ""
            if looks_like_org(org) and (third := self.third_party([org])):
                return "other", third
        p = self.party_of_text(text, roles=False)
        if p:
            return p, ""
        named = text.strip().rstrip(":")
        if looks_like_org(named) and _has_legal_form(named):
            org = self.third_party([named])
            if org:
                return "other", org
        p = role_word(text)
        return (p, "") if p else None

    def third_party(self, texts: list[str]) -> str:
        """An organisation named in these texts that is neither the customer nor the partner."""
        for t in texts:
            if not t.strip() or len(t.split()) > 14:
                continue
            candidates = [m.name for m in party_mentions(t)] + list(organisations([t])[0])
            if looks_like_org(t.strip()) and _has_legal_form(t.strip()):
                candidates.append(t.strip())
            for c in candidates:
                c = clean_party(c)
                if looks_like_org(c) and not re.search(r"microsoft", c, re.I) and not self.ctx.is_contact(c) \
                        and self.ctx.customer.match(c) is None and self.ctx.partner.match(c) is None \
                        and not (self.ocr and (self.ctx.customer.near(c) or self.ctx.partner.near(c))):
                    return c
        return ""

    def parse_date(self, text: str) -> tuple[date | None, bool]:
        """(date, blank) of a date field value."""
        if not text.strip() or NOT_A_DATE.search(text) or is_blank_value(text):
            return None, True
        found = self.view.find_dates(text)
        if found:
            return found[0].value, False
        serial = excel_serial(text)
        return serial, serial is None

    def typed_date_near(self, item: FieldItem) -> date | None:
        """A typed date (XLSX date cell) in the same row as the field."""
        loc = item.seg.location
        for td in self.view.doc.dates:
            tl = td.location
            if tl.sheet is not None and tl.sheet == loc.sheet and tl.cell and loc.cell and \
                    re.sub(r"[A-Z]+", "", tl.cell) == re.sub(r"[A-Z]+", "", loc.cell):
                return td.value
        return None

    # -- findings
    def block_finding(self, b: Block) -> SigFinding:
        party, org = self.block_party(b)
        sig = b.first("sig")
        name = b.first("name")
        dt = b.first("date")
        value = sig.value if sig else ""
        value_line: Segment | None = None
        if sig and is_blank_value(value):  # 'Signature:' with '/s/ Teo Lupu' on the line below
            nxt = self.pos[id(sig.seg)] + 1
            if nxt < len(self.view.segments) and not items_of(self.view.segments[nxt]) and \
                    len(columns(self.view.segments[nxt].text)) == 1 and SLASH_S.search(self.view.segments[nxt].text):
                value_line = self.view.segments[nxt]
                value = value_line.text.strip()
        d_value, d_blank, d_text = None, True, ""
        if dt:
            d_value, d_blank = self.parse_date(dt.value)
            if d_value is None and dt.value == "":
                d_value = self.typed_date_near(dt)
                d_blank = d_value is None
            d_text = dt.text
        if sig and d_value is None:  # '/s/ Teo Lupu 12 March 2026'
            found = self.view.find_dates(value)
            if found:
                d_value, d_blank, d_text = found[0].value, False, sig.text
        evidence_items = [i for i in (sig, name, dt) if i is not None]
        signer = name.value if name is not None and not is_blank_value(name.value) else re.sub(r"^/s/\s*", "", value)
        signer = signer if _PERSON_LIKE.match(signer or "") else ""
        if re.fullmatch(r"\s*x[\s_.]*", value, re.I):
            value = ""  # 'Signature: X________' marks where to sign
        if value and "/s/" not in value and (self.ctx.customer.match(value) or self.ctx.partner.match(value)
                                             or _has_legal_form(value.strip())):
            value = ""  # 'By: Contoso Ltd' names the party that is to sign, it is no signature
        if sig is not None and not is_blank_value(value) and not _NEGATIVE_VALUE.match(value):
            note = "e-signature /s/" if "/s/" in value else "signed block"
            conf = 0.93 if party != "unknown" else 0.5
            shown = [i.evidence(f"{party} {note}") for i in evidence_items]
            if value_line is not None:
                shown.insert(0, value_line.evidence(f"{party} {note}"))
            return SigFinding(party, "block", True, shown, conf, d_value, d_text, d_blank, org, signer)
        name_filled = name is not None and not is_blank_value(name.value)
        if sig is None and name_filled and d_value is not None and self.signed_off(b):
            return SigFinding(party, "block", True, [i.evidence(f"{party} block, name and date filled")
                                                     for i in evidence_items], 0.7, d_value, d_text, d_blank, org, signer)
        if sig is not None and (self.image_near(b) or name_filled and self.stamped or self.conformed_above(b)):
            return SigFinding(party, "block", True, [i.evidence(f"{party} block, signed by e-signature/image")
                                                     for i in evidence_items], 0.8, d_value, d_text, d_blank, org, signer)
        return SigFinding(party, "block", False, [i.evidence(f"{party} signature block left blank")
                                                  for i in evidence_items], 0.9, d_value, d_text, d_blank, org)

    def conformed_above(self, b: Block) -> bool:
        """'Sd/-' (Indian and older English usage for a signed original) standing in the block's
        column just above its fields."""
        first = min(self.pos[id(i.seg)] for i in b.items)
        col = b.items[0].col
        for k in range(first - 1, max(-1, first - 7), -1):
            parts = columns(self.view.segments[k].text)  # (the name and title lines stand between)
            part = parts[col] if col < len(parts) else (parts[0] if len(parts) == 1 else "")
            if _CONFORMED.match(part):
                return True
        return False

    def signed_off(self, b: Block) -> bool:
        """A block without a signature line counts only as a sign-off: a person's name (not a
        company: 'Customer Name: Contoso Ltd / Date: ...' is a cover page) with a title, or under
        sign-off wording ('Accepted by', 'Acknowledgement', 'Signatures')."""
        name = b.first("name")
        if name is None or self.ctx.customer.match(name.value) or self.ctx.partner.match(name.value) \
                or looks_like_org(name.value) and re.search(r"\b(?:ltd|inc|llc|gmbh|plc|corp|limited)\b", name.value, re.I):
            return False
        if b.first("title") is not None:
            return True
        first = min(self.pos[id(i.seg)] for i in b.items)
        context = [s.text for s in self.view.segments[max(0, first - 3):first]] + [b.items[0].seg.section]
        return any(_SIGN_OFF_CONTEXT.search(t) for t in context)

    def image_near(self, b: Block) -> bool:
        """A picture (a pasted or scanned wet signature) on the block's signature line; it is
        then the block's, and not read again as a signature of its own."""
        found = self.images_near(b)
        self.claimed_images.update(id(img) for img in found)
        return bool(found)

    def images_near(self, b: Block) -> list[ImageInfo]:
        sig = b.first("sig")
        if sig is None:
            return []
        near: list[ImageInfo] = []
        loc = sig.seg.location
        cell_loc = sig.seg.cells[sig.cell_index].location if (
            sig.cell_index is not None and sig.cell_index < len(sig.seg.cells)) else loc
        ncols = max(1, len(columns(sig.seg.text))) if len(sig.seg.cells) <= 1 else 1
        for img in self.view.doc.images:
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
                span = self.column_span(sig.seg, sig.cell_index) if len(sig.seg.cells) > 1 else None
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

    def column_span(self, seg: Segment, index: int | None) -> tuple[float, float] | None:
        """(x0, x1) of a table cell; for a row whose cells are empty (no boxes of their own), the
        same column's cell in another row of the table ('By | | ' under 'Name | Jack Shaw | ')."""
        span = _cell_span(seg, index)
        loc = seg.cells[0].location if seg.cells else None
        if span is not None or index is None or loc is None or loc.table is None:
            return span
        for other in self.view.segments:
            if other is seg or len(other.cells) <= index:
                continue
            o = other.cells[index].location
            if (o.page, o.part, o.table) == (loc.page, loc.part, loc.table) and o.col == seg.cells[index].location.col \
                    and o.bbox is not None:
                return o.bbox[0], o.bbox[2]
        return None

    def party_near_location(self, loc: Location) -> str | None:
        """The party of the text just above a PDF field or image (same page, nearest above); on a
        line of two columns, the column the picture stands under ('Pour Nuage Conseil SARL <tab>
        Pour Boulangeries Dupré SAS')."""
        if loc.page is None or loc.bbox is None:
            return None
        above = [s for s in self.view.segments if s.location.page == loc.page and s.location.bbox is not None
                 and s.location.bbox[3] <= loc.bbox[1] + 2]
        above.sort(key=lambda s: -(s.location.bbox[3] if s.location.bbox else 0))
        centre = (loc.bbox[0] + loc.bbox[2]) / 2
        for seg in above[:4]:
            text = seg.text
            parts = columns(text)
            box = seg.location.bbox
            if len(parts) == 2 and box is not None:
                text = parts[1] if centre >= (box[0] + box[2]) / 2 else parts[0]
            found = self.line_party(text) if len(parts) == 2 else None
            p = found[0] if found and found[0] != "other" else self.party_of_text(text)
            if p:
                return p
        return None

    def party_near(self, n: int) -> tuple[str, str]:
        """(party, organisation) named closest to segment n (a few lines up, then down, then its
        section); organisation only for a third company ('other')."""
        segs = self.view.segments
        if any(_CLOSING.match(segs[k].text) for k in range(max(0, n - 3), n)):
            author = self.letter_author()  # 'Sincerely, /s/ Jo Brown': the letter's author signed
            if author:
                return author, ""
        order = [*range(n - 1, max(-1, n - 5), -1), *range(n + 1, min(len(segs), n + 3))]
        for k in order:
            found = self.line_party(segs[k].text) if k < n else (
                (p, "") if (p := self.party_of_text(segs[k].text)) else None)
            if found and len(set(self.ordered_parties(segs[k].text))) < 2:
                return found
        return self.party_of_text(segs[n].section) or ("customer" if self.is_po else "unknown"), ""

    def letter_author(self) -> str | None:
        """The party on a letter's letterhead (its first lines name one party only) or its sender."""
        sender = self.view.doc.metadata.get("from", "")
        if sender:
            return self.party_of_text(sender)
        parties = {p for seg in self.view.segments[:3] if (p := self.party_of_text(seg.text, roles=False))}
        return parties.pop() if len(parties) == 1 else None

    def other_findings(self) -> list[SigFinding]:
        out: list[SigFinding] = []
        view = self.view
        for n, seg in enumerate(view.segments):
            esigns = list(ESIGN_BY.finditer(seg.text))
            m = esigns[0] if esigns else SLASH_S.search(seg.text) or DOCUSIGNED.search(seg.text)
            # 'Document e-signed by Maria Weber (...) Signature' (an audit trail line that ends in a
            # label) is still an e-signature record; '/s/' inside a field is the block's business.
            items = items_of(seg)
            cols = [c.text for c in seg.cells] if len(seg.cells) > 1 else columns(seg.text)
            if m and not esigns and not items and len(cols) > 1:
                # '30a. SIGNATURE OF OFFEROR /s/ A. Haddad | 31a. SIGNATURE OF CONTRACTING OFFICER /s/ S. Ortiz',
                # '/s/ James Whitaker <tab> /s/ Emma Doyle': each column is one party's signature.
                for ci, col_text in enumerate(cols):
                    cm = SLASH_S.search(col_text) or DOCUSIGNED.search(col_text)
                    if cm:
                        out.append(self.esign_finding(n, seg, cm, several=False, local=col_text,
                                                      column=(ci, len(cols))))
            elif m and (esigns or not items):
                in_blocks = [i.value for i in items if i.kind == "sig"]
                for match in esigns or [m]:
                    # An e-signature on a block's signature line is that block's signature.
                    if not any(match.group(0).strip()[:20] in v for v in in_blocks):
                        out.append(self.esign_finding(n, seg, match, several=len(esigns) > 1))
            elif self.stamped and any(d and "@" + d in seg.text.lower() for d in self.ctx.customer_domains) and \
                    re.search(r"\b(?:signed|completed|signature)\b", " ".join(
                        s.text for s in view.segments[n:n + 3]), re.I):
                found = [f for s in view.segments[n:n + 3] for f in view.find_dates(s.text)]
                out.append(SigFinding("customer", "esign", True, [seg.evidence("customer signer in e-signature record")],
                                      0.85, found[0].value if found else None, found[0].text if found else ""))
            elif len(seg.cells) > 1 or ":" in seg.text:
                out.extend(self.ack_field(seg))
        for sf in view.doc.signature_fields:
            if not sf.signed:
                continue
            field_words = re.sub(r"(?<=[a-z])(?=[A-Z])|[_.\-]+", " ", sf.name)  # 'CustomerSignature_1'
            party = (self.party_of_text(sf.signer or "") or self.party_of_text(field_words)
                     or self.party_near_location(sf.location) or "unknown")
            text = f"{sf.name}: signed by {sf.signer}" if sf.signer else f"{sf.name}: signed"
            out.append(SigFinding(party, "field", True, [Evidence(view.path, text, sf.location,
                                                                   f"{party} PDF signature field")],
                                  0.9 if party != "unknown" else 0.55,
                                  sf.signed_at.date() if sf.signed_at else None,
                                  sf.signed_at.isoformat() if sf.signed_at else "",
                                  problem=changed_after_signing(sf, view.path),
                                  note=added_after_signing(sf, view.path)))
        for img in view.doc.images:
            if id(img) in self.claimed_images or img.near_text and DOCUSIGNED.match(img.near_text.strip()):
                continue  # (a DocuSign stamp's picture: the stamp and its certificate tell who signed)
            if img.near_text and re.search(r"sign|acknowledg|approv|approuv|bon pour accord|unterschrift|firma|^\s*by\b",
                                           img.near_text, re.I):
                img_party = self.party_of_text(img.near_text) or self.party_near_location(img.location)
                if img_party:
                    out.append(SigFinding(img_party, "image", True, [Evidence(view.path, img.near_text.strip(), img.location,
                                                                          f"signature image by the {img_party} label")], 0.75))
        out.extend(self.ack_sections())
        out.extend(self.email_finding())
        return out

    def esign_finding(self, n: int, seg: Segment, m: re.Match[str], several: bool, local: str = "",
                      column: tuple[int, int] | None = None) -> SigFinding:
        """One e-signature record ('Signed electronically by ...', '/s/ ...', 'DocuSigned by').
        Where a line holds several (an audit trail), each is read in its own words: the signer
        and the address right after the name; ``local``: the table cell it stands in."""
        view = self.view
        who = m.group("who") or ""
        if not who and n + 1 < len(view.segments):  # 'DocuSigned by:' with the signer on the next line
            below = columns(view.segments[n + 1].text)
            who = below[column[0]] if column is not None and len(below) == column[1] else view.segments[n + 1].text
        in_cell = bool(local)
        local = local or (seg.text[m.start(): m.end() + 80] if several else seg.text)
        org = ""
        party = self.party_of_text(who) or self.party_of_text(local)
        if not party and column is not None:  # the caption over this column ('Signed for Kingsbridge College')
            for k in range(n - 1, max(-1, n - 5), -1):
                parts = columns(view.segments[k].text)
                if len(parts) == column[1] and (caption := self.line_party(parts[column[0]])):
                    party, org = caption
                    break
        if not party:
            party, org = self.party_near(n)
        when = m.groupdict().get("when") or local
        found = view.find_dates(when)
        quote = local if in_cell else seg.text[m.start(): m.end()].strip(" (,;|") if several else None
        signer = who.strip() if _PERSON_LIKE.match(who.strip()) else ""
        return SigFinding(party, "esign", True, [seg.evidence(f"{party} e-signature", text=quote)],
                          0.9 if party != "unknown" else 0.5,
                          found[0].value if found else None, found[0].text if found else "", org=org,
                          signer=signer)

    def ack_field(self, seg: Segment) -> list[SigFinding]:
        """'Customer acknowledgement | Yes' / 'Customer approval: Approved by T. Lupu' (POE template)."""
        if len(seg.cells) > 1:
            label, value = seg.cells[0].text, " ".join(c.text for c in seg.cells[1:]).strip()
        else:
            label, _, value = seg.text.partition(":")
        if not (_ACK_FIELD_LABEL.match(label) or len(label) <= 90 and _ACK_FIELD_LOOSE.search(label)
                and not _ACK_NOT_AN_ACT.search(label)):
            return []
        found = self.view.find_dates(value)
        blank = is_blank_value(value) or _NEGATIVE_VALUE.match(value) is not None
        if not blank and not (_YES_VALUE.match(value) or _PERSON_LIKE.match(value) or found):
            return []  # 'Customer acceptance: deliverables are accepted within 5 days' is a term, not an act
        when = (found[0].value, found[0].text) if found else self.section_date(seg)
        return [SigFinding("customer", "ack", not blank, [seg.evidence("customer acknowledgment field")],
                           0.85, when[0] if when else None, when[1] if when else "")]

    @staticmethod
    def _label_value(seg: Segment) -> tuple[str, str]:
        if len(seg.cells) > 1:
            return seg.cells[0].text.strip(), " ".join(c.text for c in seg.cells[1:]).strip()
        label, _, value = seg.text.partition(":")
        return label.strip(), value.strip()

    def section_date(self, seg: Segment) -> tuple[date, str] | None:
        """The date field of the section a field stands in ('Acknowledgment date | 2026-03-05')."""
        if not seg.section:
            return None
        for other in self.view.segments:
            if other.section != seg.section or other is seg:
                continue
            label, value = self._label_value(other)
            if _ACK_DATE_LABEL.search(label):
                found = self.view.find_dates(value)
                if found:
                    return found[0].value, found[0].text
        return None

    def ack_sections(self) -> list[SigFinding]:
        """A customer-acknowledgment section filled in: the customer's person named, with a
        date or a Yes (D-11.1 'proof of customer acknowledgment'); left empty, a blank block."""
        groups: dict[str, list[Segment]] = {}
        for seg in self.view.segments:
            if seg.section and not seg.is_heading and _ACK_SECTION.search(seg.section):
                groups.setdefault(seg.section, []).append(seg)
        out: list[SigFinding] = []
        for segs in groups.values():
            names: list[tuple[str, Segment]] = []
            dated: list[tuple[date, str, Segment]] = []
            said_yes: list[Segment] = []
            said_no = False
            blank_fields: list[Segment] = []
            third = ""  # 'Organisation | Foxlight Software AG': somebody else's acknowledgment
            for seg in segs:
                label, value = self._label_value(seg)
                if not label or len(label) > 90:
                    continue
                if re.search(r"\b(?:organi[sz]ation|company|entity|on behalf of)\b", label, re.I) and value \
                        and self.party_of_text(value, roles=False) is None and looks_like_org(clean_party(value)):
                    third = self.third_party([clean_party(value)]) or third
                if is_blank_value(value):
                    if _ACK_NAME_LABEL.search(label) or _ACK_DATE_LABEL.search(label) or _ACK_LABEL.search(label):
                        blank_fields.append(seg)
                    continue
                if _ACK_NAME_LABEL.search(label) and _PERSON_LIKE.match(value) and \
                        self.party_of_text(value, roles=False) != "partner":
                    names.append((value, seg))
                elif _ACK_DATE_LABEL.search(label) and (found := self.view.find_dates(value)):
                    dated.append((found[0].value, found[0].text, seg))
                elif _ACK_LABEL.search(label) and _YES_VALUE.match(value):
                    said_yes.append(seg)
                elif _ACK_LABEL.search(label) and _NEGATIVE_VALUE.match(value):
                    said_no = True
            if names and (dated or said_yes) and not said_no and third:
                out.append(SigFinding("other", "ack", True, [names[0][1].evidence(
                    "acknowledgment given for another organisation", text=names[0][0])], 0.85,
                    dated[0][0] if dated else None, dated[0][1] if dated else "", org=third, signer=names[0][0]))
            elif names and (dated or said_yes) and not said_no:
                shown = [names[0][1].evidence("customer acknowledgment: the customer's person", text=names[0][0])]
                shown += [d[2].evidence("customer acknowledgment date", text=d[1]) for d in dated[:1]]
                shown += [y.evidence("customer acknowledgment given") for y in said_yes[:1]]
                # Above a lone 'Yes' field's finding: it shows who acknowledged, and when.
                out.append(SigFinding("customer", "ack", True, shown, 0.88,
                                      dated[0][0] if dated else None, dated[0][1] if dated else "",
                                      signer=names[0][0]))
            elif blank_fields and not names and not dated and not said_yes:
                out.append(SigFinding("customer", "ack", False,
                                      [blank_fields[0].evidence("customer acknowledgment left blank")], 0.85,
                                      date_blank=True))
        return out

    def _customer_address(self, text: str) -> bool:
        m = _EMAIL_ADDR.search(text)
        domain = m.group(1).lower() if m else ""
        return bool(domain) and any(domain == d or domain.endswith("." + d) for d in self.ctx.customer_domains)

    def _acknowledges(self, body: str) -> bool:
        return bool((self.ctx.partner.match(body) or _EMAIL_ACK.search(body)) and not _EMAIL_REFUSAL.search(body))

    def email_finding(self) -> list[SigFinding]:
        """An email from the customer's domain acknowledging the partner: the message itself
        (From header), or a customer's message quoted in a forwarded / replied email."""
        doc = self.view.doc
        sender = doc.metadata.get("from", "") or doc.metadata.get("sender", "")
        if sender and self._customer_address(sender) and self._acknowledges(self.view.text):
            when = None
            for td in doc.dates:
                if td.location.part in (None, "headers"):
                    when = td.value
                    break
            if when is None and doc.metadata.get("date"):
                try:
                    when = parsedate_to_datetime(doc.metadata["date"]).date()
                except (TypeError, ValueError, IndexError):
                    found = find_dates(doc.metadata["date"], self.dayfirst)
                    when = found[0].value if found else None
            address = sender.split("<")[-1].strip("> ")
            header = next((s for s in self.view.segments if address and address in s.text), None)
            ev = header.evidence("email from the customer's domain") if header else Evidence(
                doc.path, sender, Location(part="headers"), "email from the customer's domain (From header)")
            shown = [ev]
            date_line = next((s for s in self.view.segments if s.kind == "email_header"
                              and re.match(r"^\s*(?:date|sent)\s*:", s.text, re.I)), None)
            if date_line is not None:
                shown.append(date_line.evidence("date of the customer's email"))
            stamp = date_line.text.split(":", 1)[1].strip() if date_line is not None else doc.metadata.get("date", "")
            return [SigFinding("customer", "email", True, shown, 0.8, when, stamp)]
        segs = self.view.segments
        for n, seg in enumerate(segs):
            if not (_QUOTED_FROM.match(seg.text) and self._customer_address(seg.text)):
                continue
            end = next((k for k in range(n + 1, min(len(segs), n + 25)) if _QUOTED_FROM.match(segs[k].text)),
                       min(len(segs), n + 25))
            quoted = "\n".join(x.text for x in segs[n + 1:end])
            if not self._acknowledges(quoted):
                continue
            sent = next((x for x in segs[n + 1:n + 4] if re.match(r"^\s*(?:sent|date)\s*:", x.text, re.I)), None)
            found = self.view.find_dates(sent.text) if sent else []
            return [SigFinding("customer", "email", True, [seg.evidence("quoted email from the customer's domain")],
                               0.75, found[0].value if found else None, found[0].text if found else "")]
        return []


def find_signatures(ctx: CheckContext) -> list[SigFinding]:
    """Every signature / acknowledgment finding of the claim's documents (cached on ctx)."""
    if "signatures" in ctx.shared:
        return ctx.shared["signatures"]
    clear_cache()
    out: list[SigFinding] = []
    per_view = []
    for view in ctx.views:
        a = _Analyzer(ctx, view)
        blocks = [a.block_finding(b) for b in find_blocks(view)]
        per_view.append((view, a, blocks, a.other_findings()))
    # A signer whose side one document makes plain is on that side in the others too (the SOW's
    # signature table names the party; the framework agreement's block only the person).
    sides: dict[str, set[str]] = {}
    for _, _, blocks, _ in per_view:
        for f in blocks:
            if f.signer and f.party in ("customer", "partner", "other"):
                sides.setdefault(f.signer.strip().lower(), set()).add(f.party)
    # An e-signature certificate lists each signer with address and company: that settles the
    # side of a block the signer signed, whatever its caption says (a reseller in the customer's block).
    certified = _certificate_signers(ctx, [a for _, a, _, _ in per_view])
    certified_customer = any(p == "customer" for p, _ in certified.values())
    third = next((o for p, o in certified.values() if p == "other" and o), "")
    for view, a, blocks, others in per_view:
        for f in others:
            if f.kind == "esign" and f.signer and f.signer.strip().lower() in certified:
                f.party, f.org = certified[f.signer.strip().lower()]
            elif f.kind == "esign" and not f.signer and f.party == "customer" and certified and not certified_customer:
                # A nameless 'DocuSigned by:' in the customer's column, while the certificate lists no
                # signer of the customer's: somebody else signed there.
                f.party, f.org = "other", third or "a signer the certificate does not show as the customer's"
        for f in blocks:
            who = f.signer.strip().lower() if f.signer else ""
            if who in certified:
                f.party, f.org = certified[who]
                continue
            known = sides.get(who, set()) if f.party == "unknown" and who else set()
            if len(known) == 1:
                f.party = known.pop()
        # Two blocks, one the partner's and one nobody's: the other one is the customer's.
        parties = {f.party for f in blocks}
        if "partner" in parties and "customer" not in parties:
            for f in blocks:
                if f.party == "unknown":
                    f.party, f.confidence = "customer", min(f.confidence, 0.75)
        out.extend(blocks)
        out.extend(others)
        if a.is_po and not any(f.party == "customer" and f.signed for f in blocks + others):
            out.extend(_po_issued(ctx, view))
    ctx.shared["signatures"] = out
    clear_cache()
    return out


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


_FREE_MAIL = re.compile(r"@(?:gmail|googlemail|outlook|hotmail|live|yahoo|icloud|proton(?:mail)?|gmx|web)\.", re.I)


def _certificate_signers(ctx: CheckContext, analyzers: list[_Analyzer]) -> dict[str, tuple[str, str]]:
    """Signers an e-signature certificate names with their address ('James Cole /
    james.cole@crestline-it.example / Senior Account Manager / Crestline IT Supply Inc.'):
    name -> (party, third company). Only from documents that carry an e-signature record."""
    out: dict[str, tuple[str, str]] = {}
    for a in analyzers:
        if not a.stamped:
            continue
        for seg in a.view.segments:
            for cell in seg.cells:
                lines = [x.strip() for x in cell.text.splitlines() if x.strip()]
                if len(lines) < 2 or not _PERSON_LIKE.match(lines[0]) or "@" in lines[0]:
                    continue
                mail = next((x for x in lines[1:3] if _EMAIL_ADDR.search(x)), "")
                if not mail or _FREE_MAIL.search(mail):
                    continue
                party = a.party_of_text(mail, roles=False)
                company = next((x for x in lines[2:] if looks_like_org(x) and _has_legal_form(x)), "")
                if party is None and company:
                    party = a.party_of_text(company, roles=False)
                if party is None and company and (org := a.third_party([company])):
                    out[lines[0].lower()] = ("other", org)
                elif party is not None:
                    out[lines[0].lower()] = (party, "")
    return out


def _party_of_person(ctx: CheckContext, a: _Analyzer, person: str, own_lines: set[str]) -> str | None:
    """The party a person belongs to, from the other lines naming them ('Customer contact: Jo
    Brown', 'Jo Brown, CIO, Contoso Ltd'), when all such lines agree."""
    votes: set[str] = set()
    low = person.lower()
    for view in ctx.views:
        for seg in view.segments:
            if low in seg.text.lower() and seg.text.strip() not in own_lines:
                rest = re.sub(re.escape(person), " ", seg.text, flags=re.I)
                # Role words count only as the label the person stands under ('Customer contact:
                # Jo Brown'), never in a job title ('Jo Brown, Client Director' works for anyone).
                label = re.match(r"^\s*([^:|\t]{1,40})\s*(?::|\s\|\s|\t)", seg.text)
                p = a.party_of_text(rest, roles=False) or (
                    role_word(label.group(1)) if label and low not in label.group(1).lower() else None)
                if p:
                    votes.add(p)
    return votes.pop() if len(votes) == 1 else None


_PO_ISSUER = re.compile(r"^\s*(?:bill(?:ed)? to|buyer|purchaser|issued by|ordered by|customer|client|sold to|ship to)\b", re.I)
_PO_VENDOR = re.compile(r"^\s*(?:vendor|supplier|seller|to|contractor|partner)\b", re.I)


def _po_issued(ctx: CheckContext, view: DocView) -> list[SigFinding]:
    """A purchase order the customer issued to the partner (D-10 lists POs as POE)."""
    issuer = next((s for s in view.segments if _PO_ISSUER.match(s.text) and ctx.customer.match(s.text)), None)
    if issuer is None:
        head = view.segments[:8]
        issuer = next((s for s in head if ctx.customer.match(s.text) and (h := ctx.customer.match(s.text)) and h.score >= FULL), None)
    vendor = any(_PO_VENDOR.match(s.text) and ctx.partner.match(s.text) for s in view.segments) or any(
        ctx.partner.match(s.text) for s in view.segments)
    if issuer is None or not vendor:
        return []
    when = None
    for s in view.segments:
        if re.match(r"^\s*(?:po |order |issue |)date\b", s.text, re.I):
            found = view.find_dates(s.text)
            if found:
                when = found[0]
                break
    return [SigFinding("customer", "po", True, [issuer.evidence("purchase order issued by the customer")], 0.7,
                       when.value if when else None, when.text if when else "")]


def check_customer_signature(ctx: CheckContext) -> CriterionResult:
    crit = "customer_signature"
    findings = find_signatures(ctx)
    cust_signed = [f for f in findings if f.party == "customer" and f.signed]
    reasons: list[Reason] = []
    ok = [f for f in cust_signed if (f.date is None or ctx.date_status(f.date) == "ok") and f.problem is None]
    ref = ctx.reference_date.isoformat() if ctx.reference_date else "?"
    if ok:
        ok.sort(key=lambda f: (f.date is None, -f.confidence))
        best = ok[0]
        conf = best.confidence if best.date is not None else min(best.confidence, 0.8)
        ev = [e for f in ok[:2] for e in f.evidence][:4]
        notes = tuple(f.note for f in ok[:2] if f.note is not None)
        return CriterionResult(crit, "met", conf, tuple(ev), notes)
    changed = [f for f in cust_signed if f.problem is not None]
    if changed:  # D-11.1: what the customer signed is not what the file shows now
        f = changed[0]
        return CriterionResult(crit, "unclear", 0.5, tuple(f.evidence[:3]), (f.problem,) if f.problem else ())
    future = [f for f in cust_signed if f.date and ctx.date_status(f.date) == "future"]
    stale = [f for f in cust_signed if f.date and ctx.date_status(f.date) == "stale"]
    if future:
        f = future[0]
        reasons.append(reason("R-SIG-005", date=str(f.date), submitted=ref))
        return CriterionResult(crit, "unclear", 0.6, tuple(f.evidence[:3]), tuple(reasons))
    if stale:
        f = stale[0]
        reasons.append(reason("R-SIG-004", date=str(f.date), submitted=ref))
        return CriterionResult(crit, "not_met", 0.85, tuple(f.evidence[:3]), tuple(reasons))
    unknown = [f for f in findings if f.party == "unknown" and f.signed]
    other = [f for f in findings if f.party == "other" and f.signed]
    blank_cust = [f for f in findings if f.party == "customer" and not f.signed]
    partner = [f for f in findings if f.party == "partner" and f.signed]
    if blank_cust:
        f = blank_cust[0]
        first = f.evidence[0]
        reasons.append(reason("R-SIG-002", document=first.document, where=first.location.label()))
        if partner:
            pe = partner[0].evidence[0]
            reasons.append(reason("R-SIG-003", document=pe.document, where=pe.location.label()))
        return CriterionResult(crit, "not_met", 0.9, tuple(f.evidence[:3]), tuple(reasons))
    if other:
        f = other[0]
        first = f.evidence[0]
        reasons.append(reason("R-SIG-007", org=f.org, document=first.document, where=first.location.label()))
        return CriterionResult(crit, "not_met", 0.8, tuple(f.evidence[:3]), tuple(reasons))
    if unknown:
        f = unknown[0]
        first = f.evidence[0]
        reasons.append(reason("R-SIG-006", document=first.document, where=first.location.label()))
        return CriterionResult(crit, "unclear", 0.5, tuple(f.evidence[:3]), tuple(reasons))
    if partner:
        f = partner[0]
        first = f.evidence[0]
        reasons.append(reason("R-SIG-003", document=first.document, where=first.location.label()))
        return CriterionResult(crit, "not_met", 0.85, tuple(f.evidence[:3]), tuple(reasons))
    reasons.append(reason("R-SIG-001"))
    return CriterionResult(crit, "not_met", 0.8, (), tuple(reasons))
