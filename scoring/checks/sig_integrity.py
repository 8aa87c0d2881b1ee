"""What a PDF signature field's difference analysis means for the customer's signature (D-11.1).

pyHanko compares the signed revision with what the file gained after signing. A signature is
evidence of what the customer signed, not of what the file says now:
- page content or structure changed after signing (``other``) makes the signature ``unclear``
  (R-SIG-008): the reviewer must look;
- signed bytes that are not a whole revision (a signature over part of the file only) make it
  ``unclear`` too, with a reason of their own (R-SIG-010): pyHanko then cannot tell what changed,
  so its modification level says ``other`` whatever the rest of the file holds;
- form filling, annotations or long-term-validation updates after signing, or bytes appended
  that form no revision, leave it standing with a note (R-SIG-009) saying what was added.
"""

from __future__ import annotations

from extractors.document import SignatureField
from scoring.reasons import reason
from scoring.types import Reason

_ALLOWED_CHANGES = {
    "lta_updates": "long-term validation data",
    "form_filling": "form filling",
    "annotations": "annotations or comments",
}
_PARTIAL_COVERAGE = {
    "contiguous_block_from_start": "a block from the start of the file that is not a whole revision",
    "unclear": "byte ranges that are not one block from the start of the file",
}


def changed_after_signing(field: SignatureField, document: str) -> Reason | None:
    """R-SIG-010 when the signature covers only part of the file, R-SIG-008 when the file was
    changed after signing: either way the field no longer vouches for the document's content.
    Coverage comes first: without a whole signed revision pyHanko's difference analysis does not
    run and reports every such file as ``other``."""
    if field.coverage in _PARTIAL_COVERAGE:
        return reason("R-SIG-010", field=field.name, document=document,
                      coverage=f"the signed bytes are {_PARTIAL_COVERAGE[field.coverage]}")
    if field.modification == "other":
        return reason("R-SIG-008", field=field.name, document=document,
                      change="page content or document structure was changed after signing")
    return None


def added_after_signing(field: SignatureField, document: str) -> Reason | None:
    """R-SIG-009 when the file gained only what signing workflows add (or stray bytes)."""
    if field.modification in _ALLOWED_CHANGES:
        return reason("R-SIG-009", field=field.name, document=document,
                      change=_ALLOWED_CHANGES[field.modification])
    if field.coverage == "entire_revision" and field.modification in (None, "none"):
        return reason("R-SIG-009", field=field.name, document=document,
                      change="bytes that form no new revision")
    return None
