"""Scope of work: sentences tying a product to work, product-free technical tasks, deliverables,
milestones and governance."""

from __future__ import annotations

# {work}: a verb phrase that names the product ("migrate 450 mailboxes to Exchange Online").
WORK_SENTENCES = (
    "{P} will {work}.",
    "{P} shall {work}.",
    "As part of this engagement, {P} will {work}.",
    "{P} is engaged to {work}.",
    "In this phase {P} will {work}.",
    "{P}'s consultants will {work}.",
    "The project team will {work}.",
    "It is {P}'s responsibility to {work}.",
    "Working with {C}'s IT team, {P} will {work}.",
    "The services include the requirement to {work}.",
    "{P} agrees to {work}.",
    "Our team will {work}.",
    "We will {work}.",
    "{P} will plan and {work}.",
    "During the engagement {P} will {work}.",
    "A {P} consultant will {work}.",
    "{P} will design, test and {work}.",
    "The first workstream will {work}.",
    "Under this SOW {P} will {work}.",
    "{P} undertakes to {work}.",
    "Together with {C}, {P} will {work}.",
)
WORKSTREAM_INTRO = (
    "The work is organised in the following workstreams.",
    "The services are grouped as follows.",
    "{P} will deliver the following.",
    "In scope:",
    "The scope comprises the activities below.",
    "Activities per workstream:",
    "The following services are included:",
)
HEADED_LIST_TITLE = ("{prod}", "Workstream {no}: {prod}", "{prod} - scope", "{no}. {prod}",
                     "{prod} implementation", "{prod} services")

TECH_TASKS = (
    "Run a discovery workshop to confirm the current-state architecture and requirements.",
    "Produce a high-level and a low-level design for review and sign-off.",
    "Provide a named project manager for the duration of the engagement.",
    "Deliver two weeks of hypercare support after go-live.",
    "Support user acceptance testing with nominated key users.",
    "Prepare runbooks, as-built documentation and a support handover pack.",
    "Agree a test plan and execute functional and integration testing.",
    "Configure the tenant baseline in line with the agreed security standards.",
    "Conduct a readiness assessment of network bandwidth and endpoints.",
    "Set up a test environment that mirrors production.",
    "Provide knowledge transfer sessions for the customer's support team.",
    "Migrate historical data agreed in the data migration plan.",
    "Define the cut-over plan, including rollback steps and communications.",
    "Carry out a security review of administrative access.",
    "Decommission the legacy servers once the new service is stable.",
    "Document the support model and escalation routes.",
    "Configure backups, monitoring and alerting for the new service.",
    "Review and clean up the existing directory data before migration.",
    "Design naming conventions and an administrative delegation model.",
    "Provide floor-walking support on the go-live day.",
    "Deliver a lessons-learned review at project closure.",
)
DELIVERABLES = (
    "Project initiation document and plan", "High-level design", "Low-level design", "Test plan and test results",
    "Data migration plan", "Cut-over plan and rollback plan", "As-built documentation", "Operational runbooks",
    "Training materials", "Support handover pack", "Weekly status reports", "Project closure report",
    "Security baseline report", "Risk and issue log", "Requirements traceability matrix",
)
MILESTONES = (  # in project order: a sample keeps this order
    "Project kick-off", "Discovery complete", "Design sign-off", "Build complete", "Data migration rehearsal",
    "Pilot complete", "Migration wave 1", "User acceptance testing complete", "Migration wave 2", "Training complete",
    "Go-live", "Phase 1 complete", "Hypercare complete", "Project closure",
)
GOVERNANCE = (
    "{P} will hold a weekly status call with {C}'s project lead and issue a written status report.",
    "A steering committee with representatives of both parties will meet monthly.",
    "Risks and issues will be recorded in a shared log and reviewed at each status meeting.",
    "{C} will appoint a project sponsor with authority to make decisions and approve deliverables.",
    "Each party will name a single point of contact for day-to-day matters.",
    "Escalations will follow the route agreed at kick-off: project managers, then sponsors.",
    "{P} will provide a project manager, a lead consultant and technical consultants as required.",
    "Work will be delivered remotely unless on-site attendance is agreed in advance.",
    "Status reports will cover progress, next steps, risks, issues and decisions required.",
)
ROLES = (("Project sponsor", "{C}", "Approves scope, budget and deliverables"),
         ("Project manager", "{P}", "Plans and tracks delivery, reports status"),
         ("Lead consultant", "{P}", "Owns the design and technical quality"),
         ("IT lead", "{C}", "Provides access, environment details and decisions"),
         ("Key users", "{C}", "Take part in workshops and testing"),
         ("Technical consultant", "{P}", "Builds and configures the solution"))
CUSTOMER_DUTIES = (
    "{C} will provide timely access to systems, sites and people needed for the project.",
    "{C} will make key users available for workshops and testing as planned.",
    "{C} is responsible for its third-party suppliers and their cooperation.",
    "{C} will review each deliverable within five business days of receipt.",
    "{C} will provide administrative accounts with the required permissions.",
    "{C} will communicate project activities to its staff.",
    "Network changes on the customer side will be made by {C}'s network provider.",
)
GENERAL_ASSUMPTIONS = (
    "The work will be carried out during normal business hours, Monday to Friday.",
    "Any delay caused by the unavailability of customer staff may affect timelines and costs.",
    "The estimates assume the current-state information provided during pre-sales is accurate.",
    "All work will be delivered in English.",
    "{P} will use its standard delivery methodology and templates.",
    "Source data will be cleansed by {C} before migration.",
    "The customer's network meets the minimum bandwidth requirements.",
    "No more than two rounds of review are included for each document deliverable.",
)
GENERAL_EXCLUSIONS = (
    "Hardware procurement and physical installation of network equipment.",
    "Remediation of third-party applications not listed in this SOW.",
    "Out-of-hours work unless agreed in writing.",
    "Ongoing managed services after hypercare.",
    "Development of custom code beyond the configuration described.",
    "Data cleansing of source systems.",
    "End-user device replacement.",
    "Penetration testing by an external party.",
)
TECH_VERBS = ("configure", "deploy", "migrate", "implement", "roll out", "build", "integrate", "set up")
