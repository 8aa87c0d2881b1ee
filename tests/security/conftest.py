"""The attack suite (issue 13) uses the claims-store fixtures of tests/pipeline (SQLite, and
PostgreSQL when set) and the web tests' store: the same realistic claims, users and documents,
copied per test (``built``), signed-in clients (``client_for``)."""

from __future__ import annotations

from tests.pipeline.conftest import clock, engine, pg_schema, service, sqlite_template  # noqa: F401
from tests.web.conftest import app_for, built, built_template, client_for  # noqa: F401
