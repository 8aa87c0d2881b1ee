"""Format extractors: one module per format behind one base class, one typed output.

Public surface::

    from extractors import extract, sniff, Limits, EXTRACTOR_VERSION, ExtractedDocument
    doc = extract(path)            # never raises for bad input: see doc.status / doc.error

Extractors know nothing of claims. Heavy parsing libraries load on first use, so importing this
package is cheap.
"""

from extractors import docx as _docx  # noqa: F401 - each import registers its formats
from extractors import image as _image  # noqa: F401
from extractors import mail as _mail  # noqa: F401
from extractors import pdf as _pdf  # noqa: F401
from extractors import pptx as _pptx  # noqa: F401
from extractors import text as _text  # noqa: F401
from extractors import xlsx as _xlsx  # noqa: F401
from extractors.api import ACCEPTED, extract
from extractors.document import (
    ExtractedDocument,
    ImageInfo,
    Location,
    SignatureField,
    Table,
    TextBlock,
    TypedDate,
)
from extractors.errors import ExtractionError, ExtractorBug
from extractors.limits import Limits
from extractors.sniff import sniff
from extractors.version import EXTRACTOR_VERSION

__all__ = [
    "ACCEPTED",
    "EXTRACTOR_VERSION",
    "ExtractedDocument",
    "ExtractionError",
    "ExtractorBug",
    "ImageInfo",
    "Limits",
    "Location",
    "SignatureField",
    "Table",
    "TextBlock",
    "TypedDate",
    "extract",
    "sniff",
]
