"""Nightly commands: ``run`` (the nightly flow once), ``schedule`` (02:00 UTC deployment), ``demo``.

The flow needs no Prefect server: with no ``PREFECT_API_URL`` Prefect starts a temporary local
one (state in ``PREFECT_HOME``, set here to ``<data dir>/prefect``). ``--no-prefect`` runs the
same pipeline with a plain process pool, and ``run``/``demo`` fall back to it when Prefect itself
cannot start (the pipeline is idempotent, so finishing a half-done flow run this way is safe).
Prefect is imported only inside these commands.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from delivery.cli.app import app, global_db
from delivery.cli.claims import cli_errors
from pipeline.reports.agreement import DRIFT_THRESHOLD
from pipeline.store.db import make_engine, store_data_dir

DbOption = Annotated[str | None, typer.Option("--db", metavar="URL", help="Claims store URL (overrides the global --db).")]

CRON_HELP = """\
Schedules need a Prefect server (the temporary one a single run starts cannot hold them):

    prefect server start                                   # terminal 1 (SQLite in $PREFECT_HOME)
    export PREFECT_API_URL=http://127.0.0.1:4200/api       # terminal 2
    poe-review schedule --inbox /srv/inbox                 # serves the 'nightly' deployment

Without a Prefect server, a plain cron line does the same job (02:00 UTC every night):

    0 2 * * *  cd /srv/poe-review && .venv/bin/poe-review run --inbox /srv/inbox >> data/nightly.log 2>&1
"""


def prefect_environment(data_dir: Path) -> None:
    """Environment for running flows from the CLI; values already set by the user win."""
    prefect_home = (data_dir / "prefect").resolve()
    prefect_home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
    # Per-claim logs go to Prefect's API (its UI); the terminal shows warnings, the bar, the summary.
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_FLOW_RUNS_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_TASK_RUNS_LEVEL", "WARNING")


def store_dir(db_url: str | None) -> Path:
    engine = make_engine(db_url)
    try:
        return store_data_dir(engine)
    finally:
        engine.dispose()


def run_pipeline(
    *,
    inbox: Path | None,
    db_url: str | None,
    as_of: str | None,
    concurrency: int,
    batch_size: int | None = None,
    dask: str | None = None,
    use_prefect: bool = True,
    progress: bool = True,
    reject_ineligible: bool = False,
    extractor: str | None = None,
    report_dir: Path | None = None,
    export_format: str | None = None,
    reanalyse_limit: int | None = None,
    drift_threshold: float | None = None,
) -> dict[str, Any]:
    """The nightly run through the Prefect flow (default) or the plain runner; the summary."""
    # lazy: pipeline.nightly loads every step and the service, ~30-40 ms (python -X importtime); `--help` must not pay it
    from pipeline.nightly import AutoDecisionPolicy, ClaimProgress, NightlyConfig, run_nightly

    params: dict[str, Any] = dict(
        inbox=str(inbox) if inbox else None, db_url=db_url, as_of=as_of, concurrency=concurrency,
        batch_size=batch_size, reject_ineligible=reject_ineligible,
        report_dir=str(report_dir) if report_dir else None, export_format=export_format,
    )
    if extractor:
        params["extractor"] = extractor
    if reanalyse_limit is not None:
        params["reanalyse_limit"] = reanalyse_limit
    if drift_threshold is not None:
        params["drift_threshold"] = drift_threshold
    if use_prefect:
        prefect_environment(store_dir(db_url))
        try:
            # lazy: flows.nightly imports prefect, ~1.9 s (python -X importtime); only --flow/serve need it
            from flows.nightly import run_flow

            return run_flow(dask_address=dask, show_progress=progress, **params)
        except Exception as exc:
            if dask:
                raise
            typer.echo(
                f"warning: the Prefect flow did not complete ({type(exc).__name__}: {exc}); "
                "finishing the run without Prefect (the pipeline is idempotent)",
                err=True,
            )
    cfg = NightlyConfig(
        inbox=params["inbox"], db_url=db_url, as_of=as_of, concurrency=concurrency, batch_size=batch_size,
        policy=AutoDecisionPolicy(reject_ineligible=reject_ineligible),
        report_dir=params["report_dir"], export_format=export_format,
    )
    if extractor:
        cfg.extractor = extractor
    if reanalyse_limit is not None:
        cfg.reanalyse_limit = reanalyse_limit
    if drift_threshold is not None:
        cfg.drift_threshold = drift_threshold
    with ClaimProgress(enabled=progress) as bar:
        return run_nightly(cfg, progress=bar)


def print_summary(summary: dict[str, Any], as_json: bool) -> None:
    # lazy: pipeline.nightly loads every step and the service, ~30-40 ms (python -X importtime); `--help` must not pay it
    from pipeline.nightly import summary_markdown

    if as_json:
        typer.echo(json.dumps(summary, indent=2, default=str))
        return
    # lazy: rich costs 22-62 ms at import (python -X importtime); only this output path needs it
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(summary_markdown(summary)))


def _check_as_of(as_of: str | None) -> None:
    if as_of is None:
        return

    try:
        datetime.fromisoformat(as_of)
    except ValueError:
        typer.echo(f"error: --as-of: {as_of!r} is not an ISO 8601 instant (2026-07-01T02:00:00Z)", err=True)
        raise typer.Exit(2) from None


@app.command("run")
def run_command(
    ctx: typer.Context,
    inbox: Annotated[Path, typer.Option("--inbox", help="Inbox folder of claim folders (and tenants.json).")],
    db: DbOption = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="ISO", help="The run's instant (default: now).")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=0, help="Worker processes (0: one per CPU).")] = 0,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, help="Claims per batch task.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS", help="Dask scheduler for the batches.")] = None,
    no_prefect: Annotated[bool, typer.Option("--no-prefect", help="Run without Prefect (plain process pool).")] = False,
    reject_ineligible: bool = typer.Option(
        False, "--auto-reject-ineligible", help="Policy (off by default): reject claims ineligible whatever the POE."
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    extractor: Annotated[str | None, typer.Option("--extractor", hidden=True, help="module:function to extract with.")] = None,
    report_dir: Annotated[
        Path | None, typer.Option("--report-dir", help="Also write the analysts' report (report.html) here.")
    ] = None,
    export_format: Annotated[
        str | None, typer.Option("--export", metavar="parquet|csv", help="With --report-dir: also export the tables.")
    ] = None,
    reanalyse_limit: Annotated[
        int,
        typer.Option(
            "--reanalyse-limit", min=0,
            help="Open claims whose analysis is older than the current scoring/extractor version, "
            "re-analysed this night at most (oldest first; 0: none).",
        ),
    ] = 1000,
    drift_threshold: Annotated[
        float,
        typer.Option(
            "--drift-threshold", min=0.0, max=0.99,
            help="Flag in the summary a fall of weekly agreement between the tool and the reviewers of "
            "more than this (a fraction: 0.05 = 5 points), against the weeks before.",
        ),
    ] = DRIFT_THRESHOLD,
) -> None:
    """Run the nightly pipeline once: intake, analysis, conflicts, clocks; print the summary."""
    if not inbox.is_dir():
        typer.echo(f"error: --inbox: {inbox} is not a directory", err=True)
        raise typer.Exit(2)
    if dask and no_prefect:
        typer.echo("error: --dask runs through Prefect's Dask task runner; drop --no-prefect", err=True)
        raise typer.Exit(2)
    _check_as_of(as_of)
    if export_format is not None and (export_format not in ("parquet", "csv") or report_dir is None):
        typer.echo("error: --export takes parquet or csv, together with --report-dir", err=True)
        raise typer.Exit(2)

    with cli_errors():
        summary = run_pipeline(
            inbox=inbox, db_url=global_db(ctx, db), as_of=as_of, concurrency=concurrency, batch_size=batch_size,
            dask=dask, use_prefect=not no_prefect, progress=not as_json and sys.stderr.isatty(),
            reject_ineligible=reject_ineligible, extractor=extractor, report_dir=report_dir,
            export_format=export_format, reanalyse_limit=reanalyse_limit, drift_threshold=drift_threshold,
        )
    print_summary(summary, as_json)


@app.command("schedule", epilog=CRON_HELP.replace("\n", "\n\n"))
def schedule_command(
    ctx: typer.Context,
    inbox: Annotated[Path, typer.Option("--inbox", help="Inbox folder the nightly run reads.")] = Path("inbox"),
    cron: Annotated[str, typer.Option("--cron", help="Cron expression, in UTC.")] = "0 2 * * *",
    db: DbOption = None,
    concurrency: Annotated[int, typer.Option("--concurrency", min=0, help="Worker processes (0: one per CPU).")] = 0,
) -> None:
    """Serve the nightly deployment (default 02:00 UTC) until stopped; needs a Prefect server."""
    db_url = global_db(ctx, db)
    prefect_environment(store_dir(db_url))
    if not os.environ.get("PREFECT_API_URL"):
        typer.echo("error: PREFECT_API_URL is not set: schedules need a running Prefect server.\n", err=True)
        typer.echo(CRON_HELP, err=True)
        raise typer.Exit(2)
    # lazy: flows.nightly imports prefect, ~1.9 s (python -X importtime); only --flow/serve need it
    from flows.nightly import serve_nightly

    typer.echo(f"serving deployment 'nightly' ({cron} UTC) on {os.environ['PREFECT_API_URL']}; Ctrl-C stops")
    serve_nightly(cron=cron, inbox=str(inbox.resolve()), db_url=db_url, concurrency=concurrency)


def demo_inbox_builder() -> tuple[Callable[[Path], Path], bool]:
    """The builder ``poe-review demo`` uses: the bundled samples (the ``samples`` package, a
    test/demo tool no product layer imports) when installed, else the small built-in inbox of
    :mod:`pipeline.nightly.demo`. The flag says whether the bundled samples were found."""
    try:  # lazy: optional at run time (an install may lack the samples tool; ImportError falls back)
        from samples import build_demo_inbox
    except ImportError:
        # lazy: pipeline.nightly loads every step and the service, ~30-40 ms (python -X importtime); `--help` must not pay it
        from pipeline.nightly.demo import minimal_demo_inbox

        return minimal_demo_inbox, False
    return build_demo_inbox, True


@app.command("demo")
def demo_command(
    data: Annotated[Path, typer.Option("--data", help="Data folder for the demo store and inbox.")] = Path("data"),
    no_prefect: Annotated[bool, typer.Option("--no-prefect", help="Run without Prefect (plain process pool).")] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", min=0, help="Worker processes (0: one per CPU).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Build the bundled sample inbox, run the nightly flow on a SQLite store, print the summary."""
    data = data.resolve()
    data.mkdir(parents=True, exist_ok=True)
    db_file = data / "poe-review.db"
    db_url = f"sqlite:///{db_file}"
    inbox = data / "demo-inbox"

    build_demo_inbox, bundled = demo_inbox_builder()
    if not bundled:
        typer.echo("note: the bundled samples (samples) are not installed; using a small demo inbox", err=True)
    # Rebuilt every time so the inbox is exactly the bundled one; unchanged claims stay no-ops.
    if inbox.exists():
        shutil.rmtree(inbox)
    built = Path(build_demo_inbox(inbox))
    if not as_json:
        typer.echo(f"sample inbox: {built}\nclaims store: {db_file}\n")
    with cli_errors():
        summary = run_pipeline(
            inbox=built, db_url=db_url, as_of=None, concurrency=concurrency, use_prefect=not no_prefect,
            progress=not as_json and sys.stderr.isatty(),
        )
    print_summary(summary, as_json)
    if as_json:
        return
    default_db = Path(os.environ.get("POE_DATA_DIR") or "data").resolve() / "poe-review.db"
    db_flag = "" if db_file == default_db and not os.environ.get("POE_DB_URL") else f" --db {db_url}"
    typer.echo(
        "\nWhat to open next:\n"
        f"  poe-review{db_flag} claims --status 'Under review'   # the reviewers' queue\n"
        f"  poe-review{db_flag} show <CLAIM_ID>                  # findings with the text they rest on, history\n"
        f"  poe-review{db_flag} serve                            # the web UI\n"
    )
