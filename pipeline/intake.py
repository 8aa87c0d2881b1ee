"""Taking an inbox of claim folders into the store (spec sections 1-2, D-4, D-10, D-15).

Each folder is read and stored in its own transaction, so a bad claim is refused with a message
naming its field while every other claim still goes in. A folder is identified by its content
hash: an unchanged folder is a no-op, a changed one is a new submission of the same claim
(allowed only while the claim can still be re-submitted). Document bytes are copied into the
data directory under their SHA-256 (``blobs/<sha256>``) so the store never depends on the inbox
staying where it was.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors import sniff
from pipeline.claim_folder import CLAIM_FILE, TENANTS_FILE, ClaimFolder, content_hash_of
from pipeline.errors import ClaimFolderError
from pipeline.lifecycle import RESUBMITTABLE_STATES
from pipeline.models import ClaimFile, Status
from pipeline.store.schema import (
    ClaimProductRow,
    ClaimRow,
    DocumentRow,
    SubmissionRow,
)

Outcome = Literal["accepted", "resubmitted", "unchanged", "refused"]


@dataclass
class IngestItem:
    folder: str
    outcome: Outcome
    claim_id: str | None = None
    message: str = ""
    submission_seq: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IngestReport:
    inbox: str
    items: list[IngestItem] = field(default_factory=list)
    tenants_loaded: int = 0
    tenants_error: str | None = None

    def _of(self, outcome: Outcome) -> list[IngestItem]:
        return [item for item in self.items if item.outcome == outcome]

    @property
    def accepted(self) -> list[IngestItem]:
        return self._of("accepted")

    @property
    def resubmitted(self) -> list[IngestItem]:
        return self._of("resubmitted")

    @property
    def unchanged(self) -> list[IngestItem]:
        return self._of("unchanged")

    @property
    def refused(self) -> list[IngestItem]:
        return self._of("refused")

    @property
    def changed(self) -> bool:
        return bool(self.accepted or self.resubmitted)

    def counts(self) -> dict[str, int]:
        return {o: len(self._of(o)) for o in ("accepted", "resubmitted", "unchanged", "refused")}

    def to_json(self) -> dict[str, Any]:
        return {
            "inbox": self.inbox,
            "counts": self.counts(),
            "tenants_loaded": self.tenants_loaded,
            "tenants_error": self.tenants_error,
            "items": [item.to_json() for item in self.items],
        }


class Refused(ClaimFolderError):
    """A well-formed folder the store will not take (duplicate ID of another partner...)."""


def claim_folders(inbox: Path) -> list[Path]:
    """The claim folders of an inbox, in name order; an inbox may itself be one claim folder."""
    inbox = Path(inbox)
    if (inbox / CLAIM_FILE).is_file():
        return [inbox]
    return sorted(p for p in inbox.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


# --- document bytes -------------------------------------------------------------------------


def store_blob(blobs_dir: Path, source: Path, sha256: str) -> Path:
    """Copy ``source`` to ``blobs_dir/<sha256>`` once; atomic, so a crash leaves no half file."""
    target = blobs_dir / sha256
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return target
    blobs_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=blobs_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def detect_type(path: Path) -> str:
    """Format by magic bytes: ``extractors.sniff`` when the extractors provide it."""
    try:
        return str(sniff(path))[:30]
    except Exception:  # a sniffing bug must not refuse a claim; the extractor reports later
        return _guess_type(path)


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)


def _guess_type(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "unknown"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError):
            return "zip"
        for prefix, name in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return name
        return "zip"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    if text.startswith((b"from:", b"received:", b"return-path:", b"message-id:", b"mime-version:")):
        return "eml"
    if head and b"\x00" not in head:
        return "text"
    return "unknown" if not head else "binary"


# --- store writes ---------------------------------------------------------------------------


def _same_partner(row: ClaimRow, claim: ClaimFile) -> bool:
    """A claim ID belongs to one partner: same MPN ID, or same organisation name (an edited MPN
    location, D-9, keeps the name)."""

    def norm(name: str) -> str:
        return " ".join(name.casefold().split())

    return row.partner_org == claim.mpn_location.mpn_id or norm(row.partner_name) == norm(claim.partner.name)


def _require_poe(cf: ClaimFolder, target: Status) -> None:
    # D-10: POE is required to submit any claim except revenue association (D-7). A Draft may
    # still lack it; Submit refuses it later.
    if target != Status.DRAFT and not cf.documents and not cf.claim.is_revenue_association:
        raise Refused(
            f"documents: no proof of execution attached to claim {cf.claim.claim_id}; "
            "POE is required except for revenue association (D-10)"
        )


def _copy_claim_fields(row: ClaimRow, cf: ClaimFolder) -> None:
    claim = cf.claim
    row.name = claim.name
    row.program = claim.program.value
    row.solution_area = claim.solution_area.value
    row.activity = claim.activity
    row.partner_name = claim.partner.name
    row.partner_contact_name = claim.partner.contact_name
    row.partner_contact_email = claim.partner.contact_email
    row.mpn_id = claim.mpn_location.mpn_id
    row.mpn_country = claim.mpn_location.country
    row.customer_domain = claim.customer.domain
    row.tenant_id = claim.customer.tenant_id
    row.customer_contact_name = claim.customer.contact_name
    row.customer_contact_email = claim.customer.contact_email
    row.comment = claim.comment
    row.created_at = claim.created_at
    row.submitted_at = claim.submitted_at
    row.content_hash = cf.content_hash


def replace_active_products(row: ClaimRow, products: list[Any]) -> None:
    """Put ``products`` in place of the claim's active products; D-6 removals stay listed."""
    kept = [p for p in row.products if p.removed_at is not None]
    row.products[:] = kept
    for index, product in enumerate(products):
        row.products.append(
            ClaimProductRow(
                position=len(kept) + index,
                name=product.name,
                code=product.code,
                subscription_id=product.subscription_id,
            )
        )


def _add_submission(
    session: Session, row: ClaimRow, cf: ClaimFolder, seq: int, now: datetime, blobs: Path
) -> None:
    session.add(
        SubmissionRow(
            claim_id=row.claim_id,
            seq=seq,
            content_hash=cf.content_hash,
            received_at=now,
            source_path=str(cf.folder),
            claim_json=cf.raw,
        )
    )
    for ref, path in cf.documents:
        sha = cf.document_hashes[ref.path]
        try:
            stored = store_blob(blobs, path, sha)
        except OSError as exc:
            raise Refused(f"documents: {ref.path!r} could not be stored ({exc.strerror or exc})") from None
        session.add(
            DocumentRow(
                claim_id=row.claim_id,
                submission_seq=seq,
                path=ref.path,
                stored_path=str(stored),
                content_hash=sha,
                size=path.stat().st_size,
                detected_type=detect_type(path),
                uploaded_by=ref.uploaded_by,
                uploaded_at=ref.uploaded_at,
                comment=ref.comment,
            )
        )
    row.current_submission = seq


@dataclass
class Taken:
    """What taking in one folder did; the service turns it into history and a report item."""

    outcome: Outcome
    row: ClaimRow | None
    seq: int | None = None
    from_status: Status | None = None
    to_status: Status | None = None
    note: str = ""


def take_in(session: Session, cf: ClaimFolder, now: datetime, blobs: Path) -> Taken:
    """Write one claim folder into ``session`` (not committed). Raises Refused / ClaimFolderError."""
    claim = cf.claim
    row = session.get(ClaimRow, claim.claim_id)
    if row is None:
        return _take_new(session, cf, now, blobs)

    if not _same_partner(row, claim):
        raise Refused(
            f"claim_id: {claim.claim_id} already belongs to {row.partner_name} (MPN {row.partner_org}); "
            f"{claim.partner.name} (MPN {claim.mpn_location.mpn_id}) cannot use the same claim ID"
        )
    known = session.scalar(
        select(SubmissionRow.seq).where(
            SubmissionRow.claim_id == row.claim_id, SubmissionRow.content_hash == cf.content_hash
        )
    )
    if known is not None:
        note = "" if known == row.current_submission else f"same content as submission {known}"
        return Taken("unchanged", row, seq=known, note=note)
    status = Status(row.status)
    if status not in RESUBMITTABLE_STATES:
        hint = "; the partner must create a new claim (D-15)" if status == Status.REJECTED else ""
        raise Refused(
            f"claim_id: claim {claim.claim_id} is {status.value}; a re-submission is taken only in "
            f"Draft, Submitted or Partner action required{hint}"
        )
    if claim.customer.tenant_id != row.tenant_id:
        raise Refused(
            f"customer.tenant_id: a re-submission cannot change the customer of claim {claim.claim_id} "
            f"({row.tenant_id} -> {claim.customer.tenant_id}); create a new claim (D-9)"
        )
    target = Status.DRAFT if status == Status.DRAFT and claim.status == Status.DRAFT else Status.SUBMITTED
    _require_poe(cf, target)
    _copy_claim_fields(row, cf)
    replace_active_products(row, list(claim.products))
    seq = row.current_submission + 1
    _add_submission(session, row, cf, seq, now, blobs)
    # A new submission needs a new analysis and answers any open request (D-15).
    row.recommendation = None
    row.score = None
    row.action_due_at = None
    return Taken("resubmitted", row, seq=seq, from_status=status, to_status=target)


def _take_new(session: Session, cf: ClaimFolder, now: datetime, blobs: Path) -> Taken:
    claim = cf.claim
    target = Status.DRAFT if claim.status == Status.DRAFT else Status.SUBMITTED
    note = ""
    if claim.status not in (Status.DRAFT, Status.SUBMITTED):
        note = f"claim.json said status {claim.status.value!r}; the store keeps the lifecycle, taken in as Submitted"
    _require_poe(cf, target)
    row = ClaimRow(
        claim_id=claim.claim_id,
        status=target.value,
        partner_org=claim.mpn_location.mpn_id,
        status_since=now,
        in_conflict=False,
        current_submission=0,
        version=1,
    )
    _copy_claim_fields(row, cf)
    replace_active_products(row, list(claim.products))
    session.add(row)
    session.flush()  # the claim row must exist before its submission and documents
    _add_submission(session, row, cf, 1, now, blobs)
    return Taken("accepted", row, seq=1, from_status=None, to_status=target, note=note)


def claim_as_it_stands(row: ClaimRow, submitted: dict[str, Any]) -> dict[str, Any]:
    """A submission's claim.json with the store's current editable fields (D-9): MPN location,
    contacts and the products still claimed (D-6 removals dropped)."""
    raw = dict(submitted)
    raw["status"] = row.status
    raw["mpn_location"] = {"mpn_id": row.mpn_id, "country": row.mpn_country}
    raw["partner"] = {
        **(raw.get("partner") or {}),
        "contact_name": row.partner_contact_name,
        "contact_email": row.partner_contact_email,
    }
    raw["customer"] = {
        **(raw.get("customer") or {}),
        "contact_name": row.customer_contact_name,
        "contact_email": row.customer_contact_email,
    }
    raw["products"] = [
        {k: v for k, v in (("name", p.name), ("code", p.code), ("subscription_id", p.subscription_id)) if v}
        for p in row.products
        if p.removed_at is None
    ]
    return raw


def submission_from_store(
    session: Session, row: ClaimRow, previous: SubmissionRow, source: str, now: datetime
) -> tuple[int, str]:
    """A new submission made of the claim as it stands in the store (D-9 edits) and the
    documents of ``previous``; the claim's current submission moves to it. Returns (seq, hash)."""
    raw = claim_as_it_stands(row, previous.claim_json)
    raw["status"] = Status.SUBMITTED.value
    raw["edited_at"] = now.isoformat()  # not part of the spec; keeps each edited submission distinct
    docs = list(
        session.scalars(
            select(DocumentRow)
            .where(DocumentRow.claim_id == row.claim_id, DocumentRow.submission_seq == previous.seq)
            .order_by(DocumentRow.id)
        )
    )
    seq = row.current_submission + 1
    content_hash = content_hash_of(raw, [(d.path, d.content_hash) for d in docs])
    session.add(
        SubmissionRow(
            claim_id=row.claim_id,
            seq=seq,
            content_hash=content_hash,
            received_at=now,
            source_path=source,
            claim_json=raw,
        )
    )
    for d in docs:
        session.add(
            DocumentRow(
                claim_id=row.claim_id,
                submission_seq=seq,
                path=d.path,
                stored_path=d.stored_path,
                content_hash=d.content_hash,
                size=d.size,
                detected_type=d.detected_type,
                kind=d.kind,
                uploaded_by=d.uploaded_by,
                uploaded_at=d.uploaded_at,
                comment=d.comment,
            )
        )
    row.current_submission = seq
    row.content_hash = content_hash
    row.recommendation = None
    row.score = None
    return seq, content_hash


__all__ = [
    "TENANTS_FILE",
    "IngestItem",
    "IngestReport",
    "Refused",
    "Taken",
    "claim_as_it_stands",
    "claim_folders",
    "submission_from_store",
    "detect_type",
    "replace_active_products",
    "store_blob",
    "take_in",
]
