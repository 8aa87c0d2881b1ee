"""Claims commands: ingest, claims, show, decide, submit, edit, consent-deny, tick.

Thin over :class:`pipeline.service.ClaimService`. Reads take ``--json``. Every expected error is
one line on stderr and a non-zero exit (1: refused by the rules or not found; 2: bad usage or
the store cannot be reached), never a traceback. Other command groups may reuse
:func:`open_service`, :func:`cli_errors` and :func:`print_json`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from sqlalchemy.exc import SQLAlchemyError

from delivery.cli.app import app, global_db
from pipeline.clock import FixedClock, SystemClock
from pipeline.errors import InvalidInput, PoeReviewError
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.store.db import make_engine, migrate

if TYPE_CHECKING:
    from pipeline.roles import Actor
    from pipeline.service import ClaimService

DB_OPTION = typer.Option(None, "--db", metavar="URL", help="Claims store URL (overrides the global --db).")
JSON_OPTION = typer.Option(False, "--json", help="Print JSON on stdout.")
AS_OPTION = typer.Option(
    None, "--as", metavar="NAME", help="Act as this user (a users-table account, else a reviewer)."
)


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn library and database errors into one line on stderr and an exit code."""
    try:
        yield
    except InvalidInput as exc:
        fail(str(exc), 2)
    except PoeReviewError as exc:
        fail(str(exc), 1)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        fail(f"claims store: {detail[0] if detail else type(exc).__name__}", 2)
    except OSError as exc:
        fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), 2)


def open_service(
    ctx: typer.Context | None, db: str | None = None, now: datetime | None = None
) -> ClaimService:
    """A ClaimService on the chosen store, migrated to the latest schema."""
    # lazy: pipeline.service loads the store model and intake, ~30 ms (python -X importtime); `--help` must not pay it
    from pipeline.service import ClaimService

    engine = make_engine(global_db(ctx, db))
    migrate(engine)
    return ClaimService(engine, FixedClock(now) if now else SystemClock())


def resolve_actor(
    service: ClaimService, name: str | None, role: str | None = None, partner_org: str | None = None
) -> Actor:
    """``--as NAME``: the account of that name if the users table has one; otherwise an actor of
    ``--role`` (default reviewer) with ``--partner-org`` for partner roles."""
    if name:
        known = service.actor(name)
        if known is not None:
            if role and Role(role) != known.role:
                raise InvalidInput(f"user {name} is {known.role.value}, not {role}")
            return known
    try:
        chosen = Role(role) if role else Role.REVIEWER
    except ValueError:
        raise InvalidInput(f"--role must be one of: {', '.join(r.value for r in Role)}") from None
    try:
        return Actor(name or "cli", chosen, partner_org)
    except ValueError as exc:
        raise InvalidInput(f"{exc}; pass --partner-org") from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def parse_when(value: str | None) -> datetime | None:
    if not value:
        return None

    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"--now: {value!r} is not an ISO date/time (e.g. 2026-12-01T09:00:00Z)") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


@app.command()
def ingest(
    ctx: typer.Context,
    inbox: Annotated[
        Path, typer.Argument(help="A folder of claim folders (and tenants.json), or one claim folder.")
    ],
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Take an inbox of claim folders into the store; bad claims are named, the rest go in."""
    with cli_errors():
        report = open_service(ctx, db).ingest(inbox)
    if as_json:
        print_json(report.to_json())
        return
    counts = report.counts()
    typer.echo(
        ", ".join(f"{n} {k}" for k, n in counts.items()) + f" ({report.tenants_loaded} tenants updated)"
    )
    if report.tenants_error:
        typer.echo(f"  tenants.json refused: {report.tenants_error}")
    for item in report.items:
        if item.outcome in ("accepted", "resubmitted") or item.message:
            line = f"  {item.outcome:<11} {item.folder}"
            line += f" (claim {item.claim_id})" if item.claim_id else ""
            typer.echo(line + (f": {item.message}" if item.message else ""))


@app.command("claims")
def list_claims(
    ctx: typer.Context,
    status: str | None = typer.Option(None, "--status", help="Only this status, e.g. 'Under review'."),
    as_user: str | None = AS_OPTION,
    role: str | None = typer.Option(None, "--role", help="Role when --as is not a known user."),
    partner_org: str | None = typer.Option(None, "--partner-org", help="MPN ID, for partner roles."),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List claims (the review queue order: due date first)."""
    with cli_errors():
        service = open_service(ctx, db)
        rows = service.list_claims(resolve_actor(service, as_user, role, partner_org), status)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        typer.echo("no claims")
        return
    typer.echo(
        f"{'CLAIM':<10} {'STATUS':<24} {'REC':<13} {'SCORE':>5}  {'DUE':<16}  PARTNER / CUSTOMER / PRODUCTS"
    )
    for r in rows:
        score = f"{r.score:.0f}" if r.score is not None else "-"
        due = r.review_due_at if r.status == "Under review" else r.action_due_at
        flag = " [conflict]" if r.in_conflict else ""
        typer.echo(
            f"{r.claim_id:<10} {r.status:<24} {r.recommendation or '-':<13} {score:>5}  {_day(due):<16}  "
            f"{r.partner} / {r.customer_name} / {', '.join(r.products) or '-'}{flag}"
        )


@app.command()
def show(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    as_user: str | None = AS_OPTION,
    role: str | None = typer.Option(None, "--role"),
    partner_org: str | None = typer.Option(None, "--partner-org"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """One claim: status, due dates, products, documents, latest findings, decisions, history."""
    with cli_errors():
        service = open_service(ctx, db)
        view = service.get_claim(resolve_actor(service, as_user, role, partner_org), claim_id)
    if as_json:
        print_json(view.to_json())
        return
    echo = typer.echo
    echo(f"Claim {view.claim_id}: {view.name or '(no name)'}")
    echo(f"  Status        {view.status} since {_day(view.status_since)} (version {view.version})")
    echo(f"  Partner       {view.partner} (MPN {view.mpn_id}, {view.mpn_country})")
    echo(f"  Customer      {view.customer_name} ({view.customer_domain}, tenant {view.tenant_id})")
    echo(f"  Program       {view.program} / {view.activity}")
    echo(
        f"  Review due    {_day(view.review_due_at)}{'  (conflict: extended, D-14)' if view.in_conflict else ''}"
    )
    echo(f"  Response due  {_day(view.action_due_at)}    Opt-out until {_day(view.opt_out_until)}")
    rec = (
        f"{view.recommendation} (score {view.score:.0f})"
        if view.recommendation and view.score is not None
        else "-"
    )
    echo(f"  Recommended   {rec}")
    echo("  Products")
    for p in view.product_lines:
        sub = f" subscription {p.subscription_id}" if p.subscription_id else ""
        gone = f"  REMOVED: {p.removed_reason}" if p.removed_at else ""
        echo(f"    - {p.name} [{p.key}]{sub}{gone}")
    echo(f"  Documents (submission {view.current_submission})")
    for d in view.documents or []:
        echo(
            f"    - {d.path}  {d.detected_type}, {d.size} bytes, {d.status or 'not extracted'}{': ' + d.error if d.error else ''}"
        )
    if not view.documents:
        echo("    (none)")
    if view.analysis:
        echo(f"  Findings (submission {view.analysis_seq})")
        for name, crit in (view.analysis.get("criteria") or {}).items():
            echo(f"    {name:<20} {crit.get('verdict', '?'):<8} {crit.get('confidence', 0):.2f}")
        for reason in view.analysis.get("eligibility") or []:
            echo(f"    ineligible: [{reason.get('code')}] {reason.get('message')}")
        for reason in view.analysis.get("reasons") or []:
            echo(f"    [{reason.get('code')}, {reason.get('rule')}] {reason.get('message')}")
    for dec in view.decisions:
        extra = f" requests: {'; '.join(dec.requests)}" if dec.requests else ""
        overruled = f" (overruled {dec.recommendation})" if dec.overruled else ""
        echo(f"  Decision      {_day(dec.decided_at)} {dec.reviewer}: {dec.decision}{overruled} {dec.note}{extra}")
    echo("  History")
    for h in view.history:
        move = f" {h.from_status or '-'} -> {h.to_status}" if h.to_status else ""
        echo(f"    {_day(h.at)}  {h.actor:<16} {h.action}{move}{': ' + h.reason if h.reason else ''}")


@app.command()
def decide(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    decision: str = typer.Argument(..., metavar="approve|reject|request-info"),
    as_user: str = typer.Option(..., "--as", metavar="NAME", help="The reviewer deciding."),
    note: str = typer.Option("", "--note", help="Why (required to reject; shown to the partner)."),
    request: Annotated[
        list[str] | None, typer.Option("--request", help="What the partner must supply (repeatable).")
    ] = None,
    expected_version: int | None = typer.Option(
        None, "--expected-version", help="Refuse if the claim changed since."
    ),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """A reviewer's decision on a claim Under review."""
    with cli_errors():
        service = open_service(ctx, db)
        view = service.decide(
            resolve_actor(service, as_user), claim_id, decision, note, list(request or []), expected_version
        )
    if as_json:
        print_json(view.to_json())
    else:
        typer.echo(f"claim {view.claim_id}: {view.status}")


@app.command()
def submit(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    as_user: str | None = AS_OPTION,
    partner_org: str | None = typer.Option(None, "--partner-org", help="MPN ID of the partner user."),
    db: str | None = DB_OPTION,
) -> None:
    """Submit a Draft, or re-submit an edited claim in Partner action required (D-15)."""
    with cli_errors():
        service = open_service(ctx, db)
        actor = _partner_actor(service, as_user, partner_org)
        view = service.submit(actor, claim_id)
    typer.echo(f"claim {view.claim_id}: {view.status}")


def _partner_actor(service: ClaimService, name: str | None, partner_org: str | None) -> Actor:
    if name and service.actor(name) is not None:
        return resolve_actor(service, name)
    if partner_org:
        return resolve_actor(service, name or "partner", "incentive_admin", partner_org)
    if name:
        raise InvalidInput(f"{name} is not a known user: pass --partner-org to act as a partner user")
    return SYSTEM


def _product(spec: str) -> dict[str, str | None]:
    parts = [p.strip() for p in spec.split("|")]
    if not parts[0] or len(parts) > 3:
        raise InvalidInput(f"--product {spec!r}: expected 'NAME[|CODE[|SUBSCRIPTION_ID]]'")
    parts += [""] * (3 - len(parts))
    return {"name": parts[0], "code": parts[1] or None, "subscription_id": parts[2] or None}


@app.command()
def edit(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    as_user: str | None = AS_OPTION,
    partner_org: str | None = typer.Option(None, "--partner-org", help="MPN ID of the partner user."),
    mpn_id: str | None = typer.Option(None, "--mpn-id"),
    mpn_country: str | None = typer.Option(None, "--mpn-country"),
    product: Annotated[
        list[str] | None,
        typer.Option("--product", help="'NAME|CODE|SUBSCRIPTION_ID'; repeat; replaces the list."),
    ] = None,
    partner_contact_name: str | None = typer.Option(None, "--partner-contact-name"),
    partner_contact_email: str | None = typer.Option(None, "--partner-contact-email"),
    customer_contact_name: str | None = typer.Option(None, "--customer-contact-name"),
    customer_contact_email: str | None = typer.Option(None, "--customer-contact-email"),
    expected_version: int | None = typer.Option(None, "--expected-version"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Edit a Draft or Partner action required claim (D-9): MPN, products, subscriptions, contacts."""
    with cli_errors():
        service = open_service(ctx, db)
        actor = _partner_actor(service, as_user, partner_org)
        view = service.edit(
            actor,
            claim_id,
            mpn_id=mpn_id,
            mpn_country=mpn_country,
            products=[_product(p) for p in product] if product else None,
            partner_contact_name=partner_contact_name,
            partner_contact_email=partner_contact_email,
            customer_contact_name=customer_contact_name,
            customer_contact_email=customer_contact_email,
            expected_version=expected_version,
        )
    if as_json:
        print_json(view.to_json())
    else:
        typer.echo(f"claim {view.claim_id}: edited ({view.status}); {view.history[-1].reason}")


@app.command("consent-deny")
def consent_deny(
    ctx: typer.Context,
    claim_id: str = typer.Argument(...),
    reason: str = typer.Option(
        ..., "--reason", help="We don't want to share our data | Partner is unknown | Other (D-21)."
    ),
    comment: str = typer.Option("", "--comment"),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a customer's denial of an approved association (D-17, D-21)."""
    with cli_errors():
        view = open_service(ctx, db).consent_deny(SYSTEM, claim_id, reason, comment)
    if as_json:
        print_json(view.to_json())
    else:
        typer.echo(f"claim {view.claim_id}: {view.status} ({view.history[-1].reason})")


@app.command()
def tick(
    ctx: typer.Context,
    now: str | None = typer.Option(
        None, "--now", metavar="ISO", help="Apply timers as of this instant (default: now)."
    ),
    db: str | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Apply the lifecycle timers due: D-15 30-day expiry, D-17 opt-out window, D-14 overdue."""
    with cli_errors():
        at = parse_when(now)
        applied = open_service(ctx, db, now=at).tick(at)
    if as_json:
        print_json(applied)
        return
    typer.echo(f"{len(applied)} timer(s) applied")
    for a in applied:
        typer.echo(f"  claim {a['claim_id']}: {a['action']} ({a['rule']})")
