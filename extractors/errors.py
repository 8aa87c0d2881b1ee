"""Why a document could not be read: bad input (a status and a sentence for the partner) versus a
bug in an extractor (anything else, logged with its traceback).

Format modules raise these ``from`` the library's own exception so the cause stays in the log;
:func:`extractors.extract` turns them into the result envelope and never lets one escape.
"""

from __future__ import annotations

from extractors.document import Status


class ExtractionError(Exception):
    """Bad input: the file, not the code, is at fault. ``message`` is shown to the partner."""

    status: Status = "unreadable"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unreadable(ExtractionError):
    """Corrupt, truncated or otherwise not parseable as the format it claims to be."""


class PasswordProtected(Unreadable):
    def __init__(self, what: str = "file") -> None:
        super().__init__(f"password-protected: the {what} is encrypted; upload it without a password")


class LimitExceeded(Unreadable):
    """Over a size, page-count or time limit (checked before parsing where possible)."""


class UnsafeFile(Unreadable):
    """A zip bomb, an XML entity attack, a symlink out of its folder: refused unparsed."""


class BadPath(Unreadable):
    """The path is not a regular file that can be read (a directory, missing, a bad symlink)."""


class Unsupported(ExtractionError):
    status: Status = "unsupported"


class NeedsOCR(ExtractionError):
    status: Status = "needs_ocr"


class ExtractorBug(Exception):
    """An unexpected exception inside an extractor: reported as ``unreadable`` with an internal
    error message, and logged with its traceback, so a fix can be made."""


class JobFailed(Exception):
    """A worker job (extraction, page rendering) that did not finish: time limit, memory budget,
    crash, or a refusal such as the pixel budget. ``message`` is a sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
