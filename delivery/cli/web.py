"""Web commands: ``serve`` (the reviewer/partner/analyst UI and /api) and ``users add``.

Heavy imports (FastAPI, uvicorn, argon2) happen inside the commands so ``poe-review --help``
stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime

import typer

from delivery.cli.app import app, global_db
from delivery.cli.claims import DB_OPTION, cli_errors, fail
from pipeline.store.db import make_engine, migrate

users_app = typer.Typer(help="Local accounts for the web UI (argon2-hashed passwords, D-1 roles).", no_args_is_help=True)
app.add_typer(users_app, name="users")


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    db: str | None = DB_OPTION,
    insecure_cookies: bool = typer.Option(
        False, "--insecure-cookies", "--dev", help="Plain-HTTP development only: the session cookie without the Secure flag."
    ),
    https_only: bool = typer.Option(False, "--https-only", hidden=True, help="Kept for old scripts: Secure is the default."),
) -> None:
    """Serve the web UI and the JSON API (OpenAPI at /api/docs)."""
    # lazy: uvicorn ~28 ms, the FastAPI web app ~550 ms (python -X importtime); only web commands need them
    import uvicorn

    from delivery.web import create_app
    from delivery.web.app import INSECURE_COOKIES_ENV

    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        migrate(engine)
        insecure = insecure_cookies or os.environ.get(INSECURE_COOKIES_ENV, "").strip().lower() in ("1", "true", "yes")
        secure = https_only or not insecure
        web_app = create_app(engine, secure_cookies=secure)
        # lazy: the web app imports FastAPI, ~550 ms (python -X importtime); only web commands need it
        from delivery.web.accounts import list_users

        if not list_users(engine):
            typer.echo("no accounts yet: create one with  poe-review users add NAME --role reviewer", err=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    typer.echo(f"poe-review web UI on http://{host}:{port}/ (API docs: /api/docs)", err=True)
    if secure:
        typer.echo("session cookies are Secure: serve behind HTTPS (or --insecure-cookies on a workstation)", err=True)
    elif host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: insecure session cookies on {host}: only for local development", err=True)
    # uvicorn's own access log prints client addresses and full URLs; ours logs route templates.
    uvicorn.run(web_app, host=host, port=port, access_log=False, log_level="info")


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="Sign-in name."),
    role: str = typer.Option(..., "--role", help="reviewer, analyst, admin (sees every reviewer's corrections), incentive_admin or incentive_user."),
    partner_org: str | None = typer.Option(None, "--partner-org", metavar="MPN", help="Partner users: their MPN ID."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    display_name: str = typer.Option("", "--display-name", help="Name shown in the UI."),
    replace: bool = typer.Option(False, "--replace", help="Update the account if it exists (new password, role)."),
    db: str | None = DB_OPTION,
) -> None:
    """Create a local account; the password is asked for (twice) unless --password-stdin."""
    # lazy: the web app imports FastAPI, ~550 ms (python -X importtime); only web commands need it
    from delivery.web.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        fail("password: empty", 2)
    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        migrate(engine)
        actor = add_user(engine, username, role, password, partner_org=partner_org, display_name=display_name, replace=replace)
    org = f" of partner organisation {actor.partner_org}" if actor.partner_org else ""
    typer.echo(f"{'updated' if replace else 'added'} {actor.name} ({actor.role.value}{org})")


@users_app.command("list")
def users_list(ctx: typer.Context, db: str | None = DB_OPTION) -> None:
    """Accounts with their roles (no password hashes)."""
    # lazy: the web app imports FastAPI, ~550 ms (python -X importtime); only web commands need it
    from delivery.web.accounts import list_users

    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        migrate(engine)
        rows = list_users(engine)
    for name, role, org in rows:
        typer.echo(f"{name}\t{role}\t{org or ''}")


@users_app.command("unlock")
def users_unlock(
    ctx: typer.Context,
    username: str | None = typer.Argument(None, help="Account whose sign-in lock to lift."),
    address: str | None = typer.Option(None, "--address", help="Client address whose sign-in lock to lift."),
    db: str | None = DB_OPTION,
) -> None:
    """Lift a sign-in lock (too many failed passwords) before it expires; without arguments,
    list the current locks."""
    # lazy: the web app imports FastAPI, ~550 ms (python -X importtime); only web commands need it
    from delivery.web import throttle

    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        migrate(engine)
        if not username and not address:
            for scope, key, until in throttle.locks(engine, datetime.now(UTC)):
                typer.echo(f"{scope}\t{key}\tuntil {until:%Y-%m-%d %H:%M} UTC")
            return
        cleared = throttle.unlock(engine, username, address)
    typer.echo(f"cleared {cleared} sign-in record(s)")


@users_app.command("sign-out")
def users_sign_out(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="Account whose web sessions to end."),
    db: str | None = DB_OPTION,
) -> None:
    """End every web session of an account at once (a stolen cookie, a departed user)."""
    # lazy: the web app imports FastAPI, ~550 ms (python -X importtime); only web commands need it
    from delivery.web.sessions import revoke_user

    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        migrate(engine)
        count = revoke_user(engine, username, datetime.now(UTC))
    typer.echo(f"revoked {count} session(s) of {username}")
