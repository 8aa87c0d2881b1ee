"""The demo inbox: a dozen hand-picked claims, generated like the corpus from a fixed seed.

Each claim shows one thing a reviewer meets in practice (see ``SPECS``): a conflict with a clear
winner, a Power BI claim under CPOR (D-3), an unsigned draft, a damaged PDF beside a good SOW, a
revenue association with no POE (D-7), a scanned POE, the POE template workbook, an e-mail
acknowledgment, a subscription activated 47 hours before the claim (D-8), a claim naming a product
the POE puts out of scope, and a purchase order as the customer's sign-off. Rebuilding gives the
same bytes: ``labels.json`` at the root holds the truth, as in a corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from samples.builder import CorpusBuilder
from samples.corpus import write_corpus
from samples.scenario import CRITERIA, ClaimScenario, Corpus, recommendation, truth_from_docs

SEED = 20260
ALL_MET = {c: "met" for c in CRITERIA}


def _with(**changes: str) -> dict[str, str]:
    truth = dict(ALL_MET)
    truth.update(changes)
    return truth


def _retune(sc: ClaimScenario, change: Callable[[ClaimScenario], None], drop: set[str], *cases: str) -> None:
    """Adjust a planned claim (the demo wants one particular case), then re-derive its labels."""
    change(sc)
    sc.truth = truth_from_docs(sc)
    sc.recommendation = recommendation(sc)
    sc.cases = [c for c in sc.cases if c != "all_met" and c not in drop] + list(cases)
    if sc.recommendation == "approve" and sc.docs:
        sc.cases.append("all_met")


SIG_TAGS = {"customer_block_blank", "signature_placeholder", "partner_only_signature", "unsigned_draft",
            "signature_older_than_12_months", "signed_by_other_org", "no_signature", "signature_after_submission",
            "signature_block", "docusign", "adobe_sign", "signed_electronically"}
PRODUCT_TAGS = {"product_absent", "sibling_sku", "product_background_only", "product_licensing_list",
                "product_assumption_only", "product_negated", "product_out_of_scope"}


def _draft(sc: ClaimScenario) -> None:
    sc.docs[0].sig = "draft"


def _wet_signature(sc: ClaimScenario) -> None:
    sc.docs[0].sig = "block"


def _damaged_pdf(sc: ClaimScenario) -> None:
    for d in sc.docs:
        if d.corrupt:
            d.fmt = "pdf"


def _purview_out_of_scope(sc: ClaimScenario) -> None:
    sc.docs[0].products["PURVIEW"] = "mention:out_of_scope"


def demo_corpus() -> Corpus:
    b = CorpusBuilder(12, SEED)
    # 1-2. A D-18 conflict on Teams: a signed SOW with a customer e-mail against a partner-only SOW.
    winner = b.new_claim("normal", truth=ALL_MET, program="OSU-Microsoft 365", codes=["TEAMS"],
                         story=("sow", "email_ack"), fmts=("pdf", "eml"), listed=True)
    tenant = next(t for t in b.tenants if t.tenant_id == winner.tenant_id)
    loser = b.new_claim("normal", truth=_with(customer_signature="not_met", growth_activities="not_met"),
                        program="OSU-Microsoft 365", codes=["TEAMS"], story=("sow",), fmts=("docx",),
                        customer=(winner.customer, tenant), partner_exclude={winner.partner.name},
                        created=winner.created_at + timedelta(days=3, hours=4))
    winner.cases.append("conflict_winner")
    loser.cases.append("conflict_loser")
    b.conflicts.append({"claims": sorted((winner.claim_id, loser.claim_id)), "winner": winner.claim_id,
                        "tenant_id": winner.tenant_id, "product": "TEAMS"})
    # 3. Power BI claimed under CPOR (D-3): a fine POE does not make it eligible.
    b.new_claim("power_bi_cpor", truth=ALL_MET, codes=["POWER_BI"], story=("sow",), fmts=("pdf",))
    # 4. An unsigned draft SOW.
    draft = b.new_claim("normal", truth=_with(customer_signature="not_met"), program="OSU-Microsoft 365",
                        codes=["INTUNE"], story=("sow",), fmts=("docx",), listed=True)
    _retune(draft, _draft, SIG_TAGS, "unsigned_draft")
    # 5. A damaged PDF beside a good SOW.
    damaged = b.new_claim("corrupt", truth=ALL_MET, program="OSU-Business Applications", codes=["D365_SALES_ENT"],
                          story=("sow",), fmts=("pdf",))
    _retune(damaged, _damaged_pdf, set())
    # 6. A revenue association (OSA Sell): no POE needed (D-7).
    b.new_claim("revenue_association_osa", codes=["D365_BC"])
    # 7. A scanned, signed SOW.
    scanned = b.new_claim("normal", truth=ALL_MET, program="OSU-Microsoft 365", codes=["EXO"], story=("sow",),
                          fmts=("scan_pdf",), listed=True)
    _retune(scanned, _wet_signature, SIG_TAGS, "signature_block")
    # 8. The POE template workbook, acknowledged by the customer.
    b.new_claim("normal", truth=ALL_MET, program="OSU-Business Applications",
                codes=["D365_CUSTOMER_SERVICE", "POWER_AUTOMATE"], story=("poe_template",), fmts=("xlsx",))
    # 9. An e-mail acknowledgment beside an SOW the customer did not sign.
    b.new_claim("normal", truth=ALL_MET, program="OSU-Microsoft 365", codes=["SPO", "ODB"],
                story=("sow", "email_ack"), fmts=("pdf", "eml"), listed=True)
    # 10. A subscription activated 47 hours before the claim (D-8).
    b.new_claim("activation_47h", truth=ALL_MET, codes=["D365_FIELD_SERVICE"], story=("sow",), fmts=("pdf",))
    # 11. Two products claimed, one only named as out of scope (D-12).
    scoped = b.new_claim("normal", truth=_with(product_links="not_met"), program="OSU-Microsoft 365",
                         codes=["ENTRA_ID", "PURVIEW"], story=("sow",), fmts=("pdf",), listed=True)
    if scoped.products[1].truth != "mentioned" or "mention:out_of_scope" not in scoped.docs[0].products.values():
        _retune(scoped, _purview_out_of_scope, PRODUCT_TAGS, "product_out_of_scope")
    # 12. The customer's purchase order as its sign-off, beside the SOW.
    b.new_claim("normal", truth=ALL_MET, program="OSU-Business Applications", codes=["D365_FINANCE"],
                story=("sow", "po"), fmts=("docx", "pdf"))
    return Corpus(seed=SEED, n=len(b.claims), claims=b.claims, tenants=b.tenants, conflicts=b.conflicts)


def build_demo_inbox(dest: Path) -> Path:
    """Write the demo inbox into ``dest`` (replacing what a previous build left) and return it."""
    return write_corpus(demo_corpus(), Path(dest))  # replaces what an earlier build wrote
