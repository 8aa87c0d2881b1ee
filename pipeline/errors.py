"""The one family of errors the library raises on purpose.

Every error a user can cause (a refused claim folder, an illegal transition, a stale version, a
claim they may not see) is a :class:`PoeReviewError` with a one-line message, so the CLI and the
web UI can show it as it stands and never print a traceback.
"""

from __future__ import annotations


class PoeReviewError(Exception):
    """Base of every expected, user-facing error."""


class ClaimFolderError(PoeReviewError):
    """A claim folder or tenant directory cannot be read; the message names the field."""


class ClaimNotFound(PoeReviewError):
    def __init__(self, claim_id: str) -> None:
        super().__init__(f"claim {claim_id} not found")
        self.claim_id = claim_id


class AccessDenied(PoeReviewError):
    """The actor's role or organisation does not allow this (D-1)."""


class IllegalTransition(PoeReviewError):
    """A lifecycle move not allowed from the claim's status, or its guard failed (D-13..D-18)."""


class ConcurrentUpdate(PoeReviewError):
    """Someone else changed the claim since it was read (optimistic lock on ``claims.version``)."""


class InvalidInput(PoeReviewError):
    """An argument the library cannot act on (unknown consent reason, empty product list...)."""
