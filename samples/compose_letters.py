"""The short contract-like documents: engagement letter, change request, licence quote and a
separately scanned signature page (the SOW and MSA are in ``compose_docs``)."""

from __future__ import annotations

from samples import compose_parts as parts
from samples import dates as dt
from samples import signatures as sig
from samples.compose import Voice
from samples.compose_docs import doc_ext, doc_filename, header_footer
from samples.docmodel import (
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signatory,
    SignatureBlock,
    Table,
)
from samples.phrasing import fill, growth, intro, legal, pick
from samples.phrasing import sections as st
from samples.products import EXTRA_MENTIONS


def letter(v: Voice) -> Document:
    rng = v.rng
    plan = v.plan
    topic = parts.topic(v)
    blocks: list[Block] = list(sig.stamp(v))
    if v.p_named:
        blocks.append(Paragraph(v.P_full, style="bold"))
        blocks.append(Paragraph(", ".join(v.porg.address)))
    elif plan.partner == "placeholder":  # the letterhead of a template nobody filled in
        blocks.append(Paragraph(v.P_full, style="bold"))
        blocks.append(Paragraph(rng.choice(("[Address]", "<Street, City, Postcode>", "[Partner address]"))))
    title = pick(rng, st.LETTER_TITLES)
    blocks.append(Heading(title, 1))
    if v.dated:
        blocks.append(Paragraph(v.ds_text(v.ds.doc)))
    elif plan.dates in ("tbd", "placeholder"):
        blocks.append(Paragraph(f"Date: {v.ds_text()}"))
    recipient = [v.c_contact.full, v.c_contact.title]
    if v.c_named or plan.customer == "placeholder":
        recipient.append(v.C_full)
    if v.c_named:
        recipient.extend(v.corg.address)
    for line in recipient:
        blocks.append(Paragraph(line))
    blocks.append(Paragraph(f"Dear {v.c_contact.first},"))
    blocks.append(Paragraph(f"Re: {topic}", style="bold"))
    blocks.append(Paragraph(fill(rng.choice((
        "Thank you for choosing {P} to support {C}. This letter confirms the scope and terms of our engagement.",
        "Further to our recent discussions, we are pleased to set out the terms on which {P} will assist {C}.",
        "We are delighted that {C} has asked {P} to carry out this work. This letter records what we have agreed.")),
        v.ctx())))
    scope = parts.scope_blocks(v, allow_lists=False)
    blocks += scope
    blocks.append(Paragraph("In addition, we will: " + "; ".join(t.rstrip(".").lower()[:1] + t.rstrip(".")[1:]
                                                                 for t in v.tech_tasks(rng.randint(2, 4))) + "."))
    for line in parts.background_mentions(v) + parts.out_of_scope_mentions(v):
        blocks.append(Paragraph(line))
    if plan.growth in ("numeric", "plain", "table"):
        blocks += parts.growth_blocks(v)
    elif plan.growth == "goodwill":
        blocks.append(Paragraph(" ".join(parts.goodwill(v, 2))))
    elif plan.growth == "technical":
        blocks.append(Paragraph("On completion: " + " ".join(
            fill(x, v.ctx()) for x in rng.sample(growth.TECHNICAL_OUTCOMES, k=2))))
    if v.dated and rng.random() < 0.7:
        blocks.append(Paragraph(f"We expect to start on {v.ds_text(v.ds.effective)} and to complete the work by "
                                f"{v.ds_text(v.ds.milestones[-1])}."))
    elif plan.dates in ("tbd", "placeholder"):
        blocks.append(Paragraph(f"Start date: {v.ds_text()}. Target completion: {v.ds_text()}."))
    blocks.append(Paragraph(fill(rng.choice((
        "Our fees for this work are estimated at {cur} {amt} excluding taxes, invoiced monthly in arrears.",
        "The work will be charged on a time-and-materials basis, estimated at {cur} {amt} plus applicable taxes.",
        "The fixed fee for the engagement is {cur} {amt} excluding taxes.")),
        v.ctx(cur=v.currency, amt=f"{rng.randint(12, 240) * 1000:,}"))))
    blocks.append(Paragraph(fill(pick(rng, legal.CLAUSES["Payment"]), v.ctx())))
    blocks.append(Paragraph(fill(rng.choice((
        "This engagement is subject to our standard terms of business, a copy of which is enclosed.",
        "The terms of the master services agreement between {P} and {C} apply to this engagement.",
        "Our standard terms and conditions apply unless otherwise agreed in writing.")), v.ctx())))
    blocks.append(Paragraph(rng.choice(("Please sign and return a copy of this letter to confirm your agreement.",
                                        "We would be grateful if you could countersign this letter below.",
                                        "Kindly confirm your acceptance by signing below."))))
    blocks.append(Paragraph(rng.choice(("Yours sincerely,", "Kind regards,", "Yours faithfully,"))))
    blocks.append(Paragraph(f"{v.p_signer.full}\n{v.p_signer.title}"))
    if plan.sig != "none":
        blocks += sig.blocks(v, kind="letter")
    blocks += sig.certificate(v, title)
    return Document(filename=doc_filename(v, rng.choice(("Engagement_Letter", "Letter_of_Engagement", "LoE")), doc_ext(v)),
                    fmt=plan.fmt, kind="letter", blocks=tuple(blocks), header="",
                    footer=v.porg.registration if v.p_named else "", layout_seed=rng.randrange(1 << 30))


def change(v: Voice) -> Document:
    rng = v.rng
    plan = v.plan
    title = pick(rng, st.CHANGE_TITLES)
    cr = f"CR-{rng.randint(1, 40):03d}"
    topic = parts.topic(v)
    blocks: list[Block] = list(sig.stamp(v))
    if plan.sig == "draft":
        blocks.append(Paragraph(fill(pick(rng, legal.DRAFT_NOTES), v.ctx()), style="bold"))
    blocks.append(Heading(f"{title} {cr}", 1))
    pairs = [("Project:", topic), ("Change reference:", cr), ("Related SOW:", v.refs["sow"]),
             ("Customer:", v.C_full if v.c_named or plan.customer == "placeholder" else ""),
             ("Supplier:", v.P_full if v.p_named or plan.partner == "placeholder" else ""),
             ("Raised by:", f"{v.p_contact.full}, {v.p_contact.title}")]
    if v.dated:
        pairs.append(("Date raised:", v.ds_text(v.ds.doc)))
    elif plan.dates in ("tbd", "placeholder", "blank"):
        pairs.append(("Date raised:", v.ds_text()))
    blocks.append(Fields(tuple(pairs)))
    blocks.append(Heading("Description of change", 2))
    blocks.append(Paragraph(fill(rng.choice((
        "This change extends the scope of the existing Statement of Work as follows.",
        "{C} has asked {P} to add the following work to the current engagement.",
        "The parties agree to vary the services as described below.")), v.ctx())))
    blocks += parts.scope_blocks(v, allow_lists=False)
    blocks.append(Bullets(tuple(v.tech_tasks(rng.randint(1, 3)))))
    excluded = parts.out_of_scope_mentions(v)
    if excluded:
        blocks.append(Paragraph("Not included in this change:", style="bold"))
        blocks.append(Bullets(tuple(excluded)))
    blocks.append(Heading("Reason for change", 2))
    blocks.append(Paragraph(v.say(intro.DRIVERS)))
    if plan.growth in ("numeric", "plain", "table"):
        blocks.append(Heading(rng.choice(("Expected benefit", "Business benefit", "Growth")), 2))
        blocks += parts.growth_blocks(v)
    elif plan.growth == "goodwill":
        blocks.append(Paragraph(" ".join(parts.goodwill(v))))
    blocks.append(Heading("Impact", 2))
    blocks.append(Table((("Area", "Impact"), ("Effort", f"+{rng.randint(3, 40)} days"),
                         ("Cost", f"{v.currency} {rng.randint(4, 90) * 1000:,}"),
                         ("Timeline", f"+{rng.randint(1, 6)} weeks")), ruled=True))
    if plan.sig != "none":
        blocks.append(Heading(rng.choice(("Approval", "Authorisation", "Sign-off")), 2))
        blocks += sig.blocks(v, kind="change")
    header, footer = header_footer(v, title, cr)
    return Document(filename=doc_filename(v, rng.choice(("Change_Request", "CR", "Change_Order")) + f"_{cr}", doc_ext(v)),
                    fmt=plan.fmt, kind="other", blocks=tuple(blocks), header=header, footer=footer,
                    layout_seed=rng.randrange(1 << 30))


def quote(v: Voice) -> Document:
    rng = v.rng
    title = pick(rng, st.QUOTE_TITLES)
    qno = f"Q-{rng.randint(10000, 99999)}"
    blocks: list[Block] = [Heading(title, 1)]
    if v.p_named:
        blocks.append(Paragraph(f"{v.P_full} - {', '.join(v.porg.address)}"))
    blocks.append(Fields((("Quote number:", qno), ("Quote date:", dt.fmt(v.recent.quote, v.style)),
                          ("Valid until:", dt.fmt(v.recent.valid_until, v.style)),
                          ("Customer:", v.C_full), ("Contact:", v.c_contact.full),
                          ("Prepared by:", f"{v.p_contact.full}, {v.p_contact.title}"))))
    rows: list[tuple[str, ...]] = []
    total = 0
    codes = [c for c, m in v.plan.products.items() if m == "mention:licensing"]
    for code in codes:
        qty = rng.choice((10, 25, 50, 100, 150, 250, 400))
        price = rng.choice((4.5, 8.0, 10.3, 12.0, 22.8, 41.5, 65.0, 95.0, 105.0))
        total += round(qty * price * 12)
        rows.append((parts.licence_line(v, code), rng.choice(("Annual, paid monthly", "12 months", "36 months")),
                     str(qty), f"{price:.2f}", f"{qty * price * 12:,.2f}"))

    for _ in range(rng.choice((0, 1, 2))):
        rows.append((pick(rng, EXTRA_MENTIONS["M365_SUITE"]), "12 months", str(rng.choice((50, 200, 350))),
                     "33.00", "--"))
    blocks.append(Table((("Product", "Term", "Qty", "Unit price / month", "Total"), *rows), ruled=True))
    blocks.append(Paragraph(f"Total (excluding taxes): {v.currency} {total:,}"))
    blocks.append(Paragraph(rng.choice(("Prices are based on the current Microsoft price list and may change.",
                                        "Licences are subject to the Microsoft Customer Agreement.",
                                        "Quantities can be increased at any time; reductions only at renewal."))))
    if v.plan.sig == "blank":
        blocks.append(SignatureBlockFor(v))
    return Document(filename=doc_filename(v, rng.choice(("Quote", "Quotation", "Licence_Quote")) + f"_{qno}", ".pdf"),
                    fmt="pdf", kind="other", blocks=tuple(blocks), header=v.P_full if v.p_named else "",
                    layout_seed=rng.randrange(1 << 30))


def SignatureBlockFor(v: Voice) -> Block:  # noqa: N802 - reads as the block it builds

    return SignatureBlock((Signatory("Accepted by (Customer):", v.C_full),), layout="stacked",
                          intro="To accept this quotation please sign and return.")


def signed_page(v: Voice) -> Document:
    rng = v.rng
    ref = v.refs["sow"]
    blocks: list[Block] = list(sig.stamp(v))
    blocks.append(Heading(rng.choice(("Signature Page", "Execution Page", "SIGNATURES", "Agreement and Signatures")), 2))
    blocks.append(Paragraph(fill(rng.choice((
        "This signature page forms part of the Statement of Work {ref} between {Pfull} and {Cfull}.",
        "Signed for and on behalf of the parties to Statement of Work {ref} ({Pfull} / {Cfull}).",
        "Statement of Work {ref} - {Cfull} and {Pfull} - signature page")), v.ctx(ref=ref))))
    blocks += sig.blocks(v, kind="sow")
    name = rng.choice(("signed_page", "Signature_page", "SOW_signed_page", "scan0001", "IMG_2041", "signed"))
    return Document(filename=name + doc_ext(v), fmt=v.plan.fmt, kind="sow", blocks=tuple(blocks),
                    layout_seed=rng.randrange(1 << 30))
