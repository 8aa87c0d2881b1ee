"""Who may do what (D-1), enforced in the library so every front end gets the same rules.

- Partner users (Incentive Admin, Incentive User) see and act on their own organisation's claims
  only; the organisation key is the MPN ID (``ClaimRow.partner_org``).
- Reviewers see every claim and decide.
- Analysts read everything except contacts' personal data (names, e-mail addresses); they see
  reviewers' corrections only aggregated (the agreement report) and cannot correct.
- Admins oversee the review: they read every claim, the agreement report and every reviewer's
  corrections by name (:func:`pipeline.corrections.list_all`); they neither decide nor correct.
- SYSTEM is the nightly run, intake and the lifecycle clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pipeline.errors import AccessDenied


class Role(StrEnum):
    INCENTIVE_ADMIN = "incentive_admin"
    INCENTIVE_USER = "incentive_user"
    REVIEWER = "reviewer"
    ANALYST = "analyst"
    ADMIN = "admin"
    SYSTEM = "system"


PARTNER_ROLES = frozenset({Role.INCENTIVE_ADMIN, Role.INCENTIVE_USER})


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    partner_org: str | None = None  # partner users only: their organisation's MPN ID

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))
        if self.role in PARTNER_ROLES and not self.partner_org:
            raise ValueError(f"partner user {self.name!r} needs a partner_org (MPN ID)")

    @property
    def is_partner(self) -> bool:
        return self.role in PARTNER_ROLES

    def can_see(self, partner_org: str) -> bool:
        """D-1: partner users see their own organisation's claims; everyone else sees all."""
        return not self.is_partner or self.partner_org == partner_org

    @property
    def sees_personal_data(self) -> bool:
        """Analysts study outcomes, not people: contacts' names and e-mails are withheld."""
        return self.role != Role.ANALYST


SYSTEM = Actor("system", Role.SYSTEM)
__all__ = ["PARTNER_ROLES", "SYSTEM", "AccessDenied", "Actor", "Role", "require_role", "require_visible"]


def require_role(actor: Actor, roles: frozenset[Role] | set[Role], action: str) -> None:
    if actor.role not in roles:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise AccessDenied(f"{actor.name} ({actor.role.value}) may not {action}; allowed: {allowed}")


def require_visible(actor: Actor, partner_org: str, claim_id: str) -> None:
    if not actor.can_see(partner_org):
        raise AccessDenied(f"{actor.name} may not access claim {claim_id} (another partner organisation)")
