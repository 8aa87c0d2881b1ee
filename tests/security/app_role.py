"""A throw-away PostgreSQL schema migrated with ``POE_PG_APP_ROLE`` naming a fresh role that was
granted everything by default: the append-only tests ask what that role may still do."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from pipeline.store.db import make_engine, migrate


@contextmanager
def app_role_privileges(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], bool]]:
    """Yields ``may(table, privilege)`` for the app role on the migrated schema; drops both after."""
    suffix = uuid.uuid4().hex[:10]
    schema, role = f"t_{suffix}", f"poe_app_{suffix}"
    admin = make_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT ALL ON TABLES TO "{role}"'))
    eng = make_engine(pg_url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        monkeypatch.setenv("POE_PG_APP_ROLE", role)
        migrate(eng)
        with eng.connect() as conn:

            def may(table: str, privilege: str) -> bool:
                sql = text("SELECT has_table_privilege(:r, :t, :p)")
                return bool(conn.execute(sql, {"r": role, "t": f"{schema}.{table}", "p": privilege}).scalar_one())

            yield may
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
