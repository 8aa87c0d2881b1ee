"""The extracted-text view: which block an evidence location points at."""

from __future__ import annotations

from delivery.web.documents import location_matches, text_view

MAIL = {
    "path": "ack.eml",
    "status": "ok",
    "blocks": [
        {"text": "From: Teo Lupu", "location": {"part": "headers", "line": 1}, "kind": "email_header"},
        {"text": "We confirm Fabrikam leads our roll-out.", "location": {"part": "body", "line": 3}},
    ],
    "attachments": [
        {
            "path": "ack.eml#attachment:SOW.pdf",
            "status": "ok",
            "blocks": [
                {"text": "Statement of Work", "location": {"page": 1, "bbox": [72, 60, 300, 75]}},
                {"text": "By: /s/ Teo Lupu", "location": {"page": 2, "bbox": [72, 180, 300, 194]}},
                {"text": "By: /s/ Ola Demmo", "location": {"page": 2, "bbox": [72, 220, 300, 234]}},
            ],
        }
    ],
}


def test_block_in_an_email_body_by_part_and_line() -> None:
    view = text_view(MAIL, {"part": "body", "line": 3}, "", "ack.eml")
    assert [b.text for b in view.blocks if b.highlighted] == ["We confirm Fabrikam leads our roll-out."]


def test_block_in_an_attachment_by_page_and_bbox() -> None:
    view = text_view(MAIL, {"page": 2, "bbox": [72, 180, 300, 194]}, "By: /s/ Teo Lupu", "ack.eml#attachment:SOW.pdf")
    assert [b.text for b in view.blocks] == ["Statement of Work", "By: /s/ Teo Lupu", "By: /s/ Ola Demmo"]
    assert [b.text for b in view.blocks if b.highlighted] == ["By: /s/ Teo Lupu"]


def test_text_found_when_the_location_is_unknown() -> None:
    view = text_view(MAIL, {"paragraph": 99}, "we confirm FABRIKAM leads", "ack.eml")
    assert view.matched and [b.text for b in view.blocks if b.highlighted] == ["We confirm Fabrikam leads our roll-out."]
    view = text_view(MAIL, {"paragraph": 99}, "nowhere to be found", "ack.eml")
    assert not view.matched and not any(b.highlighted for b in view.blocks)


def test_location_rules() -> None:
    assert location_matches({"part": "body", "paragraph": 2}, {"paragraph": 2})  # body is the default part
    assert not location_matches({"part": "header", "paragraph": 2}, {"paragraph": 2})
    assert location_matches({"sheet": "POE", "cell": "B7"}, {"sheet": "POE", "cell": "$b$7"})
    assert not location_matches({"sheet": "Other", "cell": "B7"}, {"sheet": "POE", "cell": "B7"})
    assert not location_matches({"page": 1}, {"page": 1})  # a page alone is not a block's place
    assert location_matches({"table": 0, "row": 1, "col": 2, "paragraph": 5}, {"table": 0, "row": 1, "col": 2})
