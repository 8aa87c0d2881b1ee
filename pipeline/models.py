"""Typed claim folder and tenant directory (spec sections 1-2).

Validation errors name the field (``products[0].subscription_id``) so a refused claim tells the
sender exactly what to fix. The models are the wire format; the store has its own tables.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class Program(StrEnum):
    M365 = "OSU-Microsoft 365"
    BIZAPPS = "OSU-Business Applications"
    OSA_SELL = "OSA Sell"


class SolutionArea(StrEnum):
    M365 = "Microsoft 365"
    BIZAPPS = "Business Applications"


class Status(StrEnum):
    """D-13 states, spelled exactly as the spec wants them shown and exported."""

    DRAFT = "Draft"
    SUBMITTED = "Submitted"
    UNDER_REVIEW = "Under review"
    PARTNER_ACTION_REQUIRED = "Partner action required"
    APPROVED = "Approved"
    REJECTED = "Rejected"
    CONSENT_DENIED = "Customer consent denied"


class Channel(StrEnum):
    EA = "EA"
    MCA = "MCA"
    DIRECT = "Direct"
    CSP = "CSP"


REVENUE_ASSOCIATION = "Revenue association"


def _guid(value: str) -> str:
    if not GUID_RE.match(value):
        raise ValueError(f"not a GUID: {value!r}")
    return value.lower()


def _aware(value: datetime) -> datetime:
    # Naive timestamps are taken as UTC: Partner Center exports are UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


Guid = Annotated[str, AfterValidator(_guid)]
AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)


class MpnLocation(_Model):
    mpn_id: NonEmpty
    country: NonEmpty


class PartnerInfo(_Model):
    name: NonEmpty
    contact_name: str = ""
    contact_email: str = ""


class CustomerInfo(_Model):
    domain: NonEmpty
    tenant_id: Guid
    contact_name: str = ""
    contact_email: str = ""

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        value = value.lower()
        if not re.match(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", value):
            raise ValueError(f"not a domain name: {value!r}")
        return value


class ClaimedProductIn(_Model):
    name: NonEmpty
    code: str | None = None
    subscription_id: str | None = None  # kept raw: a non-GUID here is an eligibility finding (D-8)

    @property
    def key(self) -> str:
        """The product's identity in findings and conflicts: its code, else its name."""
        return self.code or self.name


class DocumentRef(_Model):
    path: NonEmpty
    uploaded_by: str = ""
    uploaded_at: AwareDatetime | None = None
    comment: str = ""


class ClaimFile(_Model):
    """One ``claim.json`` (spec section 1)."""

    claim_id: Annotated[str, Field(pattern=r"^\d{1,12}$")]
    name: str = ""
    program: Program
    solution_area: SolutionArea
    activity: NonEmpty
    status: Status = Status.SUBMITTED
    created_at: AwareDatetime | None = None
    submitted_at: AwareDatetime | None = None
    mpn_location: MpnLocation
    partner: PartnerInfo
    customer: CustomerInfo
    products: Annotated[list[ClaimedProductIn], Field(min_length=1)]
    documents: list[DocumentRef] = Field(default_factory=list)
    comment: str = ""

    @property
    def is_revenue_association(self) -> bool:
        return self.activity.strip().lower() == REVENUE_ASSOCIATION.lower()


class TenantSubscription(_Model):
    subscription_id: Guid
    product: str = ""
    code: str | None = None
    channel: Channel
    country: str = ""
    activated_at: AwareDatetime | None = None


class Tenant(_Model):
    """One entry of ``tenants.json`` (spec section 2)."""

    tenant_id: Guid
    display_name: NonEmpty
    domains: list[str] = Field(default_factory=list)
    subscriptions: list[TenantSubscription] = Field(default_factory=list)


def describe_validation_error(err: ValidationError) -> str:
    """One line per problem, each naming the field as a dotted path (``products[0].code``)."""
    lines = []
    for e in err.errors():
        path = ""
        for part in e["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        msg = e["msg"].removeprefix("Value error, ")
        lines.append(f"{path or '<root>'}: {msg}")
    return "; ".join(lines)
