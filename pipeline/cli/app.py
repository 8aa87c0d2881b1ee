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
