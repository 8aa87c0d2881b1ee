"""The explicit auto-decision policy, applied after the analyse step (off by default: the nightly
run only recommends; see ``AutoDecisionPolicy``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pipeline.errors import PoeReviewError
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import make_engine

if TYPE_CHECKING:
    from pipeline.nightly.run import NightlyConfig


def auto_decide_step(cfg: NightlyConfig, batches: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Apply the explicit auto-decision policy (off by default, see AutoDecisionPolicy)."""
    if not cfg.policy.enabled:
        return []

    actor = Actor("auto-policy", Role.REVIEWER, None)
    engine = make_engine(cfg.db_url)
    decided: list[dict[str, Any]] = []
    try:
        service = ClaimService(engine, cfg.worker_settings().clock())
        for batch in batches:
            for claim in batch.get("claims", []):
                if cfg.policy.reject_ineligible and claim.get("eligible") is False and "error" not in claim:
                    try:
                        service.decide(
                            actor, claim["claim_id"], "reject",
                            "auto-decision policy: ineligible whatever the POE (D-3/D-7/D-8); see eligibility reasons",
                        )
                        decided.append({"claim_id": claim["claim_id"], "decision": "reject"})
                    except PoeReviewError as exc:
                        decided.append({"claim_id": claim["claim_id"], "error": str(exc)})
    finally:
        engine.dispose()
    return decided
