"""A partner's answer to a request for information (D-15): more POE, then re-submission.

Each uploaded file is checked by the extractors within their safety limits (size, pages, zip
bombs, timeouts) before anything is stored; a file they cannot read is refused with their
message and nothing changes. Accepted files become a new submission of the claim through the
library's own intake (the current submission written out as a claim folder, the new documents
added to its claim.json), so history, content hashes, blobs and the D-15 re-submission rule are
the same as for an inbox.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from delivery.web.limits import FORM_ALLOWANCE
from delivery.web.ops import get_claim
from pipeline.claim_folder import reserved_name_message
from pipeline.errors import IllegalTransition, InvalidInput
from pipeline.intake import IngestItem
from pipeline.models import Status
from pipeline.roles import Actor
from pipeline.service import ClaimService

UPLOAD_STATES = frozenset({Status.DRAFT.value, Status.PARTNER_ACTION_REQUIRED.value})
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_FILES = 20
REFUSED_STATUSES = frozenset({"unreadable", "unsupported"})


@dataclass
class Upload:
    filename: str
    stream: BinaryIO


def safe_name(filename: str, taken: set[str]) -> str:
    """A plain file name for the claim folder: no directories, no odd characters, not taken."""
    base = Path(filename.replace("\\", "/")).name
    base = re.sub(r"[^\w.\- ()]+", "_", base).strip(" .") or "document"
    stem, dot, ext = base[:120].rpartition(".")
    if not dot:
        stem, ext = base[:120], ""
    candidate = base[:120]
    n = 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
        n += 1
    return candidate


def refuse_reserved_names(uploads: list[Upload]) -> None:
    """Refuse, before anything is stored, a file whose name in the claim folder would be
    ``claim.json`` or ``tenants.json`` (issue 13): the partner renames it; nothing is lost."""
    for upload in uploads:
        problem = reserved_name_message(safe_name(upload.filename, set()))  # the name it would get
        if problem:
            raise InvalidInput(f"files: {problem}")


def _limits() -> tuple[Any, int]:
    try:
        from extractors import Limits  # type: ignore[attr-defined]
    except ImportError:
        return None, DEFAULT_MAX_BYTES
    # A partner waits for the answer: no OCR here (the nightly run does it), a shorter timeout.
    limits = Limits(ocr=False, timeout_seconds=60.0)
    return limits, int(getattr(limits, "max_bytes", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


def upload_body_limit() -> int:
    """The most bytes one upload request may carry: one document at the extractors' size limit
    plus the form around it (several files at once must fit in it together)."""
    return _limits()[1] + FORM_ALLOWANCE


def _save(upload: Upload, target: Path, max_bytes: int) -> int:
    size = 0
    with target.open("wb") as out:
        while chunk := upload.stream.read(1 << 20):
            size += len(chunk)
            if size > max_bytes:
                raise InvalidInput(
                    f"{target.name}: larger than the {max_bytes // (1024 * 1024)} MB a POE document may be"
                )
            out.write(chunk)
    if size == 0:
        raise InvalidInput(f"{target.name}: the file is empty")
    return size


def check_document(path: Path, display: str, limits: object | None) -> str:
    """The extractors' verdict on a new file: its status, or InvalidInput with their message."""
    try:
        from extractors import extract  # type: ignore[attr-defined]
    except ImportError:
        return "ok"  # no extractors installed: the nightly analysis reports on the file
    kwargs = {"display_path": display}
    if limits is not None:
        kwargs["limits"] = limits  # type: ignore[assignment]
    doc = extract(path, **kwargs)  # type: ignore[arg-type]
    if doc.status in REFUSED_STATUSES:
        raise InvalidInput(f"{display}: {doc.error or doc.status} (D-24)")
    return str(doc.status)


def add_documents(
    service: ClaimService,
    actor: Actor,
    claim_id: str,
    uploads: list[Upload],
    comment: str,
    now: datetime,
) -> IngestItem:
    """Add ``uploads`` to the claim and re-submit it; returns the intake's report item."""
    view = get_claim(service, actor, claim_id)  # another partner's claim: not found (D-1)
    if view.status not in UPLOAD_STATES:
        raise IllegalTransition(
            f"claim {view.claim_id} is {view.status}; documents can be added only while it is Draft "
            "or Partner action required (D-15)"
        )
    uploads = [u for u in uploads if u.filename]
    if not uploads:
        raise InvalidInput("files: choose at least one document to upload")
    if len(uploads) > MAX_FILES:
        raise InvalidInput(f"files: at most {MAX_FILES} documents at a time")
    refuse_reserved_names(uploads)
    limits, max_bytes = _limits()
    work = Path(tempfile.mkdtemp(prefix="poe-upload-"))
    try:
        folder = service.materialize_submission(view.claim_id, None, work / "claim")
        raw = json.loads((folder / "claim.json").read_text(encoding="utf-8"))
        taken = {str(d.get("path")) for d in raw.get("documents") or []}
        added = []
        for upload in uploads:
            name = safe_name(upload.filename, taken)
            taken.add(name)
            target = folder / name
            _save(upload, target, max_bytes)
            check_document(target, name, limits)
            added.append(
                {"path": name, "uploaded_by": actor.name, "uploaded_at": now.isoformat(), "comment": comment.strip()}
            )
        raw["documents"] = list(raw.get("documents") or []) + added
        # What the claim says now (D-9 edits included), not what the first submission said.
        raw["status"] = Status.DRAFT.value if view.status == Status.DRAFT.value else Status.SUBMITTED.value
        raw["mpn_location"] = {"mpn_id": view.mpn_id, "country": view.mpn_country}
        raw["products"] = [
            {k: v for k, v in (("name", p.name), ("code", p.code), ("subscription_id", p.subscription_id)) if v}
            for p in view.product_lines
            if p.removed_at is None
        ]
        (folder / "claim.json").write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
        report = service.ingest(folder, actor)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    item = report.items[0] if report.items else IngestItem(folder.name, "refused", claim_id, "nothing taken in")
    if item.outcome == "refused":
        raise InvalidInput(item.message)
    return item
