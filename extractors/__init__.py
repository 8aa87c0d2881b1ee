"""Format extractors: one module per format behind one base class, one typed output.

Public surface::

    from extractors import extract, ExtractedDocument, Limits
    doc = extract(path)            # never raises for bad input: see doc.status / doc.error

Extractors know nothing of claims.
"""

from extractors.document import (
    ExtractedDocument,
    ImageInfo,
    Location,
    SignatureField,
    Table,
    TextBlock,
    TypedDate,
)

__all__ = [
    "ExtractedDocument",
    "ImageInfo",
    "Location",
    "SignatureField",
    "Table",
    "TextBlock",
    "TypedDate",
]
