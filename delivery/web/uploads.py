"""A partner's answer to a request for information (D-15): more POE, then re-submission.

Adding files and re-submitting are two steps (issue 15). Each uploaded file is read by the
extractors within their safety limits (size, pages, zip bombs, timeouts; see
:mod:`delivery.web.upload_check`) before anything is stored; a file they cannot read, or whose
name promises another format, is refused with the reason and never stored. The readable files
become the claim's next submission (the current submission written out as a claim folder, the
new documents added to its claim.json: same content hashes and blobs as an inbox) while the
status stays; the partner re-submits when the claim is ready.
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
from delivery.web.upload_check import FileCheck, check_file, product_names
from pipeline.added_files import ReadResult
from pipeline.claim_folder import reserved_name_message
from pipeline.claim_views import ClaimView
from pipeline.errors import ClaimFolderError, IllegalTransition, InvalidInput
from pipeline.models import Status
from pipeline.roles import Actor
from pipeline.service import ClaimService

UPLOAD_STATES = frozenset({Status.DRAFT.value, Status.PARTNER_ACTION_REQUIRED.value})
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_FILES = 20


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
        # lazy: extractors' package attributes load the format libraries on first use
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


def _save(upload: Upload, target: Path, max_bytes: int) -> str | None:
    """Write the upload to ``target``; the reason it is refused (too large, empty) or None."""
    size = 0
    with target.open("wb") as out:
        while chunk := upload.stream.read(1 << 20):
            size += len(chunk)
            if size > max_bytes:
                return f"larger than the {max_bytes // (1024 * 1024)} MB a POE document may be"
            out.write(chunk)
    return "the file is empty" if size == 0 else None


@dataclass
class UploadResult:
    """Every file's check, and the submission the readable ones became (None: nothing added)."""

    checks: list[FileCheck]
    submission: int | None = None

    @property
    def added(self) -> list[FileCheck]:
        return [c for c in self.checks if not c.refused] if self.submission else []

    @property
    def refused(self) -> list[FileCheck]:
        return [c for c in self.checks if c.refused]


def _validate(view: ClaimView, uploads: list[Upload]) -> list[Upload]:
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
    return uploads


def _check_all(view: ClaimView, uploads: list[Upload], folder: Path, taken: set[str]) -> list[FileCheck]:
    """Save and read each upload in ``folder``; a refused file is removed again at once."""
    limits, max_bytes = _limits()
    products = [(p.name, product_names(p.name, p.code)) for p in view.product_lines if p.removed_at is None]
    checks = []
    for upload in uploads:
        name = safe_name(upload.filename, taken)
        target = folder / name
        problem = _save(upload, target, max_bytes)
        check = (
            FileCheck(name, "unreadable", reason=problem)
            if problem
            else check_file(target, name, limits, view.customer_name or "", products)
        )
        if check.refused:
            target.unlink(missing_ok=True)
        else:
            taken.add(name)
        checks.append(check)
    return checks


def _rewrite_claim_json(folder: Path, view: ClaimView, added: list[dict[str, Any]]) -> None:
    raw = json.loads((folder / "claim.json").read_text(encoding="utf-8"))
    raw["documents"] = list(raw.get("documents") or []) + added
    # What the claim says now (D-9 edits included), not what the first submission said; the
    # status it will have once (re-)submitted.
    raw["status"] = Status.DRAFT.value if view.status == Status.DRAFT.value else Status.SUBMITTED.value
    raw["mpn_location"] = {"mpn_id": view.mpn_id, "country": view.mpn_country}
    raw["products"] = [
        {k: v for k, v in (("name", p.name), ("code", p.code), ("subscription_id", p.subscription_id)) if v}
        for p in view.product_lines
        if p.removed_at is None
    ]
    (folder / "claim.json").write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")


def add_documents(
    service: ClaimService,
    actor: Actor,
    claim_id: str,
    uploads: list[Upload],
    comment: str,
    now: datetime,
    *,
    all_or_nothing: bool = False,
) -> UploadResult:
    """Check every upload and add the readable ones to the claim as its next submission, without
    re-submitting it (D-15). A refused file is never stored; with ``all_or_nothing`` one refused
    file refuses the whole upload (InvalidInput naming it) and nothing is stored."""
    view = get_claim(service, actor, claim_id)  # another partner's claim: not found (D-1)
    uploads = _validate(view, uploads)
    work = Path(tempfile.mkdtemp(prefix="poe-upload-"))
    try:
        folder = service.materialize_submission(view.claim_id, None, work / "claim")
        raw = json.loads((folder / "claim.json").read_text(encoding="utf-8"))
        taken = {str(d.get("path")) for d in raw.get("documents") or []}
        result = UploadResult(_check_all(view, uploads, folder, taken))
        if result.refused and all_or_nothing:
            first = result.refused[0]
            raise InvalidInput(f"{first.name}: {first.reason}")
        readable = [c for c in result.checks if not c.refused]
        if not readable:
            return result
        note = comment.strip()
        _rewrite_claim_json(
            folder, view,
            [{"path": c.name, "uploaded_by": actor.name, "uploaded_at": now.isoformat(), "comment": note} for c in readable],
        )
        read = [ReadResult(c.name, c.status, c.pages, c.reason or None) for c in readable]
        details = {"files": [c.as_dict() for c in readable], "comment": note}
        try:
            result.submission = service.add_documents(actor, view.claim_id, folder, read, details)
        except ClaimFolderError as exc:  # e.g. over the documents-per-claim limit: nothing stored
            raise InvalidInput(str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def add_and_resubmit(
    service: ClaimService, actor: Actor, claim_id: str, uploads: list[Upload], comment: str, now: datetime
) -> tuple[UploadResult, ClaimView]:
    """The API's one step (kept for its clients): add the documents, all or nothing, then
    re-submit a claim that waits on its partner (a Draft stays a Draft until submitted)."""
    result = add_documents(service, actor, claim_id, uploads, comment, now, all_or_nothing=True)
    view = get_claim(service, actor, claim_id)
    if view.status == Status.PARTNER_ACTION_REQUIRED.value:
        view = service.submit(actor, claim_id)
    return result, view
