"""The corpus builder: claims, parties, tenants, subscriptions, eligibility stories, conflicts.

``CorpusBuilder(n, seed).build()`` decides the mix of the corpus (ineligible claims, revenue
associations, conflicts, claims without or with damaged documents, ordinary claims), draws each
claim's parties and dates, its tenant entry and subscriptions (D-8 cases), and lets the
:class:`~samples.planner.Planner` plan its documents.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from samples import names as nm
from samples.docmodel import Format
from samples.planner import Planner
from samples.products import (
    DYNAMICS_CODES,
    M365_CODES,
    NON_DYNAMICS_SUBSCRIPTIONS,
    OSA_CODES,
    POWER_CODES,
    PRODUCTS,
    SIBLINGS,
)
from samples.scenario import (
    CRITERIA,
    ELIGIBILITY_KINDS,
    ClaimScenario,
    Corpus,
    DocPlan,
    ProductTruth,
    Tenant,
    _wchoice,
    draw_truth,
    first,
    guid,
    recommendation,
    truth_from_docs,
)


def _distinct_products(rng: random.Random, pool: tuple[str, ...], k: int) -> list[str]:
    out: list[str] = []
    groups: set[str] = set()
    for code in rng.sample(list(pool), k=len(pool)):
        g = PRODUCTS[code].group
        if g in groups or (code in SIBLINGS and PRODUCTS[SIBLINGS[code]].group in groups):
            continue
        out.append(code)
        groups.add(g)
        if len(out) == k:
            break
    return out


class CorpusBuilder:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = random.Random(f"poe-corpus:{seed}:{n}")
        self.names = nm.NameFactory(random.Random(f"poe-names:{seed}"))
        self.partners: list[tuple[nm.Org, str]] = []  # (org, mpn id)
        self.tenants: list[Tenant] = []
        self.claims: list[ClaimScenario] = []
        self.conflicts: list[dict[str, Any]] = []
        self.next_id = 1_000_000 + self.rng.randrange(0, 6_000_000)

    # -- parties ------------------------------------------------------------------------------
    def _partner(self, exclude: set[str] = frozenset()) -> tuple[nm.Org, str]:  # type: ignore[assignment]
        rng = self.rng
        pool = [p for p in self.partners if p[0].name not in exclude]
        if pool and (len(self.partners) >= max(4, self.n // 3) or rng.random() < 0.45):
            return rng.choice(pool)
        org = self.names.partner()
        entry = (org, str(rng.randint(1_000_000, 6_999_999)))
        self.partners.append(entry)
        return entry

    def _claim_id(self) -> str:
        self.next_id += self.rng.randint(1, 37)
        return str(self.next_id)

    # -- one claim ----------------------------------------------------------------------------
    def new_claim(self, kind: str, *, truth: dict[str, str] | None = None, program: str | None = None,
                  codes: list[str] | None = None, customer: tuple[nm.Org, Tenant] | None = None,
                  partner_exclude: set[str] = frozenset(), created: datetime | None = None,  # type: ignore[assignment]
                  story: tuple[str, ...] | None = None, fmts: tuple[str, ...] | None = None,
                  listed: bool | None = None) -> ClaimScenario:
        rng = self.rng
        claim_id = self._claim_id()
        if program is None:
            program = _wchoice(rng, (("OSU-Microsoft 365", 55), ("OSU-Business Applications", 35), ("OSA Sell", 10)))
        if kind == "power_bi_cpor":
            program = "OSU-Business Applications"
        if kind in ("csp_subscription", "subscription_not_on_tenant", "subscription_not_dynamics", "activation_47h",
                    "activation_48h_twin", "not_a_subscription_id"):
            program = rng.choice(("OSU-Business Applications", "OSU-Business Applications", "OSA Sell"))
        if kind == "revenue_association_osa":
            program = "OSA Sell"
        if kind == "revenue_association_outside_osa":
            program = rng.choice(("OSU-Business Applications", "OSU-Microsoft 365"))
        area = "Microsoft 365" if program == "OSU-Microsoft 365" else "Business Applications"
        if codes is None:
            if kind == "power_bi_cpor":
                codes = ["POWER_BI"] + (_distinct_products(rng, DYNAMICS_CODES, 1) if rng.random() < 0.35 else [])
            elif program == "OSU-Microsoft 365":
                codes = _distinct_products(rng, M365_CODES, _wchoice(rng, ((1, 60), (2, 28), (3, 12))))
            elif program == "OSA Sell":
                codes = _distinct_products(rng, OSA_CODES, 1)
            elif kind in ("csp_subscription", "subscription_not_on_tenant", "subscription_not_dynamics",
                          "activation_47h", "activation_48h_twin", "not_a_subscription_id"):
                codes = _distinct_products(rng, DYNAMICS_CODES, 1)
            else:
                pool = DYNAMICS_CODES + POWER_CODES
                codes = _distinct_products(rng, pool, _wchoice(rng, ((1, 65), (2, 28), (3, 7))))
                if not any(c in DYNAMICS_CODES for c in codes) and rng.random() < 0.5:
                    codes = _distinct_products(rng, DYNAMICS_CODES, 1) + codes[:1]
        if kind == "revenue_association_outside_osa" or program != "OSU-Microsoft 365":
            pass
        activity = {"OSU-Microsoft 365": ("Deployment", "Usage", "Deployment"),
                    "OSU-Business Applications": ("Pre-sales", "Deployment", "Usage"),
                    "OSA Sell": ("Pre-sales",)}[program]
        activity_name = rng.choice(activity)
        if kind in ("revenue_association_osa", "revenue_association_outside_osa"):
            activity_name = "Revenue association"

        partner, mpn = self._partner(partner_exclude)
        if created is None:
            start = datetime(2026, 1, 12, tzinfo=UTC)
            created = start + timedelta(minutes=rng.randint(0, 312 * 24 * 60))
            created = created.replace(second=0)
        submitted = created + timedelta(minutes=rng.randint(90, 9 * 24 * 60))

        needs_listing = area == "Business Applications" or kind != "normal"
        if customer is None:
            listed = (needs_listing or rng.random() > 0.2) if listed is None else listed
            org = self.names.customer(public=rng.random() < 0.07, domain_full=not listed)
            tenant = self._tenant(org, listed)
        else:
            org, tenant = customer
        label_name = tenant.display_name if tenant.listed else org.base

        crng = random.Random(f"poe-people:{self.seed}:{claim_id}")
        p_staff = nm.staff(crng, partner, nm.PARTNER_TITLES, 3)
        avoid = {p.full for p in partner.people}
        c_staff = nm.staff(crng, org, nm.CUSTOMER_TITLES, 4, avoid)
        approver = nm.Person(c_staff[3].first, c_staff[3].last, crng.choice(nm.PROCUREMENT_TITLES), c_staff[3].email)
        other_partner = self.names.partner(partner.country)
        other_customer = self.names.customer(org.country)
        third = self.names.partner(org.country)

        sc = ClaimScenario(
            index=len(self.claims), claim_id=claim_id, seed=f"{self.seed}:{claim_id}", program=program,
            solution_area=area, activity=activity_name, created_at=created, submitted_at=submitted, mpn_id=mpn,
            partner=partner, partner_contact=p_staff[0], partner_signer=p_staff[rng.choice((0, 1))],
            customer=org, customer_label_name=label_name, tenant_id=tenant.tenant_id, in_directory=tenant.listed,
            customer_contact=c_staff[0], customer_signer=c_staff[rng.choice((0, 0, 1, 2))], approver=approver,
            other_partner=other_partner, other_customer=other_customer, third_party=third,
            products=[], docs=[], truth={}, cases=[])
        if not tenant.listed:
            sc.cases.append("customer_not_in_directory")
        if org.public_sector:
            sc.cases.append("public_sector")
        self._subscriptions(sc, kind, codes, tenant)
        self._documents(sc, kind, truth, codes, story, fmts)
        sc.truth = truth_from_docs(sc) if sc.docs or kind != "revenue_association_osa" else {c: "not_met"
                                                                                             for c in CRITERIA}
        if not sc.docs:
            sc.truth = {c: "not_met" for c in CRITERIA}
        sc.recommendation = recommendation(sc)
        if sc.recommendation == "approve" and sc.docs:
            sc.cases.append("all_met")
        sc.claim_name = self._claim_name(sc)
        self.claims.append(sc)
        return sc

    def _tenant(self, org: nm.Org, listed: bool) -> Tenant:
        rng = self.rng
        display = org.name
        r = rng.random()
        if r < 0.12 and org.suffix:
            display = org.base
        elif r < 0.2:
            display = org.name.upper()
        domains = [org.domain]
        if rng.random() < 0.3:
            domains.append(org.domain.replace(".example", "-corp.example"))
        tenant = Tenant(tenant_id=guid(rng), display_name=display, domains=domains, subscriptions=[], listed=listed)
        self.tenants.append(tenant)
        return tenant

    def _sub(self, tenant: Tenant, product: str, code: str | None, channel: str, activated: datetime,
             country: str) -> str:
        sid = guid(self.rng)
        tenant.subscriptions.append({"subscription_id": sid, "product": product, "code": code, "channel": channel,
                                     "country": country, "activated_at": activated})
        return sid

    def _subscriptions(self, sc: ClaimScenario, kind: str, codes: list[str], tenant: Tenant) -> None:
        rng = self.rng
        country = sc.customer.country
        long_ago = sc.created_at - timedelta(days=rng.randint(6, 600), hours=rng.randint(0, 23))
        sc.products = [ProductTruth(c, PRODUCTS[c].name, "linked", "") for c in codes]
        for p in sc.products:
            if not tenant.listed:
                continue
            if p.code in POWER_CODES:  # on the tenant, so no subscription ID is needed (D-8)
                if not any(s["code"] == p.code for s in tenant.subscriptions):
                    self._sub(tenant, PRODUCTS[p.code].licences[0], p.code, rng.choice(("EA", "MCA")), long_ago,
                              country)
                continue
            if p.code not in DYNAMICS_CODES:
                continue
            existing = [s for s in tenant.subscriptions if s["code"] == p.code and s["channel"] != "CSP"]
            if existing:  # a conflict's second claim names the same subscription
                p.subscription_id = existing[0]["subscription_id"]
                continue
            channel = rng.choice(("EA", "MCA", "Direct", "EA"))
            activated = long_ago
            if kind == "activation_47h":
                activated = sc.created_at - timedelta(hours=47)
                sc.rules.append("D-8")
            elif kind == "activation_48h_twin":
                activated = sc.created_at - (timedelta(hours=48) if rng.random() < 0.5 else
                                             timedelta(hours=rng.randint(49, 60)))
            if kind == "csp_subscription":
                channel = "CSP"
                sc.rules.append("D-8")
            sid = self._sub(tenant, p.name, p.code, channel, activated, country)
            give_id = rng.random() < 0.85 or kind != "normal"
            if give_id and rng.random() < 0.3:  # a second subscription of the product: the ID is needed (D-8)
                self._sub(tenant, p.name, p.code, rng.choice(("EA", "MCA")), long_ago - timedelta(days=90), country)
            p.subscription_id = sid if give_id else None
            if kind == "subscription_not_on_tenant":
                p.subscription_id = guid(rng)
                sc.rules.append("D-8")
            elif kind == "subscription_not_dynamics":
                prod, pcode = rng.choice(NON_DYNAMICS_SUBSCRIPTIONS)
                p.subscription_id = self._sub(tenant, prod, pcode, "EA", long_ago, country)
                sc.rules.append("D-8")
            elif kind == "not_a_subscription_id":
                p.subscription_id = rng.choice((f"PO-{rng.randint(10000, 99999)}", f"INV-2026-{rng.randint(100, 9999)}",
                                                f"SO{rng.randint(100000, 999999)}", f"{rng.randint(10**9, 10**10 - 1)}",
                                                f"Order {rng.randint(1000, 9999)}"))
                sc.rules.append("D-8")
        if kind == "power_bi_cpor":
            sc.rules.append("D-3")
        if kind == "revenue_association_outside_osa":
            sc.rules.append("D-7")
        if tenant.listed and rng.random() < 0.5:  # unrelated subscriptions: a directory is never tidy
            prod, pcode = rng.choice(NON_DYNAMICS_SUBSCRIPTIONS)
            self._sub(tenant, prod, pcode, rng.choice(("EA", "CSP", "MCA")), long_ago - timedelta(days=200), country)
        sc.rules = sorted(set(sc.rules))
        sc.eligible = not sc.rules
        tag = {"power_bi_cpor": "power_bi_cpor", "csp_subscription": "csp_subscription",
               "subscription_not_on_tenant": "subscription_not_on_tenant",
               "subscription_not_dynamics": "subscription_not_dynamics", "activation_47h": "activation_47h",
               "activation_48h_twin": "activation_48h_twin", "not_a_subscription_id": "not_a_subscription_id",
               "revenue_association_outside_osa": "revenue_association_outside_osa",
               "revenue_association_osa": "revenue_association_osa", "no_documents": "no_documents",
               "corrupt": "corrupt_file_beside_good"}.get(kind)
        if tag:
            sc.cases.append(tag)

    def _documents(self, sc: ClaimScenario, kind: str, truth: dict[str, str] | None, codes: list[str],
                   story: tuple[str, ...] | None = None, fmts: tuple[str, ...] | None = None) -> None:
        rng = random.Random(f"poe-plan:{self.seed}:{sc.claim_id}")
        if kind in ("revenue_association_osa", "no_documents") or (
                kind == "revenue_association_outside_osa" and rng.random() < 0.5):
            sc.products = [ProductTruth(p.code, p.name, "absent", "not_named", p.subscription_id) for p in sc.products]
            return
        drawn = truth or draw_truth(rng)
        planner = Planner(rng, sc, drawn)
        subs = {p.code: p.subscription_id for p in sc.products}
        sc.products = planner.product_truths(codes)
        for p in sc.products:
            p.subscription_id = subs[p.code]
        sc.docs = planner.plan_docs(story, fmts)
        if kind == "corrupt":
            fmt: Format = rng.choice(("pdf", "pdf", "docx", "xlsx"))
            sc.docs.insert(rng.randrange(len(sc.docs) + 1), DocPlan(kind="other", fmt=fmt, corrupt=True))
        sc.cases.extend(planner.cases)
        derived = truth_from_docs(sc)
        for c in CRITERIA:  # the plan must realise what was drawn (a planner bug otherwise)
            assert first(derived[c]) == drawn[c], (sc.claim_id, c, derived[c], drawn[c], [vars(d) for d in sc.docs])

    def _claim_name(self, sc: ClaimScenario) -> str:
        rng = self.rng
        short = sc.customer.short
        p = sc.products[0]
        return rng.choice((f"{p.name} for {short}", f"{short} - {p.name}", f"{short} {sc.activity.lower()}",
                           f"{sc.solution_area} for {short}", f"{short} FY26 {p.code.replace('_', ' ')}",
                           f"{short} / {sc.partner.short}"))

    # -- the whole corpus ---------------------------------------------------------------------
    def build(self) -> Corpus:
        rng = self.rng
        n = self.n
        plan: list[str] = []
        pairs = max(1, round(n * 0.05)) if n >= 8 else 0
        inelig = max(1, round(n * 0.10)) if n >= 10 else 0
        for i in range(inelig):
            plan.append(ELIGIBILITY_KINDS[i % len(ELIGIBILITY_KINDS)])
        plan += ["revenue_association_osa"] * (max(1, round(n * 0.04)) if n >= 10 else 0)
        plan += ["no_documents"] * (max(1, round(n * 0.02)) if n >= 20 else 0)
        plan += ["corrupt"] * (max(1, round(n * 0.04)) if n >= 10 else 0)
        plan += ["conflict"] * pairs
        twins = plan.count("activation_47h")
        plan += ["activation_48h_twin"] * twins
        size = len(plan) + pairs  # a conflict entry makes two claims
        plan += ["normal"] * max(0, n - size)
        rng.shuffle(plan)
        for kind in plan:
            if len(self.claims) >= n:
                break
            if kind == "conflict":
                if len(self.claims) + 2 > n:
                    kind = "normal"
                else:
                    self._conflict()
                    continue
            self.new_claim(kind)
        return Corpus(seed=self.seed, n=n, claims=self.claims, tenants=self.tenants, conflicts=self.conflicts)

    def _conflict(self) -> None:
        rng = self.rng
        # Microsoft 365 only: two partners naming one Dynamics subscription would also be D-8's "already
        # claimed", which would make the pair's labels arguable.
        program = "OSU-Microsoft 365"
        code = rng.choice(M365_CODES)
        strong = {c: "met" for c in CRITERIA}
        weak = dict(strong)
        for c in rng.sample(list(CRITERIA), k=rng.randint(2, 4)):
            weak[c] = "not_met"
        first_is_winner = rng.random() < 0.5
        a = self.new_claim("normal", truth=strong if first_is_winner else weak, program=program, codes=[code])
        tenant = next(t for t in self.tenants if t.tenant_id == a.tenant_id)
        created = a.created_at + timedelta(days=rng.randint(-20, 20), hours=rng.randint(0, 23))
        b = self.new_claim("normal", truth=weak if first_is_winner else strong, program=program, codes=[code],
                           customer=(a.customer, tenant), partner_exclude={a.partner.name}, created=created)
        winner, loser = (a, b) if first_is_winner else (b, a)
        winner.cases.append("conflict_winner")
        loser.cases.append("conflict_loser")
        ids = sorted((a.claim_id, b.claim_id))
        self.conflicts.append({"claims": ids, "winner": winner.claim_id, "tenant_id": a.tenant_id, "product": code})
