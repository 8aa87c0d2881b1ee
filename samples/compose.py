"""Scenario -> documents: turn each ``DocPlan`` of a claim into a docmodel ``Document``/``Email``.

``Voice`` is one document's way of speaking: how it names the parties (the plan's name modes),
which people sign, which date style it writes, and the numbers its sentences quote. The kind
writers (``compose_docs``, ``compose_letters``, ``compose_forms``, ``compose_mail``) build blocks through it, so a plan
mode is honoured in one place: a "placeholder" customer is "[Customer Name]" everywhere in that
document, a "not recent" document never shows a usable date, and so on.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from samples import dates as dt
from samples import names as nm
from samples.docmodel import (
    Block,
    Bullets,
    Document,
    Email,
    Fields,
    Heading,
    Paragraph,
    SignatureBlock,
    Table,
)
from samples.phrasing import fill, intro, pick
from samples.phrasing import scope as sp
from samples.phrasing.legal import LAW
from samples.products import PRODUCTS, code_aliases
from samples.scenario import ClaimScenario, DocPlan

PARTNER_ROLES = ("Supplier", "Partner", "Consultant", "Service Provider", "Contractor", "Vendor")
CUSTOMER_ROLES = ("Customer", "Client")
PARTNER_PLACEHOLDERS = ("[Partner Name]", "<Partner>", "[PARTNER LEGAL NAME]", "<<Partner Name>>", "[Supplier Name]",
                        "[Insert Partner Name]")
CUSTOMER_PLACEHOLDERS = ("[Customer Name]", "<Client>", "[CUSTOMER LEGAL NAME]", "<<Customer>>", "[Client Name]",
                         "[Insert Customer Name]", "XXXXX")
DATE_PLACEHOLDERS = ("[Date]", "DD/MM/YYYY", "<date>", "[insert date]", "dd.mm.yyyy", "MM/DD/YYYY")
POSITIVE = ("full", "variant", "upper", "nosuffix", "amp")


def back(d: date, days: int) -> date:
    """``days`` earlier, then further back out of days 1-12 (never dd/mm-ambiguous), landing on
    a spread of late-month days rather than always the same one."""
    d = d - timedelta(days=days)
    if d.day <= 12:
        d -= timedelta(days=d.day + (d.day * 7) % 11)
    return d


def _fwd(d: date, days: int) -> date:
    d = d + timedelta(days=days)
    if d.day <= 12:
        d += timedelta(days=13 - d.day + (d.day * 7) % 10)
    return d


@dataclass
class DateSet:
    """The dates of one claim's paperwork. ``recent``: signatures 3 weeks to ~9 months before
    submission; ``old``: more than 13 months; ``after``: a customer date after submission."""

    doc: date
    partner_sign: date
    customer_sign: date
    effective: date
    milestones: tuple[date, ...]
    po: date
    quote: date
    valid_until: date
    mail: datetime
    after: date


def make_dates(rng: random.Random, submitted: datetime, old: bool) -> DateSet:
    lo, hi = (560, 900) if old else (24, 240)
    customer = dt.draw(rng, submitted, lo, hi)
    partner = back(customer, rng.randint(0, 6))
    doc = back(partner, rng.randint(2, 25))
    effective = _fwd(customer, rng.randint(0, 12))
    stones = []
    cur = effective
    for _ in range(rng.randint(4, 7)):
        cur = _fwd(cur, rng.randint(12, 40))
        stones.append(cur)
    if old:  # every date of an old set stays more than a year before submission
        limit = (submitted - timedelta(days=400)).date()
        stones = [s for s in stones if s < limit] or [back(limit, 20)]
    po = _fwd(customer, rng.randint(1, 6))
    if not old and po >= (submitted - timedelta(days=2)).date():
        po = back(customer, 1)
    quote = back(doc, rng.randint(3, 20))
    mail = datetime(customer.year, customer.month, customer.day, rng.randint(7, 18), rng.randint(0, 59),
                    rng.randint(0, 59))
    after = dt.draw(rng, submitted, -75, -20)
    return DateSet(doc, partner, customer, effective, tuple(stones), po, quote, _fwd(quote, 30), mail, after)


class Voice:
    """How one document speaks (see module doc)."""

    def __init__(self, sc: ClaimScenario, plan: DocPlan, rng: random.Random, recent: DateSet, old: DateSet,
                 refs: dict[str, str] | None = None) -> None:
        self.sc, self.plan, self.rng = sc, plan, rng
        self.refs = refs or {"sow": "SOW-001"}  # one claim's paperwork cites the same SOW number
        self.porg = sc.other_partner if plan.partner == "other" else sc.partner
        self.corg = sc.other_customer if plan.customer == "other" else sc.customer
        claim_people = {p.full for p in (sc.partner_contact, sc.partner_signer, sc.customer_contact,
                                         sc.customer_signer, sc.approver)}
        if plan.partner == "other":
            self.p_signer, self.p_contact = nm.staff(rng, self.porg, nm.PARTNER_TITLES, 2, claim_people)
        else:
            self.p_signer, self.p_contact = sc.partner_signer, sc.partner_contact
        if plan.customer == "other":
            self.c_signer, self.c_contact = nm.staff(rng, self.corg, nm.CUSTOMER_TITLES, 2, claim_people)
        else:
            self.c_signer, self.c_contact = sc.customer_signer, sc.customer_contact
        self.approver = sc.approver
        self.third_signer = nm.staff(rng, sc.third_party, nm.PARTNER_TITLES, 1, claim_people)[0]
        self.P_full, self.P_def, self.P = self._name(plan.partner, self.porg, PARTNER_ROLES, PARTNER_PLACEHOLDERS)
        self.C_full, self.C_def, self.C = self._name(plan.customer, self.corg, CUSTOMER_ROLES,
                                                     CUSTOMER_PLACEHOLDERS)
        self.p_named = plan.partner in POSITIVE or plan.partner == "other"
        self.c_named = plan.customer in POSITIVE or plan.customer == "other"
        self.style = plan.style  # the planner chose it from the author's country
        self.ds = old if plan.dates == "old" else recent
        self.recent = recent
        self.num = self._numbers()
        self.currency = {"United Kingdom": "GBP", "United States": "USD", "Germany": "EUR", "Australia": "AUD",
                         "India": "INR", "Ireland": "EUR", "Netherlands": "EUR", "France": "EUR", "Canada": "CAD",
                         "South Africa": "ZAR", "Singapore": "SGD", "Sweden": "SEK",
                         "New Zealand": "NZD"}[self.corg.country]

    # -- names ----------------------------------------------------------------------------------
    def _name(self, mode: str, org: nm.Org, roles: tuple[str, ...], holders: tuple[str, ...]) -> tuple[str, str, str]:
        rng = self.rng
        role = rng.choice(roles)
        if mode in ("placeholder",):
            holder = rng.choice(holders)
            return holder, role, (holder if rng.random() < 0.5 else f"the {role}")
        if mode == "generic":
            return f"the {role}", role, f"the {role}"
        written = mode if mode != "other" else rng.choice(("full", "full", "variant"))
        full = self.org_name(org, written)
        if rng.random() < 0.6:
            short = org.short.upper() if written == "upper" and rng.random() < 0.5 else org.short
            return full, short, short
        return full, role, f"the {role}"

    def org_name(self, org: nm.Org, written: str) -> str:
        rng = self.rng
        if written == "variant" and org.suffix:
            return org.with_suffix(rng.choice(nm.SUFFIX_VARIANTS.get(org.suffix, (org.suffix,))))
        if written == "upper":
            return org.name.upper()
        if written == "nosuffix":
            return org.base
        if written == "amp" and "&" in org.base:
            return org.with_suffix(org.suffix).replace("&", "and") if org.suffix else org.base.replace("&", "and")
        return org.name

    # -- dates ----------------------------------------------------------------------------------
    @property
    def dated(self) -> bool:
        return self.plan.dates in ("recent", "old")

    def d(self, value: date | None = None, *, blank_ok: bool = True) -> str | None:
        """A date as this document writes it, or what stands in its place (None = blank line)."""
        mode = self.plan.dates
        if mode in ("recent", "old"):
            assert value is not None
            return dt.fmt(value, self.style)
        if mode == "tbd":
            return self.rng.choice(("TBD", "TBC", "To be confirmed", "tbd"))
        if mode == "placeholder":
            return self.rng.choice(DATE_PLACEHOLDERS)
        return None if blank_ok else ""

    def ds_text(self, value: date | None = None) -> str:
        return self.d(value, blank_ok=False) or ""

    def milestone_cell(self, i: int) -> str:
        if self.dated:
            return dt.fmt(self.ds.milestones[i % len(self.ds.milestones)], self.style)
        mode = self.plan.dates
        if mode == "blank":
            return self.rng.choice((f"Week {2 + 3 * i}", f"Weeks {1 + 2 * i}-{3 + 2 * i}", "", f"T+{2 + 2 * i} weeks"))
        if mode == "none":
            return f"Week {1 + 2 * i}"
        if mode == "distractor":
            return f"Sprint {i + 1}"
        return self.ds_text()

    # -- numbers and template context -----------------------------------------------------------
    def _numbers(self) -> dict[str, object]:
        rng = self.rng
        n = rng.choice((40, 60, 75, 120, 150, 180, 250, 320, 400, 450, 600, 800, 1200))
        m = n + rng.choice((50, 100, 150, 200, 300, 500)) if n < 600 else n * 2
        k = rng.randint(2, 6)
        pct = rng.choice((20, 25, 30, 35, 40, 45, 50, 55))
        pct2 = rng.choice((70, 75, 80, 85, 90, 95))
        bus = ("Finance", "HR", "Operations", "Sales", "Customer Support", "Manufacturing", "Legal", "Marketing",
               "Field Engineering", "Procurement")
        picked = rng.sample(bus, k=3)
        if self.plan.dates == "recent":
            end = _fwd(self.recent.milestones[-1], rng.randint(30, 120))
            period = rng.choice((dt.month_year(end), f"the end of {dt.quarter(end)}", "the end of the financial year",
                                 "the end of the first year"))
        else:
            period = rng.choice(("the end of the financial year", "the end of the first year",
                                 "twelve months after go-live", "the end of phase 2"))
        return {"n": n, "m": m, "k": k, "k2": k + rng.randint(2, 6), "pct": pct, "pct2": pct2,
                "months": rng.choice((3, 6, 9, 12)), "extra": rng.choice((50, 80, 100, 150, 200, 250, 400)),
                "champs": rng.choice((10, 12, 15, 20, 25, 30)), "bus": f"{picked[0]} and {picked[1]}",
                "bu": picked[0], "bu2": picked[2], "period": period, "fy": rng.choice((27, 28)),
                "staff": rng.choice((150, 240, 380, 500, 750, 1100, 1800, 2600, 4000)),
                "yrs": rng.choice((15, 20, 25, 40, 60, 100)), "days": rng.choice((14, 30, 30, 45, 60)),
                "cap": rng.choice(("1.5", "2", "1.25")), "no": rng.randint(1, 9),
                "weeks": rng.choice((6, 8, 10, 12, 16)), "v": rng.randint(1, 9)}

    def ctx(self, **extra: object) -> dict[str, object]:
        rng = self.rng
        base: dict[str, object] = dict(self.num)
        base.update(P=self.P, C=self.C, Pfull=self.P_full, Cfull=self.C_full, Pdef=self.P_def, Cdef=self.C_def,
                    PFULL=self.P_full.upper() if self.p_named else self.P_full,
                    CFULL=self.C_full.upper() if self.c_named else self.C_full,
                    sector=_sector(rng, self.corg), size=rng.choice(intro.SIZE), region=_region(rng, self.corg),
                    city=self.corg.address[1].split(",")[0].split(" ")[-1] if self.corg.country in (
                        "Germany", "Netherlands", "Sweden", "France") else self.corg.address[1].split(",")[0],
                    other=self.sc.third_party.name, law=_law(self.porg.country))
        base.update(extra)
        return base

    def say(self, bank: tuple[str, ...] | list[str], **extra: object) -> str:
        return fill(pick(self.rng, bank), self.ctx(**extra))

    # -- products -------------------------------------------------------------------------------
    def written_as(self, code: str) -> str:
        for p in self.sc.products:
            if p.code == code:
                return p.written
        return self.rng.choice(("full", "full", "alias"))

    def prod(self, code: str, written: str | None = None) -> str:
        rng = self.rng
        pr = PRODUCTS[code]
        written = written or self.written_as(code)
        if written == "code" and code_aliases(code):
            return rng.choice(code_aliases(code))
        if written == "alias":
            options = [a for a in pr.aliases if a != pr.name and a not in code_aliases(code)] or [pr.name]
            return rng.choice(options)
        return pr.name

    def work(self, code: str) -> str:
        """A verb phrase naming the product: 'migrate 450 mailboxes to Exchange Online'."""
        return self.works(code, 1)[0]

    def works(self, code: str, k: int) -> list[str]:
        items = self.rng.sample(PRODUCTS[code].work, k=min(k, len(PRODUCTS[code].work)))
        return [t.format_map(self.ctx(prod=self.prod(code))) for t in items]

    def item(self, code: str) -> str:
        return fill(pick(self.rng, PRODUCTS[code].items), self.ctx())

    def unit(self, code: str) -> str:
        return PRODUCTS[code].unit

    def linked(self) -> list[str]:
        return [c for c, m in self.plan.products.items() if m.startswith("link:")]

    def mentioned(self, how: str | None = None) -> list[str]:
        return [c for c, m in self.plan.products.items()
                if m.startswith("mention:") and (how is None or m == f"mention:{how}")]

    def link_how(self, code: str) -> str:
        return self.plan.products[code].split(":", 1)[1]

    def tech_tasks(self, k: int) -> list[str]:
        return [fill(t, self.ctx()) for t in self.rng.sample(sp.TECH_TASKS, k=k)]


INDUSTRY_SECTOR = {"Logistics": "logistics", "Foods": "food and beverage", "Manufacturing": "manufacturing",
                   "Health": "healthcare", "Engineering": "engineering", "Insurance": "insurance", "Retail": "retail",
                   "Pharmaceuticals": "pharmaceutical", "Construction": "construction", "Energy": "energy",
                   "Textiles": "textile manufacturing", "Hospitality": "hospitality", "Freight": "freight and logistics",
                   "Dairy": "dairy", "Motors": "automotive", "Financial": "financial services", "Property": "property",
                   "Water": "water utility", "Plastics": "plastics manufacturing", "Packaging": "packaging",
                   "Brewing": "brewing", "Wines": "wine production", "Medical": "medical devices",
                   "Furniture": "furniture manufacturing", "Aerospace": "aerospace", "Marine": "marine services",
                   "Agriculture": "agriculture", "Utilities": "utilities", "Timber": "timber and forestry",
                   "Ceramics": "ceramics", "Cosmetics": "cosmetics", "Labs": "laboratory services",
                   "Leisure": "leisure", "Transport": "transport", "Recruitment": "recruitment", "Print": "print",
                   "Legal": "legal services", "Architects": "architecture", "Accountants": "accountancy",
                   "Associates": "professional services", "Council": "local government", "University": "education",
                   "Trust": "healthcare", "Housing": "social housing", "Authority": "public sector", "Shire": "local "
                   "government"}
COUNTRY_REGION = {"United Kingdom": ("the UK and Ireland", "the North of England", "the South East"),
                  "United States": ("North America", "the Midwest", "the Pacific Northwest"),
                  "Germany": ("the DACH region", "Bavaria", "southern Germany"),
                  "Australia": ("Australia and New Zealand", "New South Wales", "Queensland"),
                  "India": ("South India", "Maharashtra", "India and the Middle East"),
                  "Netherlands": ("the Benelux",), "Sweden": ("the Nordics",), "France": ("Western Europe",)}


def _sector(rng: random.Random, org: nm.Org) -> str:
    for word in org.base.replace("&", " ").split():
        if word in INDUSTRY_SECTOR:
            return INDUSTRY_SECTOR[word]
    return rng.choice(intro.SECTOR)


def _region(rng: random.Random, org: nm.Org) -> str:
    return rng.choice(COUNTRY_REGION.get(org.country, intro.REGION))


def _law(country: str) -> str:
    return LAW.get(country, "England and Wales")


def ref_code(rng: random.Random, prefix: str, dated: bool, year: int) -> str:
    num = rng.randint(10, 999)
    if dated and rng.random() < 0.5:
        return f"{prefix}-{year}-{num:03d}"
    return rng.choice((f"{prefix}-{num:04d}", f"{prefix}{num:05d}", f"{prefix}/{rng.randint(1, 99):02d}/{num}"))


def compose_claim(sc: ClaimScenario) -> list[Document | Email | tuple[str, bytes]]:
    """All files of one claim: docmodel documents, and raw bytes for a damaged file."""
    # lazy: import cycle (the compose_* modules import Voice and helpers from this module)
    from samples import compose_docs, compose_forms, compose_letters, compose_mail

    rng = random.Random(f"poe-compose:{sc.seed}")
    recent = make_dates(rng, sc.submitted_at, old=False)
    old = make_dates(rng, sc.submitted_at, old=True)
    dated = all(d.dates in ("recent", "old") for d in sc.docs)
    year = (old if sc.docs and sc.docs[0].dates == "old" else recent).doc.year
    refs = {"sow": ref_code(rng, rng.choice(("SOW", "PS", "WO", "PRJ")), dated, year),
            "project": rng.choice(("", f"P{rng.randint(1000, 9999)}", f"PRJ-{rng.randint(100, 999)}"))}
    out: list[Document | Email | tuple[str, bytes]] = []
    used: set[str] = set()
    for i, plan in enumerate(sc.docs):
        drng = random.Random(f"poe-doc:{sc.seed}:{i}")
        if plan.corrupt:
            name, data = compose_forms.corrupt_file(drng, plan)
            plan.filename = _unique(name, used)
            out.append((plan.filename, data))
            continue
        v = Voice(sc, plan, drng, recent, old, refs)
        builders: dict[str, Callable[[Voice], Document | Email]] = {
            "sow": compose_docs.sow, "msa": compose_docs.msa, "letter": compose_letters.letter,
            "change": compose_letters.change, "quote": compose_letters.quote, "signed_page": compose_letters.signed_page,
            "po": compose_forms.purchase_order, "poe_template": compose_forms.poe_template,
            "email_ack": compose_mail.ack_email, "email_partner": compose_mail.partner_email}
        doc = builders[plan.kind](v)
        name = _unique(doc.filename, used)
        if name != doc.filename:
            doc = _renamed(doc, name)
        plan.filename = name
        out.append(doc)
    return out


def _unique(name: str, used: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, k = name, 2
    while candidate.lower() in used:
        candidate = f"{stem} ({k}).{ext}" if dot else f"{name} ({k})"
        k += 1
    used.add(candidate.lower())
    return candidate


def _renamed(doc: Document | Email, name: str) -> Document | Email:
    return replace(doc, filename=name)


def plain_text(doc: Document | Email) -> str:
    """Everything a document says, as text: the tests scan it for products and placeholders."""
    def blocks_text(blocks: tuple[Block, ...]) -> list[str]:
        out: list[str] = []
        for b in blocks:
            if isinstance(b, (Heading, Paragraph)):
                out.append(b.text)
            elif isinstance(b, Bullets):
                out.extend(b.items)
            elif isinstance(b, Table):
                out.extend(" | ".join(r) for r in b.rows)
            elif isinstance(b, Fields):
                out.extend(f"{k} {v}" for k, v in b.pairs)
            elif isinstance(b, SignatureBlock):
                out.append(b.intro)
                for s in b.signatories:
                    out.append(" ".join(x for x in (s.party_label, s.org, s.signature, s.name, s.title, s.date) if x))
        return out

    if isinstance(doc, Email):
        lines = [doc.from_addr, *doc.to_addrs, *doc.cc_addrs, doc.subject, doc.date, *blocks_text(doc.body)]
        for att in doc.attachments:
            lines.append(plain_text(att))
        return "\n".join(lines)
    lines = [doc.header, doc.footer, *blocks_text(doc.blocks)]
    for _, blocks in doc.extra_sheets:
        lines.extend(blocks_text(blocks))
    return "\n".join(lines)
