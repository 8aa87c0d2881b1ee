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
count; one dated after submission is flagged. An acknowledgment about other products only does
not count either (R-SIG-011, :mod:`scoring.checks.ack_subject`).
"""

from __future__ import annotations

import re

from scoring.checks.ack_subject import off_subject, off_subject_reason
from scoring.checks.context import CheckContext
from scoring.checks.names import another_party, placeholder_for
from scoring.checks.parties import FULL
from scoring.checks.roles import CUSTOMER_RE, PARTNER_RE
from scoring.checks.sigblock_finding import block_finding
from scoring.checks.sigblocks import clear_cache, find_blocks
from scoring.checks.sigreader import SigFinding, SigReader
from scoring.checks.sigrecords import certificate_signers, other_findings
from scoring.checks.text import DocView
from scoring.reasons import reason
from scoring.types import CriterionResult, Reason

__all__ = ["SigFinding", "check_customer_signature", "find_signatures"]


def find_signatures(ctx: CheckContext) -> list[SigFinding]:
    """Every signature / acknowledgment finding of the claim's documents (cached on ctx)."""
    if "signatures" in ctx.shared:
        return ctx.shared["signatures"]
    clear_cache()
    out: list[SigFinding] = []
    per_view = []
    for view in ctx.views:
        a = SigReader(ctx, view)
        blocks = [block_finding(a, b) for b in find_blocks(view)]
        per_view.append((view, a, blocks, other_findings(a)))
    # A signer whose side one document makes plain is on that side in the others too (the SOW's
    # signature table names the party; the framework agreement's block only the person).
    sides: dict[str, set[str]] = {}
    for _, _, blocks, _ in per_view:
        for f in blocks:
            if f.signer and f.party in ("customer", "partner", "other"):
                sides.setdefault(f.signer.strip().lower(), set()).add(f.party)
    # An e-signature certificate lists each signer with address and company: that settles the
    # side of a block the signer signed, whatever its caption says (a reseller in the customer's block).
    certified = certificate_signers([a for _, a, _, _ in per_view])
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
        # Two blocks, one the partner's and one nobody's: the other one is the customer's, when the
        # documents name the claimed customer, or leave a placeholder for its name (issue 12: a
        # contract between the partner and another company credited a claimed customer that is
        # no party to it with that company's signature).
        parties = {f.party for f in blocks}
        if "partner" in parties and "customer" not in parties and (
                customer_named(ctx) or placeholder_for(ctx, "customer")):
            for f in blocks:
                if f.party == "unknown":
                    f.party, f.confidence = "customer", min(f.confidence, 0.75)
        out.extend(blocks)
        out.extend(others)
        if a.is_po and not any(f.party == "customer" and f.signed for f in blocks + others):
            out.extend(_po_issued(ctx, view))
    if not customer_named(ctx) and (org := another_party(ctx, "customer")):
        # The documents never name the claimed customer (nor its contact or e-mail domain) and put
        # another organisation in its place: a block that is 'the customer's' only by a role word
        # ('CLIENT') or as a purchase order's was signed by that organisation (R-SIG-007).
        for f in out:
            if f.party == "customer":
                f.party, f.org = "other", org
    ctx.shared["signatures"] = out
    clear_cache()
    return out



def customer_named(ctx: CheckContext) -> bool:
    """The claim's customer is named in its documents: in full, or by its contact or e-mail domain."""
    if "customer_named" not in ctx.shared:
        ctx.shared["customer_named"] = any(
            (hit := ctx.customer.match(seg.text)) is not None and hit.score >= FULL or _contact_or_domain(ctx, seg.text)
            for view in ctx.views for seg in view.segments)
    return bool(ctx.shared["customer_named"])


def _contact_or_domain(ctx: CheckContext, text: str) -> bool:
    low = text.lower()
    contact = (ctx.claim.customer_contact_name or "").strip().lower()
    return bool(contact) and contact in low or any(d and "@" + d in low for d in ctx.customer_domains)


_PO_ISSUER = re.compile(rf"^\s*(?:bill(?:ed)? to|issued by|ordered by|sold to|ship to|{CUSTOMER_RE})\b", re.I)
_PO_VENDOR = re.compile(rf"^\s*(?:to|{PARTNER_RE})\b", re.I)


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
    # D-11.1: an acknowledgment of another engagement (an e-mail about other products only) is no
    # acknowledgment of this one (R-SIG-011).
    elsewhere = [(f, s) for f in ok if (s := off_subject(ctx, f)) is not None]
    if elsewhere and len(elsewhere) == len(ok):
        f, subject = elsewhere[0]
        return CriterionResult(crit, "unclear", 0.6, tuple(f.evidence[:3]), (off_subject_reason(ctx, subject),))
    ok = [f for f in ok if not any(f is g for g, _ in elsewhere)]
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
