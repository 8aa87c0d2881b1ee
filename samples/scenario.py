"""The seeded scenario model: what each claim of the corpus is, and the truth of each criterion.

(This module holds the model and the labels; ``builder`` draws the corpus and ``planner`` each
claim's documents.)

A scenario is decided before any document is written. For each claim it draws the truth of the
six criteria, the hard case that realises each negative (and some positives), the products with
their per-product truth, the eligibility story (D-3, D-7, D-8) and a document plan: which files
the partner uploaded and, for each file, what it shows (``DocPlan``). ``compose`` then writes
documents that say exactly that, so the labels are true by construction; the tests read the
rendered files back to check.

Rules the planner keeps (so that no label is a matter of opinion):
- A criterion is met when at least one readable document carries it, and not met when none does.
- A document naming ANOTHER customer or partner never carries a customer signature at the same
  time (whether such a signature "acknowledges the claiming partner" would be arguable).
- E-mails and purchase orders always name both parties and carry a date, so they appear only when
  names and dates are met; a signed block with dates not met is an undated signature.
- Dates are far from the 12-month boundary and never dd/mm vs mm/dd ambiguous (see ``dates``).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from samples import names as nm
from samples.docmodel import Format

CRITERIA = ("customer_signature", "partner_name", "customer_name", "dates", "product_links", "growth_activities")
Label = str | list[str]

# Document kinds and what they can carry.
KIND_FORMATS: dict[str, tuple[tuple[Format, int], ...]] = {
    "sow": (("pdf", 62), ("docx", 34), ("scan_pdf", 4)),
    "msa": (("pdf", 70), ("docx", 30)),
    "po": (("pdf", 86), ("png", 7), ("scan_pdf", 7)),
    "poe_template": (("xlsx", 100),),
    "email_ack": (("eml", 100),),
    "email_partner": (("eml", 100),),
    "letter": (("pdf", 50), ("docx", 50)),
    "change": (("docx", 55), ("pdf", 45)),
    "quote": (("pdf", 100),),
    "signed_page": (("scan_pdf", 55), ("png", 45)),
}
# (document kinds in upload order, weight). E-mails and POs fit only claims whose names and dates
# are met, so their stories weigh more to keep ~8% of files e-mails.
STORIES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("sow",), 30), (("sow", "email_ack"), 16), (("sow", "po"), 6), (("msa", "sow"), 5), (("poe_template",), 10),
    (("poe_template", "sow"), 5), (("email_ack",), 8), (("letter",), 5), (("po",), 4), (("sow", "change"), 4),
    (("quote", "email_ack"), 4), (("sow", "signed_page"), 3), (("sow", "email_partner"), 8), (("msa",), 2),
    (("poe_template", "email_ack"), 8), (("sow", "quote"), 2), (("letter", "po"), 2), (("change", "sow"), 1),
    (("letter", "email_partner"), 3),
)
NEEDS_NAMES_AND_DATES = {"email_ack", "email_partner", "po", "quote"}
SIG_POSITIVE_BY_KIND = {
    "sow": ("block", "block", "block", "docusign", "adobe", "e_signed"),
    "msa": ("block", "block", "docusign"),
    "letter": ("block", "block", "e_signed", "adobe"),
    "change": ("block", "block", "docusign"),
    "poe_template": ("template_ack",),
    "po": ("po_approved",),
    "email_ack": ("email_ack", "email_ack", "email_forwarded"),
    "signed_page": ("block",),
}
UNDATED_OK = {"block", "e_signed", "template_ack"}  # signatures that can stand without a date
SIG_NEGATIVE_BY_KIND = {  # repeated entries weigh more: blank blocks and partner-only signatures are the usual
    "sow": ("blank", "blank", "blank", "placeholder", "partner_only", "partner_only", "partner_only", "draft", "draft",
            "old", "old", "other_org", "none", "none"),
    "msa": ("blank", "partner_only", "partner_only", "old", "other_org"),
    "letter": ("blank", "partner_only", "none", "old"),
    "change": ("blank", "partner_only", "draft"),
    "poe_template": ("blank", "blank", "blank", "old", "other_org"),
    "signed_page": ("partner_only", "old", "blank"),
    "quote": ("blank", "none"),
    "email_partner": ("partner_email",),
}
GROWTH_KINDS = {"sow", "poe_template", "letter", "email_ack", "email_partner", "change", "po"}
PRODUCT_KINDS = {"sow", "msa", "poe_template", "letter", "change", "po", "email_ack", "email_partner", "quote"}
MENTION_HOW_BY_KIND = {
    "sow": ("background", "licensing", "assumption", "out_of_scope", "negation"),
    "msa": ("background",),
    "poe_template": ("licensing", "background"),
    "letter": ("background", "out_of_scope", "negation"),
    "change": ("out_of_scope", "negation"),
    "po": ("licensing",),
    "quote": ("licensing",),
    "email_ack": ("background", "negation"),
    "email_partner": ("background", "negation"),
}
LINK_HOW_BY_KIND = {
    "sow": ("sentence", "sentence", "headed_list", "table_row"),
    "msa": ("schedule",),
    "poe_template": ("template_row",),
    "letter": ("sentence",),
    "change": ("sentence", "table_row"),
    "po": ("po_line",),
    "email_ack": ("email_scope",),
    "email_partner": ("email_scope",),
}
NAME_POSITIVE = ("full", "full", "full", "variant", "variant", "upper", "nosuffix")
ELIGIBILITY_KINDS = ("power_bi_cpor", "csp_subscription", "subscription_not_on_tenant", "subscription_not_dynamics",
                     "activation_47h", "not_a_subscription_id", "revenue_association_outside_osa")


@dataclass
class ProductTruth:
    code: str
    name: str  # as claimed (the official name)
    truth: str  # linked | mentioned | absent
    how: str  # how the truth is realised (see LINK_HOW_BY_KIND / MENTION_HOW_BY_KIND; absent: not_named|sibling)
    subscription_id: str | None = None
    written: str = "full"  # linked/mentioned: full | alias | code


@dataclass
class DocPlan:
    kind: str
    fmt: Format
    filename: str = ""
    partner: str = "generic"  # full|variant|upper|nosuffix|amp | placeholder|generic|other
    customer: str = "generic"
    sig: str = "none"  # see SIG_*_BY_KIND; "after" = customer dated after submission
    dates: str = "recent"  # recent | old | tbd | placeholder | blank | none | distractor
    growth: str = "none"  # numeric | plain | table | goodwill | technical | none | template_empty
    products: dict[str, str] = field(default_factory=dict)  # code -> "link:<how>" | "mention:<how>"
    comment: str = ""
    corrupt: bool = False
    style: str = "long_uk"  # how its dates are written (samples.dates.fmt)


@dataclass
class ClaimScenario:
    index: int
    claim_id: str
    seed: str  # the compose seed of this claim
    program: str
    solution_area: str
    activity: str
    created_at: datetime
    submitted_at: datetime
    mpn_id: str
    partner: nm.Org
    partner_contact: nm.Person
    partner_signer: nm.Person
    customer: nm.Org
    customer_label_name: str  # the name the customer criterion is judged against
    tenant_id: str
    in_directory: bool
    customer_contact: nm.Person
    customer_signer: nm.Person
    approver: nm.Person  # customer procurement (purchase orders)
    other_partner: nm.Org
    other_customer: nm.Org
    third_party: nm.Org  # a subcontractor / service provider named in passing
    products: list[ProductTruth]
    docs: list[DocPlan]
    truth: dict[str, Label]
    cases: list[str]
    eligible: bool = True
    rules: list[str] = field(default_factory=list)
    recommendation: str = "request_info"
    extra_products: dict[str, str] = field(default_factory=dict)  # unclaimed products the POE talks about
    claim_name: str = ""
    comment: str = ""


@dataclass
class Tenant:
    tenant_id: str
    display_name: str
    domains: list[str]
    subscriptions: list[dict[str, Any]]
    listed: bool = True


@dataclass
class Corpus:
    seed: int
    n: int
    claims: list[ClaimScenario]
    tenants: list[Tenant]
    conflicts: list[dict[str, Any]]


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _wchoice(rng: random.Random, options: tuple[tuple[Any, int], ...]) -> Any:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


# ---------------------------------------------------------------------------------------------
# Truth drawing


def draw_truth(rng: random.Random, all_met_share: float = 0.25) -> dict[str, str]:
    """About a quarter of claims are all met (so approvals exist); the rest draw each criterion
    independently with p(met) = 1/3, which makes each criterion about half met overall."""
    if rng.random() < all_met_share:
        return {c: "met" for c in CRITERIA}
    return {c: ("met" if rng.random() < 1 / 3 else "not_met") for c in CRITERIA}


# ---------------------------------------------------------------------------------------------
# Labels derived from the plan (the single source of truth the labels file is written from)

SIG_POSITIVE = {"block", "docusign", "adobe", "e_signed", "template_ack", "po_approved", "email_ack", "email_forwarded"}
NAME_POSITIVE_MODES = {"full", "variant", "upper", "nosuffix", "amp"}
GROWTH_POSITIVE = {"numeric", "plain", "table", "template"}


def truth_from_docs(sc: ClaimScenario) -> dict[str, Label]:
    docs = [d for d in sc.docs if not d.corrupt]
    out: dict[str, Label] = {}
    if any(d.sig in SIG_POSITIVE for d in docs):
        out["customer_signature"] = "met"
    elif any(d.sig == "after" for d in docs):
        out["customer_signature"] = ["not_met", "unclear"]  # dated after submission: genuinely arguable
    else:
        out["customer_signature"] = "not_met"
    out["partner_name"] = "met" if any(d.partner in NAME_POSITIVE_MODES for d in docs) else "not_met"
    out["customer_name"] = "met" if any(d.customer in NAME_POSITIVE_MODES for d in docs) else "not_met"
    out["dates"] = "met" if any(d.dates == "recent" for d in docs) else "not_met"
    out["product_links"] = "met" if all(product_truth(sc, p.code) == "linked" for p in sc.products) else "not_met"
    # Growth counts for the claim only where its products are named at all (D-11.3 with D-11.2):
    # a statement naming no product speaks of the POE's own products, none of them claimed here.
    named = any(product_truth(sc, p.code) != "absent" for p in sc.products)
    out["growth_activities"] = "met" if named and any(d.growth in GROWTH_POSITIVE for d in docs) else "not_met"
    return out


def product_truth(sc: ClaimScenario, code: str) -> str:
    modes = [d.products.get(code, "") for d in sc.docs if not d.corrupt]
    if any(m.startswith("link:") for m in modes):
        return "linked"
    if any(m.startswith("mention:") for m in modes):
        return "mentioned"
    return "absent"


def first(label: Label) -> str:
    return label[0] if isinstance(label, list) else label


def recommendation(sc: ClaimScenario) -> str:
    if sc.activity == "Revenue association" and sc.program == "OSA Sell" and sc.eligible:
        return "approve"  # D-7: no POE needed
    if not sc.eligible:
        return "reject"
    readable = [d for d in sc.docs if not d.corrupt]
    if not readable:
        return "reject"  # D-16
    verdicts = [first(v) for v in sc.truth.values()]
    if all(v == "not_met" for v in verdicts):
        return "reject"
    if all(v == "met" for v in verdicts):
        return "approve"
    return "request_info"


def build_corpus(n: int, seed: int = 7) -> Corpus:
    """The whole corpus's scenarios (``samples.builder`` does the drawing)."""
    # lazy: import cycle (samples.builder imports the scenario types from this module)
    from samples.builder import CorpusBuilder

    return CorpusBuilder(n, seed).build()
