"""``poe-review backup DEST`` and ``poe-review restore SRC``: the store, the document blobs and the
key files, copied while the system runs (:mod:`pipeline.store.backup`)."""

from __future__ import annotations

from pathlib import Path

import typer

from delivery.cli.app import app, global_db
from delivery.cli.claims import DB_OPTION, JSON_OPTION, cli_errors, fail, print_json
from pipeline.store.backup import BackupError, backup, restore
from pipeline.store.db import make_engine, store_data_dir

DATA_DIR_OPTION = typer.Option(
    None, "--data-dir", help="Folder of the blobs and key files (default: POE_DATA_DIR, else next to a SQLite store)."
)

DEST_ARG = typer.Argument(..., help="New (or empty) folder to write the backup into.")
SRC_ARG = typer.Argument(..., help="A folder written by 'poe-review backup'.")


@app.command("backup")
def backup_command(
    ctx: typer.Context,
    dest: Path = DEST_ARG,
    db: str | None = DB_OPTION,
    data_dir: Path | None = DATA_DIR_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Copy the claims store (SQLite online backup or pg_dump), the blobs and the key files into
    DEST, with a manifest of every file's sha256. Safe while the web app and nightly run work."""
    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        try:
            summary = backup(engine, dest, data_dir or store_data_dir(engine))
        except BackupError as exc:
            fail(str(exc))
    if as_json:
        print_json(summary.to_json())
        return
    typer.echo(
        f"backed up the {summary.backend} store (revision {summary.revision}), {summary.blobs} blobs and "
        f"{len(summary.keys)} key files to {dest}: {summary.files} files, {summary.bytes} bytes"
    )
    for warning in summary.warnings:
        typer.echo(f"  warning: {warning}", err=True)


@app.command("restore")
def restore_command(
    ctx: typer.Context,
    src: Path = SRC_ARG,
    db: str | None = DB_OPTION,
    data_dir: Path | None = DATA_DIR_OPTION,
    force: bool = typer.Option(False, "--force", help="Replace a store, blobs and keys that are already there."),
) -> None:
    """Bring a backup back into an empty store and data directory (checks every file first)."""
    with cli_errors():
        engine = make_engine(global_db(ctx, db))
        try:
            summary = restore(src, engine, data_dir or store_data_dir(engine), force=force)
        except BackupError as exc:
            fail(str(exc))
    typer.echo(
        f"restored the {summary.backend} store (revision {summary.revision}), {summary.blobs} blobs and "
        f"{len(summary.keys)} key files into {summary.folder}"
    )
