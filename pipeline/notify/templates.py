"""The emails poe-review sends, rendered from plain facts (no store access here).

- Customer consent email (D-17, D-19, D-20): the seed's two wordings, Microsoft 365 (products as
  ``[NAME, CODE]`` pairs) and Business Applications (``[PRODUCT, SUBSCRIPTION ID, COUNTRY]``).
  To the customer contact, the customer's Office portal administrator copied, the claiming
  partner never copied: :func:`consent_recipients` drops any partner address.
- Partner action required (D-15): to the partner's preferred contact, with the reviewer's
  requests and the 30-day deadline; and a reminder before the deadline.

Decisions (the seed leaves them open):
- "Customer name" is the tenant directory's display name of the customer organisation; when the
  directory does not know the tenant, the customer contact's name (what the seed example shows).
- The seed's Microsoft 365 wording opens with "Partner is requesting"; we put the partner
  organisation's name there. The Business Applications survey paragraph ("$25 gift card") is left
  out: poe-review has no survey to link to, and a dead link would mislead the customer.
- The Office portal administrator is ``admin@<customer domain>``: the tenant directory
  (tenants.json) carries no administrator address. It is not copied twice when it is the contact.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime

CONSENT_SUBJECT = "Notification of partner association request"
PRIVACY_LINE = "Microsoft respects your privacy. To learn more please read our online Privacy Statement."


@dataclass(frozen=True)
class ProductLine:
    name: str
    code: str | None = None
    subscription_id: str | None = None
    country: str = ""


@dataclass(frozen=True)
class ConsentFacts:
    claim_id: str
    solution_area: str  # "Microsoft 365" | "Business Applications"
    customer_name: str
    tenant_id: str
    domain: str
    products: tuple[ProductLine, ...]
    partner_org_name: str
    partner_contact_name: str
    partner_contact_email: str
    customer_contact_email: str
    deny_url: str
    admin_email: str | None = None  # default admin@<domain>


@dataclass(frozen=True)
class ActionFacts:
    claim_id: str
    claim_name: str
    partner_org_name: str
    partner_contact_name: str
    partner_contact_email: str
    customer_domain: str
    requests: tuple[str, ...]
    note: str
    requested_at: datetime
    due_at: datetime
    claim_url: str


@dataclass(frozen=True)
class RenderedMessage:
    kind: str
    subject: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    text: str = ""
    html: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # the named facts, for tests and the UI

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def office_admin(domain: str, admin_email: str | None = None) -> str:
    return (admin_email or f"admin@{domain.strip().lower()}").strip()


def consent_recipients(facts: ConsentFacts) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(to, cc) of a consent email. D-19: the claiming partner is not copied, even when the claim
    gives a partner address as the customer contact; the administrator then becomes the addressee."""
    partner = facts.partner_contact_email
    admin = office_admin(facts.domain, facts.admin_email)
    contact = facts.customer_contact_email.strip()
    if contact and partner and _same(contact, partner):
        contact = ""
    if not contact or _same(contact, admin):
        return (admin,), ()
    return (contact,), (admin,)


def is_business_applications(solution_area: str) -> bool:
    return "business" in solution_area.strip().lower()


def product_list(facts: ConsentFacts) -> str:
    """D-20: ``[NAME, CODE]`` pairs (Microsoft 365) or ``[PRODUCT, SUBSCRIPTION ID, COUNTRY]``."""
    parts = []
    for p in facts.products:
        if is_business_applications(facts.solution_area):
            sub = (p.subscription_id or "not specified").upper()
            parts.append(f"[{p.name.upper()}, {sub}, {p.country or 'not specified'}]")
        else:
            parts.append(f"[{p.name.upper()}, {p.code}]" if p.code else f"[{p.name.upper()}]")
    return ", ".join(parts)


def render_consent(facts: ConsentFacts) -> RenderedMessage:
    bizapps = is_business_applications(facts.solution_area)
    products = product_list(facts)
    fields = {
        "Customer name": facts.customer_name,
        "Tenant/Directory ID": facts.tenant_id.upper(),
        "Domain": facts.domain,
        ("Subscription(s)" if bizapps else "Product(s)"): products,
        "Partner organization name": facts.partner_org_name,
        "Partner contact name": facts.partner_contact_name,
        "Partner contact email": facts.partner_contact_email,
    }
    if bizapps:
        opening = (
            "A Microsoft partner is requesting to be associated with your implementation of Dynamics 365. "
            "If associated, the partner will be able to access information regarding your implementation "
            "including and limited to the usage (active entitlements) and the sold seats (qualified "
            "entitlements) for the product they are implementing at your organization."
        )
        deny = "If you wish to deny or cancel the above association, please click here, otherwise there is no action for you."
        questions = "If you have any questions, please contact the partner noted below."
        greeting = ""
    else:
        opening = (
            f"{facts.partner_org_name} is requesting to be associated with your Microsoft 365 implementation. "
            "If associated, the partner will be able to access information regarding your implementation "
            "including and limited to the usage (active entitlements) and the sold seats (qualified "
            "entitlements) for the workload they are implementing at your organization."
        )
        deny = "If you wish to deny or cancel the above association request click here, otherwise there is no action for you."
        questions = "If you have any questions, please contact the partner."
        greeting = "Dear Customer,"
    lines = [CONSENT_SUBJECT, ""]
    if greeting:
        lines += [greeting, ""]
    # Plain text cannot hyperlink "click here": the link follows on its own line.
    lines += [opening, "", deny, f"Deny or cancel: {facts.deny_url}", "", questions, ""]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    lines += ["", "Thanks, Microsoft", "", PRIVACY_LINE, ""]
    e = html.escape
    link = f'<a href="{e(facts.deny_url)}">click here</a>'
    body = [f"<h2>{e(CONSENT_SUBJECT)}</h2>"]
    if greeting:
        body.append(f"<p>{e(greeting)}</p>")
    body += [f"<p>{e(opening)}</p>", f"<p>{e(deny).replace('click here', link)}</p>", f"<p>{e(questions)}</p>"]
    body.append("<p>" + "<br>".join(f"{e(k)}: {e(v)}" for k, v in fields.items()) + "</p>")
    body += ["<p>Thanks, Microsoft</p>", f"<p><small>{e(PRIVACY_LINE)}</small></p>"]
    to, cc = consent_recipients(facts)
    return RenderedMessage(
        kind="consent",
        subject=CONSENT_SUBJECT,
        to=to,
        cc=cc,
        text="\n".join(lines),
        html="<html><body>" + "\n".join(body) + "</body></html>",
        fields={**fields, "Deny link": facts.deny_url},
    )


def _day(value: datetime) -> str:
    return value.strftime("%d %B %Y %H:%M UTC")


def render_action_required(facts: ActionFacts, *, reminder: bool = False, now: datetime | None = None) -> RenderedMessage:
    """D-15: what the partner must supply, by when, and what happens otherwise."""
    claim = f"{facts.claim_name or 'your claim'} ({facts.claim_id})"
    requests = [r for r in facts.requests if r.strip()] or ([facts.note] if facts.note.strip() else [])
    if reminder:
        left = max(0, (facts.due_at - (now or facts.requested_at)).days)
        subject = f"Reminder: action required on customer association {facts.claim_id}, {left} days left"
        intro = (
            f"Microsoft asked for more information on {claim} on {_day(facts.requested_at)} and has not "
            f"received it yet. You have {left} days left, until {_day(facts.due_at)}."
        )
    else:
        subject = f"Action required on customer association {facts.claim_id}"
        intro = (
            f"Microsoft has reviewed {claim} for customer {facts.customer_domain} and needs more "
            "information before it can be processed. Its status is now Partner action required."
        )
    lines = [f"Dear {facts.partner_contact_name or facts.partner_org_name},", "", intro, "", "Please provide:"]
    lines += [f"  {i}. {r}" for i, r in enumerate(requests, 1)]
    if facts.note.strip() and facts.note.strip() not in requests:
        lines += ["", f"Reviewer's note: {facts.note.strip()}"]
    lines += [
        "",
        "The upload area of the claim is open again: you can edit the MPN selection and the products "
        "(and subscriptions), and upload additional proof of execution. Products you cannot support "
        "with proof of execution should be removed by editing the claim. When done, select Submit claim.",
        "",
        f"Respond by {_day(facts.due_at)}. Claims are not processed until the requested clarification "
        "is given; if you do not respond within 30 days the claim will be Rejected and you will need to "
        "create a new claim (D-15).",
        "",
        f"Claim: {facts.claim_url}",
        "",
        "Thanks, Microsoft",
    ]
    e = html.escape
    html_body = "<html><body>" + "".join(f"<p>{e(line)}</p>" if line else "" for line in lines) + "</body></html>"
    return RenderedMessage(
        kind="action_reminder" if reminder else "action_required",
        subject=subject,
        to=(facts.partner_contact_email,) if facts.partner_contact_email.strip() else (),
        text="\n".join(lines),
        html=html_body,
        fields={
            "Claim ID": facts.claim_id,
            "Requests": " | ".join(requests),
            "Respond by": facts.due_at.isoformat(),
            "Claim link": facts.claim_url,
        },
    )
