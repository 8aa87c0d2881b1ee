"""The store as pandas DataFrames: what every report computation and export reads.

One query per table, no per-claim loops; timestamps are UTC-aware pandas datetimes. Contacts'
personal data is loaded only by the exporter (``personal=True``); the report never needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pipeline.store.db import session_scope
from pipeline.store.schema import (
    AnalysisRow,
    ClaimProductRow,
    ClaimRow,
    ConflictRow,
    CorrectionRow,
    DecisionRow,
    FindingRow,
    HistoryRow,
    NotificationRow,
    ReasonRow,
)

if TYPE_CHECKING:
    import pandas as pd

CLAIM_COLUMNS = [
    "claim_id", "name", "program", "solution_area", "activity", "status", "partner_name", "partner_org",
    "mpn_id", "mpn_country", "customer_domain", "tenant_id", "created_at", "submitted_at", "status_since",
    "review_due_at", "action_due_at", "opt_out_until", "in_conflict", "current_submission", "recommendation",
    "score", "version",
]
PERSONAL_COLUMNS = ["partner_contact_name", "partner_contact_email", "customer_contact_name", "customer_contact_email"]


@dataclass
class Frames:
    claims: pd.DataFrame
    products: pd.DataFrame
    analyses: pd.DataFrame
    findings: pd.DataFrame
    reasons: pd.DataFrame
    decisions: pd.DataFrame
    history: pd.DataFrame
    conflicts: pd.DataFrame
    notifications: pd.DataFrame
    corrections: pd.DataFrame

    @property
    def transitions(self) -> pd.DataFrame:
        """History rows that moved a claim, plus the rows that created it in a state."""
        h = self.history
        return h[h["to_status"].notna()].sort_values(["claim_id", "at", "id"]).reset_index(drop=True)


def _frame(session: Session, stmt: object, columns: list[str]) -> pd.DataFrame:
    # lazy: pandas costs ~530 ms at import (python -X importtime); only reports need it
    import pandas as pd

    rows = session.execute(stmt).all()  # type: ignore[call-overload]
    df = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    for col in df.columns:
        if col.endswith("_at") or col in ("at", "status_since", "opt_out_until"):
            df[col] = pd.to_datetime(df[col], utc=True)
    return df


def _cols(model: type, names: list[str]) -> list[object]:
    return [getattr(model, n) for n in names]


def load_frames(engine: Engine, *, personal: bool = False) -> Frames:
    claim_cols = CLAIM_COLUMNS + (PERSONAL_COLUMNS if personal else [])
    with session_scope(engine) as s:
        specs: dict[str, tuple[type, list[str]]] = {
            "claims": (ClaimRow, claim_cols),
            "products": (
                ClaimProductRow,
                ["claim_id", "position", "name", "code", "subscription_id", "removed_at", "removed_reason"],
            ),
            "analyses": (
                AnalysisRow,
                [
                    "id", "claim_id", "submission_seq", "analysed_at", "score", "recommendation", "scoring_version",
                    "extractor_version",
                ],
            ),
            "findings": (FindingRow, ["analysis_id", "claim_id", "criterion", "verdict", "confidence"]),
            "reasons": (ReasonRow, ["analysis_id", "claim_id", "code", "rule", "criterion", "message"]),
            "decisions": (
                DecisionRow,
                ["id", "claim_id", "decided_at", "reviewer", "decision", "recommendation", "overruled", "note", "requests"],
            ),
            "history": (
                HistoryRow,
                ["id", "claim_id", "at", "actor", "action", "from_status", "to_status", "reason", "details"],
            ),
            "conflicts": (
                ConflictRow,
                ["id", "tenant_id", "product_key", "claim_ids", "recommended", "margin", "compared_at", "resolved_at"],
            ),
            "notifications": (
                NotificationRow,
                ["id", "claim_id", "kind", "dedupe_key", "created_at", "sent_at", "attempts", "last_error"],
            ),
            "corrections": (
                CorrectionRow,
                ["id", "claim_id", "analysis_id", "submission_seq", "scoring_version", "criterion", "tool_verdict",
                 "verdict", "reviewer", "at", "decision_id", "document", "where", "note"],
            ),
        }
        frames = {
            name: _frame(s, select(*_cols(model, cols)), cols)  # type: ignore[call-overload]
            for name, (model, cols) in specs.items()
        }
    frames["claims"]["claim_id"] = frames["claims"]["claim_id"].astype(str)
    return Frames(**frames)
