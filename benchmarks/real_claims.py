"""Labelled claims on real documents for ``benchmarks/real_documents.py``.

Two sources, both resolved against the data folders given on the command line (real documents
stay outside the repository):

* a folder holding a CUAD ``master_clauses*.csv`` and the contract PDFs under it: per contract a
  *true* claim (partner = the first party of the lawyers' ``Parties`` answer, customer = the
  second, submitted 90 days after the agreement / effective date, or after the signing date
  when a hand check found the signature page dated later, ``cuad_signed_later.json``) labelled
  ``met`` for ``partner_name``, ``customer_name`` and, when the lawyers' quote holds the date,
  ``dates``, and a *wrong-customer* claim whose customer
  is a party of another contract, which must never get ``customer_name`` ``met``;
* the hand labels (``benchmarks/real_labels.json``): a claim and a verdict per criterion for
  each document, the document's path relative to one of the data folders.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scoring.catalogue import find_product
from scoring.types import ClaimAssertion, ClaimedProduct

SUBMIT_AFTER = timedelta(days=90)
# Two wrong-customer claims per contract, a party of the contract this many rows on (>= 190 in all).
WRONG_CUSTOMER_STEPS = (7, 53)
# What a CUAD claim asserts for products: the check is not labelled from the CSV, any product does.
CUAD_PRODUCT = "Microsoft 365 E3/E5"
_FILED = re.compile(r"_((?:19|20)\d{6})_")
_DEFINED = re.compile(r"\(.*?\)|[\"“”‘]|(?<![A-Za-z])['’]|['’](?![A-Za-z])")
_SUFFIX_ONLY = re.compile(r"^(?:the\s+)?(?:part(?:y|ies)|you|supplier|company|customer|distributor|seller|buyer|x+)$",
                          re.I)


@dataclass
class LabelledClaim:
    """One claim over one document, with the acceptable verdicts of the criteria it labels."""

    kind: str  # "cuad" | "cuad-wrong-customer" | "hand"
    document: Path
    shown: str  # the document's path relative to its data folder
    claim: ClaimAssertion
    labels: dict[str, list[str]]
    notes: dict[str, str] = field(default_factory=dict)  # criterion -> the labeller's reason / page


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def party_names(answer: str) -> list[str]:
    """The parties of a CUAD ``Parties`` answer, in order, without their defined terms."""
    names: list[str] = []
    for piece in answer.split(";"):
        head = piece.split("(")[0]
        # 'Acme Inc. and its Affiliates', '... including its successors', '..., or its subsidiaries'
        head = re.split(r",?\s+(?:and\s+(?:all\s+of\s+)?its|including|or\s+its)\s", head)[0]
        name = _DEFINED.sub(" ", head)
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        if len(name) < 2 or not re.search(r"[A-Z0-9]", name.split()[0]) or _SUFFIX_ONLY.match(name) or \
                " and " in name.lower() and "(" not in piece:
            continue
        key = re.sub(r"[^a-z0-9]", "", _ascii(name))
        if key and all(re.sub(r"[^a-z0-9]", "", _ascii(n)) != key for n in names):
            names.append(name + ("." if head.rstrip().endswith(".") and not name.endswith(".") else ""))
    return names


def _csv_date(row: dict[str, str]) -> datetime | None:
    for column in ("Agreement Date-Answer", "Effective Date-Answer"):
        m = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", row.get(column, ""))
        if m:
            try:
                return datetime(int(m[3]), int(m[1]), int(m[2]), tzinfo=UTC)
            except ValueError:
                continue
    return None


_QUOTED_DATE = re.compile(r"(?:19|20)\d\d|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
SIGNED_LATER = Path(__file__).resolve().parent / "cuad_signed_later.json"


def _date_is_written(row: dict[str, str]) -> bool:
    """The CSV's date is quoted from the contract: the lawyers' highlighted text for the agreement
    or effective date holds a year or a numeric date. When it does not ('effective on the day
    after the date of last signature', the signature page undated), the CSV's date was inferred
    from outside the text and the document shows no date to find."""
    return bool(_QUOTED_DATE.search(row.get("Agreement Date", "") + row.get("Effective Date", "")))


def _signed_later() -> dict[str, datetime]:
    """Hand-checked signing dates later than the CSV's date (``cuad_signed_later.json``)."""
    if not SIGNED_LATER.is_file():
        return {}
    data = json.loads(SIGNED_LATER.read_text(encoding="utf-8"))
    return {c["file"].lower(): datetime.fromisoformat(c["signed"]).replace(tzinfo=UTC) for c in data["contracts"]}


def _filed(name: str) -> datetime | None:
    m = _FILED.search(name)
    if not m:
        return None
    try:
        return datetime.strptime(m[1], "%Y%m%d").replace(tzinfo=UTC)
    except ValueError:
        return None


_LEGAL = {"inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "lp",
          "llp", "sa", "ag", "gmbh", "bv", "nv", "the", "s", "a", "l", "p"}


def _domain(name: str) -> str:
    """The customer's domain as a company would register it: 'Time Life, Inc. d/b/a Time Life
    Music' -> 'timelife.example' (the name's words without legal forms, up to a d/b/a)."""
    head = re.split(r"\b(?:d/b/a|dba|f/k/a|fka)\b", _ascii(name))[0]
    words = [w for w in re.findall(r"[a-z0-9]+", head) if w not in _LEGAL]
    return ("".join(words)[:30] or "example") + ".example"


def make_claim(claim_id: str, partner: str, customer: str, submitted: datetime,
               products: list[str]) -> ClaimAssertion:
    claimed = []
    program = "OSU-Microsoft 365"
    for name in products:
        entry = find_product(name)
        if entry is None:
            raise ValueError(f"{claim_id}: product {name!r} is not in scoring/data/catalogue.json")
        claimed.append(ClaimedProduct(entry.name, entry.code))
        program = entry.program
    return ClaimAssertion(
        claim_id=claim_id, program=program, solution_area="Modern Work", activity="Deployment",
        partner_name=partner, customer_domain=_domain(customer), tenant_id=f"tenant-{claim_id}",
        products=tuple(claimed), customer_name=customer, customer_domains=(_domain(customer),),
        created_at=submitted - timedelta(days=1), submitted_at=submitted)


def _find_pdfs(folder: Path) -> dict[str, Path]:
    return {p.stem.lower(): p for p in folder.rglob("*") if p.suffix.lower() == ".pdf"}


def _same_company(a: str, b: str) -> bool:
    ka, kb = (re.sub(r"[^a-z0-9]", "", _ascii(x)) for x in (a, b))
    return bool(ka) and bool(kb) and (ka in kb or kb in ka)


def _other_party(rows: list[tuple[Path, list[str], datetime | None, datetime]], i: int, start: int,
                 parties: list[str]) -> str:
    """A party of another contract (``start`` rows on), stepping on until it is none of ``parties``."""
    for step in range(start, start + len(rows)):
        other_parties = rows[(i + step) % len(rows)][1]
        other = other_parties[step % 2]
        if not any(_same_company(other, p) for p in parties):
            return other
    raise ValueError("every contract has the same parties")


def cuad_claims(folder: Path) -> list[LabelledClaim]:
    """True and wrong-customer claims for every contract of the CSV found under ``folder``."""
    sheets = sorted(folder.glob("master_clauses*.csv"))
    if not sheets:
        return []
    pdfs = _find_pdfs(folder)
    later = _signed_later()
    rows: list[tuple[Path, list[str], datetime | None, datetime]] = []
    for sheet in sheets:
        with sheet.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                pdf = pdfs.get(Path(row["Filename"]).stem.lower())
                parties = party_names(row.get("Parties-Answer", ""))
                dated = _csv_date(row)
                signed = later.get(Path(row["Filename"]).stem.lower())
                day = max(d for d in (dated, signed) if d is not None) if dated or signed else None
                submitted = (day or _filed(row["Filename"]) or datetime(2020, 1, 1, tzinfo=UTC)) + SUBMIT_AFTER
                if not _date_is_written(row):
                    dated = None  # no date is written in the contract: 'dates' is not labelled
                if pdf is not None and len(parties) >= 2:
                    rows.append((pdf, parties, dated, submitted))
    out: list[LabelledClaim] = []
    for i, (pdf, parties, dated, submitted) in enumerate(rows):
        shown = str(pdf.relative_to(folder))
        labels = {"partner_name": ["met"], "customer_name": ["met"]}
        if dated is not None:
            labels["dates"] = ["met"]
        cid = f"cuad-{i:03d}"
        out.append(LabelledClaim("cuad", pdf, shown, make_claim(cid, parties[0], parties[1], submitted,
                                                                [CUAD_PRODUCT]), labels))
        for n, start in enumerate(WRONG_CUSTOMER_STEPS):
            other = _other_party(rows, i, start, parties)
            wrong = make_claim(f"{cid}-wrong{n}", parties[0], other, submitted, [CUAD_PRODUCT])
            out.append(LabelledClaim("cuad-wrong-customer", pdf, shown, wrong,
                                     {"customer_name": ["not_met", "unclear"]}))
    return out


def _resolve(path: str, folders: list[Path]) -> tuple[Path, str] | None:
    for folder in folders:
        if (folder / path).is_file():
            return folder / path, path
    return None


def hand_claims(labels_file: Path, folders: list[Path]) -> tuple[list[LabelledClaim], list[str]]:
    """The hand-labelled claims whose document is under one of ``folders``; and those not found."""
    data: dict[str, Any] = json.loads(labels_file.read_text(encoding="utf-8"))
    out: list[LabelledClaim] = []
    missing: list[str] = []
    for i, item in enumerate(data["documents"]):
        found = _resolve(item["path"], folders)
        if found is None:
            missing.append(item["path"])
            continue
        c = item["claim"]
        submitted = datetime.fromisoformat(c["submitted"]).replace(tzinfo=UTC)
        claim = make_claim(f"hand-{i:03d}", c["partner"], c["customer"], submitted, c["products"])
        labels, notes = {}, {}
        for criterion, label in item["labels"].items():
            verdict = label["verdict"]
            labels[criterion] = list(verdict) if isinstance(verdict, list) else [verdict]
            where = f"p.{label['page']}" if label.get("page") else label.get("section") or "whole document"
            notes[criterion] = f"{where}: {label.get('reason', '')}"
        out.append(LabelledClaim("hand", found[0], found[1], claim, labels, notes))
    return out, missing
