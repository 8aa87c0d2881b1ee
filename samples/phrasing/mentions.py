"""Ways a product is named without any work tied to it (a "mentioned" product, D-12/D-23):
background, licensing lists, assumptions, out-of-scope lines and outright negations."""

from __future__ import annotations

BACKGROUND = (
    "{C} already uses {prod} across the business.",
    "{C} moved to {prod} some time ago and it is run by the internal IT team.",
    "{prod} is already in place at {C} and is not affected by this project.",
    "Staff at {C} currently use {prod} day to day.",
    "The existing {prod} environment is managed by {C}'s own team and remains unchanged.",
    "{C} has licensed {prod} for several years.",
    "For context, {C} also uses {prod}, which is supported by another provider.",
    "{prod} was introduced by {C}'s internal team last year.",
    "The current estate includes {prod}.",
    "{C} subscribes to {prod} through its existing agreement.",
    "{prod} has been live at {C} for some time and is well established.",
    "Today {C} relies on {prod}, which its own staff administer.",
    "Users already have access to {prod}.",
)
LICENSING_INTRO = (
    "For information, {C} currently holds the following Microsoft licences:",
    "Licences in place at the start of the engagement:",
    "The customer's licence position, as provided by {C}, is summarised below.",
    "{C} has the following subscriptions under its existing agreement with Microsoft:",
    "Licensing is procured by {C} directly and is listed here for reference only.",
)
ASSUMPTION = (
    "{C} holds sufficient {prod} licences for all users in scope.",
    "{prod} licences will be procured by {C} before the project starts.",
    "{C} will keep its {prod} subscription active for the duration of the project.",
    "The existing {prod} tenant settings will not be changed by this work.",
    "{prod} is assumed to be available and supported by {C}.",
    "It is assumed that {C}'s {prod} configuration follows Microsoft's defaults.",
    "{C} is responsible for {prod} licensing and renewals.",
    "Existing {prod} policies remain the responsibility of {C}.",
)
OUT_OF_SCOPE = (
    "{prod} is out of scope.",
    "Any work on {prod} is excluded and may be quoted separately.",
    "{prod} is not part of this engagement.",
    "This SOW does not include {prod}.",
    "Services relating to {prod}.",
    "{prod} (excluded).",
    "Work on {prod} is explicitly excluded from this Statement of Work.",
    "{prod} configuration or migration.",
    "Anything related to {prod}.",
    "{prod} - not in scope for this phase.",
)
NEGATION = (
    "{P} will not deploy or configure {prod} under this SOW.",
    "No changes will be made to {prod}.",
    "{P} will not migrate or reconfigure {prod}; it stays with {C}'s current support provider.",
    "{prod} will not be implemented as part of this project.",
    "{P} is not responsible for {prod}, which remains with the customer.",
    "The team will not perform any {prod} configuration.",
    "Please note that {P} will not touch {prod}.",
    "{prod} is not covered: {P} will neither configure nor support it.",
)
# A distractor: another organisation's role in the customer's estate (never the claiming partner).
OTHER_SUPPLIER = (
    "{other} provides {C}'s network and telephony services and will remain the network supplier.",
    "{other} hosts the current ERP system and will support the data extract.",
    "{other} is {C}'s licensing partner; licences are purchased through them.",
    "The service desk is outsourced to {other}.",
    "{other} will act as a subcontractor to {P} for cabling and on-site work.",
    "{other} supplies and maintains the customer's printers and meeting-room hardware.",
)
MICROSOFT_LINES = (
    "Licences are purchased by {C} from Microsoft under its own agreement.",
    "Microsoft support cases will be raised by {P} on {C}'s behalf where needed.",
    "Where appropriate, {P} may involve Microsoft's FastTrack or product teams.",
    "Product features are as published by Microsoft at the time of delivery and may change.",
)
