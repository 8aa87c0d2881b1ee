"""Growth (D-11.3): activities explicitly aimed at more usage, adoption, seats, licences or
consumption, against goodwill lines and purely technical outcomes that state no growth."""

from __future__ import annotations

# With a product: {prod}. Numbers: {n} < {m} seat counts, {pct} < {pct2} percentages.
WITH_PRODUCT = (
    "Increase monthly active users of {prod} from {pct}% to {pct2}% within {months} months of go-live.",
    "Grow the number of licensed {prod} {unit} from {n} to {m} by {period}.",
    "Run an adoption and change management programme to drive usage of {prod} in every department.",
    "Expand {prod} to two further business units ({bus}) once phase 1 is live.",
    "Establish a champions network of {champs} staff to accelerate uptake of {prod}.",
    "Target: at least {pct2}% of staff actively using {prod} within 90 days of go-live.",
    "Onboard a further {extra} {unit} onto {prod} during the second half of the year.",
    "Drive adoption of {prod} through role-based training, office hours and usage reporting.",
    "Monthly usage reviews of {prod} with {C}, with an action plan to lift active usage to {pct2}%.",
    "Extend {prod} from the pilot group of {n} {unit} to all {m} {unit}.",
    "Scale {prod} from {k} to {k2} sites over the next {months} months.",
    "Increase {prod} seat count by {extra} as new teams are onboarded.",
    "Support {C} in growing its {prod} footprint to {m} {unit} in FY{fy}.",
    "Adoption target for {prod}: {pct2}% weekly active use by {period}.",
    "Roll {prod} out to the remaining {extra} {unit}, taking licensed seats from {n} to {m}.",
    "{P} will run quarterly adoption health checks for {prod} and agree actions to raise usage.",
    "Drive consumption of {prod} by onboarding {k} additional workloads to the platform.",
    "Lift {prod} adoption in the {bu} team from {pct}% to {pct2}% through targeted coaching.",
    "Bring the remaining {extra} {unit} onto {prod} so that every site works the same way.",
    "{P} will deliver a usage-growth plan for {prod}, reviewed each quarter with {C}'s sponsor.",
    "Phase 2: extend {prod} to {bu} and {bu2}, adding roughly {extra} licensed {unit}.",
    "Grow active use of {prod} by running monthly 'tips and tricks' sessions and tracking the usage dashboard.",
    "A {months}-month adoption campaign for {prod}: champions, short videos, drop-in clinics and usage reports.",
    "Increase daily active {unit} on {prod} from {n} to {m}.",
    "Support {C}'s plan to buy a further {extra} {prod} licences once the pilot has proved the value.",
    "Expand the {prod} footprint from {k} pilot teams to the whole organisation.",
    "Usage target: {pct2}% of licensed {unit} active on {prod} every month, reported to the steering group.",
    "Migrate the remaining business units to {prod}, growing the user base by {extra}.",
    "Run adoption workshops per department to raise {prod} usage from {pct}% to {pct2}%.",
    "Convert the {n} trial {unit} of {prod} into paid licences and add {extra} more.",
    "Increase the number of departments using {prod} from {k} to {k2}.",
    "Drive deeper use of {prod} features (beyond the basics) with role-based learning paths.",
)
# Without naming a product (growth stated for the programme as a whole).
GENERIC = (
    "An adoption programme (champions, floor-walkers, lunch-and-learn sessions) will drive usage across the "
    "organisation.",
    "Success will be measured by active usage: the target is {pct2}% of staff using the new tools every week.",
    "Phase 2 extends the solution to {k} additional subsidiaries, growing the user base from {n} to {m}.",
    "{P} will track adoption monthly and agree actions with {C} to increase active use.",
    "The programme aims to grow licensed users from {n} to {m} over {months} months.",
    "Usage will be grown department by department, starting with {bu} and then {bu2}.",
    "Adoption and change management: stakeholder mapping, communications, training and usage reporting to "
    "increase uptake.",
    "Target outcomes: {pct2}% active usage within three months and a further {extra} seats in the next financial "
    "year.",
    "Expand the platform to the {region} business, adding approximately {extra} users.",
    "A champions network of {champs} people will promote the new ways of working and lift active use.",
    "The adoption workstream covers communications, training, floor-walking and monthly usage reporting.",
    "The roll-out will be extended to the {bu} department and then to {bu2}, adding around {extra} users.",
    "Grow weekly active users from {pct}% to {pct2}% of licensed staff within {months} months.",
    "Measure adoption every month and agree actions with the business to drive further usage.",
    "Onboard the {k} remaining subsidiaries, increasing licensed seats from {n} to {m}.",
    "Increase self-service usage so that {pct2}% of requests are handled on the new platform.",
    "Change and adoption programme to drive uptake across all sites, with usage targets per site.",
)
TABLE_METRICS = (("Monthly active users of {prod}", "{pct}%", "{pct2}%"),
                 ("Licensed {prod} {unit}", "{n}", "{m}"),
                 ("Business units live on {prod}", "{k}", "{k2}"),
                 ("Weekly active use of {prod}", "{pct}%", "{pct2}%"),
                 ("Sites using {prod}", "{k}", "{k2}"))
TABLE_HEADERS = (("Measure", "Baseline", "Target"), ("KPI", "Today", "Target"),
                 ("Metric", "Current", "Goal"), ("Success measure", "Start", "End of engagement"))

# Goodwill: friendly, but no growth stated.
GOODWILL = (
    "{P} is committed to {C}'s success and looks forward to a long-term partnership.",
    "We will work closely with {C} to deliver value throughout the engagement.",
    "Customer satisfaction is our highest priority.",
    "Our aim is a smooth, successful project delivered on time and within budget.",
    "{P} will bring its experience of similar projects to help {C} succeed.",
    "We value the relationship with {C} and will act as a trusted advisor.",
    "The team will deliver a high-quality outcome that {C} can be proud of.",
    "{P} looks forward to working with {C} on this important project.",
    "We are confident that this approach will meet {C}'s expectations.",
    "Both parties will work in a spirit of openness and cooperation.",
    "We are proud to support {C} and share its commitment to excellent service.",
    "{P} aims to exceed {C}'s expectations at every stage.",
    "Our people will be friendly, responsive and easy to work with.",
    "We believe this engagement is the start of a strong relationship.",
    "{P} will always put {C}'s interests first.",
    "We will keep communication open and honest throughout the project.",
    "Our goal is to make this project a success for everyone involved.",
    "{P} thanks {C} for the opportunity to submit this proposal.",
)
# Technical outcomes: what the project delivers, with no usage/adoption/seat growth.
TECHNICAL_OUTCOMES = (
    "The legacy platform is decommissioned and all data is migrated.",
    "The new service is live, documented and handed over to {C}'s support team.",
    "Security baselines are applied and evidenced in the as-built documentation.",
    "All in-scope users are migrated without loss of data.",
    "The solution passes user acceptance testing and is signed off.",
    "Operational runbooks are in place and the support team is trained.",
    "Recovery procedures are tested and documented.",
    "Configuration matches the approved low-level design.",
    "The support team has accepted the handover pack.",
    "Open defects are closed or accepted by {C} before closure.",
    "Legacy licences and servers are retired.",
    "Performance and availability meet the agreed service levels.",
)
TEMPLATE_GROWTH_LABELS = ("Describe the activities driving revenue and/or usage growth",
                          "Growth activities (revenue / usage)", "Activities driving usage growth",
                          "Adoption and growth plan", "Revenue / usage growth activities")
