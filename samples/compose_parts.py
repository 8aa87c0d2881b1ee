"""Building blocks shared by the document writers: product work, product mentions, growth."""

from __future__ import annotations

from samples.compose import Voice
from samples.docmodel import Block, Bullets, Heading, Paragraph, Table
from samples.phrasing import fill, growth, keys_of, mentions, pick
from samples.phrasing import scope as sp
from samples.products import EXTRA_MENTIONS, PRODUCTS
from samples.scenario import GROWTH_POSITIVE

NUMBER_KEYS = {"n", "m", "k", "k2", "pct", "pct2", "extra", "champs", "months"}
TOPIC_NOUNS = ("implementation", "migration", "roll-out", "deployment", "programme", "project", "rollout")
CODENAMES = ("Project Atlas", "Project Lighthouse", "Modern Workplace Programme", "Business Systems Modernisation",
             "Digital Workplace Phase 2", "IT Transformation Programme", "Project Northstar", "Project Evergreen",
             "Workplace Refresh", "Platform Consolidation", "Project Horizon", "Operations Modernisation",
             "Project Tamarind", "Digital Front Door", "Project Bluebell")


def topic(v: Voice) -> str:
    """What the paperwork calls the project: a linked product with a work noun (a claimed one
    first), or a codename. A document stating growth the label counts for the claim is never
    titled after an unclaimed product: its unnamed growth would be that product's (D-11.3 with D-11.2)."""
    claimed = {p.code for p in v.sc.products}
    linked = sorted(v.linked(), key=lambda c: c not in claimed)
    if v.plan.growth in GROWTH_POSITIVE and not any(c in claimed for c in linked):
        linked = []
    if linked and v.rng.random() < 0.7:
        return f"{v.prod(linked[0])} {pick(v.rng, TOPIC_NOUNS)}"
    return pick(v.rng, CODENAMES)


def licence_line(v: Voice, code: str) -> str:
    pr = PRODUCTS[code]
    names = (pr.name, *pr.aliases)
    lines = [ln for ln in pr.licences if any(a.lower() in ln.lower() for a in names)]
    return pick(v.rng, lines) if lines else f"{pr.name} licences"


def work_sentences(v: Voice, code: str, k: int = 1) -> list[str]:
    frames = v.rng.sample(sp.WORK_SENTENCES, k=k)
    return [fill(f, v.ctx(work=w)) for f, w in zip(frames, v.works(code, k), strict=False)]


def scope_blocks(v: Voice, *, allow_lists: bool = True) -> list[Block]:
    """Work on the products this document links, each realised the way the plan says."""
    rng = v.rng
    out: list[Block] = []
    table_rows: list[tuple[str, ...]] = []
    for i, code in enumerate(v.linked()):
        how = v.link_how(code)
        if how == "headed_list" and allow_lists:
            title = fill(pick(rng, sp.HEADED_LIST_TITLE), v.ctx(prod=v.prod(code), no=i + 1))
            items = rng.sample(PRODUCTS[code].items, k=min(len(PRODUCTS[code].items), rng.randint(3, 5)))
            out += [Heading(title, 3), Bullets(tuple(fill(x, v.ctx()) for x in items))]
        elif how == "table_row":
            table_rows.append((v.prod(code), fill(v.work(code), {}), str(rng.choice((5, 8, 10, 15, 20, 30, 40)))))
        else:
            k = rng.choice((1, 1, 2))
            text = " ".join(work_sentences(v, code, k))
            if rng.random() < 0.3:
                out.append(Bullets(tuple(work_sentences(v, code, 2))))
            else:
                out.append(Paragraph(text))
    if table_rows:
        header = rng.choice((("Workstream", "Activities", "Effort (days)"), ("Product / workload", "Work", "Days"),
                             ("Area", "Description of work", "Estimate (days)")))
        out.insert(0, Table((header, *table_rows), ruled=rng.random() < 0.7))
    for code in v.mentioned("negation"):
        out.append(Paragraph(v.say(mentions.NEGATION, prod=v.prod(code))))
    return out


def background_mentions(v: Voice) -> list[str]:
    return [v.say(mentions.BACKGROUND, prod=v.prod(code)) for code in v.mentioned("background")]


def assumption_mentions(v: Voice) -> list[str]:
    return [v.say(mentions.ASSUMPTION, prod=v.prod(code)) for code in v.mentioned("assumption")]


def out_of_scope_mentions(v: Voice) -> list[str]:
    return [v.say(mentions.OUT_OF_SCOPE, prod=v.prod(code)) for code in v.mentioned("out_of_scope")]


def licensing_blocks(v: Voice, force: bool = False) -> list[Block]:
    """A licence list 'for information': named products, no work."""
    rng = v.rng
    codes = v.mentioned("licensing")
    if not codes and not force:
        return []
    extra = [code for code in v.linked() if rng.random() < 0.4]
    rows: list[tuple[str, ...]] = []
    for code in codes + extra:
        rows.append((licence_line(v, code), str(rng.choice((25, 40, 60, 120, 250, 300, 500, 900))),
                     rng.choice(("Enterprise Agreement", "MCA", "CSP", "Annual subscription", "Monthly"))))
    for _ in range(rng.choice((0, 1, 1, 2))):
        rows.append((pick(rng, EXTRA_MENTIONS["M365_SUITE"]), str(rng.choice((150, 300, 450, 800, 1200))),
                     rng.choice(("Enterprise Agreement", "MCA", "CSP"))))
    rng.shuffle(rows)
    intro = Paragraph(v.say(mentions.LICENSING_INTRO))
    if rng.random() < 0.5:
        return [intro, Table((("Licence", "Quantity", "Agreement"), *rows), ruled=rng.random() < 0.6)]
    return [intro, Bullets(tuple(f"{r[0]} - {r[1]} ({r[2]})" for r in rows))]


def _growth_products(v: Voice) -> list[str]:
    """Products a growth statement may name: the claimed ones this document works on. Growth of
    an unclaimed product (a sibling SKU, the POE's other work) is no growth of the claim (D-11.3
    with D-11.2, issue 12), so the generator never writes it where the label says growth is shown."""
    claimed = {p.code for p in v.sc.products}
    return [c for c in v.linked() if c in claimed]


def growth_sentences(v: Voice, numeric: bool, k: int = 2) -> list[str]:
    rng = v.rng
    prods = _growth_products(v)
    out: list[str] = []
    used: set[str] = set()
    for _ in range(k):
        use_product = bool(prods) and rng.random() < 0.75
        bank = growth.WITH_PRODUCT if use_product else growth.GENERIC
        choices = [t for t in bank if bool(keys_of(t) & NUMBER_KEYS) == numeric and t not in used] or \
            [t for t in bank if t not in used]
        template = pick(rng, choices)
        used.add(template)
        code = pick(rng, prods) if use_product else ""
        extra = {"prod": v.prod(code), "unit": v.unit(code)} if code else {}
        out.append(fill(template, v.ctx(**extra)))
    return out


def growth_blocks(v: Voice) -> list[Block]:
    """The growth statements of a document whose plan says growth is shown."""
    rng = v.rng
    mode = v.plan.growth
    if mode == "table":
        prods = _growth_products(v)
        header = pick(rng, growth.TABLE_HEADERS)
        rows: list[tuple[str, ...]] = []
        if prods:
            for code in prods[:2]:
                for metric in rng.sample(growth.TABLE_METRICS, k=2):
                    rows.append(tuple(fill(c, v.ctx(prod=v.prod(code), unit=v.unit(code))) for c in metric))
        else:
            rows = [("Weekly active users of the new platform", f"{v.num['pct']}%", f"{v.num['pct2']}%"),
                    ("Licensed users", str(v.num["n"]), str(v.num["m"]))]
        lead = rng.choice(("Adoption and usage growth will be tracked against these targets:",
                           "The engagement is measured on usage growth:", "Growth targets agreed with {C}:"))
        return [Paragraph(fill(lead, v.ctx())), Table((header, *rows), ruled=rng.random() < 0.7)]
    numeric = mode in ("numeric", "template")
    if mode == "template":
        numeric = rng.random() < 0.6
    sentences = growth_sentences(v, numeric, k=rng.choice((1, 2, 2, 3)))
    if len(sentences) > 1 and rng.random() < 0.5:
        return [Bullets(tuple(sentences))]
    return [Paragraph(" ".join(sentences))]


def goodwill(v: Voice, k: int = 1) -> list[str]:
    return [v.say(growth.GOODWILL) for _ in range(k)]


def technical_outcomes(v: Voice) -> list[Block]:
    rng = v.rng
    items = rng.sample(growth.TECHNICAL_OUTCOMES, k=rng.randint(2, 4))
    return [Bullets(tuple(fill(x, v.ctx()) for x in items))]


def other_supplier_line(v: Voice) -> str:
    return v.say(mentions.OTHER_SUPPLIER)


def microsoft_line(v: Voice) -> str:
    return v.say(mentions.MICROSOFT_LINES)
