"""Losing the store (a disk, a bad migration, a hostile partner who got write access) must not
lose the claims: ``poe-review backup`` copies the store, the blobs and the key files while the
system runs, and ``poe-review restore`` brings back exactly what was there: every row of every
table and every blob, compared in full here (SQLite always, PostgreSQL when POE_TEST_PG_URL is set).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from delivery.cli import app as cli
from pipeline.service import ClaimService
from pipeline.store.backup import BackupError, backup, restore
from pipeline.store.db import make_engine, session_scope
from pipeline.store.schema import Base, DocumentRow
from tests.pipeline.conftest import PG_URL
from tests.pipeline.test_service import EXO, REVIEWER, m365, result, take_in


def _populate(service: ClaimService, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1000005", "111", "Fabrikam", [EXO]), m365("1000006", "222", "Northwind", [EXO]))
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, result(cid))
    service.decide(REVIEWER, "1000005", "approve", "signed SOW")
    data = service.data_dir
    (data / "consent.key").write_text("consent-key-1")
    (data / "web-secret.key").write_text("web-key-1")


def _rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order; blob paths reduced to the blob's name."""
    out = {}
    with session_scope(engine) as session:
        for table in Base.metadata.sorted_tables:
            rows = [dict(r._mapping) for r in session.execute(select(table).order_by(*table.primary_key.columns))]
            if table.name == DocumentRow.__tablename__:
                rows = [{**r, "stored_path": Path(r["stored_path"]).name} for r in rows]
            out[table.name] = [tuple(r.items()) for r in rows]
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def target(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """An empty store of the same backend as ``engine``: a new SQLite file, or a new database."""
    if engine.dialect.name == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'restored' / 'store.db'}")
        yield eng
        eng.dispose()
        return
    assert PG_URL
    name = f"poe_restore_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    url = make_url(PG_URL).set(database=name)
    eng = make_engine(url.render_as_string(hide_password=False), connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_restore_gives_back_every_row_and_every_blob(
    service: ClaimService, engine: Engine, target: Engine, tmp_path: Path
) -> None:
    _populate(service, tmp_path)
    before_rows, before_files = _rows(engine), _files(service.data_dir)
    assert before_rows["history"] and before_rows["documents"] and any(k.startswith("blobs/") for k in before_files)

    summary = backup(engine, tmp_path / "backup", service.data_dir)
    assert summary.blobs >= 2 and sorted(summary.keys) == ["consent.key", "web-secret.key"]
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())

    restored_dir = tmp_path / "restored" / "data"
    restore(tmp_path / "backup", target, restored_dir)
    assert _rows(target) == before_rows
    assert _files(restored_dir) == before_files
    with session_scope(target) as session:  # the restored documents read the restored blobs
        assert all(Path(p).parent == restored_dir / "blobs" for p in session.scalars(select(DocumentRow.stored_path)))
    assert ClaimService(target, service.clock, data_dir=restored_dir).get_claim(REVIEWER, "1000005").status == "Approved"

    # A second restore over the now non-empty target is refused; a damaged backup too.
    with pytest.raises(BackupError, match="not empty"):
        restore(tmp_path / "backup", target, restored_dir)
    blob = next((tmp_path / "backup" / "blobs").iterdir())
    blob.write_bytes(b"tampered")
    with pytest.raises(BackupError, match="changed since the backup"):
        restore(tmp_path / "backup", target, restored_dir, force=True)


def test_backup_while_a_writer_holds_a_transaction(tmp_path: Path, service: ClaimService, engine: Engine) -> None:
    """SQLite's online backup copies the committed state while another connection writes."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the SQLite online backup; pg_dump takes its own snapshot")
    _populate(service, tmp_path)
    committed = len(_rows(engine)["history"])
    writer = sqlite3.connect(str(engine.url.database), timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO history (claim_id, at, actor, action, reason, details) VALUES ('1000005', ?, 'x', 'note', '', '{}')",
        (datetime.now(UTC).isoformat(),),
    )
    try:
        backup(engine, tmp_path / "backup", service.data_dir)
    finally:
        writer.rollback()
        writer.close()
    copy = sqlite3.connect(tmp_path / "backup" / "database" / "poe-review.db")
    assert copy.execute("SELECT count(*) FROM history").fetchone()[0] == committed
    copy.close()


def test_cli_backup_and_restore_refuse_a_non_empty_target(tmp_path: Path, service: ClaimService, engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the CLI wiring is the same for both backends")
    _populate(service, tmp_path)
    db = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    out = runner.invoke(cli, ["backup", str(tmp_path / "bk"), "--db", db, "--data-dir", str(service.data_dir)])
    assert out.exit_code == 0, out.output
    out = runner.invoke(cli, ["restore", str(tmp_path / "bk"), "--db", db, "--data-dir", str(service.data_dir)])
    assert out.exit_code != 0 and "not empty" in out.output and "--force" in out.output
    fresh = f"sqlite:///{tmp_path / 'fresh' / 'store.db'}"
    out = runner.invoke(cli, ["restore", str(tmp_path / "bk"), "--db", fresh, "--data-dir", str(tmp_path / "fresh")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "fresh" / "consent.key").read_text() == "consent-key-1"
