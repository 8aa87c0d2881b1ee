"""Alembic environment: runs on the connection migrate() hands over, else on POE_DB_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from pipeline.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from pipeline.store.db import resolve_url

    url = config.get_main_option("sqlalchemy.url") or resolve_url()
    connectable = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as conn:
        _run(conn)


def run_offline() -> None:
    from pipeline.store.db import resolve_url

    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_url(),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
