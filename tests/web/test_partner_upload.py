"""Issue 15: a partner's upload is read at once and shown; adding files is not re-submitting;
re-submitting asks for confirmation; a bad file is refused with its reason and changes nothing."""

from __future__ import annotations

import re

import pytest

from delivery.web.upload_check import mislabel
from tests.web.conftest import csrf_of
from tests.web.store_builder import email_docx

BROKEN_PDF = ("broken.pdf", b"this is not a pdf", "application/pdf")  # the 16-byte file of the issue


def _token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def _returned_to_partner(client_for) -> None:  # type: ignore[no-untyped-def]
    rita = client_for("rita")
    r = rita.post("/api/claims/1000001/decision", json={"decision": "request_info", "requests": ["Upload the SOW signed by Contoso"]},
                  headers={"X-CSRF-Token": csrf_of(rita)})
    assert r.status_code == 200, r.text


def _upload(fab, files: list[tuple[str, bytes, str]]):  # type: ignore[no-untyped-def]
    page = fab.get("/claims/1000001").text
    return fab.post("/claims/1000001/documents", data={"csrf_token": _token(page), "comment": "as asked"},
                    files=[("files", f) for f in files])


def test_mislabelled_names_say_what_the_file_is() -> None:
    assert mislabel("broken.pdf", "txt") == "not a PDF: the file is plain text"
    assert mislabel("SOW.PDF", "docx") == "not a PDF: the file is a Word document"
    assert mislabel("scan.jpg", "png") is None  # an image under another image's name is read as what it is
    assert mislabel("scan.jpg", "pdf") == "not a JPEG image: the file is a PDF"
    assert mislabel("SOW.pdf", "pdf") is None and mislabel("notes.txt", "csv") is None and mislabel("README", "txt") is None


def test_a_text_file_named_pdf_is_refused_and_the_claim_is_unchanged(client_for) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("extractors.api")
    _returned_to_partner(client_for)
    fab = client_for("fab")
    before = fab.get("/api/claims/1000001").json()
    r = _upload(fab, [BROKEN_PDF])
    assert r.status_code == 303 and r.headers["location"].endswith("#upload-check")
    page = fab.get("/claims/1000001").text
    assert 'data-testid="upload-refused"' in page
    assert "broken.pdf</b>: not a PDF: the file is plain text" in page
    after = fab.get("/api/claims/1000001").json()
    assert after["status"] == "Partner action required"
    assert after["current_submission"] == before["current_submission"] == 1
    assert after["documents"] == before["documents"] and after["history"] == before["history"]
    assert 'data-testid="upload-refused"' not in fab.get("/claims/1000001").text  # shown once


def test_adding_files_shows_what_was_read_and_does_not_resubmit(client_for) -> None:  # type: ignore[no-untyped-def]
    _returned_to_partner(client_for)
    fab = client_for("fab")
    docx_bytes, paragraphs = email_docx()
    r = _upload(fab, [("Signed ack.docx", docx_bytes, "application/octet-stream"), BROKEN_PDF])
    assert r.status_code == 303
    page = fab.get("/claims/1000001").text
    assert "1 file(s) added" in page and "Partner action required" in page
    check = page[page.index('data-testid="upload-check"'):]
    assert "Signed ack.docx" in check and "a Word document" in check
    assert paragraphs[0].split()[0] in check  # the excerpt of what was read
    assert "Names the customer (Contoso Ltd)" in check  # hints on the criteria
    assert "Names Dynamics 365 Sales Enterprise." in check  # by the catalogue's alias 'Dynamics 365 Sales'
    assert "broken.pdf</b>: not a PDF" in page  # the bad one of the same upload, refused
    claim = fab.get("/api/claims/1000001").json()
    assert claim["status"] == "Partner action required" and claim["current_submission"] == 2
    assert [d["path"] for d in claim["documents"]][-1] == "Signed ack.docx"
    assert "broken.pdf" not in [d["path"] for d in claim["documents"]]
    assert claim["documents"][-1]["status"] == "ok"
    # The same file again is refused: it is on the claim already.
    r = _upload(fab, [("copy.docx", docx_bytes, "application/octet-stream")])
    assert "already on the claim as Signed ack.docx" in fab.get("/claims/1000001").text
    assert fab.get("/api/claims/1000001").json()["current_submission"] == 2


def test_resubmission_asks_for_confirmation_first(client_for) -> None:  # type: ignore[no-untyped-def]
    _returned_to_partner(client_for)
    fab = client_for("fab")
    docx_bytes, _ = email_docx()
    _upload(fab, [("Signed ack.docx", docx_bytes, "application/octet-stream")])
    page = fab.get("/claims/1000001").text
    assert 'href="/claims/1000001/resubmit"' in page
    # A POST without the confirmation only leads to the confirmation page.
    r = fab.post("/claims/1000001/resubmit", data={"csrf_token": _token(page)})
    assert r.status_code == 303 and r.headers["location"] == "/claims/1000001/resubmit"
    assert fab.get("/api/claims/1000001").json()["status"] == "Partner action required"
    confirm = fab.get("/claims/1000001/resubmit")
    assert confirm.status_code == 200 and 'data-testid="confirm-resubmit"' in confirm.text
    listed = confirm.text[confirm.text.index('data-testid="confirm-documents"'):]
    assert re.search(r"Signed ack\.docx <span class=\"badge ok\">new</span>", listed)
    r = fab.post("/claims/1000001/resubmit", data={"csrf_token": _token(confirm.text), "confirm": "yes"})
    assert r.status_code == 303
    claim = fab.get("/api/claims/1000001").json()
    assert claim["status"] == "Submitted" and claim["open_requests"] == []
    actions = [h["action"] for h in claim["history"]]
    resubmitted = max(i for i, h in enumerate(claim["history"]) if h["to_status"] == "Submitted")
    assert actions.index("documents_added") < resubmitted  # added first, moved only on confirmation
    page = fab.get("/claims/1000001").text
    assert 'data-testid="upload-check"' not in page and 'data-testid="add-files"' not in page  # closed (D-15)
    r = fab.get("/claims/1000001/resubmit")  # nothing to confirm any more
    assert r.status_code == 303 and r.headers["location"] == "/claims/1000001"


def test_api_upload_stays_one_step_and_refuses_a_mislabelled_file(client_for) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("extractors.api")
    _returned_to_partner(client_for)
    fab = client_for("fab")
    token = csrf_of(fab)
    r = fab.post("/api/claims/1000001/documents", files={"files": BROKEN_PDF}, headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and r.json()["message"].startswith("broken.pdf: not a PDF: the file is plain text")
    assert fab.get("/api/claims/1000001").json()["current_submission"] == 1
    docx_bytes, _ = email_docx()
    r = fab.post("/api/claims/1000001/documents", files={"files": ("ack.docx", docx_bytes, "application/octet-stream")},
                 headers={"X-CSRF-Token": token})
    body = r.json()
    assert r.status_code == 200 and body["status"] == "Submitted" and body["outcome"] == "resubmitted"
    assert body["checks"][0]["name"] == "ack.docx" and body["checks"][0]["status"] == "ok"


def test_over_the_documents_limit_is_refused_and_nothing_is_stored(client_for, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    import extractors.limits as limits

    _returned_to_partner(client_for)
    monkeypatch.setattr(limits, "DEFAULT_LIMITS", replace(limits.DEFAULT_LIMITS, max_documents=3))  # the claim has 3
    fab = client_for("fab")
    docx_bytes, _ = email_docx()
    r = _upload(fab, [("Signed ack.docx", docx_bytes, "application/octet-stream")])
    assert r.status_code == 303
    assert "over the limit of 3 per claim" in fab.get("/claims/1000001").text
    claim = fab.get("/api/claims/1000001").json()
    assert claim["current_submission"] == 1 and len(claim["documents"]) == 3
