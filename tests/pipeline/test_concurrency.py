"""Two reviewers deciding the same claim at the same moment, on two real connections.

Both read the claim (version N) before either writes; the first commit wins and the other's
``UPDATE claims ... WHERE version = N`` matches no row, which the service reports as
ConcurrentUpdate. On PostgreSQL the loser's UPDATE first waits on the winner's row lock.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import ConcurrentUpdate
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from tests.pipeline.claim_factory import partner_claim, write_claim


def _under_review(service: ClaimService, tmp_path: Path) -> None:
    write_claim(tmp_path / "inbox" / "1", partner_claim("1", "111", "Fabrikam"))
    service.ingest(tmp_path / "inbox")
    service.record_analysis("1", 1, {"claim_id": "1", "criteria": {}, "documents": [], "score": 70,
                                     "recommendation": "approve", "reasons": [], "eligibility": []})


@pytest.mark.parametrize(("first", "second"), [("approve", "reject"), ("request_info", "approve")])
def test_two_reviewers_at_once_exactly_one_wins(
    service: ClaimService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str, second: str
) -> None:
    _under_review(service, tmp_path)
    both_read = threading.Barrier(2, timeout=20)
    calls = {"n": 0}
    lock = threading.Lock()
    original = ClaimService._load

    def load_then_wait(self: ClaimService, session: Any, actor: Actor, claim_id: str) -> Any:
        row = original(self, session, actor, claim_id)
        with lock:
            calls["n"] += 1
            racing = calls["n"] <= 2
        if racing:
            both_read.wait()  # neither writes before both have read version N
        return row

    monkeypatch.setattr(ClaimService, "_load", load_then_wait)
    outcomes: dict[str, Any] = {}

    def reviewer(name: str, decision: str) -> None:
        try:
            view = service.decide(Actor(name, Role.REVIEWER), "1", decision, f"{name} decides", ["more POE"])
            outcomes[name] = view.status
        except Exception as exc:  # collected and checked below
            outcomes[name] = exc

    threads = [threading.Thread(target=reviewer, args=("rita", first)),
               threading.Thread(target=reviewer, args=("rob", second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert set(outcomes) == {"rita", "rob"}
    losers = [n for n, o in outcomes.items() if isinstance(o, ConcurrentUpdate)]
    winners = [n for n, o in outcomes.items() if isinstance(o, str)]
    assert len(losers) == 1 and len(winners) == 1, outcomes
    assert "changed by someone else" in str(outcomes[losers[0]])
    monkeypatch.setattr(ClaimService, "_load", original)
    view = service.get_claim(Actor("x", Role.REVIEWER), "1")
    assert view.status == outcomes[winners[0]]
    assert [d.reviewer for d in view.decisions] == winners  # the loser left no trace
    assert [h.actor for h in view.history if h.action == "transition"][-1] == winners[0]
