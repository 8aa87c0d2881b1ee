"""Openings: who the parties are, why the work is happening, what the customer looks like."""

from __future__ import annotations

# {Pfull}/{Cfull}: the full names as this document writes them (or placeholders / roles);
# {Pdef}/{Cdef}: the defined terms given in brackets.
SOW_PARTIES = (
    'This Statement of Work ("SOW") is entered into between {Pfull} ("{Pdef}") and {Cfull} ("{Cdef}").',
    'This SOW is made between {Cfull} ("{Cdef}") and {Pfull} ("{Pdef}") and describes the services {Pdef} will '
    'provide.',
    'This Statement of Work is issued by {Pfull} to {Cfull} under the terms of the Master Services Agreement '
    'between the parties.',
    '{Pfull} ("{Pdef}") is pleased to submit this Statement of Work to {Cfull} ("{Cdef}").',
    'The parties to this Statement of Work are {Cfull} (the "{Cdef}") and {Pfull} (the "{Pdef}").',
    'This document sets out the services that {Pfull} will deliver for {Cfull}. It forms part of, and is governed '
    'by, the agreement between {Pdef} and {Cdef}.',
    'Prepared by {Pfull} for {Cfull}.',
    'Customer: {Cfull}. Service provider: {Pfull}. This SOW describes the engagement agreed between them.',
)
SOW_PARTIES_GENERIC = (
    'This Statement of Work is agreed between the Supplier and the Customer identified in the Order Form.',
    'This SOW is issued under the framework agreement between the Supplier and the Client and describes the '
    'services to be delivered.',
    'This document describes the services the Consultant will provide to the Client.',
    'The services below are provided by the Service Provider to the Customer under the agreement between them.',
)
MSA_PARTIES = (
    'THIS AGREEMENT is made on {date} BETWEEN:\n(1) {CFULL}, {Creg}, whose registered office is at {Caddr} '
    '(the "{Cdef}"); and\n(2) {PFULL}, {Preg}, whose registered office is at {Paddr} (the "{Pdef}").',
    'This Master Services Agreement (the "Agreement") is entered into as of {date} (the "Effective Date") by and '
    'between {Cfull}, {Creg} ("{Cdef}"), and {Pfull}, {Preg} ("{Pdef}").',
    'THIS AGREEMENT dated {date}\nPARTIES\n1. {CFULL} ({Creg}) of {Caddr} ("{Cdef}")\n2. {PFULL} ({Preg}) of '
    '{Paddr} ("{Pdef}")',
)
MSA_RECITALS = (
    "The {Cdef} wishes to obtain information technology consulting and implementation services and the {Pdef} "
    "has agreed to provide them on the terms of this Agreement.",
    "The {Pdef} is in the business of providing cloud consulting, implementation and managed services.",
    "The parties wish to record the terms on which the {Pdef} will provide services to the {Cdef} under one or more "
    "Statements of Work.",
    "Each Statement of Work agreed under this Agreement forms a separate contract incorporating these terms.",
)

BUSINESS = (
    "{C} is a {size} {sector} organisation with around {staff} employees across {k} locations.",
    "{C} operates in the {sector} sector and employs approximately {staff} people in {region}.",
    "Founded over {yrs} years ago, {C} is today a {size} {sector} business with {k} offices.",
    "{C} provides {sector} services to customers across {region} from {k} sites.",
    "With roughly {staff} staff, {C} is one of the larger {sector} employers in {region}.",
    "{C} is a {sector} group headquartered in {city}, with {k} operating companies.",
    "{C} serves customers across {region} from its head office in {city} and {k} regional sites.",
    "Headquartered in {city}, {C} is a {size} {sector} business employing some {staff} people.",
    "{C} ({sector}) has about {staff} staff and operates {k} facilities in {region}.",
)
SECTOR = ("manufacturing", "logistics", "professional services", "healthcare", "retail", "financial services",
          "engineering", "construction", "food and beverage", "public sector", "education", "energy", "insurance",
          "hospitality", "wholesale distribution", "legal services", "not-for-profit")
SIZE = ("mid-sized", "growing", "family-owned", "multi-site", "national", "regional", "privately held",
        "listed")
REGION = ("the UK and Ireland", "North America", "the DACH region", "Australia and New Zealand", "South India",
          "the Benelux", "Western Europe", "the Midwest", "New South Wales", "Bavaria", "the Nordics",
          "the Gulf region")

DRIVERS = (
    "The current platform is approaching end of support and no longer meets the organisation's security "
    "requirements.",
    "Following a recent acquisition, {C} needs to bring its businesses onto a common platform.",
    "{C} has asked {P} to help modernise the way its people work and collaborate.",
    "A review by the internal audit team recommended consolidating the existing tools.",
    "The existing systems are heavily customised, costly to maintain and poorly integrated.",
    "Hardware in the main data centre is due for renewal and {C} prefers not to reinvest in it.",
    "{C} wants a single, supported platform so that the internal IT team can focus on the business.",
    "The board has approved a three-year digital strategy, of which this project is the first step.",
    "Staff currently rely on a mix of spreadsheets and e-mail for core processes.",
    "Several legacy applications are supported by a single member of staff, which is a key-person risk.",
    "{C} selected {P} after a competitive tender run by its procurement team.",
    "{P} completed a discovery and assessment phase with {C}, which informed this scope.",
    "Security incidents in the sector have made the board keen to strengthen controls.",
    "The current contract with the incumbent supplier ends shortly and will not be renewed.",
    "{C}'s IT strategy favours standard cloud services over bespoke systems.",
    "Recent audits found inconsistent processes across the business units.",
)

OBJECTIVES = (
    "Provide a secure, supported platform that meets {C}'s compliance obligations.",
    "Reduce the effort the internal team spends on maintaining legacy systems.",
    "Give staff consistent tools whether they work in the office, on site or from home.",
    "Replace manual, paper-based steps with auditable digital processes.",
    "Consolidate data currently held in several disconnected systems.",
    "Complete the transition with minimal disruption to day-to-day operations.",
    "Hand over a documented, supportable solution to {C}'s IT team.",
    "Improve the resilience of business-critical services.",
)
