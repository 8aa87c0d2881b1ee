"""Backup and restore of a poe-review installation: the claims store, the document blobs and the
key files, taken while the web app and the nightly run keep working.

Layout of a backup folder (``poe-review backup DEST``)::

    manifest.json            format, backend, Alembic revision, source paths, sha256 of every file
    database/poe-review.db   SQLite: a copy made with SQLite's online backup API (one snapshot)
    database/poe-review.pgdump  PostgreSQL: ``pg_dump --format=custom`` of the store's schema
    blobs/<sha256>           every document blob (content-addressed, written once)
    keys/<name>.key          web session key, consent-link key, pseudonym key ...

Consistency: the database is copied first, in one snapshot. Intake writes a blob before it
commits the rows naming it, and never changes or deletes a blob, so every blob the copied rows
name is already there when the blobs are copied next (later blobs are harmless extras).

``restore SRC`` checks every file against the manifest first, then refuses a target that already
holds a store, blobs or keys unless ``force``. Blob paths kept in ``documents.stored_path`` are
re-pointed at the restored blob folder (the data directory may differ from the original one).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select, text, update

from pipeline.errors import PoeReviewError
from pipeline.store.db import BLOBS, current_revision, session_scope
from pipeline.store.schema import DocumentRow

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "database/poe-review.db"
PG_FILE = "database/poe-review.pgdump"
KEY_SUFFIX = ".key"  # every key file of the data directory (web-secret, consent, pseudonym ...)


class BackupError(PoeReviewError):
    """A backup or restore that cannot go ahead (missing tool, damaged backup, non-empty target)."""


@dataclass
class BackupSummary:
    folder: Path
    backend: str
    revision: str | None
    files: int = 0
    bytes: int = 0
    blobs: int = 0
    keys: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "backend": self.backend,
            "revision": self.revision,
            "files": self.files,
            "bytes": self.bytes,
            "blobs": self.blobs,
            "keys": list(self.keys),
            "warnings": list(self.warnings),
        }


# --- backup ---------------------------------------------------------------------------------


def backup(engine: Engine, dest: Path, data_dir: Path) -> BackupSummary:
    """Copy the store, the blobs and the key files of ``data_dir`` into the new folder ``dest``."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty: a backup goes into a new or empty folder")
    backend = engine.dialect.name
    summary = BackupSummary(dest, backend, current_revision(engine))
    (dest / "database").mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        database = _sqlite_file(engine)
        _sqlite_copy(database, dest / SQLITE_FILE)
    elif backend == "postgresql":
        _pg_dump(engine, dest / PG_FILE)
    else:
        raise BackupError(f"backup supports SQLite and PostgreSQL stores, not {backend}")
    blobs = Path(data_dir) / BLOBS
    (dest / BLOBS).mkdir()
    for blob in sorted(blobs.iterdir()) if blobs.is_dir() else []:
        if blob.is_file() and not blob.name.startswith("."):  # .incoming-*: a blob being written
            shutil.copy2(blob, dest / BLOBS / blob.name)
            summary.blobs += 1
    for key in sorted(Path(data_dir).glob(f"*{KEY_SUFFIX}")):
        (dest / "keys").mkdir(exist_ok=True, mode=0o700)
        target = dest / "keys" / key.name
        shutil.copyfile(key, target)
        target.chmod(0o600)
        summary.keys.append(key.name)
    files = _manifest_files(dest, summary)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "backend": backend,
        "revision": summary.revision,
        "source": {"data_dir": str(Path(data_dir).resolve()), "blobs": str(blobs.resolve())},
        "files": files,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return summary


def _manifest_files(dest: Path, summary: BackupSummary) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(_walk(dest)):
        rel = path.relative_to(dest).as_posix()
        digest = sha256_file(path)
        if rel.startswith(f"{BLOBS}/") and digest != path.name:
            summary.warnings.append(f"blob {path.name} does not hash to its name (sha256 {digest}): copied as found")
        size = path.stat().st_size
        files[rel] = {"sha256": digest, "size": size}
        summary.files += 1
        summary.bytes += size
    return files


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and path.name != MANIFEST:
            yield path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite store has nothing to back up")
    return Path(database).expanduser().resolve()


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: one consistent snapshot while other connections write."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed (PostgreSQL client tools, e.g. apt install postgresql-client): "
            "it is needed to back up or restore a PostgreSQL store"
        )
    return found


def _pg_args(engine: Engine) -> tuple[list[str], dict[str, str]]:
    """libpq connection options (the password goes in the environment, not the command line)."""
    url = engine.url
    args = ["--dbname", str(url.database or "")]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _pg_schema(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT current_schema()")).scalar_one())


def _pg_dump(engine: Engine, target: Path) -> None:
    args, env = _pg_args(engine)
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--schema", _pg_schema(engine), "--file", str(target)]
    _run(command + args, env, "pg_dump")


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")


# --- restore --------------------------------------------------------------------------------


def read_manifest(src: Path) -> dict[str, Any]:
    """The manifest of a backup folder, with every file checked against its sha256 and size."""
    path = Path(src) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{src} is not a poe-review backup: no {MANIFEST}")
    manifest: dict[str, Any] = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: backup format {manifest.get('format')!r}, this version reads {FORMAT}")
    damaged = []
    for rel, meta in manifest["files"].items():
        file = Path(src) / rel
        if not file.is_file() or file.stat().st_size != meta["size"] or sha256_file(file) != meta["sha256"]:
            damaged.append(rel)
    if damaged:
        raise BackupError(f"{src}: {len(damaged)} file(s) missing or changed since the backup: {', '.join(damaged[:10])}")
    return manifest


def restore(src: Path, engine: Engine, data_dir: Path, *, force: bool = False) -> BackupSummary:
    """Bring the backup ``src`` back into ``engine``'s store and ``data_dir``; refuses a target
    that holds data unless ``force`` (which replaces the store and overwrites same-named files)."""
    src = Path(src)
    manifest = read_manifest(src)
    backend = engine.dialect.name
    if manifest["backend"] != backend:
        raise BackupError(f"{src} is a {manifest['backend']} backup; the target store is {backend}")
    data_dir = Path(data_dir)
    occupied = _occupied(engine, data_dir)
    if occupied and not force:
        raise BackupError(f"the target is not empty ({'; '.join(occupied)}): restore into an empty one, or use --force")
    summary = BackupSummary(data_dir, backend, manifest.get("revision"))
    if backend == "sqlite":
        _sqlite_restore(engine, src / SQLITE_FILE)
    else:
        _pg_restore(engine, src / PG_FILE, clean=bool(occupied))
    blobs = data_dir / BLOBS
    for rel in manifest["files"]:
        source = src / rel
        if rel.startswith(f"{BLOBS}/"):
            _atomic_copy(source, blobs / source.name)
            summary.blobs += 1
        elif rel.startswith("keys/"):
            _atomic_copy(source, data_dir / source.name, mode=0o600)
            summary.keys.append(source.name)
        summary.files += 1
        summary.bytes += int(manifest["files"][rel]["size"])
    _repoint_blobs(engine, blobs)
    return summary


def _occupied(engine: Engine, data_dir: Path) -> list[str]:
    found = []
    tables = inspect(engine).get_table_names()
    if tables:
        found.append(f"the store has {len(tables)} tables")
    if (data_dir / BLOBS).is_dir() and any((data_dir / BLOBS).iterdir()):
        found.append(f"{data_dir / BLOBS} holds blobs")
    keys = sorted(p.name for p in data_dir.glob(f"*{KEY_SUFFIX}")) if data_dir.is_dir() else []
    if keys:
        found.append(f"{data_dir} holds {', '.join(keys)}")
    return found


def _atomic_copy(source: Path, target: Path, mode: int | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".restoring-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sqlite_restore(engine: Engine, source: Path) -> None:
    """Copy the snapshot into the target file through SQLite (the target's WAL stays coherent)."""
    target = _sqlite_file(engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    engine.dispose()  # pooled connections must not keep the old pages
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    engine.dispose()


def _pg_restore(engine: Engine, source: Path, *, clean: bool) -> None:
    """pg_restore in one transaction, stopping at the first error. A schema that already exists in
    the target (``public`` of every new database) is left out of the list, or its CREATE fails."""
    with engine.connect() as conn:
        existing = {str(n) for n in conn.execute(text("SELECT nspname FROM pg_namespace")).scalars()}
    engine.dispose()
    args, env = _pg_args(engine)
    tool = _pg_tool("pg_restore")
    listing = subprocess.run([tool, "--list", str(source)], capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        raise BackupError(f"pg_restore --list failed: {listing.stderr.strip()[-2000:]}")
    kept = [line for line in listing.stdout.splitlines() if _schema_entry(line) not in existing]
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as fh:
        fh.write("\n".join(kept) + "\n")
    command = [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--use-list", fh.name]
    if clean:
        command += ["--clean", "--if-exists"]
    try:
        _run(command + args + [str(source)], env, "pg_restore")
    finally:
        Path(fh.name).unlink(missing_ok=True)


def _schema_entry(line: str) -> str | None:
    """The schema a ``pg_restore --list`` line creates (``12; 2615 2200 SCHEMA - public poe``)."""
    parts = line.split()
    if len(parts) >= 6 and not line.startswith(";") and parts[3] == "SCHEMA" and parts[4] == "-":
        return parts[5]
    return None


def _repoint_blobs(engine: Engine, blobs: Path) -> None:
    """``documents.stored_path`` of a blob names the original folder: point it at ``blobs``."""
    with session_scope(engine) as session:
        for doc_id, stored in session.execute(select(DocumentRow.id, DocumentRow.stored_path)).all():
            path = Path(stored or "")
            here = blobs / path.name
            if path.parent.name == BLOBS and here.is_file() and path != here:
                session.execute(update(DocumentRow).where(DocumentRow.id == doc_id).values(stored_path=str(here)))
