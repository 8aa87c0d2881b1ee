"""Web test fixtures: one store built per test module (copied per test where it is changed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from delivery.web import create_app
from pipeline.clock import FixedClock
from pipeline.store.db import make_engine
from tests.web.store_builder import PASSWORD, Built, build_store


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_store(tmp_path_factory.mktemp("web-template"))
    with built.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    built.engine.dispose()
    return built


@pytest.fixture
def built(built_template: Built, tmp_path: Path) -> Iterator[Built]:
    """A private copy of the store (blobs included) for a test that may change it."""
    root = tmp_path / "store"
    shutil.copytree(built_template.data_dir, root, ignore=shutil.ignore_patterns("*-wal", "*-shm", "inbox"))
    engine = make_engine(f"sqlite:///{root / 'store.db'}")
    # Blobs were stored under the template's folder; their paths stay valid (read-only there).
    copy = Built(engine, FixedClock(built_template.clock.now()), root, built_template.signature_bbox, built_template.conflict_id, dict(built_template.claims))
    yield copy
    engine.dispose()


@pytest.fixture
def app_for(built: Built):  # type: ignore[no-untyped-def]
    return create_app(built.engine, built.clock, secret_key="test-secret", data_dir=built.data_dir)


@pytest.fixture
def client_for(app_for):  # type: ignore[no-untyped-def]
    """``client_for(username)``: a TestClient signed in as that user (None: signed out)."""
    clients: list[TestClient] = []

    def make(username: str | None = None) -> TestClient:
        client = TestClient(app_for, follow_redirects=False)
        clients.append(client)
        if username:
            login(client, username)
        return client

    yield make
    for c in clients:
        c.close()


def csrf_of(client: TestClient) -> str:
    r = client.get("/api/me")
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    r = client.post("/api/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])
