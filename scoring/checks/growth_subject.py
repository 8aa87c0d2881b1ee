"""Which claimed product a growth statement concerns (D-11.3 read with D-11.2; issue 12, issue 15).

Growth counts only as growth of a product the partner claims. Per document:

- a statement naming a claimed product (by catalogue name, code or alias; a product the claim
  names outside the catalogue by its own words; any workload of a claimed suite) concerns it;
- a statement naming only other products - another vendor's platform ('95%+ user adoption of
  Google Workspace'), or a Microsoft product the claim does not name ('grow SharePoint usage' on
  an Entra ID claim, 'Azure Virtual Desktop adoption' on an Intune claim) - concerns none;
- a statement naming no product ('100% user adoption', '50 users onboarded') concerns the
  document's subject: the claimed product it names most (or, naming none, the one the claim's other
  documents name: a POE template beside the SOW), never when no document of the claim names a
  claimed product (a contract's own sales volumes on a Microsoft 365 claim), when the document
  is mainly about another vendor's platform (:func:`subject.other_vendor_document`), or when its
  title names another platform and it names the claimed product once at most ('Azure Virtual
  Desktop Implementation' listing Intune among its components).

:class:`GrowthSubject` answers with the claimed product's name, so that the evidence says which
product the quoted growth is growth of.
"""

from __future__ import annotations

import re
from collections import Counter

from scoring.catalogue import find_product
from scoring.checks.subject import OTHER_VENDOR, mentions_in, other_vendor_document
from scoring.checks.text import DocView
from scoring.types import ClaimedProduct

# A Microsoft platform the catalogue does not list ('Azure Virtual Desktop', 'Microsoft Sentinel'):
# the brand and one to three capitalised words. Words after the brand that name the company or
# its programmes, not a product, do not make one.
BRANDED = re.compile(r"\b(?:Microsoft|Azure)(?:\s+(?!(?:Partner|Corporation|Corp|Inc|Ltd|Customer|Account|Support|"
                     r"Services?|Consulting|Learn|Docs|Solutions?|Agreement|Terms|Products?|Licensing|Licen[cs]es?|"
                     r"Partners?|Cloud Partner|Implementation|Deployment|Statement|Proposal|CPOR|POE)\b)"
                     r"(?:[A-Z][A-Za-z0-9]+|365)){1,3}")
# The first lines of a document that can be its title, and what is never one.
TITLE_LINES = 4
_NOT_TITLE = re.compile(r"^\s*(?:statement of work|scope of work|solution briefing|proposal|sow|contents|"
                        r"table of contents)\s*$|:|\|", re.I)


def _words_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"[\s\-]*".join(map(re.escape, name.split())) + r"(?!\w)", re.I)


class GrowthSubject:
    """The claimed product, if any, that a growth statement of ``view`` concerns."""

    def __init__(self, products: tuple[ClaimedProduct, ...], view: DocView) -> None:
        self.view = view
        self.by_code: dict[str, str] = {}  # catalogue code (and included codes) -> claimed name
        self.families: dict[str, str] = {}  # family of a claimed suite -> claimed name
        self.own: list[tuple[re.Pattern[str], str]] = []  # products outside the catalogue
        for cp in products:
            p = find_product(cp.code) if cp.code else None
            p = p or find_product(cp.name)
            if p is None:
                if cp.name.strip():
                    self.own.append((_words_pattern(cp.name), cp.name.strip()))
                continue
            label = p.name
            for code in (p.code, *p.includes):
                self.by_code.setdefault(code, label)
            if p.family and p.name.lower().startswith(p.family.lower() + " "):
                self.families.setdefault(p.family.lower(), label)
        self.counts: Counter[str] = Counter()
        for seg in view.segments:
            for name in self._claimed_in(seg.text):
                self.counts[name] += 1
        self.subject: str | None = None

    def _claimed_in(self, text: str) -> list[str]:
        """The claimed products ``text`` names, in the claim's words."""
        out = []
        for _s, _e, p in mentions_in(self.view, text):
            name = self.by_code.get(p.code) or self.families.get(p.family.lower())
            if name:
                out.append(name)
        out += [name for pattern, name in self.own if pattern.search(text)]
        # 'Microsoft 365' on a Microsoft 365 E3/E5 claim: the claimed suite by its family's name
        out += [self.families[k] for m in BRANDED.finditer(text)
                if (k := " ".join(m.group(0).lower().split())) in self.families]
        return out

    def unclaimed_in(self, text: str) -> list[tuple[str, str]]:
        """The catalogue products ``text`` names that the claim does not, in text order: (as
        written, catalogue name) - 'Defender for Business', 'Microsoft Defender for Endpoint'."""
        return [(" ".join(text[s:e].split()), p.name) for s, e, p in mentions_in(self.view, text)
                if p.code not in self.by_code and p.family.lower() not in self.families]

    def claimed_named(self) -> list[str]:
        """The claimed products the document names anywhere (the claim's words), most named first."""
        return [name for name, _ in self.counts.most_common()]

    def _others_in(self, text: str) -> bool:
        """Does ``text`` name a product or platform the claim does not?"""
        if OTHER_VENDOR.search(text):
            return True
        if self.unclaimed_in(text):
            return True
        return any(not self._claimed_in(m.group(0)) for m in BRANDED.finditer(text))

    def _title(self) -> str:
        lines = [seg.text for seg in self.view.segments[:TITLE_LINES]
                 if seg.kind != "row" and len(seg.text.split()) <= 12 and not _NOT_TITLE.search(seg.text)]
        return " ".join(lines)

    def settle(self, claim_counts: Counter[str]) -> None:
        """Fix the document's subject, given how often the claim's documents together name each
        claimed product (a POE template may state growth while the SOW beside it names the product)."""
        if not claim_counts or other_vendor_document(self.view, sum(self.counts.values())):
            return
        title = self._title()
        if sum(self.counts.values()) <= 1 and title and not self._claimed_in(title) and self._others_in(title):
            return  # 'Azure Virtual Desktop Implementation' naming Intune once among its components
        self.subject = (self.counts or claim_counts).most_common(1)[0][0]

    def product_of(self, text: str) -> str | None:
        """The claimed product a statement concerns, or None (another product's, or no claimed one's)."""
        mine = self._claimed_in(text)
        if mine:
            return mine[0]
        if self._others_in(text):
            return None
        return self.subject


def growth_subjects(products: tuple[ClaimedProduct, ...], views: list[DocView]) -> list[GrowthSubject]:
    """One :class:`GrowthSubject` per document of a claim, each knowing what the others name."""
    subjects = [GrowthSubject(products, v) for v in views]
    total: Counter[str] = Counter()
    for s in subjects:
        total.update(s.counts)
    for s in subjects:
        s.settle(total)
    return subjects
