"""What a statement or a document is about: the claimed products, another vendor's, or none (D-11.2, D-11.3).

Rules real SOWs need and generated POEs never exercised:

- A *weak* mention, an alias the catalogue marks as an everyday word ('Teams', 'MDM',
  'WINDOWS') or a generic feature term it lists in lower case ('data loss prevention'), names
  the product only when the same document also names it by its brand ('Microsoft Teams'), or
  when one of its nouns follows ('Teams meetings'); an everyday word also in any document
  naming Microsoft products by brand. In a SOW for another platform 'Pilot Teams Onboarded'
  are people and 'MIGRATION WINDOWS' are maintenance windows.
- Growth evidence must concern the claim's products (D-11.3 with D-11.2), not another vendor's
  platform: see :func:`other_vendor_document` and ``growth._concerns``.
- A product the document migrates away from is not worked on (:func:`left_behind`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from scoring.catalogue import Product, all_products, find_mentions
from scoring.checks.text import DocView

Mention = tuple[int, int, Product]

# Other vendors' platforms a partner's SOW may be about (a Microsoft claim is never growth of
# these): brand words that open their product names.
OTHER_VENDOR = re.compile(
    r"\b(?:Google(?: Workspace| Cloud)?|GCP|Gmail|AWS|Amazon|Cisco|Dell(?: EMC)?|VMware|vSphere|HashiCorp|Terraform|"
    r"IBM|Red Hat|OpenShift|Ansible|Juniper|NVIDIA|Omniverse|Salesforce|ServiceNow|Oracle|SAP|Workday|Zoom|Slack|"
    r"Okta|Atlassian|Jira|Confluence|Citrix|Nutanix|HPE|Palo Alto|Fortinet|Zscaler|Splunk|CrowdStrike|Snowflake|"
    r"Databricks|Adobe|Box|Dropbox|Webex)\b")


def _compact(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.lower())


@lru_cache(maxsize=1)
def _everyday_keys() -> dict[str, frozenset[str]]:
    return {p.code: frozenset(_compact(a) for a in p.everyday) for p in all_products()}


@lru_cache(maxsize=1)
def _weak_keys() -> dict[str, frozenset[str]]:
    """Per product code, the compacted aliases that are everyday words or generic terms."""
    out: dict[str, frozenset[str]] = {}
    for p in all_products():
        weak = {re.sub(r"[\s_\-]+", "", a.lower()) for a in (*p.everyday, *(a for a in p.aliases if a == a.lower()))}
        out[p.code] = frozenset(weak)
    return out


# What follows an everyday alias when it is the product: 'Teams meetings', 'MDM policies'.
_PRODUCT_NOUN = re.compile(r"[\s\-]+(?:meetings?|chats?|channels?|calls?|calling|phones?|rooms?|voice|webinars?|apps?|"
                           r"clients?|tenants?|admin\w*|polic(?:y|ies)|enrol\w*|licen[cs]es?)\b", re.I)


def _everyday(text: str, mention: Mention) -> bool:
    s, e, p = mention
    return re.sub(r"[\s_\-]+", "", text[s:e].lower()) in _weak_keys().get(p.code, frozenset())


def is_weak(text: str, mention: Mention) -> bool:
    if not _everyday(text, mention):
        return False
    s, e, _ = mention
    word = text[s:e]
    # an everyday alias (not a lower-case generic term) followed by one of the product's nouns is the product
    return word == word.lower() or not _PRODUCT_NOUN.match(text, e)


def strong_codes(view: DocView) -> frozenset[str]:
    """Codes the document names by brand somewhere, never by an everyday alias alone ('Slack/Teams
    channels' names Teams there, not in 'Development Teams'); kept on the view as a cached_property would."""
    cached: frozenset[str] | None = view.__dict__.get("_strong_codes")
    if cached is None:
        cached = frozenset(m[2].code for seg in view.segments for m in find_mentions(seg.text)
                           if not _everyday(seg.text, m))
        view.__dict__["_strong_codes"] = cached
    return cached


def mentions_in(view: DocView, text: str) -> list[Mention]:
    """Product mentions of ``text``, without weak ones of products the document never names by
    brand. In a document naming Microsoft products by brand, an everyday alias is the product ('The
    Partner will not migrate or reconfigure Teams'); a generic feature term is not."""
    strong = strong_codes(view)
    return [m for m in find_mentions(text) if m[2].code in strong or not is_weak(text, m)
            or strong and _compact(text[m[0]:m[1]]) in _everyday_keys().get(m[2].code, frozenset())]


def other_vendor_document(view: DocView, claimed_mentions: int) -> bool:
    """True when the document names one other vendor's platform more often than the claimed
    products: its subject. (Tools it merely integrates with, a ticketing system here and a chat
    channel there, are each named less often than the product of the work.)"""
    counts = Counter(m.group(0).split()[0].lower() for m in OTHER_VENDOR.finditer(view.text))
    return bool(counts) and max(counts.values()) > max(claimed_mentions, 2)


_MIGRATION = re.compile(r"\b(?:migrat\w*|mov(?:e|es|ed|ing)|transition\w*|switch\w*|replac\w*|cut\s?over)\b", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:the|its|their|an?|existing|legacy|current|old)\s+)*$", re.I)
_TO_AFTER = re.compile(r"[^.;]{0,80}?\b(?:to|into|onto)\s+\S", re.I)
_PAIR_AFTER = re.compile(r"\s*(?:to|->|→)\s+[A-Z]")  # 'Mailbox migration (Exchange to Gmail)'
_TO_BEFORE = re.compile(r"\b(?:to|into|onto)\s+(?:(?:the|a|new|modern)\s+)*$", re.I)


def left_behind(view: DocView, spans_of: Callable[[str], list[tuple[int, int]]]) -> bool:
    """True when the document migrates *away* from the product: it is named as a migration's
    source ('migrate 500 users from Microsoft Exchange ... to Google Workspace', 'Mailbox
    migration (Exchange to Gmail)') and never as its target. Its assessment, coexistence and
    decommissioning are then the work of leaving it, not work on it (D-11.2)."""
    source = False
    for seg in view.segments:
        text = seg.text
        if not _MIGRATION.search(text):
            continue
        for s, e in spans_of(text):
            before = text[max(0, s - 40):s]
            if _TO_BEFORE.search(before):
                return False
            if _FROM_BEFORE.search(before) and _TO_AFTER.match(text, e) or _PAIR_AFTER.match(text, e):
                source = True
    return source
