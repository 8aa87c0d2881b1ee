"""Reading claim folders and the tenant directory (spec sections 1-2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.claim_folder import (
    ClaimFolderError,
    find_tenants_file,
    load_tenants,
    read_claim_folder,
)
from tests.pipeline.claim_factory import TENANT_A, claim_dict, write_claim, write_tenants


def test_reads_a_valid_folder(tmp_path: Path) -> None:
    folder = write_claim(tmp_path / "c1")
    cf = read_claim_folder(folder)
    assert cf.claim.claim_id == "1012503"
    assert cf.folder == folder.resolve()
    [(ref, path)] = cf.documents
    assert ref.path == "SOW.pdf" and path == folder.resolve() / "SOW.pdf"
    assert len(cf.content_hash) == 64
    assert set(cf.document_hashes) == {"SOW.pdf"}


def test_content_hash_ignores_key_order_and_whitespace(tmp_path: Path) -> None:
    folder = write_claim(tmp_path / "c1")
    first = read_claim_folder(folder).content_hash
    data = json.loads((folder / "claim.json").read_text())
    (folder / "claim.json").write_text(json.dumps(dict(reversed(list(data.items())))))
    assert read_claim_folder(folder).content_hash == first


def test_content_hash_changes_with_document_bytes_and_fields(tmp_path: Path) -> None:
    folder = write_claim(tmp_path / "c1")
    first = read_claim_folder(folder).content_hash
    (folder / "SOW.pdf").write_bytes(b"%PDF-1.4 changed")
    second = read_claim_folder(folder).content_hash
    assert second != first
    data = json.loads((folder / "claim.json").read_text())
    data["comment"] = "another"
    (folder / "claim.json").write_text(json.dumps(data))
    assert read_claim_folder(folder).content_hash not in {first, second}


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("program"), "program"),
        (lambda d: d.update(program="OSU-Azure"), "program"),
        (lambda d: d["customer"].update(tenant_id="not-a-guid"), "customer.tenant_id"),
        (lambda d: d["customer"].pop("domain"), "customer.domain"),
        (lambda d: d.update(products=[]), "products"),
        (lambda d: d["products"][0].pop("name"), "products[0].name"),
        (lambda d: d.update(claim_id="12ab"), "claim_id"),
        (lambda d: d.pop("mpn_location"), "mpn_location"),
    ],
)
def test_bad_fields_are_named(tmp_path: Path, mutate, field: str) -> None:
    data = claim_dict()
    mutate(data)
    folder = write_claim(tmp_path / "c", data, files={"SOW.pdf": b"%PDF"})
    with pytest.raises(ClaimFolderError) as err:
        read_claim_folder(folder)
    assert str(err.value).startswith(field), str(err.value)


@pytest.mark.parametrize(
    ("path", "wording"),
    [
        ("../outside.pdf", "escapes the claim folder"),
        ("sub/../../outside.pdf", "escapes the claim folder"),
        ("/etc/passwd", "absolute path"),
        ("C:\\temp\\x.pdf", "absolute path"),
        ("missing.pdf", "does not exist"),
    ],
)
def test_document_paths_must_stay_inside_and_exist(tmp_path: Path, path: str, wording: str) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF")
    data = claim_dict(documents=[{"path": path}])
    folder = write_claim(tmp_path / "c", data, files={})
    with pytest.raises(ClaimFolderError, match=wording) as err:
        read_claim_folder(folder)
    assert str(err.value).startswith("documents[0].path")


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    folder = write_claim(tmp_path / "c", claim_dict(documents=[{"path": "link.pdf"}]), files={})
    (folder / "link.pdf").symlink_to(secret)
    with pytest.raises(ClaimFolderError, match="escapes"):
        read_claim_folder(folder)


def test_subfolder_documents_and_backslashes_are_fine(tmp_path: Path) -> None:
    data = claim_dict(documents=[{"path": "poe\\SOW.pdf"}])
    folder = write_claim(tmp_path / "c", data, files={"poe/SOW.pdf": b"%PDF"})
    [(_, path)] = read_claim_folder(folder).documents
    assert path.name == "SOW.pdf"


def test_same_file_twice_is_refused(tmp_path: Path) -> None:
    data = claim_dict(documents=[{"path": "SOW.pdf"}, {"path": "./SOW.pdf"}])
    folder = write_claim(tmp_path / "c", data, files={"SOW.pdf": b"%PDF"})
    with pytest.raises(ClaimFolderError, match=r"documents\[1\].path"):
        read_claim_folder(folder)


def test_missing_and_broken_claim_json(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ClaimFolderError, match="^claim.json: missing"):
        read_claim_folder(tmp_path / "empty")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "claim.json").write_text("{not json")
    with pytest.raises(ClaimFolderError, match="^claim.json: not valid JSON"):
        read_claim_folder(broken)
    (broken / "claim.json").write_text("[1, 2]")
    with pytest.raises(ClaimFolderError, match="JSON object"):
        read_claim_folder(broken)


def test_revenue_association_may_have_no_documents(tmp_path: Path) -> None:
    data = claim_dict(program="OSA Sell", activity="Revenue association", documents=[])
    cf = read_claim_folder(write_claim(tmp_path / "c", data, files={}))
    assert cf.documents == [] and cf.claim.is_revenue_association


def test_tenants_load_and_find(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_tenants(inbox)
    folder = write_claim(inbox / "c1")
    assert find_tenants_file(folder) == inbox / "tenants.json"
    assert find_tenants_file(inbox) == inbox / "tenants.json"
    assert find_tenants_file(tmp_path) is None
    tenants = load_tenants(inbox / "tenants.json")
    assert list(tenants) == [TENANT_A]
    assert tenants[TENANT_A].display_name == "Contoso Ltd"


def test_bad_tenants_file_names_the_entry(tmp_path: Path) -> None:
    path = write_tenants(tmp_path, [{"tenant_id": TENANT_A, "display_name": "A"}, {"tenant_id": "x", "display_name": "B"}])
    with pytest.raises(ClaimFolderError, match=r"^tenants.json\[1\].tenant_id"):
        load_tenants(path)
    path.write_text(json.dumps([{"tenant_id": TENANT_A, "display_name": "A"}] * 2))
    with pytest.raises(ClaimFolderError, match="appears twice"):
        load_tenants(path)
