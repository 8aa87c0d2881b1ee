"""E-signature stamps in the text of a document (DocuSign, Adobe Acrobat Sign) as signature
fields with ``source`` docusign / adobe_sign, so checks need not know each vendor's wording.

A stamp says the document went through the service; ``signed`` is True only when the
service's own record in the document says the envelope completed (DocuSign's certificate of
completion 'Status: Completed', Adobe's audit 'Agreement completed' / 'E-signed by')."""

from __future__ import annotations

import re

from extractors.document import ExtractedDocument, SignatureField

DOCUSIGN_ID = re.compile(r"docusign envelope id\s*:?\s*(?P<id>[0-9A-F]{8}(?:-[0-9A-F]{4}){3}-[0-9A-F]{12})", re.I)
DOCUSIGN_DONE = re.compile(r"status\s*:?\s*completed", re.I)
DOCUSIGNED_BY = re.compile(r"docusigned by\s*:?\s*(?P<who>[A-Z][A-Za-z.'\- ]{1,60})", re.I)
ADOBE = re.compile(r"adobe (?:acrobat )?sign\b.*?transaction id\s*:?\s*(?P<id>[A-Za-z0-9_\-]{8,})|"
                   r"transaction id\s*:?\s*(?P<id2>[A-Za-z0-9_\-]{8,}).*?adobe (?:acrobat )?sign", re.I | re.S)
ADOBE_DONE = re.compile(r"agreement completed|e-signed by\s*(?P<who>[^\n(]{2,60})", re.I)


def find_stamps(doc: ExtractedDocument) -> None:
    """Add a SignatureField per DocuSign envelope / Adobe Sign transaction named in the text."""
    text = doc.text()
    seen: set[str] = set()
    for block in doc.blocks:
        m = DOCUSIGN_ID.search(block.text)
        if m and m.group("id").upper() not in seen:
            seen.add(m.group("id").upper())
            who = DOCUSIGNED_BY.search(text)
            doc.signature_fields.append(SignatureField(
                name=f"DocuSign Envelope ID: {m.group('id').upper()}", signed=bool(DOCUSIGN_DONE.search(text)),
                location=block.location, signer=who.group("who").strip() if who else None, source="docusign"))
    m = ADOBE.search(text)
    if m:
        tid = m.group("id") or m.group("id2")
        anchor = next((b for b in doc.blocks if tid in b.text), doc.blocks[0])
        done = ADOBE_DONE.search(text)
        adobe_signer = next((d.group("who") for d in ADOBE_DONE.finditer(text) if d.group("who")), None)
        doc.signature_fields.append(SignatureField(
            name=f"Adobe Sign transaction {tid}", signed=bool(done), location=anchor.location,
            signer=adobe_signer.strip() if adobe_signer else None, source="adobe_sign"))
