"""A small web app for the account attack tests: a migrated SQLite store with two accounts and a
clock the test moves (the full store of tests/web is not needed to sign in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from delivery.web import create_app
from delivery.web.accounts import add_user
from pipeline.clock import FixedClock
from pipeline.store.db import make_engine, migrate

PASSWORD = "correct horse battery"
# Today (whole seconds): ``poe-review users unlock`` lists the locks of the real present.
NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass
class Site:
    engine: Engine
    clock: FixedClock
    data_dir: Path

    def app(self, **kwargs: object) -> FastAPI:
        return create_app(self.engine, self.clock, secret_key="attack-tests", data_dir=self.data_dir, **kwargs)  # type: ignore[arg-type]

    def client(self, app: FastAPI | None = None, address: str = "203.0.113.7") -> TestClient:
        return TestClient(app or self.app(), follow_redirects=False, client=(address, 50000))


def make_site(tmp_path: Path) -> Site:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    add_user(engine, "rita", "reviewer", PASSWORD)
    add_user(engine, "pam", "incentive_admin", PASSWORD, partner_org="111")
    return Site(engine, FixedClock(NOW), tmp_path)
