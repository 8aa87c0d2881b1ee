"""Contract-like documents: SOW and MSA excerpt (the short ones, engagement letter, change request,
licence quote and a separately scanned signature page, are in ``compose_letters``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from samples import compose_parts as parts
from samples import dates as dt
from samples import signatures as sig
from samples.compose import Voice, back, ref_code
from samples.docmodel import Block, Bullets, Document, Fields, Heading, PageBreak, Paragraph, Table
from samples.phrasing import fill, intro, legal, pick, sample
from samples.phrasing import scope as sp
from samples.phrasing import sections as st

NUMBERING = ("{i}. {t}", "{i} {t}", "Section {i}: {t}", "{i}) {t}", "{t}", "{i}. {T}", "{T}")


def _numberer(v: Voice) -> Callable[[str], Heading]:
    style = pick(v.rng, NUMBERING)
    counter = [0]

    def heading(title: str) -> Heading:
        counter[0] += 1
        return Heading(style.format(i=counter[0], t=title, T=title.upper()), 2)

    return heading


def header_footer(v: Voice, label: str, ref: str) -> tuple[str, str]:
    rng = v.rng
    header = ""
    if v.plan.sig == "draft":
        header = fill(pick(rng, legal.DRAFT_NOTES), v.ctx())
    elif v.p_named and rng.random() < 0.6:
        header = rng.choice((v.P_full, f"{v.P_full} | {label}", f"{label} - {v.P_full}"))
    elif rng.random() < 0.4:
        header = rng.choice(("Confidential", label, f"{label} {ref}"))
    footer = fill(pick(rng, legal.CONFIDENTIAL_FOOTERS), v.ctx())
    footer = f"{footer} | {ref}" if rng.random() < 0.6 else footer
    if v.p_named and rng.random() < 0.3:
        footer = f"{footer} | {v.porg.registration}"
    return header, footer


def doc_filename(v: Voice, label: str, ext: str, topic: str = "") -> str:
    rng = v.rng
    cust = v.corg.short.replace(" ", "_").replace("&", "and") if v.c_named else ""
    bits = [label]
    if cust and rng.random() < 0.8:
        bits.append(cust)
    if topic and rng.random() < 0.4:
        bits.append(topic.replace(" ", "_").replace("/", "-"))
    if v.plan.sig in ("block", "docusign", "adobe", "e_signed") and rng.random() < 0.4:
        bits.insert(0, "Signed")
    if v.plan.sig == "draft":
        bits.append(f"DRAFT_v0.{rng.randint(1, 9)}")
    elif rng.random() < 0.4:
        bits.append(f"v{rng.randint(1, 3)}.{rng.randint(0, 4)}")
    if v.plan.sig == "docusign" and rng.random() < 0.5:
        bits.append("(DocuSign)")
    sep = rng.choice(("_", " ", "-", "_"))
    return sep.join(bits).replace("__", "_") + ext


def doc_ext(v: Voice) -> str:
    return {"docx": ".docx", "xlsx": ".xlsx", "png": ".png"}.get(v.plan.fmt, ".pdf")


def _legal_sections(v: Voice, head: Callable[[str], Heading], k: int) -> list[Block]:
    out: list[Block] = []
    titles = list(legal.CLAUSES)
    for title in v.rng.sample(titles, k=min(k, len(titles))):
        bodies = legal.CLAUSES[title]
        out.append(head(title))
        for body in v.rng.sample(list(bodies), k=min(len(bodies), v.rng.choice((1, 1, 2)))):
            out.append(Paragraph(fill(body, v.ctx())))
    return out


def _meta(v: Voice, ref: str, topic: str, version: str) -> Fields:
    rng = v.rng
    pairs: list[tuple[str, str]] = [
        (rng.choice(("Customer:", "Client:", "Prepared for:")), v.C_full if v.c_named else
         (v.C_full if v.plan.customer == "placeholder" else "")),
        (rng.choice(("Supplier:", "Partner:", "Prepared by:", "Service provider:")), v.P_full if v.p_named else
         (v.P_full if v.plan.partner == "placeholder" else "")),
        ("Project:", topic), (rng.choice(("Reference:", "Document reference:", "SOW number:")), ref),
        ("Version:", version)]
    if v.dated:
        pairs.append((rng.choice(("Date:", "Issue date:", "Document date:")), v.ds_text(v.ds.doc)))
    elif v.plan.dates in ("tbd", "placeholder", "blank"):
        pairs.append(("Date:", v.ds_text()))
    if rng.random() < 0.6:
        pairs.append(("Author:", f"{v.p_contact.full}, {v.p_contact.title}"))
    status = "Draft" if v.plan.sig == "draft" else rng.choice(("Final", "Issued for signature", "Approved", "Final"))
    pairs.append(("Status:", status))
    rng.shuffle(pairs[2:])
    return Fields(tuple(pairs))


def _timeline(v: Voice, head: Callable[[str], Heading]) -> list[Block]:
    rng = v.rng
    out: list[Block] = [head(pick(rng, st.TIMELINE))]
    k = min(len(v.ds.milestones) if v.dated else rng.randint(4, 6), 7)
    names = sorted(rng.sample(sp.MILESTONES, k=k), key=sp.MILESTONES.index)  # in project order
    if v.plan.dates == "none":
        out.append(Paragraph(fill(rng.choice((
            "The engagement is expected to take approximately {weeks} weeks from kick-off.",
            "Delivery is planned over {weeks} weeks; a detailed plan will be agreed at kick-off.",
            "Timescales will be agreed with {C} during mobilisation.")), v.ctx())))
        return out
    if v.dated:
        start = rng.choice(("Start date", "Effective date", "Commencement date", "Planned start"))
        out.append(Paragraph(f"{start}: {v.ds_text(v.ds.effective)}"))
    header = rng.choice((("Milestone", "Target date"), ("Phase", "Planned completion"), ("Milestone", "Date"),
                         ("Key milestone", "Due")))
    rows = [(name, v.milestone_cell(i)) for i, name in enumerate(names)]
    if rng.random() < 0.7:
        out.append(Table((header, *rows), ruled=rng.random() < 0.7))
    else:
        out.append(Bullets(tuple(f"{a}: {b}" if b else f"{a}:" for a, b in rows)))
    return out


def _commercials(v: Voice, head: Callable[[str], Heading]) -> list[Block]:
    rng = v.rng
    rate = rng.choice((950, 1100, 1250, 1350, 1500, 65000, 1200))
    rows: list[tuple[str, ...]] = []
    total = 0
    for phase in rng.sample(("Discovery and design", "Build and configuration", "Testing", "Migration",
                             "Training and handover", "Project management", "Hypercare"), k=rng.randint(3, 5)):
        days = rng.choice((3, 5, 8, 10, 12, 15, 20, 25))
        total += days * rate
        rows.append((phase, str(days), f"{rate:,}", f"{days * rate:,}"))
    rows.append(("Total", "", "", f"{total:,}"))
    out: list[Block] = [head(pick(rng, st.COMMERCIALS)),
                        Paragraph(f"All amounts in {v.currency}, excluding taxes."),
                        Table((("Item", "Days", "Day rate", "Amount"), *rows), ruled=rng.random() < 0.75)]
    out.append(Paragraph(fill(pick(rng, legal.CLAUSES["Payment"]), v.ctx())))
    if v.plan.dates == "recent" and rng.random() < 0.4:
        out.append(Paragraph(f"The first invoice will be raised on {v.ds_text(v.ds.milestones[0])}."))
    if v.plan.dates == "distractor" or (v.plan.dates == "recent" and rng.random() < 0.3):
        out.append(Paragraph(rng.choice(("This proposal is valid until {d}.", "Prices are valid until {d}.",
                                         "Pricing held until {d}; thereafter subject to review."))
                             .format(d=dt.fmt(v.recent.valid_until, v.style))))
    return out


GERMAN = {"Background": "Ausgangssituation", "Objectives": "Zielsetzung", "Scope of Services": "Leistungsumfang",
          "Deliverables": "Ergebnisse", "Timeline": "Zeitplan", "Assumptions": "Annahmen",
          "Out of Scope": "Abgrenzung", "Governance": "Projektorganisation", "Fees": "Vergütung",
          "Acceptance": "Abnahme", "Signatures": "Unterschriften", "Change Control": "Änderungsverfahren"}
SECTION_ORDERS = (
    ("objectives", "scope", "deliverables", "timeline", "growth", "assumptions", "exclusions", "governance",
     "commercials", "change", "acceptance", "legal"),
    ("objectives", "growth", "scope", "exclusions", "assumptions", "deliverables", "timeline", "commercials",
     "governance", "acceptance", "change", "legal"),
    ("scope", "deliverables", "assumptions", "exclusions", "timeline", "governance", "growth", "commercials",
     "legal", "acceptance"),
    ("objectives", "scope", "timeline", "deliverables", "governance", "assumptions", "exclusions", "growth",
     "acceptance", "commercials", "change", "legal"),
)


def _tidy_roles(text: str) -> str:
    """'the Partner ("Partner")' reads like a template bug: a bare role needs no defined term."""
    text = re.sub(r'\b[Tt]he ([A-Z]\w+(?: [A-Z]\w+)?) \((?:the )?"\1"\)', r"the \1", text)
    return text[:1].upper() + text[1:]


def _document_control(v: Voice, version: str) -> list[Block]:
    """The version table bid teams put on page 2 (dates only in a dated document)."""
    rng = v.rng
    authors = (v.p_contact.full, v.p_signer.full)
    versions = ["0.1", "0.2", version] if version not in ("0.1", "0.2") else ["0.1", version]
    comments = ("First draft", "Updated after customer review", "Issued for signature", "Commercials revised",
                "Final")
    rows: list[tuple[str, ...]]
    if v.dated:
        days = sorted(rng.sample(range(2, 30), k=len(versions)), reverse=True)
        rows = [(ver, v.ds_text(back(v.ds.doc, d)) if i < len(versions) - 1
                 else v.ds_text(v.ds.doc), rng.choice(authors), comments[min(i, 4)])
                for i, (ver, d) in enumerate(zip(versions, days, strict=True))]
        header: tuple[str, ...] = ("Version", "Date", "Author", "Comments")
    else:
        rows = [(ver, rng.choice(authors), comments[min(i, 4)]) for i, ver in enumerate(versions)]
        header = ("Version", "Author", "Comments")
    return [Paragraph(rng.choice(("Document control", "Version history", "Revision history")), style="bold"),
            Table((header, *rows), ruled=True)]


def sow(v: Voice) -> Document:
    rng = v.rng
    plan = v.plan
    ref = v.refs["sow"]
    topic = parts.topic(v)
    title = fill(pick(rng, st.SOW_TITLES), v.ctx(no=rng.randint(1, 12)))
    numbered = _numberer(v)
    german = v.porg.country == "Germany" and rng.random() < 0.4

    def head(title_: str) -> Heading:  # German partners often keep bilingual headings
        for en, de in GERMAN.items():
            if german and title_.startswith(en):
                return numbered(f"{de} / {title_}")
        return numbered(title_)

    blocks: list[Block] = list(sig.stamp(v))
    if plan.sig == "draft":
        blocks.append(Paragraph(fill(pick(rng, legal.DRAFT_NOTES), v.ctx()), style="bold"))
    blocks.append(Heading(title, 1))
    if rng.random() < 0.7:
        blocks.append(Paragraph(topic, style="bold"))
    version = f"0.{rng.randint(1, 9)}" if plan.sig == "draft" else rng.choice(("1.0", "1.1", "2.0", "1.2", "3.0"))
    blocks.append(_meta(v, ref, topic, version))
    if rng.random() < 0.35:
        blocks += _document_control(v, version)
    parties = intro.SOW_PARTIES if (v.p_named or v.c_named or "placeholder" in (plan.partner, plan.customer)) \
        else intro.SOW_PARTIES_GENERIC
    blocks.append(Paragraph(_tidy_roles(v.say(parties))))
    if plan.growth == "goodwill" and rng.random() < 0.5:
        blocks.append(Paragraph(" ".join(parts.goodwill(v))))

    blocks.append(head(pick(rng, st.BACKGROUND)))
    bg = [v.say(intro.BUSINESS), *(v.say(intro.DRIVERS) for _ in range(rng.randint(1, 2)))]
    bg += parts.background_mentions(v)
    if rng.random() < 0.4:
        bg.append(parts.other_supplier_line(v))
    if rng.random() < 0.3:
        bg.append(parts.microsoft_line(v))
    blocks.append(Paragraph(" ".join(bg[:2])))
    if len(bg) > 2:
        blocks.append(Paragraph(" ".join(bg[2:])))
    blocks += parts.licensing_blocks(v)

    growth_here = plan.growth in ("numeric", "plain", "table")
    placement = rng.choice(("section", "section", "objectives", "scope")) if growth_here else ""
    order = pick(rng, SECTION_ORDERS)
    if placement == "objectives" and "objectives" not in order:
        placement = "section"

    def objectives() -> list[Block]:
        if rng.random() > 0.8 and placement != "objectives":
            return []
        out: list[Block] = [head(pick(rng, st.OBJECTIVES))]
        out.append(Bullets(tuple(fill(x, v.ctx()) for x in sample(rng, intro.OBJECTIVES, rng.randint(2, 4)))))
        if placement == "objectives":
            out += parts.growth_blocks(v)
        return out

    def scope() -> list[Block]:
        out: list[Block] = [head(pick(rng, st.SCOPE)), Paragraph(v.say(sp.WORKSTREAM_INTRO))]
        out += parts.scope_blocks(v)
        out.append(Bullets(tuple(v.tech_tasks(rng.randint(3, 6))), numbered=rng.random() < 0.3))
        if placement == "scope":
            out.append(Heading(rng.choice(("Adoption and change management", "Adoption", "Usage growth")), 3))
            out += parts.growth_blocks(v)
        return out

    def deliverables() -> list[Block]:
        if rng.random() > 0.8:
            return []
        items = sample(rng, sp.DELIVERABLES, rng.randint(4, 7))
        if rng.random() < 0.5:
            return [head(pick(rng, st.DELIVERABLES)),
                    Table((("Deliverable", "Owner"), *((x, v.P_def) for x in items)), ruled=rng.random() < 0.6)]
        return [head(pick(rng, st.DELIVERABLES)), Bullets(tuple(items))]

    def growth_section() -> list[Block]:
        out: list[Block] = []
        if placement == "section":
            out += [head(pick(rng, st.GROWTH)), *parts.growth_blocks(v)]
        if plan.growth == "technical":
            out.append(head(rng.choice(("Expected Outcomes", "Outcomes", "Success Criteria", "Completion Criteria"))))
            out += parts.technical_outcomes(v)
        return out

    def assumptions() -> list[Block]:
        items = [fill(x, v.ctx()) for x in sample(rng, sp.GENERAL_ASSUMPTIONS, rng.randint(2, 4))]
        items += [fill(x, v.ctx()) for x in sample(rng, sp.CUSTOMER_DUTIES, rng.randint(1, 3))]
        items += parts.assumption_mentions(v)
        rng.shuffle(items)
        return [head(pick(rng, st.ASSUMPTIONS)), Bullets(tuple(items))]

    def exclusions() -> list[Block]:
        items = sample(rng, sp.GENERAL_EXCLUSIONS, rng.randint(2, 4)) + parts.out_of_scope_mentions(v)
        rng.shuffle(items)
        return [head(pick(rng, st.OUT_OF_SCOPE)), Bullets(tuple(items))]

    def governance() -> list[Block]:
        if rng.random() > 0.7:
            return []
        out: list[Block] = [head(pick(rng, st.GOVERNANCE)), Paragraph(" ".join(
            fill(x, v.ctx()) for x in sample(rng, sp.GOVERNANCE, rng.randint(2, 4))))]
        if rng.random() < 0.5:
            rows = [tuple(fill(c, v.ctx(P=v.P_def, C=v.C_def)) for c in r) for r in sample(rng, sp.ROLES, 4)]
            out.append(Table((("Role", "Party", "Responsibilities"), *rows), ruled=rng.random() < 0.7))
        return out

    def change_control() -> list[Block]:
        if rng.random() > 0.6:
            return []
        return [head(pick(rng, st.CHANGE_CONTROL)), Paragraph(fill(pick(rng, legal.CLAUSES["Change control"]),
                                                                   v.ctx()))]

    def acceptance() -> list[Block]:
        return [head(pick(rng, st.ACCEPTANCE)), Paragraph(" ".join(
            fill(x, v.ctx()) for x in sample(rng, legal.ACCEPTANCE, rng.randint(1, 3))))]

    sections: dict[str, Callable[[], list[Block]]] = {
        "objectives": objectives, "scope": scope, "deliverables": deliverables,
        "timeline": lambda: _timeline(v, head), "growth": growth_section, "assumptions": assumptions,
        "exclusions": exclusions, "governance": governance, "commercials": lambda: _commercials(v, head),
        "change": change_control, "acceptance": acceptance,
        "legal": lambda: _legal_sections(v, head, rng.choice((0, 2, 3, 4, 6, 8)))}
    if "growth" not in order:
        order = (*order, "growth")
    for name in order:
        blocks += sections[name]()
    if plan.growth == "goodwill":
        blocks.append(Paragraph(" ".join(parts.goodwill(v, rng.randint(1, 2)))))
    if plan.sig != "none":
        if rng.random() < 0.5:
            blocks.append(PageBreak())
        blocks.append(head(pick(rng, st.SIGNATURES)))
        blocks += sig.blocks(v, kind="sow")
    blocks += sig.certificate(v, f"{title} {ref}")
    header, footer = header_footer(v, "Statement of Work", ref)
    return Document(filename=doc_filename(v, rng.choice(("SOW", "Statement_of_Work", "SoW", "Scope_of_Work")), doc_ext(v),
                                       topic), fmt=plan.fmt, kind="sow", blocks=tuple(blocks), header=header,
                    footer=footer, layout_seed=rng.randrange(1 << 30))


def msa(v: Voice) -> Document:
    rng = v.rng
    plan = v.plan
    title = pick(rng, st.MSA_TITLES)
    blocks: list[Block] = list(sig.stamp(v))
    blocks.append(Heading(title, 1))
    when = v.ds_text(v.ds.effective) if v.dated else {"tbd": "TBD", "placeholder": "[Date]"}.get(
        plan.dates, "the ____ day of ____________")
    named_c = v.c_named or plan.customer == "placeholder"
    named_p = v.p_named or plan.partner == "placeholder"
    ctx = v.ctx(date=when,
                Creg=v.corg.registration if v.c_named else "[company number]",
                Preg=v.porg.registration if v.p_named else "[company number]",
                Caddr=", ".join(v.corg.address) if v.c_named else "[registered address]",
                Paddr=", ".join(v.porg.address) if v.p_named else "[registered address]")
    if not named_c:
        ctx.update(CFULL="THE CUSTOMER NAMED IN THE ORDER FORM", Cfull="the customer named in the Order Form")
    if not named_p:
        ctx.update(PFULL="THE SUPPLIER NAMED IN THE ORDER FORM", Pfull="the supplier named in the Order Form")
    for line in fill(pick(rng, intro.MSA_PARTIES), ctx).split("\n"):
        blocks.append(Paragraph(line))
    blocks.append(Heading(rng.choice(("BACKGROUND", "RECITALS", "WHEREAS")), 2))
    recitals = [fill(x, ctx) for x in sample(rng, intro.MSA_RECITALS, rng.randint(2, 3))]
    blocks.append(Bullets(tuple(f"({chr(65 + i)}) {r}" for i, r in enumerate(recitals))))
    blocks.append(Paragraph(rng.choice(("AGREED TERMS", "IT IS AGREED as follows:", "NOW IT IS HEREBY AGREED:")),
                            style="bold"))
    clauses = list(legal.MSA_CLAUSES)
    body_for = {"Charges and payment": "Payment", "Intellectual property": "Intellectual property",
                "Confidentiality": "Confidentiality", "Data protection": "Data protection",
                "Limitation of liability": "Limitation of liability", "Termination": "Term and termination",
                "General": "Entire agreement", "Term": "Term and termination"}
    for i, clause in enumerate(clauses[: rng.randint(6, len(clauses))], start=1):
        blocks.append(Heading(f"{i}. {clause.upper() if rng.random() < 0.4 else clause}", 2))
        if clause == "Definitions and interpretation":
            blocks.append(Bullets(tuple(f"{i}.{k + 1} {d}" for k, d in
                                        enumerate(sample(rng, legal.MSA_DEFINITIONS, rng.randint(3, 6))))))
        elif clause == "Services":
            blocks.append(Paragraph(fill("The {Pdef} shall provide the Services described in Schedule 1 and in each "
                                         "Statement of Work agreed by the parties.", ctx)))
        else:
            bodies = legal.CLAUSES[body_for[clause]]
            for k, body in enumerate(rng.sample(list(bodies), k=min(len(bodies), rng.choice((1, 2))))):
                blocks.append(Paragraph(f"{i}.{k + 1} " + fill(body, ctx).replace("this SOW", "this Agreement")))
    # Schedule 1: where an MSA says what the services are.
    blocks.append(PageBreak())
    blocks.append(Heading(rng.choice(("SCHEDULE 1 - SERVICES", "Schedule 1: Description of Services",
                                      "Schedule 1 - The Services")), 2))
    blocks += parts.scope_blocks(v, allow_lists=False)
    blocks.append(Bullets(tuple(v.tech_tasks(rng.randint(2, 4)))))
    for line in parts.background_mentions(v):
        blocks.append(Paragraph(line))
    if plan.sig != "none":
        blocks.append(Heading(rng.choice(("EXECUTION", "Signatures", "Signed by the parties")), 2))
        blocks += sig.blocks(v, kind="msa")
    blocks += sig.certificate(v, title)
    header, footer = header_footer(v, title, ref_code(rng, "MSA", v.dated, v.ds.doc.year))
    return Document(filename=doc_filename(v, rng.choice(("MSA", "Master_Services_Agreement", "Framework_Agreement")),
                                       doc_ext(v)), fmt=plan.fmt, kind="msa", blocks=tuple(blocks), header=header,
                    footer=footer, layout_seed=rng.randrange(1 << 30))
