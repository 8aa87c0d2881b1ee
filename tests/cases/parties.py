"""The organisations, people and claim/tenant JSON of the hand-written cases (all fictional,
all on ``.example`` domains)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

NS = uuid.UUID("6f1c2a44-9d1e-4c57-8a53-0b7e2f6c9d10")

# Every claim is submitted on 20 July 2026: "within 12 months" means 20 July 2025 or later.
CREATED = datetime(2026, 7, 17, 10, 5)
SUBMITTED = datetime(2026, 7, 20, 14, 30)
ACTIVATED = "2026-01-12T00:00:00Z"

BIZAPPS_PREFIXES = ("D365_", "POWER_", "COPILOT_STUDIO")


@dataclass(frozen=True)
class Org:
    name: str  # the name as Microsoft knows it (claim partner name / tenant display_name)
    domain: str
    contact: str
    title: str
    address: str
    country: str = "United States"
    mpn: str = ""

    @property
    def email(self) -> str:
        first, _, last = self.contact.lower().partition(" ")
        return f"{first}.{last.replace(' ', '')}@{self.domain}"

    @property
    def tenant_id(self) -> str:
        return str(uuid.uuid5(NS, self.domain))


def partner(name: str, domain: str, contact: str, title: str, address: str, country: str, mpn: str) -> Org:
    return Org(name, domain, contact, title, address, country, mpn)


def customer(name: str, domain: str, contact: str, title: str, address: str, country: str = "United States") -> Org:
    return Org(name, domain, contact, title, address, country)


def subscription_id(org: Org, code: str) -> str:
    return str(uuid.uuid5(NS, f"{org.domain}/{code}"))


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Product:
    name: str
    code: str

    @property
    def bizapps(self) -> bool:
        return self.code.startswith(BIZAPPS_PREFIXES)


@dataclass
class Claim:
    claim_id: str
    title: str
    partner: Org
    customer: Org
    products: list[Product]
    documents: list[tuple[str, str]]  # (path, comment)
    activity: str = "Deployment"
    comment: str = ""
    created: datetime = CREATED
    submitted: datetime = SUBMITTED
    subscription_overrides: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        bizapps = any(p.bizapps for p in self.products)
        products = []
        for p in self.products:
            entry: dict[str, Any] = {"name": p.name, "code": p.code}
            if p.bizapps:
                entry["subscription_id"] = self.subscription_overrides.get(p.code, subscription_id(self.customer, p.code))
            products.append(entry)
        return {
            "claim_id": self.claim_id,
            "name": self.title,
            "program": "OSU-Business Applications" if bizapps else "OSU-Microsoft 365",
            "solution_area": "Business Applications" if bizapps else "Microsoft 365",
            "activity": self.activity,
            "status": "Submitted",
            "created_at": iso(self.created),
            "submitted_at": iso(self.submitted),
            "mpn_location": {"mpn_id": self.partner.mpn, "country": self.partner.country},
            "partner": {"name": self.partner.name, "contact_name": self.partner.contact,
                        "contact_email": self.partner.email},
            "customer": {"domain": self.customer.domain, "tenant_id": self.customer.tenant_id,
                         "contact_name": self.customer.contact, "contact_email": self.customer.email},
            "products": products,
            "documents": [{"path": path, "uploaded_by": self.partner.contact,
                           "uploaded_at": iso(self.submitted - timedelta(minutes=12 - i)), "comment": comment}
                          for i, (path, comment) in enumerate(self.documents)],
            "comment": self.comment,
        }


def tenant_entry(org: Org, products: list[Product], *, channel: str = "EA", activated_at: str = ACTIVATED,
                 extra_domains: tuple[str, ...] = ()) -> dict[str, Any]:
    subs = [{"subscription_id": subscription_id(org, p.code), "product": p.name, "code": p.code,
             "channel": channel, "country": org.country, "activated_at": activated_at}
            for p in products if p.bizapps]
    return {"tenant_id": org.tenant_id, "display_name": org.name, "domains": [org.domain, *extra_domains],
            "subscriptions": subs}


# ----------------------------------------------------------------------------- partners

FABRIKAM = partner("Fabrikam Consulting LLC", "fabrikam.example", "Ola Demmo", "Engagement Director",
                   "1200 Pine Street, Suite 400, Seattle, WA 98101", "United States", "4412093")
NORTHWIND = partner("Northwind Solutions Ltd", "northwind-solutions.example", "Priya Raman", "Delivery Director",
                    "18 Cannon Street, London EC4M 6XH", "United Kingdom", "5520981")
ADATUM = partner("Adatum Cloud Services Inc.", "adatum.example", "Marcus Bell", "Practice Lead, Business Applications",
                 "233 South Wacker Drive, Chicago, IL 60606", "United States", "3318874")
PROSEWARE = partner("Proseware, Inc.", "proseware.example", "Dana Whitfield", "Account Executive",
                    "600 Congress Avenue, Austin, TX 78701", "United States", "6021557")
LITWARE = partner("Litware Digital GmbH", "litware.example", "Jonas Keller", "Geschäftsführer",
                  "Leopoldstraße 31, 80802 München", "Germany", "7100342")
BLUEWAVE = partner("Bluewave Technology Partners B.V.", "bluewave.example", "Sanne de Vries", "Managing Consultant",
                   "Catharijnesingel 52, 3511 GC Utrecht", "Netherlands", "6650129")
TREY = partner("Trey Research Group Inc.", "treyresearch.example", "Kevin Ortiz", "VP Professional Services",
               "77 Summer Street, Boston, MA 02110", "United States", "2290415")
SMITH_BRANDT = partner("Smith & Brandt Advisory LLP", "smithbrandt.example", "Helen Brandt", "Partner",
                       "401 N Michigan Ave, Chicago, IL 60611", "United States", "3904411")
COHO = partner("Coho Systems Integration Limited", "cohosystems.example", "James Whitaker", "Director",
               "2 Hardman Street, Manchester M3 3HF", "United Kingdom", "5117730")
RELECLOUD = partner("Relecloud Partners Pty Ltd", "relecloud.example", "Chloe Nguyen", "Head of Modern Work",
                    "1 Martin Place, Sydney NSW 2000", "Australia", "8830016")
WINGTIP = partner("Wingtip Digital Inc.", "wingtipdigital.example", "Rafael Costa", "Solutions Architect",
                  "1 Market Street, San Francisco, CA 94105", "United States", "4470921")
LUCERNE = partner("Lucerne Technology Services LLC", "lucernetech.example", "Amir Haddad", "Managing Partner",
                  "3000 K Street NW, Washington, DC 20007", "United States", "3556208")
# not claim partners: organisations that turn up in other parties' documents
TAILSPIN = customer("Tailspin Toys Corporation", "tailspintoys.example", "Grace Holt", "Chief Operating Officer",
                    "55 Water Street, New York, NY 10041")
CONTOSO_DIST = partner("Contoso Distribution Services Ltd", "contosodist.example", "Liam Porter", "Channel Manager",
                       "Unit 4, Thames Valley Park, Reading RG6 1RB", "United Kingdom", "5000001")
