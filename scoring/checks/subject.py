"""What a statement or a document is about: the claimed products, another vendor's, or none (D-11.2, D-11.3).

Two rules real SOWs need and generated POEs never exercised:

- A *weak* mention, an alias the catalogue marks as an everyday word ('Teams', 'MDM',
  'WINDOWS') or a generic feature term it lists in lower case ('mobile device management'),
  names the product only when the same document also names it by its brand ('Microsoft
  Teams', 'Intune'). In a SOW for another platform 'Pilot Teams Onboarded' are people and
  'MIGRATION WINDOWS' are maintenance windows.
- Growth evidence must concern a claimed product (D-11.3 with D-11.2): a statement naming
  products concerns the claim when one of them is claimed; one naming none concerns the
  document's own product, which is the claimed one only when the claim's work on it is shown
  and the document is not mostly about another vendor's platform.
"""

from __future__ import annotations

import re
from collections import Counter
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


@lru_cache(maxsize=1)
def _weak_keys() -> dict[str, frozenset[str]]:
    """Per product code, the compacted aliases that are everyday words or generic terms."""
    out: dict[str, frozenset[str]] = {}
    for p in all_products():
        weak = {re.sub(r"[\s_\-]+", "", a.lower()) for a in (*p.everyday, *(a for a in p.aliases if a == a.lower()))}
        out[p.code] = frozenset(weak)
    return out


def is_weak(text: str, mention: Mention) -> bool:
    s, e, p = mention
    return re.sub(r"[\s_\-]+", "", text[s:e].lower()) in _weak_keys().get(p.code, frozenset())


def strong_codes(view: DocView) -> frozenset[str]:
    """Codes the document names by brand somewhere (kept on the view, as a cached_property would)."""
    cached: frozenset[str] | None = view.__dict__.get("_strong_codes")
    if cached is None:
        cached = frozenset(m[2].code for seg in view.segments for m in find_mentions(seg.text)
                           if not is_weak(seg.text, m))
        view.__dict__["_strong_codes"] = cached
    return cached


def mentions_in(view: DocView, text: str) -> list[Mention]:
    """Product mentions of ``text``, without weak ones of products the document never names by brand."""
    strong = strong_codes(view)
    return [m for m in find_mentions(text) if m[2].code in strong or not is_weak(text, m)]


def other_vendor_document(view: DocView, claimed_mentions: int) -> bool:
    """True when the document names one other vendor's platform more often than the claimed
    products: its subject. (Tools it merely integrates with, a ticketing system here and a chat
    channel there, are each named less often than the product of the work.)"""
    counts = Counter(m.group(0).split()[0].lower() for m in OTHER_VENDOR.finditer(view.text))
    return bool(counts) and max(counts.values()) > max(claimed_mentions, 2)
