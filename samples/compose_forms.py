"""Forms: the customer's purchase order, the CPOR POE template workbook, and damaged files."""

from __future__ import annotations

import random

from samples import compose_parts as parts
from samples import dates as dt
from samples.compose import Voice
from samples.docmodel import Block, Bullets, Document, Fields, Heading, Paragraph, Table
from samples.phrasing import fill, growth, pick
from samples.phrasing import sections as st
from samples.products import PRODUCTS
from samples.scenario import DocPlan

PO_SERVICE_LINES = ("Implementation services - {prod} (per SOW {ref})", "{prod} migration services, fixed price",
                    "Consultancy: {prod} deployment, configuration and training",
                    "{prod} roll-out - professional services", "Professional services: configure and deploy {prod}",
                    "{prod} implementation phase 1 - design, build and go-live support")
PO_GROWTH_LINES_NUMERIC = ("Adoption programme - grow active {prod} usage from {pct}% to {pct2}%",
                           "Change and adoption services: onboard a further {extra} users to {prod}")
PO_GROWTH_LINES_PLAIN = ("Adoption and change management services to drive usage of {prod}",
                         "User adoption programme (champions, training, usage reporting) to increase uptake")
TAX = {"United Kingdom": "VAT 20%", "Germany": "MwSt. 19%", "Australia": "GST 10%", "India": "GST 18%",
       "Ireland": "VAT 23%", "Netherlands": "BTW 21%", "France": "TVA 20%", "New Zealand": "GST 15%",
       "South Africa": "VAT 15%", "Singapore": "GST 9%", "Sweden": "Moms 25%", "United States": "Sales tax as applicable",
       "Canada": "HST 13%"}
TICKS = ("X", "x", "Yes", "\u2713", "\u2714", "Y")
INSTRUCTIONS = (
    "Complete every section. Ensure that the customer information matches the information entered in your CPOR "
    "claim (customer name, domain and tenant ID).",
    "Provide a valid customer acknowledgment dated within 12 months of claim submission.",
    "Name the product or workload on each line of work; a product named only in a header may not be accepted.",
    "Describe the activities driving revenue and/or usage growth. Generic statements will not be accepted.",
    "This template is provided by Microsoft for partner use. Do not change the structure of the form.",
)


def purchase_order(v: Voice) -> Document:
    rng = v.rng
    ds = v.ds
    po_no = rng.choice((f"4500{rng.randint(100000, 999999)}", f"PO-{rng.randint(10000, 99999)}",
                        f"PO{ds.po.year}-{rng.randint(1000, 9999)}", f"{rng.randint(700000, 799999)}"))
    ref = v.refs["sow"]
    blocks: list[Block] = [Paragraph(v.C_full, style="bold"), Paragraph(", ".join(v.corg.address)),
                           Heading(pick(rng, st.PO_TITLES) if v.corg.country == "Germany"
                                   else pick(rng, [t for t in st.PO_TITLES if "/" not in t]), 1)]
    blocks.append(Fields((("PO number:", po_no), ("PO date:", dt.fmt(ds.po, v.style)),
                          ("Vendor no.:", str(rng.randint(100000, 399999))),
                          ("Buyer:", f"{v.approver.full}, {v.approver.title}"), ("Currency:", v.currency),
                          ("Payment terms:", rng.choice(("Net 30", "30 days EOM", "Net 45", "14 days"))))))
    vendor = [v.P_full, *v.porg.address]
    ship = [v.C_full, f"Attn: {v.c_contact.full}", *v.corg.address]
    blocks.append(Table((("Vendor", "Ship to / Bill to"),
                         *((vendor[i] if i < len(vendor) else "", ship[i] if i < len(ship) else "")
                           for i in range(max(len(vendor), len(ship))))), ruled=rng.random() < 0.5))
    rows: list[tuple[str, ...]] = []
    total = 0
    line = 10
    for code in v.linked():
        amount = rng.randint(8, 180) * 1000
        text = fill(pick(rng, PO_SERVICE_LINES), v.ctx(prod=v.prod(code), ref=ref))
        rows.append((str(line), text, "1", "LOT", f"{amount:,.2f}", f"{amount:,.2f}"))
        total += amount
        line += 10
    if not v.linked():
        amount = rng.randint(8, 120) * 1000
        rows.append((str(line), f"Professional services per {ref}", "1", "LOT", f"{amount:,.2f}", f"{amount:,.2f}"))
        total += amount
        line += 10
    for code in v.mentioned("licensing"):
        qty = rng.choice((25, 50, 100, 200))
        price = rng.choice((8.0, 12.0, 41.5, 65.0, 95.0))
        rows.append((str(line), f"{parts.licence_line(v, code)} - 12-month subscription", str(qty), "EA",
                     f"{price * 12:,.2f}", f"{qty * price * 12:,.2f}"))
        total += round(qty * price * 12)
        line += 10
    if v.plan.growth in ("numeric", "plain"):
        linked = v.linked()
        bank = PO_GROWTH_LINES_NUMERIC if v.plan.growth == "numeric" else PO_GROWTH_LINES_PLAIN
        template = pick(rng, bank if linked else (
            "User adoption programme (champions, training, usage reporting) to increase uptake",
            "Adoption services: grow weekly active users from {pct}% to {pct2}% across all sites"))
        text = fill(template, v.ctx(prod=v.prod(linked[0]) if linked else ""))
        amount = rng.randint(5, 40) * 1000
        rows.append((str(line), text, "1", "LOT", f"{amount:,.2f}", f"{amount:,.2f}"))
        total += amount
    blocks.append(Table((("Line", "Description", "Qty", "UoM", "Unit price", "Amount"), *rows), ruled=True))
    blocks.append(Fields((("Subtotal:", f"{total:,.2f}"), ("Tax:", TAX.get(v.corg.country, "as applicable")),
                          ("Total:", f"{v.currency} {total:,.2f}"))))
    delivery = dt.fmt(ds.milestones[-1], v.style)
    blocks.append(Paragraph(rng.choice((f"Services to be delivered by {delivery}.",
                                        f"Delivery / completion date: {delivery}",
                                        f"Period of performance: {dt.fmt(ds.effective, v.style)} to {delivery}"))))
    blocks.append(Paragraph(rng.choice(("Please quote the PO number on all invoices and correspondence.",
                                        "Invoices without a valid PO number will be returned unpaid.",
                                        "This order is subject to our standard terms and conditions of purchase."))))
    approved = [("Requested by:", f"{v.c_contact.full}, {v.c_contact.title}"),
                ("Approved by:", f"{v.approver.full}, {v.approver.title}"),
                ("Approval date:", dt.fmt(ds.po, v.style))]
    if rng.random() < 0.6:
        approved.append(("Authorised signature:", rng.choice((f"/s/ {v.approver.full}", v.approver.full,
                                                              f"Approved electronically by {v.approver.full}"))))
    blocks.append(Fields(tuple(approved)))
    name = rng.choice((f"PO_{po_no}", f"Purchase_Order_{po_no}", f"PO {po_no}", f"{v.corg.short.replace(' ', '_')}_PO"))
    ext = {"png": ".png"}.get(v.plan.fmt, ".pdf")
    return Document(filename=name + ext, fmt=v.plan.fmt, kind="po", blocks=tuple(blocks),
                    footer=rng.choice(("", v.corg.registration, "Page 1 of 1")), layout_seed=rng.randrange(1 << 30))


def _tick_table(v: Voice) -> Table:
    rng = v.rng
    activities = rng.choice((("Pre-sales", "Deployment", "Usage / adoption"), ("Pre-sales", "Deployment", "Usage"),
                             ("Design", "Deployment", "Adoption", "Managed service")))
    tick = pick(rng, TICKS)
    growth_shown = v.plan.growth in ("numeric", "plain", "table", "template")
    rows: list[tuple[str, ...]] = []
    for code in v.linked():
        marks = ["" for _ in activities]
        marks[1] = tick
        for j, activity in enumerate(activities):
            # A ticked usage/adoption box reads as a growth claim: only where growth is stated.
            usage = any(w in activity for w in ("Usage", "Adoption", "Managed"))
            if j != 1 and rng.random() < 0.4 and (growth_shown or not usage):
                marks[j] = tick
        rows.append((v.prod(code), *marks))
    header = ("Product / workload", *activities)
    return Table((header, *rows), ruled=True)


def poe_template(v: Voice) -> Document:
    rng = v.rng
    plan = v.plan
    ds = v.ds
    sc = v.sc
    title = pick(rng, st.POE_TITLES)
    blocks: list[Block] = [Heading(title, 1)]
    if rng.random() < 0.6:
        blocks.append(Paragraph(" ".join(rng.sample(INSTRUCTIONS, k=rng.randint(2, 4))), style="small"))
    p_value = v.P_full if v.p_named or plan.partner == "placeholder" else ""
    c_value = v.C_full if v.c_named or plan.customer == "placeholder" else ""
    blocks.append(Heading(rng.choice(("Partner information", "1. Partner information", "Partner details")), 2))
    mpn = sc.mpn_id if plan.partner != "other" else str(rng.randint(1_000_000, 6_999_999))
    p_pairs = [("Partner name", p_value), ("Partner ID (MPN)", mpn if v.p_named else ""),
               ("Partner contact", v.p_contact.full), ("Contact e-mail", v.p_contact.email if v.p_named else "")]
    if v.dated:
        p_pairs.append((rng.choice(("Date completed", "Date", "Form completed on")), v.ds_text(ds.doc)))
    elif plan.dates in ("tbd", "placeholder", "blank"):
        p_pairs.append(("Date completed", v.ds_text()))
    blocks.append(Fields(tuple(p_pairs)))
    blocks.append(Heading(rng.choice(("Customer information", "2. Customer information", "Customer details")), 2))
    c_pairs = [("Customer name", c_value)]
    if v.c_named and plan.customer != "other":
        c_pairs += [("Customer domain", sc.customer.domain), ("Tenant ID", sc.tenant_id)]
    elif v.c_named:
        c_pairs += [("Customer domain", v.corg.domain), ("Tenant ID", "")]
    else:
        c_pairs += [("Customer domain", ""), ("Tenant ID", "")]
    c_pairs.append(("Customer contact", v.c_contact.full if v.c_named else ""))
    blocks.append(Fields(tuple(c_pairs)))
    blocks.append(Heading(rng.choice(("Products and workloads", "3. Products / workloads per activity",
                                      "Products and workloads in scope")), 2))
    blocks.append(_tick_table(v))
    blocks.append(Heading(rng.choice(("Activities", "4. Activities performed", "Description of activities")), 2))
    rows: list[tuple[str, ...]] = []
    for i, code in enumerate(v.linked()):
        work = v.work(code)
        start = v.ds_text(ds.effective) if v.dated and i == 0 else v.milestone_cell(i)
        rows.append((work[:1].upper() + work[1:], v.prod(code), start,
                     v.milestone_cell(i + 1), rng.choice(("In progress", "Planned", "Complete", "In progress"))))
    for t in v.tech_tasks(rng.randint(1, 2)):
        rows.append((t, "", v.milestone_cell(0), v.milestone_cell(2), "Planned"))
    blocks.append(Table((("Activity", "Product / workload", "Start date", "End date", "Status"), *rows), ruled=True))
    for code in v.mentioned("background"):
        blocks.append(Fields((("Other Microsoft products in use (for information)", v.prod(code)),)))
    lic = v.mentioned("licensing")
    if lic:
        blocks.append(Fields((("Licences held by the customer", "; ".join(
            f"{parts.licence_line(v, c)} ({rng.choice((50, 120, 300, 650))})" for c in lic)),)))
    label = pick(rng, growth.TEMPLATE_GROWTH_LABELS)
    blocks.append(Heading(rng.choice(("Growth activities", "5. Revenue and usage growth", "Adoption and growth")), 2))
    if plan.growth == "template":
        text = " ".join(b.text for b in parts.growth_blocks(v) if isinstance(b, Paragraph))
        if not text:
            text = " ".join(parts.growth_sentences(v, numeric=True, k=2))
        blocks.append(Fields(((label, text),)))
    elif plan.growth == "goodwill":
        blocks.append(Fields(((label, " ".join(parts.goodwill(v))),)))
    elif plan.growth == "technical":
        blocks.append(Fields(((label, fill(pick(rng, growth.TECHNICAL_OUTCOMES), v.ctx())),)))
    else:
        blocks.append(Fields(((label, ""),)))
    if sc.customer.public_sector or rng.random() < 0.3:
        blocks.append(Heading("Public Sector Disclosure", 2))
        blocks.append(Fields((("Is the customer a public sector entity?", "Yes" if sc.customer.public_sector else "No"),
                              ("If yes, confirm the engagement complies with local procurement rules",
                               "Confirmed" if sc.customer.public_sector else "N/A"))))
    blocks.append(Heading(rng.choice(("Customer acknowledgment", "6. Customer acknowledgement",
                                      "Customer confirmation")), 2))
    blocks.append(Paragraph(fill(rng.choice((
        "By signing below, the customer confirms that {Pfull} is engaged on the activities described above.",
        "The customer acknowledges the partner's involvement in the activities listed in this document.",
        "I confirm that the information above is accurate and that the partner named above is working with us.")),
        v.ctx())))
    ack: list[tuple[str, str]]
    if plan.sig == "template_ack":
        person = v.c_signer
        signature = rng.choice((f"/s/ {person.full}", person.full, f"Signed electronically by {person.full}",
                                f"{person.full} (approved by e-mail)"))
        ack = [("Name", person.full), ("Title", person.title), ("Organisation", c_value),
               ("Signature", signature), ("Date", v.ds_text(ds.customer_sign) if v.dated else v.ds_text())]
    elif plan.sig == "old":
        person = v.c_signer
        ack = [("Name", person.full), ("Title", person.title), ("Organisation", c_value),
               ("Signature", person.full), ("Date", v.ds_text(ds.customer_sign))]
    elif plan.sig == "other_org":
        person = v.third_signer
        ack = [("Name", person.full), ("Title", person.title), ("Organisation", v.sc.third_party.name),
               ("Signature", f"/s/ {person.full}"),
               ("Date", v.ds_text(ds.customer_sign) if v.dated else v.ds_text())]
    else:
        ack = [("Name", ""), ("Title", ""), ("Organisation", ""), ("Signature", ""),
               ("Date", "" if plan.dates in ("recent", "old", "blank", "none", "distractor") else v.ds_text())]
    blocks.append(Fields(tuple(ack)))
    if v.dated and rng.random() < 0.5:
        blocks.append(Paragraph(f"Partner sign-off: {v.p_signer.full}, {v.ds_text(ds.partner_sign)}", style="small"))
    extra: tuple[tuple[str, tuple[Block, ...]], ...] = ()
    if rng.random() < 0.5:
        extra = (("Instructions", (Heading("How to complete this template", 2), Bullets(INSTRUCTIONS))),)
    cust = v.corg.short.replace(" ", "_").replace("&", "and") if v.c_named else ""
    name = rng.choice(("POE", "POE_Template", "Proof_of_Execution", "CPOR_POE", "POE_completed"))
    name = f"{name}_{cust}" if cust and rng.random() < 0.7 else name
    return Document(filename=name + ".xlsx", fmt="xlsx", kind="poe_template", blocks=tuple(blocks),
                    sheet=rng.choice(("POE", "POE", "Proof of Execution", "Sheet1")), extra_sheets=extra,
                    layout_seed=rng.randrange(1 << 30))


def corrupt_file(rng: random.Random, plan: DocPlan) -> tuple[str, bytes]:
    """A damaged upload: a PDF cut off mid-transfer, or an Office file that is not a zip."""
    if plan.fmt == "pdf":
        body = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty"
        name = rng.choice(("Signed_SOW_scan.pdf", "signed-page.pdf", "POE_final.pdf", "Contract.pdf"))
        return name, body + bytes(rng.getrandbits(8) for _ in range(rng.randint(40, 400)))
    if plan.fmt == "docx":
        return rng.choice(("SOW_final.docx", "Statement of Work.docx")), b"PK\x03\x04\x14\x00\x06\x00" + bytes(
            rng.getrandbits(8) for _ in range(rng.randint(100, 600)))
    return rng.choice(("POE_template.xlsx", "POE.xlsx")), b"PK\x03\x04" + bytes(64) + b"\x00" * rng.randint(10, 90)


def product_names(code: str) -> tuple[str, ...]:
    pr = PRODUCTS[code]
    return (pr.name, *pr.aliases)
