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


def reason(code: str, **fields: object) -> Reason:
    """The coded Reason for ``code`` with its message filled from ``fields``."""
    spec = REASONS[code]
    message = string.Formatter().vformat(spec.template, (), _Blank(fields))
    return Reason(code=spec.code, rule=spec.rule, message=message, criterion=spec.criterion,
                  details=dict(fields))


# ---------------------------------------------------------------- documents (checks)
_register("R-DOC-001", "D-10", "No readable POE document was provided: nothing could be checked.")

# ---------------------------------------------------------------- customer_signature (checks)
_C = "customer_signature"
_register("R-SIG-001", "D-11.1", "No customer signature or customer acknowledgment was found in the POE.", _C)
_register("R-SIG-002", "D-11.1", "The customer signature block in {document} ({where}) is blank.", _C)
_register("R-SIG-003", "D-11.1", "Only the partner signed ({document}, {where}); the customer's signature or acknowledgment is missing.", _C)
_register("R-SIG-004", "D-22", "The customer acknowledgment is dated {date}, more than 12 months before the claim was submitted ({submitted}).", _C)
_register("R-SIG-005", "D-22", "A signature is dated {date}, after the claim was submitted ({submitted}).", _C)
_register("R-SIG-006", "D-11.1", "A signature was found ({document}, {where}) but it could not be attributed to the customer.", _C)

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

# ---------------------------------------------------------------- product_links (checks)
_P = "product_links"
_register("R-PROD-001", "D-12", "{product} is not named in the POE: add POE for it or remove it from the claim.", _P)
_register("R-PROD-002", "D-23", "{product} is only named ({context}) with no work tied to it: describe the work on it or remove it from the claim.", _P)
_register("R-PROD-003", "D-11.2", "{product} is not in the product catalogue; it was searched by its name only.", _P)

# ---------------------------------------------------------------- growth_activities (checks)
_G = "growth_activities"
_register("R-GROW-001", "D-11.3", "No activity driving usage or revenue growth is explicitly stated in the POE.", _G)
_register("R-GROW-002", "D-11.3", "Only general statements were found ({text}); growth of usage, adoption, seats or revenue must be stated explicitly.", _G)
