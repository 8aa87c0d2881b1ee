"""The labelled corpus generator: valid claims, complete and true labels, byte-stable output."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from pipeline.claim_folder import load_tenants, read_claim_folder
from samples import build_demo_inbox, generate_corpus
from samples.compose import compose_claim, plain_text
from samples.corpus import labels_json
from samples.scenario import CRITERIA, build_corpus, first
from tests.samples.audit import GROWTH_WORDS, audit_claim, dates_in, names_product, signature_problems

N, SEED = 40, 7


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "inbox", N, SEED)


@pytest.fixture(scope="module")
def labels(corpus: Path) -> dict:
    return json.loads((corpus / "labels.json").read_text())


def test_every_claim_folder_reads_and_is_labelled(corpus: Path, labels: dict) -> None:
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    assert len(folders) == N
    assert labels["generator"] == "samples" and labels["version"] == 1
    assert labels["seed"] == SEED and labels["n"] == N
    assert set(labels["claims"]) == {p.name for p in folders}
    tenants = load_tenants(corpus / "tenants.json")
    for folder in folders:
        claim = read_claim_folder(folder).claim
        entry = labels["claims"][claim.claim_id]
        assert entry["folder"] == folder.name and re.fullmatch(r"\d{7}", claim.claim_id)
        assert set(entry["criteria"]) == set(CRITERIA)
        assert set(entry["products"]) == {p.key for p in claim.products}
        assert entry["recommendation"] in ("approve", "request_info", "reject")
        assert entry["eligible"] == (not entry["eligibility_rules"])
        if "customer_not_in_directory" not in entry["cases"]:
            assert claim.customer.tenant_id in tenants
        else:
            assert claim.customer.tenant_id not in tenants


def test_each_criterion_has_both_verdicts(labels: dict) -> None:
    for criterion in CRITERIA:
        seen = {first(e["criteria"][criterion]) for e in labels["claims"].values()}
        assert seen == {"met", "not_met"}, criterion
    recs = {e["recommendation"] for e in labels["claims"].values()}
    assert recs == {"approve", "request_info", "reject"}


def test_conflicts_share_tenant_and_product(corpus: Path, labels: dict) -> None:
    assert labels["conflicts"]
    for conflict in labels["conflicts"]:
        claims = [read_claim_folder(corpus / cid).claim for cid in conflict["claims"]]
        assert conflict["winner"] in conflict["claims"] and len(claims) == 2
        assert {c.customer.tenant_id for c in claims} == {conflict["tenant_id"]}
        assert all(conflict["product"] in {p.key for p in c.products} for c in claims)
        assert claims[0].partner.name != claims[1].partner.name
        winner = labels["claims"][conflict["winner"]]
        assert winner["recommendation"] == "approve"


def test_same_seed_same_bytes_other_seed_differs(corpus: Path, tmp_path: Path) -> None:
    again = generate_corpus(tmp_path / "again", N, SEED)
    assert tree_hash(again) == tree_hash(corpus)
    assert labels_json(build_corpus(N, SEED + 1)) != labels_json(build_corpus(N, SEED))


def _extracted(folder: Path) -> list[str]:
    from extractors import extract

    texts = []
    for ref, path in read_claim_folder(folder).documents:
        if path.suffix.lower() == ".png" or "scan" in ref.path.lower():
            continue  # OCR is slow; scans are checked in the model-level audit
        doc = extract(path)
        if doc.status == "ok":
            texts.append(re.sub(r"\s+", " ", " ".join(b.text for b in doc.blocks)))
    return texts


def test_labels_hold_in_the_rendered_files(corpus: Path, labels: dict) -> None:
    """The customer/partner names, placeholders and products labelled are really in the files."""
    scenarios = {sc.claim_id: sc for sc in build_corpus(N, SEED).claims}
    checked = 0
    for cid, entry in labels["claims"].items():
        sc = scenarios[cid]
        if not sc.docs or any(d.fmt in ("scan_pdf", "png") for d in sc.docs):
            continue
        text = " ".join(_extracted(corpus / cid))
        crit = entry["criteria"]
        if crit["customer_name"] == "met":
            assert sc.customer.base.lower() in text.lower().replace(" and ", " & ") or \
                sc.customer.base.lower() in text.lower(), cid
        else:
            assert sc.customer.short.lower() not in text.lower(), cid
        if crit["partner_name"] == "met":
            assert sc.partner.base.lower() in text.lower(), cid
        for tag, pattern in (("customer_placeholder", r"\[|<|XXXXX"), ("partner_placeholder", r"\[|<")):
            if tag in entry["cases"]:
                assert re.search(pattern, text), (cid, tag)
        for code, truth in entry["products"].items():
            assert (names_product(text, code) is not None) == (truth != "absent"), (cid, code, truth)
        if first(crit["dates"]) == "met":
            assert dates_in(text), cid
        checked += 1
    assert checked >= 15


def test_model_level_audit_finds_no_contradiction() -> None:
    """Every claim of two seeds, read as text: products, names, dates and growth agree with labels."""
    for seed in (SEED, 11):
        corpus = build_corpus(120, seed)
        labels = labels_json(corpus)["claims"]
        problems = []
        for sc in corpus.claims:
            docs = [d for d in compose_claim(sc) if not isinstance(d, tuple)]
            texts = [plain_text(d) for d in docs]
            problems += [f"{sc.claim_id}: {p}" for p in audit_claim(sc, texts, labels[sc.claim_id])]
            problems += [f"{sc.claim_id}: {p}" for p in signature_problems(
                sc, list(docs), labels[sc.claim_id]["criteria"]["customer_signature"])]
        assert not problems, problems[:10]


def test_filler_banks_name_no_product_growth_or_date() -> None:
    from samples.phrasing import intro, legal
    from samples.phrasing import scope as sp
    from samples.products import PRODUCTS
    from tests.samples.audit import product_patterns

    banks = [*sp.TECH_TASKS, *sp.DELIVERABLES, *sp.MILESTONES, *sp.GOVERNANCE, *sp.CUSTOMER_DUTIES,
             *sp.GENERAL_ASSUMPTIONS, *sp.GENERAL_EXCLUSIONS, *intro.DRIVERS, *intro.OBJECTIVES, *intro.BUSINESS,
             *(x for bodies in legal.CLAUSES.values() for x in bodies), *legal.ACCEPTANCE, *legal.MSA_DEFINITIONS]
    for line in banks:
        for code in PRODUCTS:
            assert not any(p.search(line) for p in product_patterns(code)), (code, line)
        assert not dates_in(line), line
        assert not GROWTH_WORDS.search(line), line
    for code, pr in PRODUCTS.items():  # one product's work never names another product
        for line in (*pr.work, *pr.items):
            for other in PRODUCTS:
                if other != code and PRODUCTS[other].group != pr.group:
                    assert not any(p.search(line) for p in product_patterns(other)), (code, other, line)


def test_revenue_associations_and_ineligible_claims(labels: dict) -> None:
    entries = labels["claims"].values()
    revenue = [e for e in entries if "revenue_association_osa" in e["cases"]]
    assert revenue and all(e["recommendation"] == "approve" for e in revenue)
    assert all(e["recommendation"] == "reject" for e in entries if not e["eligible"])
    rules = {r for e in entries for r in e["eligibility_rules"]}
    assert rules >= {"D-3", "D-8"}


def test_demo_inbox_is_stable(tmp_path: Path) -> None:
    first_build = build_demo_inbox(tmp_path / "a")
    before = tree_hash(first_build)
    build_demo_inbox(first_build)  # rebuilt in place: the same bytes
    assert tree_hash(first_build) == before
    folders = [p for p in first_build.iterdir() if p.is_dir()]
    assert 10 <= len(folders) <= 14 and (first_build / "tenants.json").is_file()
    for folder in folders:
        read_claim_folder(folder)
    labels = json.loads((first_build / "labels.json").read_text())
    cases = {c for e in labels["claims"].values() for c in e["cases"]}
    assert {"conflict_winner", "power_bi_cpor", "unsigned_draft", "corrupt_file_beside_good",
            "revenue_association_osa", "scanned", "xlsx_template", "email_ack"} <= cases
