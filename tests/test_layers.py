"""The layer contract (issue 17): import-linter, configured in pyproject.toml ([tool.importlinter]).

Imports point one way: delivery (CLI, web) -> flows -> pipeline -> scoring -> extractors; nothing
below flows imports Prefect; no product layer below delivery imports the synthetic-corpus tool
``samples``. The first test runs the contract on this checkout (so CI runs it through the README's
test command). The others copy the source packages, add one deliberately wrong import each, and
show that the same contract then fails and names the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("delivery", "flows", "pipeline", "scoring", "extractors", "samples")

# The linter runs in a child process: grimp locates packages with importlib, which would hand back
# the modules this test process already imported instead of a copy's.
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", LINT, str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )


def test_import_linter_is_installed() -> None:
    # The contract must not pass by being skipped: a missing linter fails here, loudly.
    import importlinter  # noqa: F401


def test_layer_contract_holds_on_this_checkout() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def copy_of_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source packages (Python files only) and pyproject.toml, copied once per module."""
    root = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, root / package,
            ignore=lambda folder, names: [n for n in names if not (n.endswith(".py") or (Path(folder) / n).is_dir())
                                          or n == "__pycache__"],
        )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture
def sources(copy_of_sources: Path) -> Iterator[Path]:
    yield copy_of_sources
    for package in PACKAGES:  # each case adds one module; the next case starts clean
        (copy_of_sources / package / "_wrong_import.py").unlink(missing_ok=True)


# (module that imports, what it imports, the contract that must break)
WRONG_IMPORTS = [
    ("extractors", "import scoring.checks", "Layers"),
    ("scoring", "from pipeline import models", "Layers"),
    ("pipeline", "import flows.nightly", "Layers"),
    ("flows", "from delivery import cli", "Layers"),
    # A layer skipped on the way up, and an import hidden inside a function, count the same.
    ("pipeline", "def serve() -> None:\n    from delivery.web import app  # noqa: F401", "Layers"),
    ("scoring", "import prefect", "Nothing below flows imports Prefect"),
    ("pipeline", "from prefect_dask import DaskTaskRunner", "Nothing below flows imports Prefect"),
    ("pipeline", "from samples import generate_corpus", "synthetic-corpus tool"),
]


@pytest.mark.parametrize(("package", "statement", "contract"), WRONG_IMPORTS,
                         ids=[f"{p}:{s.split()[1]}" for p, s, _ in WRONG_IMPORTS])
def test_a_wrong_import_breaks_the_contract(sources: Path, package: str, statement: str, contract: str) -> None:
    (sources / package / "_wrong_import.py").write_text(statement + "\n")
    result = lint(sources)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    broken = [line for line in out.splitlines() if line.rstrip().endswith("BROKEN")]
    # pipeline -> flows also reaches Prefect through flows: both contracts may name one import.
    assert any(contract in line for line in broken), out
    assert f"{package}._wrong_import" in out, out  # the report names the offending module


def test_the_contract_spells_out_every_direction() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contracts = {c["id"]: c for c in config["contracts"]}
    assert contracts["layers"]["layers"] == ["delivery", "flows", "pipeline", "scoring", "extractors"]
    assert set(contracts["prefect-only-in-flows"]["source_modules"]) == {"pipeline", "scoring", "extractors"}
    assert set(contracts["samples-is-a-tool"]["source_modules"]) == {"flows", "pipeline", "scoring", "extractors"}
