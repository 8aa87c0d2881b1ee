"""``poe-review users add`` and ``serve --help``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from delivery.cli import app
from delivery.web.accounts import authenticate
from pipeline.store.db import make_engine


def test_users_add_hashes_with_argon2_and_checks_roles(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    r = runner.invoke(app, ["--db", db, "users", "add", "rita", "--role", "reviewer", "--password-stdin"], input="a long password\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "fab", "--role", "incentive_admin", "--partner-org", "4412093", "--password-stdin"], input="another password\n")
    assert r.exit_code == 0 and "partner organisation 4412093" in r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "nw", "--role", "incentive_user", "--password-stdin"], input="another password\n")
    assert r.exit_code == 2 and "--partner-org" in r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "rita", "--role", "analyst", "--password-stdin"], input="a long password\n")
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "x", "--role", "reviewer", "--password-stdin"], input="short\n")
    assert r.exit_code == 2 and "at least" in r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "y", "--role", "system", "--password-stdin"], input="a long password\n")
    assert r.exit_code == 2
    engine = make_engine(db)
    actor = authenticate(engine, "fab", "another password")
    assert actor is not None and actor.partner_org == "4412093" and actor.is_partner
    assert authenticate(engine, "fab", "wrong password") is None
    from pipeline.store.db import session_scope
    from pipeline.store.schema import UserRow

    with session_scope(engine) as session:
        assert session.get(UserRow, "rita").password_hash.startswith("$argon2id$")  # type: ignore[union-attr]
    listed = runner.invoke(app, ["--db", db, "users", "list"]).output
    assert "rita\treviewer" in listed and "argon2" not in listed
    engine.dispose()


def test_serve_help() -> None:
    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--port" in r.output and "--host" in r.output
