"""Shared fixtures. PostgreSQL-backed variants run when POE_TEST_PG_URL is set (.ci/run sets it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("POE_TEST_PG_URL")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is absent (a user's own clone has no ../shared)")
    return corpus


# The test clients and the browser tests talk plain HTTP to 127.0.0.1: the session cookie must be
# sent without TLS there. Production defaults to Secure cookies (delivery.web.app); the attack
# test tests/security/test_cookie_secure.py checks that default with this setting removed.
os.environ.setdefault("POE_WEB_INSECURE_COOKIES", "1")
