"""Who a signature belongs to: the claim's customer, its partner, or a third company.

:class:`SigReader` reads one document for the signature check: which party a line of text
names (claim contacts, e-mail domains, the two name matchers, role words), the parties of a
line left to right, a third organisation named in a caption, the party named near a position
or a PDF field, and date field values. :class:`SigFinding` is one piece of signature or
acknowledgment evidence (D-11.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from extractors.document import Location
from scoring.checks.context import CheckContext
from scoring.checks.datefind import NOT_A_DATE, excel_serial
from scoring.checks.parties import (
    FULL,
    LEGAL_SUFFIX_WORDS,
    clean_party,
    looks_like_org,
    normalize_org,
    party_mentions,
)
from scoring.checks.party_terms import party_terms, terms_pattern
from scoring.checks.roles import CUSTOMER_WORDS, PARTNER_WORDS, role_word
from scoring.checks.sigfields import FieldItem
from scoring.checks.text import DocView, columns, is_blank_value
from scoring.nlp import organisations
from scoring.types import Evidence, Reason

_CLOSING = re.compile(r"^\s*(?:(?:yours )?sincerely|yours (?:faithfully|truly)|(?:kind|best|warm) regards|regards|"
                      r"respectfully|with thanks)\b", re.I)
_STAMP = re.compile(
    r"docusign envelope id|envelope id\s*:|certificate of completion|docusigned by|adobe (?:acrobat )?sign|"
    r"echosign|signed with adobe|e-?signature (?:audit|record)|dropbox sign|hellosign|pandadoc|signnow|"
    r"signature certificate|audit trail", re.I)
_LEGAL_SUFFIX = re.compile(r"\b(?:ltd|limited|inc|incorporated|llc|gmbh|ag|plc|pty|llp|corp|corporation|sa|bv|nv|dac|sarl|srl|pvt|"
                           r"kg|ab|oy|as|spa|sas|se|lp|co)$", re.I)


def has_legal_form(name: str) -> bool:
    """A company name ending in a legal form, dots ignored ('N.V.', 'S.A.', 'Pty. Ltd.')."""
    return bool(_LEGAL_SUFFIX.search(name.replace(".", "").strip().rstrip(",;:)")))


# 'CLIENT (signed by its managed service provider)', 'on behalf of the Customer by its authorised reseller'
PROXY_SIGNER = re.compile(
    r"\b(?:signed|executed|accepted)\b[^.]{0,40}?\bby\s+(?:its|their|the)\s+(?:authori[sz]ed\s+)?(?:managed service provider|"
    r"msp|reseller|distributor|agent|representative|outsourc\w*(?: partner| provider)?|(?:it )?service provider|"
    r"licensing partner|solution provider|csp)\b", re.I)
PERSON_LIKE = re.compile(r"^\s*(?:(?:dr|mr|mrs|ms)\.?\s+)?[A-Z][a-z'\-]+(?:\s+[A-Z][a-zA-Z'\-.]*){1,3}\s*(?:[,(].*)?$")
NEGATIVE_VALUE = re.compile(r"^\s*(?:no|n|false|not (?:yet )?(?:signed|acknowledged|approved)|pending|declined|rejected)\s*$", re.I)
_PO = re.compile(r"\bpurchase\s+order\b|\bP\.?O\.?\s*(?:number|no\.?|#)\s*[:#]?\s*\w", re.I)
_NOT_PO = re.compile(r"\b(?:invoice|quotation|quote|proposal|estimate|statement of work|sow|credit note)\b", re.I)
EMAIL_ADDR = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


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


class SigReader:
    """One document read for the signature check: positions of its segments, whether it is a
    purchase order or carries an e-signature record, and who the lines name."""

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
        if cs == 0.0 and (term := self.defined_party(text)):
            return term
        if cs == 0.0 and self.defined_third(text):
            return None  # '("Licensee")' defined for a third company: the word is that company's
        return role_word(text) if roles else None

    def named_party(self, text: str) -> str | None:
        """The party ``text`` names in full by name (not the other one too), else None."""
        ch, ph = self.ctx.customer.match(text), self.ctx.partner.match(text)
        cust, part = bool(ch and ch.score >= FULL), bool(ph and ph.score >= FULL)
        return None if cust == part else "customer" if cust else "partner"

    @cached_property
    def terms(self) -> dict[str, str]:
        """The short names and role words the document defines for the parties ('("Acme")')."""
        return {t: p for t, p in self.all_terms.items() if not p.startswith("other:")}

    @cached_property
    def all_terms(self) -> dict[str, str]:
        """The parties' terms and those defined for third companies ('other:<name>')."""
        return party_terms((seg.text for seg in self.view.segments), self.named_party, self._third_named)

    def _third_named(self, text: str) -> str | None:
        name = clean_party(text.strip(" ,"))
        if not (looks_like_org(name) and has_legal_form(name)) or self._name_fragment(name):
            return None
        return name if self.ctx.customer.match(name) is None and self.ctx.partner.match(name) is None else None

    @cached_property
    def _third_re(self) -> re.Pattern[str] | None:
        return terms_pattern({t: p for t, p in self.all_terms.items() if p.startswith("other:")})

    def defined_third(self, text: str) -> str:
        """The third company whose defined term ('("Licensee")') ``text`` uses, else ''."""
        if self._third_re is None:
            return ""
        m = self._third_re.search(text)
        return self.all_terms[m.group(0).lower()].removeprefix("other:") if m else ""

    @cached_property
    def _terms_re(self) -> re.Pattern[str] | None:
        return terms_pattern(self.terms)

    def defined_party(self, text: str) -> str | None:
        """The party whose defined term ('DISTRIBUTOR:', 'Acme') ``text`` uses, when it uses one party's only."""
        if self._terms_re is None:
            return None
        found = {self.terms[m.group(0).lower()] for m in self._terms_re.finditer(text)}
        return found.pop() if len(found) == 1 else None

    def is_party_fragment(self, name: str) -> bool:
        """A bare legal form ('LLC'), a party's defined term, or a piece of a party's own name
        ('Heritage Foods, LLC' of 'Stremick's Heritage Foods, LLC'): never a third company."""
        if self._terms_re is not None and self._terms_re.fullmatch(name.strip().strip("\"“”'‘’")):
            return True
        return self._name_fragment(name)

    def _name_fragment(self, name: str) -> bool:
        norm = normalize_org(name)
        if not norm or all(w in LEGAL_SUFFIX_WORDS for w in norm.split()):
            return True
        forms = [*self.ctx.customer.forms, *self.ctx.partner.forms]
        return any(f" {norm} " in f" {form} " for form in forms)

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

    def line_party(self, text: str) -> tuple[str, str] | None:
        """(party, organisation) a line above a signature names: the customer or partner by
        name, a third company on a line of its own (it signed, whatever role word stands
        higher up), else a role word ('CUSTOMER')."""
        if PROXY_SIGNER.search(text):
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
        if looks_like_org(named) and has_legal_form(named):
            org = self.third_party([named])
            if org:
                return "other", org
        third = self.defined_third(text)
        if third:
            return "other", third
        p = role_word(text)
        return (p, "") if p else None

    def third_party(self, texts: list[str]) -> str:
        """An organisation named in these texts that is neither the customer nor the partner."""
        for t in texts:
            if not t.strip() or len(t.split()) > 14:
                continue
            candidates = [m.name for m in party_mentions(t)] + list(organisations([t])[0])
            if looks_like_org(t.strip()) and has_legal_form(t.strip()):
                candidates.append(t.strip())
            for c in candidates:
                c = clean_party(c)
                if looks_like_org(c) and not re.search(r"microsoft", c, re.I) and not self.ctx.is_contact(c) \
                        and self.ctx.customer.match(c) is None and self.ctx.partner.match(c) is None \
                        and not self.is_party_fragment(c) \
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
        # (a running header or footer - an EDGAR filing stamp 'Source: <FILER>, 8-K, ...' - names
        # the filer or the author on every page, never who signs this block: skipped, not counted)
        running = self.view.running_lines
        above = [k for k in range(n - 1, max(-1, n - 9), -1) if segs[k].text.strip() not in running][:4]
        order = [*above, *range(n + 1, min(len(segs), n + 3))]
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

    def party_of_person(self, person: str, own_lines: set[str]) -> str | None:
        """The party a person belongs to, from the other lines naming them ('Customer contact: Jo
        Brown', 'Jo Brown, CIO, Contoso Ltd'), when all such lines agree."""
        votes: set[str] = set()
        low = person.lower()
        for view in self.ctx.views:
            for seg in view.segments:
                at = seg.text.lower().find(low)
                if at >= 0 and seg.text.strip() not in own_lines:
                    # In prose, only the words around the name ('said Jo Brown, CEO of Contoso'):
                    # a paragraph naming both parties says nothing of the person's side.
                    near = seg.text if len(seg.text.split()) <= 30 else seg.text[max(0, at - 60):at + len(low) + 80]
                    rest = re.sub(re.escape(person), " ", near, flags=re.I)
                    # Role words count only as the label the person stands under ('Customer contact:
                    # Jo Brown'), never in a job title ('Jo Brown, Client Director' works for anyone).
                    label = re.match(r"^\s*([^:|\t]{1,40})\s*(?::|\s\|\s|\t)", seg.text)
                    p = self.party_of_text(rest, roles=False) or (
                        role_word(label.group(1)) if label and low not in label.group(1).lower() else None)
                    if p:
                        votes.add(p)
        return votes.pop() if len(votes) == 1 else None

