"""The attack suite (issue 13) uses the web tests' store: the same realistic claims, users and
documents, copied per test (``built``), signed-in clients (``client_for``)."""

from __future__ import annotations

from tests.web.conftest import app_for, built, built_template, client_for  # noqa: F401
