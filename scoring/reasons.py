"""Every coded message of scoring, in one module (team rule: coded messages in one module).

``reason(code, **fields)`` builds a :class:`scoring.types.Reason` from the registry; each code
cites the D-rule of ``shared/domain.md`` it rests on. Sections below belong to one criterion
or concern each; add codes inside your own section.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from scoring.types import Reason


@dataclass(frozen=True)
class ReasonSpec:
    code: str
    rule: str
    template: str
    criterion: str | None = None


REASONS: dict[str, ReasonSpec] = {}


def _register(code: str, rule: str, template: str, criterion: str | None = None) -> None:
    if code in REASONS:
        raise ValueError(f"duplicate reason code {code}")
    REASONS[code] = ReasonSpec(code, rule, template, criterion)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


# Stand-ins for a template's fields where a message is read without its claim (the analysts'
# report of reason codes): "{count} item(s)" reads "N item(s)", "{product}" reads "<product>".
_GENERIC_FIELDS = {"count": "N", "days": "N", "months": "N", "hours": "N"}


class _Generic(dict):
    def __missing__(self, key: str) -> str:
        return _GENERIC_FIELDS.get(key, f"<{key.replace('_', ' ')}>")


def generic_message(code: str) -> str:
    """The message of ``code`` with its fields named, not filled (no raw ``{count}``)."""
    return string.Formatter().vformat(REASONS[code].template, (), _Generic())


def reason(code: str, **fields: object) -> Reason:
    """The coded Reason for ``code`` with its message filled from ``fields``."""
    spec = REASONS[code]
    message = string.Formatter().vformat(spec.template, (), _Blank(fields))
    return Reason(code=spec.code, rule=spec.rule, message=message, criterion=spec.criterion,
                  details=dict(fields))


# ---------------------------------------------------------------- documents (D-10, D-24)
_register("R-DOC-001", "D-10", "No readable POE document was provided: nothing could be checked.")
_register("R-DOC-002", "D-10", "No POE document is attached to the claim; a POE is required for every activity except revenue association.")
_register("R-DOC-003", "D-24", "{document} could not be read ({error}); upload it again as a readable, unprotected file.")
_register("R-DOC-004", "D-24", "{document} is a scan with no text layer and could not be read ({error}); upload a text PDF or a clearer copy.")
_register("R-DOC-005", "D-24", "{document} is a file type that cannot be reviewed ({error}); upload it as PDF, Word, Excel, PowerPoint, email or image.")

# ---------------------------------------------------------------- any criterion (checks)
_register("R-DOC-009", "D-11", "This criterion could not be checked automatically ({error}); a reviewer must read the POE for it.")

# ---------------------------------------------------------------- customer_signature (checks)
_C = "customer_signature"
_register("R-SIG-001", "D-11.1", "No customer signature or customer acknowledgment was found in the POE.", _C)
_register("R-SIG-002", "D-11.1", "The customer signature block in {document} ({where}) is blank.", _C)
_register("R-SIG-003", "D-11.1", "Only the partner signed ({document}, {where}); the customer's signature or acknowledgment is missing.", _C)
_register("R-SIG-004", "D-22", "The customer acknowledgment is dated {date}, more than 12 months before the claim was submitted ({submitted}).", _C)
_register("R-SIG-005", "D-22", "A signature is dated {date}, after the claim was submitted ({submitted}).", _C)
_register("R-SIG-006", "D-11.1", "A signature was found ({document}, {where}) but it could not be attributed to the customer.", _C)
_register("R-SIG-007", "D-11.1", "The signature in {document} ({where}) is for another organisation ({org}), not the customer.", _C)
_register("R-SIG-008", "D-11.1", "The signature field {field} in {document} no longer vouches for the document: {change}. A reviewer must compare the signed revision with the current file.", _C)
_register("R-SIG-009", "D-11.1", "The signature field {field} in {document} stands; after signing the file gained {change} only.", _C)
_register("R-SIG-010", "D-11.1", "The signature field {field} in {document} covers only part of the file ({coverage}): the rest is not vouched for by the signature. A reviewer must compare the signed part with the current file.", _C)
_register("R-SIG-011", "D-11.1", "The customer's acknowledgment in {document} concerns {other}, not the claimed {claimed}: it does not acknowledge the partner's work on the claimed product(s). Provide the customer's acknowledgment of this engagement.", _C)

# ---------------------------------------------------------------- partner_name / customer_name (checks)
_register("R-NAME-001", "D-11.4", "The partner's name ({name}) is not visible in the POE.", "partner_name")
_register("R-NAME-002", "D-11.4", "The customer's name ({name}) is not visible in the POE.", "customer_name")
_register("R-NAME-003", "D-11.4", "The POE shows a template placeholder ({text}) where the {party} name should be.", None)
_register("R-NAME-004", "D-11.4", "The POE names another organisation as the {party}: {org} ({document}).", None)
_register("R-NAME-005", "D-11.4", "The {party} name ({name}) appears only in part ({text}); check it is the same organisation.", None)

# ---------------------------------------------------------------- dates (checks)
_D = "dates"
_register("R-DATE-001", "D-11.5", "No dates were found in the POE.", _D)
_register("R-DATE-002", "D-11.5", "No signature or acknowledgment date was found; only other dates ({dates}).", _D)
_register("R-DATE-003", "D-11.5", "A date is left blank or undecided ({text}, {document} {where}).", _D)
_register("R-DATE-004", "D-22", "The customer signature/acknowledgment date {date} is more than 12 months before submission ({submitted}).", _D)
_register("R-DATE-005", "D-22", "The signature date {date} is after the claim's submission ({submitted}).", _D)
_register("R-DATE-006", "D-11.5", "No milestone or project dates were found, only signature dates.", _D)
_register("R-DATE-007", "D-11.5", "The signature date line is blank ({text}, {document} {where}); the agreement's own date {date}, which its signatures adopt, dates it.", _D)

# ---------------------------------------------------------------- product_links (checks)
_P = "product_links"
_register("R-PROD-001", "D-12", "{product} is not named in the POE: add POE for it or remove it from the claim.", _P)
_register("R-PROD-002", "D-23", "{product} is only named ({context}) with no work tied to it: describe the work on it or remove it from the claim.", _P)
_register("R-PROD-003", "D-11.2", "{product} is not in the product catalogue; it was searched by its name only.", _P)

# ---------------------------------------------------------------- growth_activities (checks)
_G = "growth_activities"
_register("R-GROW-001", "D-11.3", "No activity driving usage or revenue growth is explicitly stated in the POE.", _G)
_register("R-GROW-002", "D-11.3", "Only general statements were found ({text}); growth of usage, adoption, seats or revenue must be stated explicitly.", _G)

# ---------------------------------------------------------------- eligibility (D-3, D-7, D-8)
# Findings that make a claim ineligible whatever its POE (spec section 3 ``eligibility``),
# and notes on what could not be validated (listed under ``reasons``, not blocking).
_register("R-ELIG-001", "D-3", "{product} is Power BI, which is not claimable under CPOR (it stays on DPOR): remove it from the claim.")
_register("R-ELIG-002", "D-8", "Subscription {subscription_id} ({product}) is not on the customer's tenant {tenant_id}.")
_register("R-ELIG-003", "D-8", "Subscription {subscription_id} given for {product} is a {sub_product} subscription, not a Dynamics 365 one.")
_register("R-ELIG-004", "D-8", "Subscription {subscription_id} ({product}) is a CSP subscription, which is not claimable.")
_register("R-ELIG-005", "D-8", "Subscription {subscription_id} ({product}) was not activated when the claim was created{when}.")
_register("R-ELIG-006", "D-8", "Subscription {subscription_id} ({product}) was activated {activated_at}, only {hours} hours before the claim was created ({created_at}); a claim may be made 48 hours or more after activation.")
_register("R-ELIG-007", "D-8", "{value!r} given as the subscription of {product} is not a subscription ID (a GUID such as d66656c2-f69b-4488-8035-287eb6711ddc).")
_register("R-ELIG-008", "D-6", "{product} ({subscription}) is already claimed by claim {other_claim}.")
_register("R-ELIG-009", "D-7", "Revenue association is an activity of OSA Sell only; this claim is under {program}.")
_register("R-ELIG-010", "D-8", "{product} is not on the customer's tenant {tenant_id}: the tenant directory lists no subscription for it.")
_register("R-ELIG-011", "D-8", "Subscription {subscription_id} given for {product} is a {sub_product} subscription.")
_register("R-ELIG-012", "D-8", "Tenant {tenant_id} is not in the tenant directory, so the customer's name and subscriptions could not be validated.")
_register("R-ELIG-013", "D-8", "No tenant directory was given, so subscriptions and activation dates could not be validated.")
_register("R-ELIG-014", "D-7", "Revenue association needs no POE and sends no consent email; the incentive for this association is forfeited.")
_register("R-ELIG-015", "D-8", "The customer has {count} {product} subscriptions: give the subscription ID this claim is for.")
_register("R-ELIG-016", "D-3", "{product} is not claimable under CPOR (CPOR covers Microsoft 365, Dynamics 365 under Business Applications, and OSA Sell).")

# ---------------------------------------------------------------- decision (D-11, D-12, D-15, D-16)
# Partner-facing requests for a criterion the checks left unmet without a reason of their own,
# and the codes that state the recommendation itself.
_register("R-DEC-001", "D-11", "Every POE requirement is met and nothing makes the claim ineligible: recommend approval.")
_register("R-DEC-007", "D-11", "Every POE requirement is met on the readable documents, but {count} uploaded file(s) could not be read and were not checked (listed below): recommend approval only if the readable documents suffice.")
_register("R-DEC-002", "D-15", "Partner action required: {count} item(s) to complete before the claim can be approved (see the requests).")
_register("R-DEC-003", "D-16", "The claim does not carry the required information (none of the POE requirements is shown): recommend rejection.")
_register("R-DEC-004", "D-3", "The claim is ineligible whatever its POE ({codes}): recommend rejection.")
_register("R-DEC-005", "D-12", "Remove {products} from the claim (edit it) or upload POE that ties concrete work to them.")
_register("R-DEC-006", "D-7", "Revenue association under OSA Sell: no POE review is needed; recommend approval.")
_register("R-DEC-011", "D-11.1", "Provide a POE showing the customer's signature or acknowledgment (signed SOW/MSA/PO, POE template acknowledgment or an email from the customer's domain); none was found in {documents}.", "customer_signature")
_register("R-DEC-012", "D-11.4", "Make the partner's name ({name}) clearly visible in the POE; it was not found in {documents}.", "partner_name")
_register("R-DEC-013", "D-11.4", "Make the customer's name ({name}) clearly visible in the POE; it was not found in {documents}.", "customer_name")
_register("R-DEC-014", "D-11.5", "Show the milestone dates and the partner and customer signature dates clearly in the POE; they could not be read in {documents}.", "dates")
_register("R-DEC-015", "D-11.2", "Connect each claimed product to the work done on it in the POE (name it on the line of work): {documents}.", "product_links")
_register("R-DEC-016", "D-11.3", "State explicitly in the POE the activities that drive usage or revenue growth (adoption, seats, consumption, revenue): none in {documents}.", "growth_activities")
_register("R-DEC-017", "D-11", "The POE check of {criterion} is unclear: {detail}. Make it explicit in {documents}.", None)

# ---------------------------------------------------------------- conflicts (D-18)
_register("R-CONF-001", "D-18", "Claims {claims} are for the same customer tenant {tenant_id} and {product}; claim {recommended} has the stronger POE (margin {margin}).")
_register("R-CONF-002", "D-18", "The POE of claims {claims} are too close to call (margin {margin} below {threshold}): ask both partners for more information.")
_register("R-CONF-003", "D-18", "Claims {claims} do not share a customer tenant and product/workload (or subscription): nothing to compare.")
_register("R-CONF-004", "D-18", "No claim of {claims} is eligible: none can be recommended.")
_register("R-CONF-005", "D-18", "No claim of {claims} meets every POE requirement: ask the partners for more information before deciding.")


def codes_for(prefix: str) -> list[str]:
    """Every registered code starting with ``prefix`` (``R-ELIG``), in registration order."""
    return [code for code in REASONS if code.startswith(prefix)]
