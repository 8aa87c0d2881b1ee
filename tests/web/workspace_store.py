"""The web test store with the cases the workspace review found (helpers, not tests): a claim
recommended Reject for ineligibility beside an unreadable file, a claim scored by the real
scoring (``scoring.analyze`` over fixed criteria) asking for four items, an analysis listing the
same quote three times, and the analysts' report written into the data directory once a request was made."""

from __future__ import annotations

import copy

from pipeline.reports.report import build_report
from pipeline.service import ClaimService
from tests.web.store_builder import Built, analysis


def _rejected_as_ineligible() -> dict[str, object]:
    result = analysis("1000003", None, signature="not_met", recommendation="reject", score=41)
    result["reasons"].insert(0, {"code": "R-DEC-004", "rule": "D-3", "criterion": None,  # type: ignore[attr-defined]
                                 "message": "The claim is ineligible whatever its POE (R-ELIG-001): recommend rejection."})
    result["documents"][1].update(status="unreadable", error="damaged file")  # type: ignore[index]
    result["reasons"].append({"code": "R-DOC-003", "rule": "D-24", "criterion": None,  # type: ignore[attr-defined]
                              "message": "Email.docx could not be read (damaged file); upload it again."})
    return result


def _scored_request() -> dict[str, object]:
    """What the scoring says of 1000001 when the signature is missing, one of its two products is
    not shown and a file could not be read: four requests, and a note that asks for nothing."""
    from scoring.analyze import analyze_claim
    from scoring.types import ClaimedProduct
    from tests.scoring.glue import all_met, fake_checks, make_claim, result, text_doc

    claim = make_claim(claim_id="1000001", products=(ClaimedProduct("Dynamics 365 Sales Enterprise", "D365_SALES_ENT"),
                                                     ClaimedProduct("Dynamics 365 Marketing", "D365_MKT")))
    criteria = all_met(customer_signature=result("customer_signature", "not_met"))
    criteria["product_links"] = result("product_links", "not_met", products={"D365_SALES_ENT": "linked", "D365_MKT": "absent"})
    docs = [text_doc("SOW.pdf", "Statement of Work"), text_doc("Scan.pdf", status="unreadable", error="password-protected")]
    return analyze_claim(claim, docs, checks=fake_checks(criteria)).to_json()


def _repeated_quotes(bbox: tuple[float, float, float, float]) -> dict[str, object]:
    result = analysis("1000002", bbox, recommendation="approve", score=88)
    criteria = result["criteria"]
    signature = criteria["customer_signature"]["evidence"][0]  # type: ignore[index]
    spaced = {**signature, "text": signature["text"].replace(" ", "  ")}
    criteria["customer_signature"]["evidence"] = [signature, spaced, copy.deepcopy(signature)]  # type: ignore[index]
    date = criteria["dates"]["evidence"][0]  # type: ignore[index]
    criteria["dates"]["evidence"] = [date, dict(date), {**signature, "note": ""}]  # type: ignore[index]
    return result


def add_workspace_cases(built: Built) -> None:
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    service.record_analysis("1000003", 1, _rejected_as_ineligible())
    service.record_analysis("1000001", 1, _scored_request())
    service.record_analysis("1000002", 1, _repeated_quotes(built.signature_bbox))


def write_report_after_a_request(built: Built) -> None:
    """The analysts' report as the nightly run writes it, once 1000001 (scored R-DEC-002) went to
    Partner action required: its causes table lists R-DEC-002 with the code's meaning."""
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    rita = service.actor("rita")
    assert rita is not None
    if service.get_claim(rita, "1000001").status == "Under review":
        service.decide(rita, "1000001", "request_info", "", ["countersigned SOW"])
    build_report(built.engine, None, built.data_dir / "reports", as_of=built.clock.now())
