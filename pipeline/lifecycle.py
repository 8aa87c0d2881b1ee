"""The claim lifecycle (D-13..D-18) as small transition rule objects.

Each rule says which states it leaves (``FROM_STATES``), the state it enters (``TO_STATES``, one
state each), which roles may take it and a guard over the claim's facts. Rules are pure: they
read a :class:`ClaimFacts` snapshot and a :class:`TransitionContext` and either return the target
state or raise; the service applies the result to the store. An illegal move changes nothing.

Timer durations live here too, so the service, the nightly run and the reports share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import ClassVar

from pipeline.clock import add_business_days, at_least_elapsed
from pipeline.errors import AccessDenied, IllegalTransition
from pipeline.models import Status
from pipeline.roles import PARTNER_ROLES, Actor, Role

# D-14: reviewers respond within five business days of a claim entering Under review. The seed
# says "longer" when the customer is already associated with another partner, without a figure.
# Decision: a claim in a conflict group gets ten business days (both claims are evaluated side by
# side and more information may be requested from both, D-18).
REVIEW_BUSINESS_DAYS = 5
CONFLICT_REVIEW_BUSINESS_DAYS = 10
ACTION_REQUIRED_DAYS = 30  # D-15
OPT_OUT_DAYS = 7  # D-17

OPEN_STATES = frozenset({Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.PARTNER_ACTION_REQUIRED})
EDITABLE_STATES = frozenset({Status.DRAFT, Status.PARTNER_ACTION_REQUIRED})  # D-9, D-15
RESUBMITTABLE_STATES = frozenset({Status.DRAFT, Status.SUBMITTED, Status.PARTNER_ACTION_REQUIRED})
FINAL_STATES = frozenset({Status.REJECTED, Status.CONSENT_DENIED})

# D-21: the customer's deny page offers exactly these reasons.
CONSENT_DENIAL_REASONS: tuple[str, ...] = ("We don't want to share our data", "Partner is unknown", "Other")


def review_due_at(entered_review: datetime, in_conflict: bool) -> datetime:
    """D-14 due date of a claim that entered Under review at ``entered_review``."""
    days = CONFLICT_REVIEW_BUSINESS_DAYS if in_conflict else REVIEW_BUSINESS_DAYS
    return add_business_days(entered_review, days)


def action_due_at(requested_at: datetime) -> datetime:
    """D-15: the partner has 30 days to respond to a request for information."""
    return requested_at + timedelta(days=ACTION_REQUIRED_DAYS)


def opt_out_until(approved_at: datetime) -> datetime:
    """D-17: the customer's opt-out window after approval."""
    return approved_at + timedelta(days=OPT_OUT_DAYS)


def normalise_consent_reason(reason: str) -> str | None:
    """The D-21 reason matching ``reason`` (case, quotes and spacing ignored), or None."""

    def key(text: str) -> str:
        return " ".join(text.replace("\u2019", "'").replace("-", " ").lower().split())

    wanted = key(reason)
    for known in CONSENT_DENIAL_REASONS:
        if key(known) == wanted:
            return known
    shorthands = {
        "no share": CONSENT_DENIAL_REASONS[0],
        "dont share": CONSENT_DENIAL_REASONS[0],
        "unknown": CONSENT_DENIAL_REASONS[1],
        "unknown partner": CONSENT_DENIAL_REASONS[1],
    }
    return shorthands.get(wanted)


@dataclass(frozen=True)
class ClaimFacts:
    """What the rules need to know about a claim; built by the service from the store."""

    claim_id: str
    status: Status
    partner_org: str
    is_revenue_association: bool = False
    active_products: int = 1
    documents: int = 1
    action_due_at: datetime | None = None
    # D-6: product keys of this claim already associated (Approved) with another partner.
    held_by_other_partner: tuple[str, ...] = ()


@dataclass(frozen=True)
class TransitionContext:
    now: datetime
    note: str = ""
    requests: tuple[str, ...] = ()
    consent_reason: str = ""
    extra: dict[str, str] = field(default_factory=dict)


class TransitionRule:
    """One lifecycle move. Subclasses set the class attributes and may override :meth:`guard`."""

    NAME: ClassVar[str]
    RULE: ClassVar[str]  # the D-rule it implements, cited in errors and history
    FROM_STATES: ClassVar[frozenset[Status]]
    TO_STATES: ClassVar[frozenset[Status]]
    ROLES: ClassVar[frozenset[Role]]

    @property
    def to_state(self) -> Status:
        (state,) = self.TO_STATES
        return state

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        """Why the move is refused for this claim now, or None when it may go ahead."""
        return None

    def check(self, actor: Actor, claim: ClaimFacts, ctx: TransitionContext) -> Status:
        """The target state, or AccessDenied / IllegalTransition with a one-line reason."""
        if actor.role not in self.ROLES:
            allowed = ", ".join(sorted(r.value for r in self.ROLES))
            raise AccessDenied(
                f"{actor.name} ({actor.role.value}) may not {self.NAME} a claim; allowed: {allowed}"
            )
        if not actor.can_see(claim.partner_org):
            raise AccessDenied(
                f"{actor.name} may not access claim {claim.claim_id} (another partner organisation)"
            )
        if claim.status not in self.FROM_STATES:
            allowed = ", ".join(sorted(s.value for s in self.FROM_STATES))
            raise IllegalTransition(
                f"cannot {self.NAME} claim {claim.claim_id}: it is {claim.status.value}; "
                f"allowed from {allowed} ({self.RULE})"
            )
        refusal = self.guard(claim, ctx)
        if refusal:
            raise IllegalTransition(f"cannot {self.NAME} claim {claim.claim_id}: {refusal} ({self.RULE})")
        return self.to_state

    def allows(self, actor: Actor, claim: ClaimFacts, ctx: TransitionContext) -> bool:
        try:
            self.check(actor, claim, ctx)
        except (AccessDenied, IllegalTransition):
            return False
        return True


_PARTNER_OR_SYSTEM = PARTNER_ROLES | {Role.SYSTEM}


def _needs_poe_and_products(claim: ClaimFacts) -> str | None:
    if claim.active_products < 1:
        return "it claims no product or workload"
    if claim.documents < 1 and not claim.is_revenue_association:
        return "no proof of execution attached; only revenue association needs none (D-10, D-7)"
    return None


class Submit(TransitionRule):
    NAME = "submit"
    RULE = "D-4"
    FROM_STATES = frozenset({Status.DRAFT})
    TO_STATES = frozenset({Status.SUBMITTED})
    ROLES = _PARTNER_OR_SYSTEM

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        return _needs_poe_and_products(claim)


class Resubmit(TransitionRule):
    """The partner answers a request for information (D-15): the claim is processed again."""

    NAME = "resubmit"
    RULE = "D-15"
    FROM_STATES = frozenset({Status.PARTNER_ACTION_REQUIRED})
    TO_STATES = frozenset({Status.SUBMITTED})
    ROLES = _PARTNER_OR_SYSTEM

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        return _needs_poe_and_products(claim)


class StartReview(TransitionRule):
    """Analysis done: the claim joins the reviewers' queue with its D-14 due date."""

    NAME = "start review of"
    RULE = "D-13"
    FROM_STATES = frozenset({Status.SUBMITTED})
    TO_STATES = frozenset({Status.UNDER_REVIEW})
    ROLES = frozenset({Role.SYSTEM})


class Approve(TransitionRule):
    NAME = "approve"
    RULE = "D-13"
    FROM_STATES = frozenset({Status.UNDER_REVIEW})
    TO_STATES = frozenset({Status.APPROVED})
    ROLES = frozenset({Role.REVIEWER})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        if claim.active_products < 1:
            return "every product has been removed from it"
        if claim.held_by_other_partner:
            held = ", ".join(claim.held_by_other_partner)
            return f"{held} already associated with another partner on this customer (D-6)"
        return None


class Reject(TransitionRule):
    NAME = "reject"
    RULE = "D-16"
    FROM_STATES = frozenset({Status.UNDER_REVIEW})
    TO_STATES = frozenset({Status.REJECTED})
    ROLES = frozenset({Role.REVIEWER})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        return None if ctx.note.strip() else "a rejection needs a note saying why (the partner sees it)"


class RequestInfo(TransitionRule):
    NAME = "request information on"
    RULE = "D-15"
    FROM_STATES = frozenset({Status.UNDER_REVIEW})
    TO_STATES = frozenset({Status.PARTNER_ACTION_REQUIRED})
    ROLES = frozenset({Role.REVIEWER})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        if any(r.strip() for r in ctx.requests) or ctx.note.strip():
            return None
        return "say what the partner must supply (a request or a note)"


class ExpireActionRequired(TransitionRule):
    """D-15: no response within 30 days of the request -> Rejected, by the clock."""

    NAME = "expire"
    RULE = "D-15"
    FROM_STATES = frozenset({Status.PARTNER_ACTION_REQUIRED})
    TO_STATES = frozenset({Status.REJECTED})
    ROLES = frozenset({Role.SYSTEM})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        if claim.action_due_at is None:
            return "it has no response due date"
        if not at_least_elapsed(claim.action_due_at, ctx.now, timedelta(0)):
            return f"the partner has until {claim.action_due_at.isoformat()} to respond"
        return None


class DenyConsent(TransitionRule):
    """D-17/D-21: the customer denies or cancels the association, at any time after approval.

    The customer is not a user of poe-review: the denial arrives through the system (the deny
    page) or is recorded by a reviewer; partner users can never deny on a customer's behalf.
    """

    NAME = "deny consent for"
    RULE = "D-17"
    FROM_STATES = frozenset({Status.APPROVED})
    TO_STATES = frozenset({Status.CONSENT_DENIED})
    ROLES = frozenset({Role.SYSTEM, Role.REVIEWER})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        if ctx.consent_reason not in CONSENT_DENIAL_REASONS:
            return f"reason must be one of: {'; '.join(CONSENT_DENIAL_REASONS)} (D-21)"
        return None


class LoseAllProducts(TransitionRule):
    """D-6: every product of an open claim went to another partner's approved claim.

    Nothing is left to associate, so the claim is closed as Rejected with that reason; the
    partner may create a new claim for other products.
    """

    NAME = "close"
    RULE = "D-6"
    FROM_STATES = OPEN_STATES
    TO_STATES = frozenset({Status.REJECTED})
    ROLES = frozenset({Role.SYSTEM})

    def guard(self, claim: ClaimFacts, ctx: TransitionContext) -> str | None:
        return None if claim.active_products == 0 else "it still claims products"


SUBMIT = Submit()
RESUBMIT = Resubmit()
START_REVIEW = StartReview()
APPROVE = Approve()
REJECT = Reject()
REQUEST_INFO = RequestInfo()
EXPIRE_ACTION_REQUIRED = ExpireActionRequired()
DENY_CONSENT = DenyConsent()
LOSE_ALL_PRODUCTS = LoseAllProducts()

RULES: tuple[TransitionRule, ...] = (
    SUBMIT,
    RESUBMIT,
    START_REVIEW,
    APPROVE,
    REJECT,
    REQUEST_INFO,
    EXPIRE_ACTION_REQUIRED,
    DENY_CONSENT,
    LOSE_ALL_PRODUCTS,
)
DECISIONS: dict[str, TransitionRule] = {"approve": APPROVE, "reject": REJECT, "request_info": REQUEST_INFO}


def rules_from(status: Status) -> list[TransitionRule]:
    return [rule for rule in RULES if status in rule.FROM_STATES]


def available_decisions(actor: Actor, claim: ClaimFacts, now: datetime) -> list[str]:
    """The decisions ``actor`` may take on ``claim`` now (for UI buttons); guards needing a note
    (reject, request_info) are taken as satisfied since the form will ask for one."""
    ctx = TransitionContext(now=now, note="(note)", requests=("(request)",))
    return [name for name, rule in DECISIONS.items() if rule.allows(actor, claim, ctx)]
