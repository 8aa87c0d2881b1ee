"""Signature evidence outside signature blocks (D-11.1 'or proof of customer acknowledgment').

E-signature records ('/s/ Name', 'Signed electronically by', 'DocuSigned by', audit trails and
certificates), signed PDF signature fields, signature pictures next to a label, the POE
template's customer-acknowledgment field or section, and e-mails from the customer's domain.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

from extractors.document import Location
from scoring.checks.datefind import find_dates
from scoring.checks.parties import clean_party, looks_like_org
from scoring.checks.sig_integrity import added_after_signing, changed_after_signing
from scoring.checks.sigblocks import items_of
from scoring.checks.sigfields import DOCUSIGNED, ESIGN_BY, SLASH_S
from scoring.checks.sigreader import (
    EMAIL_ADDR,
    NEGATIVE_VALUE,
    PERSON_LIKE,
    SigFinding,
    SigReader,
    has_legal_form,
)
from scoring.checks.text import Segment, columns, is_blank_value
from scoring.types import Evidence

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
_ACK_LABEL = re.compile(r"acknowledg|confirm|approv|accept|agree|sign[- ]?off|attest", re.I)
_EMAIL_ACK = re.compile(r"acknowledg|confirm|approv|agree|accept|happy to|pleased|proceed|go ahead|engag|"
                        r"thank|appoint|select|chosen|sign", re.I)
_EMAIL_REFUSAL = re.compile(
    r"\b(?:not|no longer|declin\w*|reject\w*|cancel\w*|terminat\w*|don't|won't|unable)\b.{0,40}"
    r"\b(?:agree|approv\w*|proceed|engag\w*|select\w*|partner|confirm\w*|sign\w*)", re.I)
# A picture by a label ('Customer signature:') may be a signature; one by a sentence ('Approved
# Association Marks: ...' over a logo) is an illustration.
_LABEL_WORDS = 12
_QUOTED_FROM = re.compile(r"^\s*(?:>\s*)*from\s*:", re.I)


def other_findings(r: SigReader) -> list[SigFinding]:
    """Every finding of the document that is not a signature block."""
    out: list[SigFinding] = []
    view = r.view
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
                    out.append(esign_finding(r, n, seg, cm, several=False, local=col_text,
                                                  column=(ci, len(cols))))
        elif m and not esigns and not items and len(page_lines := seg.text.splitlines()) > 3 \
                and any(SLASH_S.search(line) for line in page_lines[1:]):
            out.extend(_slash_s_in_page_cell(r, seg, page_lines))
        elif m and (esigns or not items):
            in_blocks = [i.value for i in items if i.kind == "sig"]
            for match in esigns or [m]:
                # An e-signature on a block's signature line is that block's signature.
                if not any(match.group(0).strip()[:20] in v for v in in_blocks):
                    out.append(esign_finding(r, n, seg, match, several=len(esigns) > 1))
        elif r.stamped and any(d and "@" + d in seg.text.lower() for d in r.ctx.customer_domains) and \
                re.search(r"\b(?:signed|completed|signature)\b", " ".join(
                    s.text for s in view.segments[n:n + 3]), re.I):
            found = [f for s in view.segments[n:n + 3] for f in view.find_dates(s.text)]
            out.append(SigFinding("customer", "esign", True, [seg.evidence("customer signer in e-signature record")],
                                  0.85, found[0].value if found else None, found[0].text if found else ""))
        elif len(seg.cells) > 1 or ":" in seg.text:
            out.extend(ack_field(r, seg))
    for sf in view.doc.signature_fields:
        if not sf.signed:
            continue
        field_words = re.sub(r"(?<=[a-z])(?=[A-Z])|[_.\-]+", " ", sf.name)  # 'CustomerSignature_1'
        party = (r.party_of_text(sf.signer or "") or r.party_of_text(field_words)
                 or r.party_near_location(sf.location) or "unknown")
        text = f"{sf.name}: signed by {sf.signer}" if sf.signer else f"{sf.name}: signed"
        out.append(SigFinding(party, "field", True, [Evidence(view.path, text, sf.location,
                                                               f"{party} PDF signature field")],
                              0.9 if party != "unknown" else 0.55,
                              sf.signed_at.date() if sf.signed_at else None,
                              sf.signed_at.isoformat() if sf.signed_at else "",
                              problem=changed_after_signing(sf, view.path),
                              note=added_after_signing(sf, view.path)))
    for img in view.doc.images:
        if id(img) in r.claimed_images or img.near_text and DOCUSIGNED.match(img.near_text.strip()):
            continue  # (a DocuSign stamp's picture: the stamp and its certificate tell who signed)
        if img.near_text and len(img.near_text.split()) <= _LABEL_WORDS and re.search(r"sign|acknowledg|approv|approuv|bon pour accord|unterschrift|firma|^\s*by\b",
                                       img.near_text, re.I):
            img_party = r.party_of_text(img.near_text) or r.party_near_location(img.location)
            if img_party:
                out.append(SigFinding(img_party, "image", True, [Evidence(view.path, img.near_text.strip(), img.location,
                                                                      f"signature image by the {img_party} label")], 0.75))
    out.extend(ack_sections(r, ))
    out.extend(email_finding(r, ))
    return out


def _slash_s_in_page_cell(r: SigReader, seg: Segment, lines: list[str]) -> list[SigFinding]:
    """A whole signature page extracted into one table cell ('IN WITNESS WHEREOF ... / /s/ Geno
    Auriemma 5/17/12 / GENO AURIEMMA Date / BERKSHIRE BANK / By: /s/ Sean A. Gray 5/14/12'):
    each '/s/' line is one signature, whose party its own words, the caption just above it
    (not past the signature above) or the name just under it give."""
    out: list[SigFinding] = []
    for k, line in enumerate(lines):
        if not SLASH_S.search(line) or len(SLASH_S.findall(line)) > 1:
            continue  # (two signatures on one line: columns the cell no longer shows)
        # Names in full only: a caption that shares one word with a party ('BERKSHIRE BANK' and
        # 'Bank of America') is no evidence of whose signature this is.
        own = r.named_party(line)
        found: tuple[str, str] | None = (own, "") if own else None
        for above in reversed(lines[max(0, k - 3):k]):
            if found or SLASH_S.search(above):
                break
            if p := r.named_party(above) or r.defined_party(above):
                found = (p, "")
            elif (third := r.defined_third(above) or r.third_party([above])) and above.strip().isupper():
                found = ("other", third)
        if not found and k + 1 < len(lines) and (p := r.named_party(lines[k + 1])):
            found = (p, "")
        party, org = found or ("unknown", "")
        dates = r.view.find_dates(line)
        out.append(SigFinding(party, "esign", True, [seg.evidence(f"{party} e-signature", text=line.strip())],
                              0.85 if party != "unknown" else 0.5, dates[0].value if dates else None,
                              dates[0].text if dates else "", org=org))
    return out


def esign_finding(r: SigReader, n: int, seg: Segment, m: re.Match[str], several: bool, local: str = "",
                  column: tuple[int, int] | None = None) -> SigFinding:
    """One e-signature record ('Signed electronically by ...', '/s/ ...', 'DocuSigned by').
    Where a line holds several (an audit trail), each is read in its own words: the signer
    and the address right after the name; ``local``: the table cell it stands in."""
    view = r.view
    who = m.group("who") or ""
    if not who and n + 1 < len(view.segments):  # 'DocuSigned by:' with the signer on the next line
        below = columns(view.segments[n + 1].text)
        who = below[column[0]] if column is not None and len(below) == column[1] else view.segments[n + 1].text
    in_cell = bool(local)
    local = local or (seg.text[m.start(): m.end() + 80] if several else seg.text)
    org = ""
    party = r.party_of_text(who) or r.party_of_text(local)
    if not party and column is not None:  # the caption over this column ('Signed for Kingsbridge College')
        for k in range(n - 1, max(-1, n - 5), -1):
            parts = columns(view.segments[k].text)
            if len(parts) == column[1] and (caption := r.line_party(parts[column[0]])):
                party, org = caption
                break
    if not party:
        party, org = r.party_near(n)
    when = m.groupdict().get("when") or local
    found = view.find_dates(when)
    quote = local if in_cell else seg.text[m.start(): m.end()].strip(" (,;|") if several else None
    signer = who.strip() if PERSON_LIKE.match(who.strip()) else ""
    return SigFinding(party, "esign", True, [seg.evidence(f"{party} e-signature", text=quote)],
                      0.9 if party != "unknown" else 0.5,
                      found[0].value if found else None, found[0].text if found else "", org=org,
                      signer=signer)


def ack_field(r: SigReader, seg: Segment) -> list[SigFinding]:
    """'Customer acknowledgement | Yes' / 'Customer approval: Approved by T. Lupu' (POE template)."""
    if len(seg.cells) > 1:
        label, value = seg.cells[0].text, " ".join(c.text for c in seg.cells[1:]).strip()
    else:
        label, _, value = seg.text.partition(":")
    if not (_ACK_FIELD_LABEL.match(label) or len(label) <= 90 and _ACK_FIELD_LOOSE.search(label)
            and not _ACK_NOT_AN_ACT.search(label)):
        return []
    found = r.view.find_dates(value)
    blank = is_blank_value(value) or NEGATIVE_VALUE.match(value) is not None
    if not blank and not (_YES_VALUE.match(value) or PERSON_LIKE.match(value) or found):
        return []  # 'Customer acceptance: deliverables are accepted within 5 days' is a term, not an act
    when = (found[0].value, found[0].text) if found else section_date(r, seg)
    return [SigFinding("customer", "ack", not blank, [seg.evidence("customer acknowledgment field")],
                       0.85, when[0] if when else None, when[1] if when else "")]


def _label_value(seg: Segment) -> tuple[str, str]:
    if len(seg.cells) > 1:
        return seg.cells[0].text.strip(), " ".join(c.text for c in seg.cells[1:]).strip()
    label, _, value = seg.text.partition(":")
    return label.strip(), value.strip()


def section_date(r: SigReader, seg: Segment) -> tuple[date, str] | None:
    """The date field of the section a field stands in ('Acknowledgment date | 2026-03-05')."""
    if not seg.section:
        return None
    for other in r.view.segments:
        if other.section != seg.section or other is seg:
            continue
        label, value = _label_value(other)
        if _ACK_DATE_LABEL.search(label):
            found = r.view.find_dates(value)
            if found:
                return found[0].value, found[0].text
    return None


def ack_sections(r: SigReader) -> list[SigFinding]:
    """A customer-acknowledgment section filled in: the customer's person named, with a
    date or a Yes (D-11.1 'proof of customer acknowledgment'); left empty, a blank block."""
    groups: dict[str, list[Segment]] = {}
    for seg in r.view.segments:
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
            label, value = _label_value(seg)
            if not label or len(label) > 90:
                continue
            if re.search(r"\b(?:organi[sz]ation|company|entity|on behalf of)\b", label, re.I) and value \
                    and r.party_of_text(value, roles=False) is None and looks_like_org(clean_party(value)):
                third = r.third_party([clean_party(value)]) or third
            if is_blank_value(value):
                if _ACK_NAME_LABEL.search(label) or _ACK_DATE_LABEL.search(label) or _ACK_LABEL.search(label):
                    blank_fields.append(seg)
                continue
            if _ACK_NAME_LABEL.search(label) and PERSON_LIKE.match(value) and \
                    r.party_of_text(value, roles=False) != "partner":
                names.append((value, seg))
            elif _ACK_DATE_LABEL.search(label) and (found := r.view.find_dates(value)):
                dated.append((found[0].value, found[0].text, seg))
            elif _ACK_LABEL.search(label) and _YES_VALUE.match(value):
                said_yes.append(seg)
            elif _ACK_LABEL.search(label) and NEGATIVE_VALUE.match(value):
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


def _customer_address(r: SigReader, text: str) -> bool:
    m = EMAIL_ADDR.search(text)
    domain = m.group(1).lower() if m else ""
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in r.ctx.customer_domains)


def _acknowledges(r: SigReader, body: str) -> bool:
    return bool((r.ctx.partner.match(body) or _EMAIL_ACK.search(body)) and not _EMAIL_REFUSAL.search(body))


def email_finding(r: SigReader) -> list[SigFinding]:
    """An email from the customer's domain acknowledging the partner: the message itself
    (From header), or a customer's message quoted in a forwarded / replied email."""
    doc = r.view.doc
    sender = doc.metadata.get("from", "") or doc.metadata.get("sender", "")
    if sender and _customer_address(r, sender) and _acknowledges(r, r.view.text):
        when = None
        for td in doc.dates:
            if td.location.part in (None, "headers"):
                when = td.value
                break
        if when is None and doc.metadata.get("date"):
            try:
                when = parsedate_to_datetime(doc.metadata["date"]).date()
            except (TypeError, ValueError, IndexError):
                found = find_dates(doc.metadata["date"], r.dayfirst)
                when = found[0].value if found else None
        address = sender.split("<")[-1].strip("> ")
        header = next((s for s in r.view.segments if address and address in s.text), None)
        ev = header.evidence("email from the customer's domain") if header else Evidence(
            doc.path, sender, Location(part="headers"), "email from the customer's domain (From header)")
        shown = [ev]
        date_line = next((s for s in r.view.segments if s.kind == "email_header"
                          and re.match(r"^\s*(?:date|sent)\s*:", s.text, re.I)), None)
        if date_line is not None:
            shown.append(date_line.evidence("date of the customer's email"))
        stamp = date_line.text.split(":", 1)[1].strip() if date_line is not None else doc.metadata.get("date", "")
        return [SigFinding("customer", "email", True, shown, 0.8, when, stamp)]
    segs = r.view.segments
    for n, seg in enumerate(segs):
        if not (_QUOTED_FROM.match(seg.text) and _customer_address(r, seg.text)):
            continue
        end = next((k for k in range(n + 1, min(len(segs), n + 25)) if _QUOTED_FROM.match(segs[k].text)),
                   min(len(segs), n + 25))
        quoted = "\n".join(x.text for x in segs[n + 1:end])
        if not _acknowledges(r, quoted):
            continue
        sent = next((x for x in segs[n + 1:n + 4] if re.match(r"^\s*(?:sent|date)\s*:", x.text, re.I)), None)
        found = r.view.find_dates(sent.text) if sent else []
        return [SigFinding("customer", "email", True, [seg.evidence("quoted email from the customer's domain")],
                           0.75, found[0].value if found else None, found[0].text if found else "")]
    return []


_FREE_MAIL = re.compile(r"@(?:gmail|googlemail|outlook|hotmail|live|yahoo|icloud|proton(?:mail)?|gmx|web)\.", re.I)


def certificate_signers(readers: list[SigReader]) -> dict[str, tuple[str, str]]:
    """Signers an e-signature certificate names with their address ('James Cole /
    james.cole@crestline-it.example / Senior Account Manager / Crestline IT Supply Inc.'):
    name -> (party, third company). Only from documents that carry an e-signature record."""
    out: dict[str, tuple[str, str]] = {}
    for a in readers:
        if not a.stamped:
            continue
        for seg in a.view.segments:
            for cell in seg.cells:
                lines = [x.strip() for x in cell.text.splitlines() if x.strip()]
                if len(lines) < 2 or not PERSON_LIKE.match(lines[0]) or "@" in lines[0]:
                    continue
                mail = next((x for x in lines[1:3] if EMAIL_ADDR.search(x)), "")
                if not mail or _FREE_MAIL.search(mail):
                    continue
                party = a.party_of_text(mail, roles=False)
                company = next((x for x in lines[2:] if looks_like_org(x) and has_legal_form(x)), "")
                if party is None and company:
                    party = a.party_of_text(company, roles=False)
                if party is None and company and (org := a.third_party([company])):
                    out[lines[0].lower()] = ("other", org)
                elif party is not None:
                    out[lines[0].lower()] = (party, "")
    return out
