"""Issue 13, Medium: contacts were withheld from analysts in the claim view, but evidence quotes,
document text and the document download still showed e-mail addresses and names. Everything an
analyst receives now goes through pipeline.redact; the raw files and page images are refused."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from pipeline.reports.export import export_tables
from pipeline.roles import Actor, Role
from tests.web.conftest import csrf_of
from tests.web.store_builder import Built

PEOPLE = ("Teo Lupu", "Ola Demmo", "teo.lupu@contoso.example", "Teo,", "Kind regards, Teo")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
NOTE = "Called Teo Lupu (teo.lupu@contoso.example, +1 425 555 0100): the SOW was signed by Ola Demmo"


def _leaks(text: str) -> list[str]:
    return [p for p in PEOPLE if p in text] + ADDRESS.findall(text)


def _decide_with_a_personal_note(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post("/api/claims/1000001/decision", json={"decision": "request_info", "note": NOTE, "requests": [NOTE]},
                  headers={"X-CSRF-Token": csrf_of(rita)})
    assert r.status_code == 200, r.text


def test_analyst_json_and_pages_carry_no_personal_data(client_for) -> None:  # type: ignore[no-untyped-def]
    _decide_with_a_personal_note(client_for)
    ana = client_for("ana")
    claim = ana.get("/api/claims/1000001")
    assert claim.status_code == 200
    assert _leaks(claim.text) == []
    signed = ana.get("/api/claims/1000002").json()  # its signature evidence quotes the signer
    assert _leaks(json.dumps(signed)) == []
    assert any(e["criterion"] == "customer_signature" and "[name withheld]" in e["text"] for e in signed["evidence"])
    assert _leaks(ana.get("/claims/1000001").text) == []
    assert _leaks(ana.get("/api/conflicts/1").text) == []


def test_analyst_document_views_show_redacted_text(client_for) -> None:  # type: ignore[no-untyped-def]
    ana = client_for("ana")
    for doc_no, ev in ((0, 0), (1, None), (2, None)):  # the signed SOW (PDF), the e-mail (DOCX), the POE (XLSX)
        r = ana.get(f"/claims/1000001/documents/{doc_no}" + (f"?ev={ev}" if ev is not None else ""))
        assert r.status_code == 200, r.text
        assert _leaks(r.text) == [], (doc_no, _leaks(r.text))
        assert ".png" not in r.text and "/file" not in r.text
    sow = ana.get("/claims/1000001/documents/0?ev=0").text
    assert "Contoso Ltd" in sow and "[name withheld]" in sow  # the business facts stay


def test_analyst_is_refused_the_raw_files(client_for) -> None:  # type: ignore[no-untyped-def]
    ana = client_for("ana")
    for path in ("/claims/1000001/documents/0/file", "/claims/1000001/documents/1/file", "/claims/1000001/documents/0/pages/1.png"):
        r = ana.get(path)
        assert r.status_code == 403, (path, r.status_code)
        assert 'data-testid="error"' in r.text and "personal data" in r.text


def test_reviewer_still_sees_the_document_as_it_stands(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    assert "Teo Lupu" in rita.get("/api/claims/1000001").text
    assert rita.get("/claims/1000001/documents/0/file").status_code == 200


def test_analyst_export_free_text_is_redacted(client_for, built: Built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _decide_with_a_personal_note(client_for)
    paths = export_tables(built.engine, "csv", tmp_path, Actor("ana", Role.ANALYST), key=b"k" * 32)
    text = "\n".join(p.read_text() for p in paths)
    assert _leaks(text) == []
    decisions = list(csv.DictReader((tmp_path / "decisions.csv").open()))
    assert any("[name withheld]" in d["note"] and "[phone withheld]" in d["note"] for d in decisions)
    reviewer = tmp_path / "reviewer"
    export_tables(built.engine, "csv", reviewer, Actor("rita", Role.REVIEWER))
    assert NOTE in (reviewer / "decisions.csv").read_text()
