"""Known corrections and decisions on the web test store (helpers, not tests): the agreement
figures of tests/reports/test_agreement.py and of the browser test of the analyst's page are
worked out by hand from exactly these."""

from __future__ import annotations

from datetime import timedelta

from pipeline.corrections import CorrectionIn
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from tests.web.store_builder import Built, analysis

RITA = Actor("rita", Role.REVIEWER)


def add_known_corrections(built: Built) -> None:
    """On the store of :func:`tests.web.store_builder.build_store`:

    - 1000001 (signature not_met, growth unclear, the rest met): signature corrected to met, no decision;
    - 1000005 (all met but growth unclear), approved as recommended: its verdicts stand as labels;
    - 1000003 (signature not_met, growth unclear), rejected as recommended, dates corrected to not met;
    - a newer scoring version ("9.9") re-analyses 1000003 an hour later, saying signature met.
    """
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    service.correct(RITA, "1000001", [CorrectionIn("customer_signature", "met", document="SOW.pdf", where="page 2")])
    service.decide(RITA, "1000005", "approve", "")
    service.decide(RITA, "1000003", "reject", "no customer signature")
    service.correct(RITA, "1000003", [CorrectionIn("dates", "not_met", note="only a quote's validity date")])
    newer = analysis("1000003", None, signature="met", recommendation="approve", score=70)
    newer["scoring_version"] = "9.9"
    built.clock.set(built.clock.now() + timedelta(hours=1))
    service.record_analysis("1000003", 1, newer)
