"""One door into the store (issue 17): the delivery layer (CLI, web) reads and writes the store only
through :mod:`pipeline.service` (``ClaimService`` for claims, ``AccountsStore`` for sign-in
tables). It never opens a transaction itself: no ``pipeline.store.db.session_scope``, no SQLAlchemy
``Session``/``sessionmaker``, no ``engine.connect()``/``engine.begin()``.

The check reads the source (AST), so it also catches imports inside functions. The first tests
show that the check finds each kind of offence in a deliberately wrong snippet.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DELIVERY = ROOT / "delivery"
SESSION_MAKERS = {"Session", "sessionmaker", "scoped_session", "AsyncSession", "async_sessionmaker"}
ENGINE_DOORS = {"connect", "begin", "raw_connection"}


def offences(source: str) -> list[str]:
    """Each way ``source`` opens the store by itself, as 'line N: what'."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.ImportFrom) and node.module:
            names = {a.name for a in node.names}
            if node.module == "pipeline.store.db" and "session_scope" in names:
                found.append(f"{where}: imports session_scope")
            if node.module.startswith("sqlalchemy") and names & SESSION_MAKERS:
                found.append(f"{where}: imports {', '.join(sorted(names & SESSION_MAKERS))} from {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "sqlalchemy.orm":
                    found.append(f"{where}: imports sqlalchemy.orm")
        elif isinstance(node, ast.Attribute):
            if node.attr == "session_scope" or node.attr in SESSION_MAKERS:
                found.append(f"{where}: uses .{node.attr}")
            elif node.attr in ENGINE_DOORS and "engine" in ast.unparse(node.value).lower():
                found.append(f"{where}: opens {ast.unparse(node)}()")
        elif isinstance(node, ast.Name) and node.id == "session_scope":
            found.append(f"{where}: uses session_scope")
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        "from pipeline.store.db import session_scope\n",
        "def f(engine):\n    from pipeline.store.db import make_engine, session_scope\n",
        "import pipeline.store.db\nwith pipeline.store.db.session_scope(e) as s:\n    pass\n",
        "from sqlalchemy.orm import Session\n",
        "import sqlalchemy.orm\n",
        "from sqlalchemy.orm import sessionmaker\n",
        "def f(engine):\n    with engine.begin() as c:\n        pass\n",
        "def f(app):\n    app.state.engine.connect()\n",
    ],
)
def test_the_check_finds_a_door_of_its_own(snippet: str) -> None:
    assert offences(snippet), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        "from pipeline.store.db import make_engine, migrate\n",
        "from sqlalchemy import Engine\n",
        "from pipeline.service import ClaimService\nClaimService(engine).list_claims(actor)\n",
    ],
)
def test_the_check_lets_the_service_door_pass(snippet: str) -> None:
    assert offences(snippet) == []


def test_delivery_goes_through_the_service_only() -> None:
    files = sorted(DELIVERY.rglob("*.py"))
    assert len(files) > 10  # the delivery layer is there: the check cannot pass by finding nothing
    found = [
        f"{path.relative_to(ROOT)} {offence}"
        for path in files
        for offence in offences(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "delivery opens the store by itself:\n" + "\n".join(found)
