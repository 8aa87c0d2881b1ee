"""Tidy exports for pandas / DuckDB: claims, products, findings, decisions, transitions.

One row per observation, one column per variable, timestamps in UTC. Contacts' names and e-mail
addresses are replaced by a keyed hash (HMAC-SHA256, ``p_`` + 16 hex digits) unless the caller's
role may see personal data (reviewers yes, analysts no, D-1 roles in :mod:`pipeline.roles`). The
key is ``POE_PSEUDONYM_KEY``, else ``pseudonym.key`` in the data directory created once: the same
person gets the same pseudonym in every export, so analysts can still count and join, but nobody
without the key can test a guessed address against the hash (which a plain SHA-256 would allow).
Partner users may not export: an export spans every partner organisation.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pipeline.errors import AccessDenied, InvalidInput
from pipeline.notify.keys import secret_key
from pipeline.redact import GENERIC, redactor_for
from pipeline.reports.frames import PERSONAL_COLUMNS, Frames, load_frames
from pipeline.roles import Actor, Role
from pipeline.store.db import store_data_dir

if TYPE_CHECKING:
    import pandas as pd

PSEUDONYM_ENV = "POE_PSEUDONYM_KEY"
PSEUDONYM_KEY_FILE = "pseudonym.key"
EXPORTERS = frozenset({Role.REVIEWER, Role.ANALYST, Role.SYSTEM})
FORMATS = ("parquet", "csv")


def pseudonym(value: str | None, key: bytes) -> str | None:
    """Keyed hash of a contact value; case and surrounding spaces do not matter; empty stays empty."""
    if value is None or not str(value).strip():
        return value
    digest = hmac.new(key, str(value).strip().casefold().encode(), hashlib.sha256).hexdigest()
    return "p_" + digest[:16]


def pseudonym_key(data_dir: Path) -> bytes:
    return secret_key(PSEUDONYM_ENV, PSEUDONYM_KEY_FILE, data_dir)


# Free-text columns that may quote documents or name people (notes, reasons, requests).
_FREE_TEXT = {"decisions": ("note", "requests"), "reasons": ("message",), "history": ("reason",)}


def _redact_free_text(fr: Frames) -> None:
    """Analysts' exports: personal data out of every free-text column (pipeline.redact), each
    row with its own claim's contacts as the known names."""
    names = {
        str(row.claim_id): redactor_for([row.partner_contact_name, row.customer_contact_name])
        for row in fr.claims.itertuples()
    }
    for table, columns in _FREE_TEXT.items():
        df = getattr(fr, table)
        for col in columns:
            df[col] = [
                names.get(str(cid), GENERIC).value(value)
                for cid, value in zip(df["claim_id"], df[col], strict=True)
            ]


def tidy_tables(engine: Engine, personal: bool, key: bytes | None) -> dict[str, pd.DataFrame]:
    """The export tables as DataFrames, contacts hashed unless ``personal``."""
    fr = load_frames(engine, personal=True)
    claims = fr.claims.copy()
    if not personal:
        if key is None:
            raise ValueError("a pseudonym key is needed when personal data is hashed")
        _redact_free_text(fr)  # before the contacts below are hashed: their names are needed
        for col in PERSONAL_COLUMNS:
            claims[col] = claims[col].map(lambda v: pseudonym(v, key))
    analyses = fr.analyses.rename(columns={"id": "analysis_id"})
    latest = analyses.sort_values(["claim_id", "analysed_at", "analysis_id"]).groupby("claim_id").tail(1)
    findings = fr.findings.merge(
        analyses[["analysis_id", "submission_seq", "analysed_at", "score", "recommendation"]], on="analysis_id"
    )
    findings["latest"] = findings["analysis_id"].isin(latest["analysis_id"])
    reasons = fr.reasons.merge(analyses[["analysis_id", "submission_seq", "analysed_at"]], on="analysis_id")
    decisions = fr.decisions.rename(columns={"id": "decision_id"}).copy()
    decisions["requests"] = decisions["requests"].map(lambda r: " | ".join(map(str, r or [])))
    t = fr.transitions.copy()
    t["rule"] = t["details"].map(lambda d: str(d.get("rule") or "") if isinstance(d, dict) else "")
    transitions = t.rename(columns={"id": "history_id"})[
        ["history_id", "claim_id", "at", "actor", "action", "from_status", "to_status", "rule", "reason"]
    ]
    products = fr.products.assign(product_key=fr.products["code"].fillna(fr.products["name"]))
    tables = {
        "claims": claims,
        "products": products,
        "findings": findings[
            ["claim_id", "analysis_id", "submission_seq", "analysed_at", "latest", "criterion", "verdict",
             "confidence", "score", "recommendation"]
        ],
        "reasons": reasons[["claim_id", "analysis_id", "submission_seq", "analysed_at", "code", "rule", "criterion", "message"]],
        "decisions": decisions,
        "transitions": transitions,
        # Reviewers' per-criterion corrections, one row each (the note is free text: kept only
        # with personal data, as a reviewer may name people in it).
        "corrections": fr.corrections.rename(columns={"id": "correction_id"}).assign(
            note=fr.corrections["note"] if personal else None),
    }
    for name, df in tables.items():
        df = df.reset_index(drop=True)
        for col in df.columns:
            if df[col].dtype == object and col not in ("overruled", "latest", "in_conflict"):
                df[col] = df[col].astype("string")
        tables[name] = df
    return tables


def export_tables(engine: Engine, fmt: str, out_dir: Path, actor: Actor, *, key: bytes | None = None) -> list[Path]:
    """Write each tidy table as ``<name>.parquet`` or ``<name>.csv`` in ``out_dir``; return the paths."""
    if fmt not in FORMATS:
        raise InvalidInput(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if actor.role not in EXPORTERS:
        raise AccessDenied(
            f"{actor.name} ({actor.role.value}) may not export: exports span every partner organisation"
        )
    personal = actor.sees_personal_data
    if not personal and key is None:
        key = pseudonym_key(store_data_dir(engine))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in tidy_tables(engine, personal, key).items():
        path = out_dir / f"{name}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        if fmt == "parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_csv(tmp, index=False, date_format="%Y-%m-%dT%H:%M:%S%z")
        tmp.replace(path)
        paths.append(path)
    return paths
