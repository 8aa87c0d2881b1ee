"""Analysts' and notification commands: ``report``, ``export``, ``notify``.

Thin over :func:`pipeline.reports.build_report`, :func:`pipeline.reports.export_tables` and
:func:`pipeline.notify.notify_pending`; output folders default to the store's data directory
(``reports/``, ``exports/``, ``outbox/``). Heavy imports (pandas, matplotlib) stay inside.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from delivery.cli.app import app, global_db
from delivery.cli.claims import DB_OPTION, cli_errors, fail, parse_when, print_json
from pipeline.notify import notify_pending
from pipeline.reports import build_report, export_tables
from pipeline.reports.export import pseudonym_key
from pipeline.roles import PARTNER_ROLES, Actor, Role
from pipeline.store.db import make_engine, migrate, store_data_dir

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pipeline.roles import Actor

OUT_OPTION = typer.Option(None, "--out", metavar="DIR", help="Output folder (default: under the data directory).")
OUTBOX_OPTION = typer.Option(None, "--outbox", metavar="DIR", help="Folder of .eml files when no POE_SMTP_URL.")
BASE_URL_OPTION = typer.Option(None, "--base-url", help="Web app address in links (default: POE_BASE_URL).")
NOW_OPTION = typer.Option(None, "--now", metavar="ISO", help="Act as of this UTC time (default: now).")


def _engine(ctx: typer.Context, db: str | None) -> Engine:
    engine = make_engine(global_db(ctx, db))
    migrate(engine)
    return engine


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        fail(f"--since: {value!r} is not a date (YYYY-MM-DD)", 2)
        raise
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _exporter(engine: Engine, who: str | None) -> Actor:
    """``--as`` is a role (reviewer, analyst) or a users-table account; default analyst, so an
    export without ``--as`` never carries personal data."""
    # lazy: pipeline.service loads the store model and intake, ~30 ms (python -X importtime); `--help` must not pay it
    from pipeline.service import ClaimService

    if not who:
        return Actor("cli", Role.ANALYST)
    try:
        role = Role(who.strip().lower())
    except ValueError:
        pass
    else:  # a partner role gets a placeholder organisation; export_tables refuses it (D-1)
        return Actor("cli", role, "(cli)" if role in PARTNER_ROLES else None)
    known = ClaimService(engine).actor(who)
    if known is None:
        fail(f"--as: {who!r} is neither a role ({', '.join(r.value for r in Role)}) nor a known user", 2)
        raise AssertionError  # fail() exits
    return known


@app.command()
def report(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="Only events from this date (UTC)."),
    out: Path | None = OUT_OPTION,
    now: str | None = NOW_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Write the analysts' HTML report (outcomes, causes, SLA, expiries, denials, overrules)."""
    with cli_errors():
        engine = _engine(ctx, db)
        # The web app lists <data dir>/reports (or POE_REPORTS_DIR): write where it looks.
        default = Path(os.environ.get("POE_REPORTS_DIR") or store_data_dir(engine) / "reports")
        path = build_report(engine, _since(since), out or default, as_of=parse_when(now))
    typer.echo(str(path))


@app.command()
def export(
    ctx: typer.Context,
    fmt: str = typer.Option("parquet", "--format", help="parquet or csv."),
    out: Path | None = OUT_OPTION,
    as_who: str | None = typer.Option(
        None, "--as", metavar="ROLE", help="reviewer (sees contacts) or analyst (contacts hashed, default); or a user."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Write tidy tables (claims, products, findings, reasons, decisions, transitions)."""
    with cli_errors():
        engine = _engine(ctx, db)
        paths = export_tables(engine, fmt, out or store_data_dir(engine) / "exports", _exporter(engine, as_who))
    for path in paths:
        typer.echo(str(path))


@app.command()
def notify(
    ctx: typer.Context,
    now: str | None = NOW_OPTION,
    outbox: Path | None = OUTBOX_OPTION,
    base_url: str | None = BASE_URL_OPTION,
    db: str | None = DB_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
) -> None:
    """Queue and deliver pending emails: consent (D-19), partner action required and reminders (D-15)."""
    with cli_errors():
        result = notify_pending(_engine(ctx, db), parse_when(now), outbox=outbox, base_url=base_url)
    if as_json:
        print_json(result.to_json())
    else:
        typer.echo(
            f"{result.queued} queued, {result.sent} sent, {result.failed} failed, "
            f"{result.undeliverable} without recipient"
            + (f", {result.unconfirmed} re-sent after an unconfirmed attempt" if result.unconfirmed else "")
        )
        for error in result.errors:
            typer.echo(f"  {error}", err=True)
        for warning in result.warnings:
            typer.echo(f"  warning: {warning}", err=True)
    if result.failed:
        raise typer.Exit(1)


CASES_DEST = typer.Argument(..., help="Folder to write the case folders, tenants.json and labels.json into.")
cases_app = typer.Typer(help="Reviewers' corrections as labelled case folders (the format of tests/cases).",
                        no_args_is_help=True)
app.add_typer(cases_app, name="cases")


@cases_app.command("export")
def cases_export(
    ctx: typer.Context,
    dest: Path = CASES_DEST,
    since: str = typer.Option(..., "--since", help="Corrections at or after this date (YYYY-MM-DD or ISO time)."),
    with_documents: bool = typer.Option(
        False, "--with-documents", help="Copy the documents too (left out by default: they are partners' papers)."),
    db: str | None = DB_OPTION,
) -> None:
    """Write every claim corrected since DATE as a labelled case folder (contacts pseudonymised)."""
    with cli_errors():
        # lazy: cases_export ~40 ms, the service ~30 ms (python -X importtime); `--help` must not pay them
        from pipeline.cases_export import export_cases
        from pipeline.service import ClaimService

        engine = _engine(ctx, db)
        start = _since(since)
        if start is None:
            fail("--since: give a date, e.g. 2026-11-01", 2)
            return
        service = ClaimService(engine, data_dir=store_data_dir(engine))
        cases = export_cases(service, start, dest, pseudonym_key(store_data_dir(engine)), with_documents=with_documents)
    for case in cases:
        typer.echo(f"{case.folder}  corrected: {', '.join(case.corrected) or 'policy exception'}")
    typer.echo(f"{len(cases)} case(s), labels in {dest / 'labels.json'}")
