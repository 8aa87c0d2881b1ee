"""Signed tokens of the customer's deny/cancel link (D-17, D-19, D-21).

The consent email links to ``{base_url}/consent/{token}``; the web app's page reads the token,
asks the D-21 reason and calls ``ClaimService.consent_deny``. A token is ``<claim_id>.<mac>`` where
``mac`` is HMAC-SHA256 over the claim ID, URL-safe base64 without padding. Decisions:

- No expiry: D-17 lets the customer deny or cancel "at any time", so a link from an old email
  must keep working. A denial is final (Customer consent denied), so re-using a link is harmless:
  the service refuses a second denial as an illegal transition.
- The claim ID is readable in the token: it is already in the email and names nothing personal.
- The secret is ``POE_CONSENT_SECRET``, else ``consent.key`` in the data directory
  (:func:`consent_secret`); the web app and ``poe-review notify`` must use the same one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from pathlib import Path

from pipeline.errors import PoeReviewError
from pipeline.notify.keys import secret_key

CONSENT_SECRET_ENV = "POE_CONSENT_SECRET"
CONSENT_KEY_FILE = "consent.key"
_PURPOSE = b"poe-review consent v1:"
_CLAIM_ID = re.compile(r"^\d{1,12}$")


class InvalidConsentToken(PoeReviewError):
    """A deny/cancel link that was not issued by poe-review (tampered, truncated, other key)."""


def _secret_bytes(secret: str | bytes) -> bytes:
    key = secret.encode() if isinstance(secret, str) else secret
    if not key:
        raise ValueError("consent token secret is empty")
    return key


def _mac(claim_id: str, secret: str | bytes) -> str:
    digest = hmac.new(_secret_bytes(secret), _PURPOSE + claim_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make_consent_token(claim_id: str, secret: str | bytes) -> str:
    """The URL-safe token of the deny/cancel link of ``claim_id``."""
    claim_id = str(claim_id).strip()
    if not _CLAIM_ID.match(claim_id):
        raise ValueError(f"not a claim ID: {claim_id!r}")
    return f"{claim_id}.{_mac(claim_id, secret)}"


def read_consent_token(token: str, secret: str | bytes) -> str:
    """The claim ID a token was issued for; :class:`InvalidConsentToken` when it is not genuine."""
    claim_id, sep, mac = (token or "").strip().partition(".")
    if not sep or not _CLAIM_ID.match(claim_id) or not mac:
        raise InvalidConsentToken("this deny/cancel link is malformed; use the link from the email as it stands")
    if not hmac.compare_digest(mac, _mac(claim_id, secret)):
        raise InvalidConsentToken("this deny/cancel link is not valid; use the link from the email as it stands")
    return claim_id


def consent_secret(data_dir: Path) -> bytes:
    """The consent-link secret shared by ``notify`` and the web app (see module docstring)."""
    return secret_key(CONSENT_SECRET_ENV, CONSENT_KEY_FILE, data_dir)
