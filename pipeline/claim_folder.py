"""Reading one claim folder (spec section 1) and the tenant directory (spec section 2).

A claim folder is ``claim.json`` plus the POE files it names. Reading it validates everything a
later step relies on, so nothing downstream re-checks: every document path resolves inside the
folder (no ``..``, no absolute path, no symlink pointing out) and names an existing file. Any
problem raises :class:`ClaimFolderError` whose message starts with the field at fault
(``customer.tenant_id: not a GUID``), so the sender knows what to fix.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from extractors import limits as extractor_limits
from pipeline.errors import ClaimFolderError
from pipeline.models import ClaimFile, DocumentRef, Tenant, describe_validation_error

CLAIM_FILE = "claim.json"
TENANTS_FILE = "tenants.json"
# A claim folder's own metadata and the operator's tenant directory: never a partner's document
# (issue 13: an upload named tenants.json rewrote other partners' customers; one named
# claim.json was overwritten by the claim's metadata and lost).
RESERVED_NAMES = frozenset({CLAIM_FILE, TENANTS_FILE})
_CHUNK = 1 << 20

__all__ = [
    "CLAIM_FILE",
    "RESERVED_NAMES",
    "TENANTS_FILE",
    "ClaimFolder",
    "ClaimFolderError",
    "canonical_json",
    "content_hash_of",
    "file_sha256",
    "find_tenants_file",
    "load_tenants",
    "read_claim_folder",
    "reserved_name_message",
]


@dataclass(frozen=True)
class ClaimFolder:
    folder: Path
    claim: ClaimFile
    documents: list[tuple[DocumentRef, Path]]  # resolved, inside the folder, existing files
    content_hash: str  # sha256 over canonical claim.json + each document's path and bytes hash
    document_hashes: dict[str, str] = field(default_factory=dict)  # DocumentRef.path -> sha256
    raw: dict[str, Any] = field(default_factory=dict)  # claim.json as parsed


def canonical_json(data: Any) -> str:
    """Key order and whitespace do not change a claim's identity; values do."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash_of(raw: Any, document_hashes: list[tuple[str, str]]) -> str:
    """A submission's identity: claim.json's canonical form, then each document's path and
    SHA-256 in claim.json order. The store uses the same function for edited claims."""
    digest = hashlib.sha256(canonical_json(raw).encode())
    for path, sha in document_hashes:
        digest.update(f"\n{path}\x00{sha}".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _load_json(path: Path, label: str) -> Any:
    if not path.is_file():
        raise ClaimFolderError(f"{label}: missing ({path})")
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ClaimFolderError(f"{label}: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise ClaimFolderError(f"{label}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except OSError as exc:
        raise ClaimFolderError(f"{label}: cannot be read ({exc.strerror})") from None


def reserved_name_message(name: str) -> str | None:
    """Why ``name`` (a plain file name at the claim folder's root) cannot be a document, or None."""
    if name.strip().casefold() not in RESERVED_NAMES:
        return None
    what = "the claim's own metadata" if name.strip().casefold() == CLAIM_FILE else "the tenant directory"
    return f"{name!r} is a reserved name ({what}); rename the file and send it again"


def _resolve_document(root: Path, index: int, ref: DocumentRef) -> Path:
    field_name = f"documents[{index}].path"
    raw = ref.path
    if "\x00" in raw:
        raise ClaimFolderError(f"{field_name}: contains a NUL character")
    posix, windows = PurePosixPath(raw), PureWindowsPath(raw)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        raise ClaimFolderError(f"{field_name}: {raw!r} is an absolute path; it must be relative to the claim folder")
    # Windows separators are accepted as separators: Partner Center exports come from Windows too.
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if ".." in parts:
        raise ClaimFolderError(f"{field_name}: {raw!r} escapes the claim folder")
    reserved = reserved_name_message(parts[0]) if len(parts) == 1 else None
    if reserved:
        raise ClaimFolderError(f"{field_name}: {reserved}")
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # symlink loops
        raise ClaimFolderError(f"{field_name}: {raw!r} cannot be resolved ({exc})") from None
    if not resolved.is_relative_to(root):
        raise ClaimFolderError(f"{field_name}: {raw!r} escapes the claim folder (links outside it)")
    if not resolved.exists():
        raise ClaimFolderError(f"{field_name}: {raw!r} does not exist in the claim folder")
    if not resolved.is_file():
        raise ClaimFolderError(f"{field_name}: {raw!r} is not a file")
    return resolved


def _check_document_count(count: int) -> None:
    """At most ``Limits.max_documents`` per claim, checked before any document is read: a
    partner could otherwise name thousands of files, each within the per-file limits."""
    limits = extractor_limits.DEFAULT_LIMITS  # read at call time, as before: a test may replace it
    if count > limits.max_documents:
        raise ClaimFolderError(f"documents: {count} documents, over the limit of {limits.max_documents} "
                               f"per claim; combine pages into fewer files")


def read_claim_folder(folder: Path) -> ClaimFolder:
    """Read and validate ``folder/claim.json`` and the documents it names."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ClaimFolderError(f"claim folder: {folder} is not a directory")
    root = folder.resolve()
    raw = _load_json(root / CLAIM_FILE, CLAIM_FILE)
    if not isinstance(raw, dict):
        raise ClaimFolderError(f"{CLAIM_FILE}: must hold a JSON object, not {type(raw).__name__}")
    try:
        claim = ClaimFile.model_validate(raw)
    except ValidationError as exc:
        raise ClaimFolderError(describe_validation_error(exc)) from None

    _check_document_count(len(claim.documents))
    documents: list[tuple[DocumentRef, Path]] = []
    hashes: dict[str, str] = {}
    seen: dict[Path, int] = {}
    for index, ref in enumerate(claim.documents):
        path = _resolve_document(root, index, ref)
        if path in seen:
            raise ClaimFolderError(
                f"documents[{index}].path: {ref.path!r} names the same file as documents[{seen[path]}]"
            )
        seen[path] = index
        try:
            sha = file_sha256(path)
        except OSError as exc:
            raise ClaimFolderError(f"documents[{index}].path: {ref.path!r} cannot be read ({exc.strerror})") from None
        hashes[ref.path] = sha
        documents.append((ref, path))
    return ClaimFolder(
        folder=root,
        claim=claim,
        documents=documents,
        content_hash=content_hash_of(raw, [(ref.path, hashes[ref.path]) for ref, _ in documents]),
        document_hashes=hashes,
        raw=raw,
    )


_TENANT_LIST = TypeAdapter(list[Tenant])


def load_tenants(path: Path) -> dict[str, Tenant]:
    """``tenants.json`` keyed by (lower-case) tenant ID; errors name the entry and field."""
    path = Path(path)
    raw = _load_json(path, TENANTS_FILE)
    if not isinstance(raw, list):
        raise ClaimFolderError(f"{TENANTS_FILE}: must hold a JSON list of tenants")
    try:
        tenants = _TENANT_LIST.validate_python(raw)
    except ValidationError as exc:
        raise ClaimFolderError(f"{TENANTS_FILE}{_index_prefix(describe_validation_error(exc))}") from None
    out: dict[str, Tenant] = {}
    for index, tenant in enumerate(tenants):
        if tenant.tenant_id in out:
            raise ClaimFolderError(f"{TENANTS_FILE}[{index}].tenant_id: {tenant.tenant_id} appears twice")
        out[tenant.tenant_id] = tenant
    return out


def _index_prefix(described: str) -> str:
    # describe_validation_error renders a list index first as "[2].field"; keep it attached.
    return described if described.startswith("[") else f": {described}"


def find_tenants_file(folder: Path) -> Path | None:
    """The tenant directory for a claim folder or an inbox: in the folder, else its parent inbox."""
    folder = Path(folder)
    for candidate in (folder / TENANTS_FILE, folder.parent / TENANTS_FILE):
        if candidate.is_file():
            return candidate
    return None
