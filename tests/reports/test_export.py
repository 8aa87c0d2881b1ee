"""Exports: tidy tables loading in pandas and DuckDB, contacts hashed for analysts (keyed)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from sqlalchemy import Engine

from pipeline.clock import FixedClock
from pipeline.errors import AccessDenied, InvalidInput
from pipeline.reports import export_tables
from pipeline.reports.export import pseudonym, pseudonym_key
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from tests.reports.known_store import build_known_store

ANALYST = Actor("ana", Role.ANALYST)
REVIEWER = Actor("rita", Role.REVIEWER)
TABLES = ["claims", "products", "findings", "reasons", "decisions", "transitions", "corrections"]
CONTACTS = ["partner_contact_name", "partner_contact_email", "customer_contact_name", "customer_contact_email"]


@pytest.fixture
def store(service: ClaimService, clock: FixedClock, engine: Engine, tmp_path: Path) -> Engine:
    build_known_store(service, clock, tmp_path)
    return engine


def test_analyst_parquet_export_hashes_contacts_and_loads_in_duckdb(store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("POE_PSEUDONYM_KEY", raising=False)
    paths = export_tables(store, "parquet", tmp_path / "x", ANALYST)
    assert [p.stem for p in paths] == TABLES and all(p.suffix == ".parquet" for p in paths)
    claims = pd.read_parquet(tmp_path / "x" / "claims.parquet")
    assert len(claims) == 7
    key = (tmp_path / "data" / "pseudonym.key").read_text().strip().encode()
    row = claims.set_index("claim_id").loc["1"]
    assert row["customer_contact_email"] == pseudonym("teo.lupu@contoso.example", key)
    assert row["customer_contact_name"] == pseudonym("Teo Lupu", key) and row["partner_contact_email"].startswith("p_")
    every_value = " ".join(str(v) for v in claims.to_numpy().ravel())
    assert "teo.lupu" not in every_value.lower() and "pc@" not in every_value and "Teo Lupu" not in every_value
    # Same person, same pseudonym: partner 111's two claims share one contact hash.
    assert claims.loc[claims["partner_org"] == "111", "partner_contact_email"].nunique() == 1
    con = duckdb.connect()
    x = tmp_path / "x"
    assert con.sql(f"select count(*) from '{x}/transitions.parquet' where to_status = 'Approved'").fetchall() == [(3,)]
    assert con.sql(f"select count(*) from '{x}/decisions.parquet' where overruled").fetchall() == [(2,)]
    assert con.sql(
        f"select count(distinct claim_id) from '{x}/findings.parquet' where latest and verdict <> 'met'"
    ).fetchall() == [(4,)]
    joined = con.sql(
        f"select c.program, count(*) from '{x}/transitions.parquet' t join '{x}/claims.parquet' c using (claim_id) "
        "where t.to_status = 'Rejected' group by 1 order by 1"
    ).fetchall()
    assert joined == [("OSU-Business Applications", 1), ("OSU-Microsoft 365", 2)]
    # The key file is created once: a second export gives the same pseudonyms.
    export_tables(store, "parquet", tmp_path / "y", ANALYST)
    again = pd.read_parquet(tmp_path / "y" / "claims.parquet")
    assert list(again["customer_contact_email"]) == list(claims["customer_contact_email"])


def test_reviewer_csv_export_keeps_contacts(store: Engine, tmp_path: Path) -> None:
    paths = export_tables(store, "csv", tmp_path / "c", REVIEWER)
    assert [p.name for p in paths] == [f"{t}.csv" for t in TABLES]
    claims = pd.read_csv(tmp_path / "c" / "claims.csv", dtype={"claim_id": str})
    assert claims.set_index("claim_id").loc["1", "customer_contact_email"] == "teo.lupu@contoso.example"
    t = duckdb.connect().sql(f"select count(*) from read_csv_auto('{tmp_path}/c/transitions.csv')").fetchall()
    assert t == [(len(pd.read_csv(tmp_path / "c" / "transitions.csv")),)] and t[0][0] > 0


def test_env_key_and_refusals(store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POE_PSEUDONYM_KEY", "k1")
    export_tables(store, "csv", tmp_path / "a", ANALYST)
    claims = pd.read_csv(tmp_path / "a" / "claims.csv", dtype={"claim_id": str})
    assert claims.set_index("claim_id").loc["1", "customer_contact_email"] == pseudonym("teo.lupu@contoso.example", b"k1")
    assert pseudonym(" Teo.Lupu@Contoso.example", b"k1") == pseudonym("teo.lupu@contoso.example", b"k1")
    assert pseudonym("x", b"k1") != pseudonym("x", b"k2") and pseudonym("", b"k1") == ""
    assert pseudonym_key(tmp_path / "nowhere") == b"k1"
    with pytest.raises(AccessDenied):
        export_tables(store, "csv", tmp_path / "p", Actor("ola", Role.INCENTIVE_ADMIN, "111"))
    with pytest.raises(InvalidInput):
        export_tables(store, "xlsx", tmp_path / "p", ANALYST)
