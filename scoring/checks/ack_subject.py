"""Which products a customer's acknowledgment concerns (D-11.1 read with D-12; issue 15).

D-11.1 asks for the customer's acknowledgment *of the partner's involvement* in the claimed
engagement. An acknowledgment document - an e-mail from the customer's domain, a POE template's
customer-acknowledgment field or section - that names other catalogue products and none of the
claimed ones ('We confirm Fabrikam is our partner for the migration to Defender for Business' on a
Teams claim) acknowledges another engagement: the signature check does not count it (R-SIG-011).

- A document naming a claimed product (by catalogue name, code or alias, a workload of a claimed
  suite, or a product outside the catalogue by the claim's own words) concerns the claim, whatever
  else it names.
- A document naming no product at all ('the project we discussed') counts: the claim's other
  documents say what the engagement is.
- The boilerplate of an online meeting invitation in the e-mail ('Microsoft Teams meeting / Join on
  your computer') names the meeting tool, not the engagement: not counted as a product.
- Signed contracts are not judged here: which products a contract covers is the product check's
  question (D-11.2), and its signature acknowledges the partner whatever the products.

Product matching is the growth check's (:class:`scoring.checks.growth_subject.GrowthSubject`):
the catalogue, its aliases and the everyday-word rules of :mod:`scoring.checks.subject`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.catalogue import find_product
from scoring.checks.context import CheckContext
from scoring.checks.growth_subject import GrowthSubject
from scoring.checks.sigreader import SigFinding
from scoring.checks.text import DocView
from scoring.reasons import reason
from scoring.types import ClaimedProduct, Reason

# The boilerplate of an online meeting invitation ('Microsoft Teams meeting', 'Join on your computer').
_INVITE = re.compile(r"\b(?:Microsoft\s+)?Teams\s+meeting\b|\bmeeting\s+ID\b|\bjoin\s+(?:the\s+)?meeting\b|"
                     r"\bjoin on your computer\b|\bclick here to join\b", re.I)
# Findings that are acknowledgments of an engagement rather than signatures of a contract.
ACK_KINDS = frozenset({"email", "ack"})


@dataclass(frozen=True)
class AckSubject:
    """The products one acknowledgment document names: the claimed ones and the others."""

    document: str
    claimed: tuple[str, ...]
    others: tuple[str, ...]

    @property
    def elsewhere(self) -> bool:
        """It names other catalogue products and none of the claimed ones."""
        return bool(self.others) and not self.claimed


def ack_subject(ctx: CheckContext, view: DocView) -> AckSubject:
    """The claimed and the other catalogue products ``view`` names (cached per document on ctx)."""
    cache: dict[str, AckSubject] = ctx.shared.setdefault("ack_subjects", {})
    if view.path not in cache:
        gs = GrowthSubject(ctx.claim.products, view)
        written: dict[str, dict[str, str]] = {}  # catalogue name -> the document's words for it
        for seg in view.segments:
            if _INVITE.search(seg.text):
                continue  # a meeting invitation's footer names the meeting tool, not the engagement
            for words, name in gs.unclaimed_in(seg.text):
                forms = written.setdefault(name, {})
                if words.lower() != name.lower():
                    forms.setdefault(words.lower(), words)
        others = tuple(_label(name, list(forms.values())) for name, forms in written.items())
        cache[view.path] = AckSubject(view.path, tuple(gs.claimed_named()), others)
    return cache[view.path]


def off_subject(ctx: CheckContext, finding: SigFinding) -> AckSubject | None:
    """The subject of ``finding``'s document when it is an acknowledgment of another engagement, else None."""
    if finding.kind not in ACK_KINDS or not ctx.claim.products or not finding.evidence:
        return None
    path = finding.evidence[0].document
    view = next((v for v in ctx.views if v.path == path), None)
    if view is None:
        return None
    subject = ack_subject(ctx, view)
    return subject if subject.elsewhere else None


def _label(name: str, written: list[str]) -> str:
    """The catalogue name, with the document's own words for it where they differ
    ('Microsoft Defender for Endpoint ("Defender for Business")')."""
    return f"{name} ({', '.join(chr(34) + w + chr(34) for w in written[:3])})" if written else name


def _names(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _claimed_name(cp: ClaimedProduct) -> str:
    """The claim's own name for a product, or the catalogue's where the claim gives only its code."""
    name = cp.name.strip()
    if name and name != cp.code:
        return name
    found = find_product(cp.code) or find_product(cp.name)
    return found.name if found is not None else cp.key


def off_subject_reason(ctx: CheckContext, subject: AckSubject) -> Reason:
    """R-SIG-011 naming the products the acknowledgment concerns and the claimed ones."""
    claimed = [_claimed_name(cp) for cp in ctx.claim.products]
    return reason("R-SIG-011", document=subject.document, other=_names(subject.others[:3]),
                  claimed=_names(claimed))
