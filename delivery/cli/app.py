"""The typer application every command module registers on.

Commands stay thin: parse options, call the library, print. Heavy imports (Prefect, spaCy,
pdfplumber) happen inside the command that needs them so `poe-review --help` starts fast.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="poe-review",
    help="Triage CPOR partner claims: read POE documents, check them, compare conflicts, keep the lifecycle.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", metavar="URL", help="Claims store SQLAlchemy URL (default: POE_DB_URL, else SQLite in ./data)."
    ),
) -> None:
    """Options every command shares; read them with :func:`global_db`."""
    ctx.obj = {"db": db}


def global_db(ctx: typer.Context | None, override: str | None = None) -> str | None:
    """The store URL for a command: its own ``--db``, else the global one, else None (default)."""
    if override:
        return override
    root = ctx.find_root() if ctx is not None else None
    obj = root.obj if root is not None and isinstance(root.obj, dict) else {}
    return obj.get("db")
