"""Building blocks shared by the cases: the Case record (claim + files + true verdicts), the
usual shape of a partner's Statement of Work, and the signature blocks partners really use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.cases.parties import Claim, Org, tenant_entry
from tests.cases.render import H, P, SigImage, T

Verdict = str | list[str]
CRITERIA = ("customer_signature", "partner_name", "customer_name", "dates", "product_links", "growth_activities")
BLANK = "______________________"


def crit(**overrides: Verdict) -> dict[str, Verdict]:
    """All six criteria 'met' unless overridden."""
    out: dict[str, Verdict] = dict.fromkeys(CRITERIA, "met")
    for k, v in overrides.items():
        assert k in CRITERIA, k
        out[k] = v
    return out


@dataclass
class Case:
    folder: str
    claim: Claim
    files: dict[str, Callable[[Path], Any]]
    criteria: dict[str, Verdict]
    products: dict[str, str]
    recommendation: str
    tags: list[str]
    note: str
    eligible: bool = True
    eligibility_rules: list[str] = field(default_factory=list)
    in_directory: bool = True
    tenant: dict[str, Any] | None = None  # overrides the default directory entry

    def tenant_json(self) -> dict[str, Any] | None:
        if not self.in_directory:
            return None
        return self.tenant or tenant_entry(self.claim.customer, self.claim.products)


# ------------------------------------------------------------------------ signature blocks

def sig_stacked(role: str, org: str, signer: str, title: str, when: str, mode: str = "s") -> list[Any]:
    """A signature block as most US/UK SOWs print it, one line under the other.

    mode: 's' (/s/ conformed signature), 'image' (drawn signature), 'typed' (e-signature
    line), 'blank' (nothing filled in)."""
    head = P(f"{role}: {org}", "bold") if role else P(org, "bold")
    if mode == "blank":
        return [head, P(f"Signature: {BLANK}"), P(f"Name: {BLANK}"), P(f"Title: {BLANK}"), P(f"Date: {BLANK}")]
    if mode == "image":
        return [head, T([["Signature:", SigImage(len(signer))]], grid=False, widths=[70, 200]),
                P(f"Name: {signer}"), P(f"Title: {title}"), P(f"Date: {when}")]
    if mode == "typed":
        return [head, P(f"Signed electronically by {signer} on {when}"), P(f"Title: {title}")]
    return [head, P(f"By: /s/ {signer}"), P(f"Name: {signer}"), P(f"Title: {title}"), P(f"Date: {when}")]


def sig_columns(left: Sequence[str], right: Sequence[str], *, grid: bool = False) -> T:
    """Two signature blocks side by side (one table row, one block per cell)."""
    return T([["\n".join(left), "\n".join(right)]], grid=grid, widths=[234, 234])


def signed_lines(org: str, signer: str, title: str, when: str) -> list[str]:
    return [org.upper(), "", f"By: /s/ {signer}", f"Name: {signer}", f"Title: {title}", f"Date: {when}"]


def blank_lines(org: str) -> list[str]:
    return [org.upper(), "", f"By: {BLANK}", f"Name: {BLANK}", f"Title: {BLANK}", f"Date: {BLANK}"]


# ------------------------------------------------------------------------------- the SOW

def sow_blocks(*, partner: Org, customer: Org, number: str, effective: str, title: str,
               background: str, scope: Sequence[str], milestones: Sequence[tuple[str, str, str]],
               growth: Sequence[str], fees: str, signatures: Sequence[Any],
               partner_name: str | None = None, customer_name: str | None = None,
               out_of_scope: Sequence[str] = (), assumptions: Sequence[str] = (),
               msa: str = "the Master Services Agreement between the parties dated 14 January 2025",
               growth_heading: str = "4. Adoption and Growth Objectives") -> list[Any]:
    """The usual structure of a partner's SOW: parties, background, scope, milestones, growth,
    assumptions, fees, signatures."""
    pn = partner_name or partner.name
    cn = customer_name or customer.name
    blocks: list[Any] = [
        H(f"Statement of Work: {title}", 1),
        P(f"SOW No. {number}    |    Version 1.0    |    Effective Date: {effective}", "center"),
        P(f'This Statement of Work ("SOW") is entered into by and between {pn}, with offices at {partner.address} '
          f'("Partner"), and {cn}, with offices at {customer.address} ("Customer"), and is governed by {msa}.'),
        H("1. Background"),
        P(background),
        H("2. Scope of Services"),
        P("Partner will perform the following services:"),
        *[P(f"2.{i}  {line}") for i, line in enumerate(scope, start=1)],
        H("3. Milestones and Timeline"),
        T([["Milestone", "Description", "Target date"], *[list(m) for m in milestones]], header=True,
          widths=[110, 250, 108]),
    ]
    if growth:
        blocks += [H(growth_heading), *[P(g) for g in growth]]
    n = 5 if growth else 4
    if assumptions or out_of_scope:
        blocks.append(H(f"{n}. Assumptions and Exclusions"))
        blocks += [P(f"- {a}") for a in assumptions]
        if out_of_scope:
            blocks.append(P("Out of scope:", "bold"))
            blocks += [P(f"- {o}") for o in out_of_scope]
        n += 1
    blocks += [H(f"{n}. Fees"), P(fees), H(f"{n + 1}. Signatures"),
               P("IN WITNESS WHEREOF, the parties have caused this SOW to be executed by their duly authorised "
                 "representatives."), *signatures]
    return blocks


def both_signed(partner: Org, customer: Org, p_when: str, c_when: str, *, mode: str = "s",
                pn: str | None = None, cn: str | None = None, customer_signer: str | None = None,
                customer_title: str | None = None) -> list[Any]:
    return [*sig_stacked("Partner", pn or partner.name, partner.contact, partner.title, p_when, mode),
            P(""),
            *sig_stacked("Customer", cn or customer.name, customer_signer or customer.contact,
                         customer_title or customer.title, c_when, mode)]
