"""Attack tests use the claims-store fixtures of tests/pipeline (SQLite, and PostgreSQL when set)."""

from tests.pipeline.conftest import clock, engine, pg_schema, service, sqlite_template  # noqa: F401
