"""``analyze`` and ``compare`` (spec sections 3-4): claim folders in, findings out; no database.

Exit codes: 0 when analysed (whatever the verdicts); 2 when a claim folder (or the tenant
directory) cannot be read, or when compared claims share no tenant and product, with the
reason on stderr. Without ``--json`` the result is printed for a reviewer with rich.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from delivery.cli.app import app
from pipeline.errors import ClaimFolderError

TENANTS_OPTION = typer.Option(
    None, "--tenants", metavar="FILE",
    help="Tenant directory (tenants.json); default: tenants.json in the claim folder or its inbox.",
)
JSON_FLAG = typer.Option(False, "--json", help="Print the spec's JSON on stdout.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


@app.command("analyze")
def analyze_command(
    folder: Annotated[Path, typer.Argument(help="A claim folder: claim.json plus its POE files.")],
    as_json: bool = JSON_FLAG,
    tenants: Path | None = TENANTS_OPTION,
) -> None:
    """Check one claim's POE (D-11), eligibility (D-3, D-7, D-8) and recommend a decision."""
    # lazy: pipeline.analysis loads scoring.checks, ~300 ms (python -X importtime); `--help` must not pay it
    from pipeline.analysis import analyze_folder

    try:
        result = analyze_folder(folder, tenants)
    except ClaimFolderError as exc:
        _fail(f"{folder}: {exc}")
    if as_json:
        _dump(result)
    else:
        # lazy: analysis_view loads rich, ~26 ms (python -X importtime); `--help` must not pay it
        from delivery.cli.analysis_view import print_analysis

        print_analysis(result)


@app.command("compare")
def compare_command(
    folders: Annotated[list[Path], typer.Argument(help="Two claim folders or more on the same tenant and product.")],
    as_json: bool = JSON_FLAG,
    tenants: Path | None = TENANTS_OPTION,
) -> None:
    """Rank conflicting claims on the same customer and product/workload (D-18)."""
    # lazy: both load scoring.checks, ~300 ms (python -X importtime); `--help` must not pay it
    from pipeline.analysis import compare_folders
    from scoring.compare import NoSharedKey

    try:
        result = compare_folders(folders, tenants)
    except ClaimFolderError as exc:
        _fail(str(exc))
    except NoSharedKey as exc:
        _fail(str(exc))
    if as_json:
        _dump(result)
    else:
        # lazy: analysis_view loads rich, ~26 ms (python -X importtime); `--help` must not pay it
        from delivery.cli.analysis_view import print_comparison

        print_comparison(result)
