"""E-mails: the customer's acknowledgment (direct or forwarded) and a partner's own e-mail."""

from __future__ import annotations

from datetime import timedelta

from samples import compose_parts as parts
from samples import dates as dt
from samples.compose import Voice
from samples.docmodel import Block, Email, Paragraph
from samples.phrasing import fill, mail, mentions, pick
from samples.products import PRODUCTS

SCOPE_NOUNS = ("the {prod} roll-out", "the {prod} implementation", "the migration to {prod}",
               "the deployment of {prod}", "implementing {prod}", "the {prod} rollout",
               "configuring and rolling out {prod}", "the design and deployment of {prod}")
GENERIC_SCOPE = ("the IT modernisation project", "the workplace programme", "our platform consolidation project",
                 "the project we discussed")
CUSTOMER_GROWTH_LEADS = ("We also agree with the adoption plan: ", "As discussed, the plan includes the following: ",
                         "Our goal with your help: ", "On adoption: ", "")


def _scope(v: Voice) -> str:
    rng = v.rng
    linked = v.linked()
    if not linked:
        return pick(rng, GENERIC_SCOPE)
    phrases = [pick(rng, SCOPE_NOUNS).format(prod=v.prod(c)) for c in linked]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _addr(name: str, email: str) -> str:
    return f"{name} <{email}>"


def _mention_lines(v: Voice) -> list[str]:
    out = []
    for code in v.mentioned("background"):
        out.append(fill(v.rng.choice(("We already use {prod}, so that part is not needed.",
                                      "{prod} is already in place and stays with our internal team.",
                                      "For completeness: we use {prod} today and that does not change.")),
                        {"prod": v.prod(code)}))
    for code in v.mentioned("negation"):
        out.append(v.say(mentions.NEGATION, prod=v.prod(code)))
    return out


def _growth_lines(v: Voice) -> list[str]:
    if v.plan.growth not in ("numeric", "plain", "table"):
        return [" ".join(parts.goodwill(v))] if v.plan.growth == "goodwill" else []
    sentences = parts.growth_sentences(v, numeric=v.plan.growth != "plain", k=v.rng.choice((1, 2)))
    return [v.rng.choice(CUSTOMER_GROWTH_LEADS) + " ".join(sentences)]


def _detail_lines(v: Voice) -> list[str]:
    """A sentence or two of work detail (the product named together with the work)."""
    rng = v.rng
    lines = []
    for code in v.linked()[:2]:
        if rng.random() < 0.6:
            lines.append(fill(rng.choice(("The scope covers the work to {work}.", "That includes the plan to {work}.",
                                          "Your team will {work}.", "The first phase will {work}.")),
                              {"work": v.work(code)}))
    return lines


def _signature_lines(name: str, title: str, org: str, phone: str) -> Paragraph:
    return Paragraph("\n".join(x for x in (name, title, org, phone) if x))


def ack_email(v: Voice) -> Email:
    rng = v.rng
    ds = v.ds
    sc = v.sc
    when = ds.mail
    scope = _scope(v)
    topic = parts.topic(v)
    cust = v.c_signer
    body: list[Block] = [Paragraph(fill(pick(rng, mail.GREETINGS), {"first": v.p_contact.first}))]
    # The customer names the partner in full once (a bare "Fabrikam" would be arguable).
    confirm = fill(pick(rng, mail.CONFIRM), {"Pname": v.P_full, "Cname": v.C_full, "scope": scope})
    body.append(Paragraph(confirm))
    detail = _detail_lines(v) + _mention_lines(v)
    if detail:
        body.append(Paragraph(" ".join(detail)))
    for g in _growth_lines(v):
        body.append(Paragraph(g))
    if rng.random() < 0.6:
        body.append(Paragraph(pick(rng, mail.APPROVE_SOW)))
    kickoff = dt.fmt(ds.effective, v.style)
    body.append(Paragraph(fill(pick(rng, mail.LOGISTICS), {"date": kickoff, "other_first": sc.approver.first})))
    body.append(Paragraph(pick(rng, mail.CLOSINGS)))
    body.append(_signature_lines(cust.full, cust.title, v.C_full, v.corg.phone))
    if rng.random() < 0.6:
        body.append(Paragraph(fill(pick(rng, mail.DISCLAIMERS), {"Cname": v.C_full, "country": v.corg.country,
                                                                 "addr": ", ".join(v.corg.address)}), style="small"))
    subject = fill(pick(rng, mail.SUBJECTS_ACK), {"topic": topic, "Pshort": v.porg.short})
    asked = when - timedelta(days=rng.randint(1, 5), hours=rng.randint(1, 6))
    if rng.random() < 0.7:  # the partner's request, quoted below the reply
        body.append(Paragraph("-----Original Message-----" if rng.random() < 0.5 else
                              f"On {dt.rfc2822(asked)[:16]}, {v.p_contact.full} <{v.p_contact.email}> wrote:"))
        body.append(Paragraph(f"> {fill(pick(rng, mail.GREETINGS), {'first': cust.first})}"))
        body.append(Paragraph("> " + fill(pick(rng, mail.PARTNER_REQUEST), {"Pname": v.P_full, "Cname": v.C_full,
                                                                            "scope": scope})))
        body.append(Paragraph(f"> {v.p_contact.full}, {v.p_contact.title}, {v.P_full}"))
    from_addr = _addr(cust.full, cust.email)
    to = (_addr(v.p_contact.full, v.p_contact.email),)
    cc = tuple(_addr(p.full, p.email) for p in (sc.partner_signer,) if p.email != v.p_contact.email)
    if v.plan.sig == "email_forwarded":
        fwd = when + timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 5))
        head = [Paragraph(rng.choice(("FYI - customer confirmation below.", "Forwarding the customer's confirmation "
                                      "for the claim file.", "See below - confirmation from the customer."))),
                Paragraph(f"{v.p_contact.full}\n{v.P_full}"),
                Paragraph("---------- Forwarded message ---------"),
                Paragraph(f"From: {from_addr}\nDate: {dt.rfc2822(when)}\nSubject: {subject}\nTo: {to[0]}")]
        if sc.partner_signer.email != v.p_contact.email:
            forward_to = _addr(sc.partner_signer.full, sc.partner_signer.email)
        else:  # to the team mailbox that files the claim paperwork
            forward_to = f"{rng.choice(('incentives', 'partnercenter', 'cpor', 'bids'))}@{v.porg.domain}"
        return Email(filename=_mail_name(v, "FW"), from_addr=_addr(v.p_contact.full, v.p_contact.email),
                     to_addrs=(forward_to,), subject=f"FW: {subject}",
                     date=dt.rfc2822(fwd), body=tuple(head + body))
    return Email(filename=_mail_name(v, "RE"), from_addr=from_addr, to_addrs=to, cc_addrs=cc, subject=subject,
                 date=dt.rfc2822(when), body=tuple(body))


def partner_email(v: Voice) -> Email:
    """The partner writing to the customer: names both, shows the work, acknowledges nothing."""
    rng = v.rng
    ds = v.ds
    scope = _scope(v)
    topic = parts.topic(v)
    body: list[Block] = [Paragraph(fill(pick(rng, mail.GREETINGS), {"first": v.c_contact.first}))]
    body.append(Paragraph(fill(pick(rng, mail.PARTNER_UPDATE), {"scope": scope})))
    body.append(Paragraph(fill(rng.choice((
        "Thank you again for choosing {Pname} as the delivery partner for {Cname}.",
        "It was good to meet the {Cname} project team last week.",
        "As agreed with {Cname}, we will keep you updated weekly.",
        "For {Cname}, the team from {Pname} will be led by me.")), {"Pname": v.P_full, "Cname": v.C_full})))
    detail = [fill(rng.choice(("We will {work}.", "Next, the team will {work}.", "The plan is to {work}.")),
                   {"work": v.work(c)}) for c in v.linked()[:2]]
    detail += _mention_lines(v)
    if detail:
        body.append(Paragraph(" ".join(detail)))
    for g in _growth_lines(v):
        body.append(Paragraph(g.replace("Our goal with your help: ", "")))
    body.append(Paragraph(f"We propose to start on {dt.fmt(ds.effective, v.style)}."))
    body.append(Paragraph(pick(rng, mail.CLOSINGS)))
    body.append(_signature_lines(v.p_contact.full, v.p_contact.title, v.P_full, v.porg.phone))
    subject = fill(pick(rng, mail.SUBJECTS_PARTNER), {"topic": topic})
    return Email(filename=_mail_name(v, ""), from_addr=_addr(v.p_contact.full, v.p_contact.email),
                 to_addrs=(_addr(v.c_contact.full, v.c_contact.email),), subject=subject,
                 date=dt.rfc2822(ds.mail - timedelta(days=rng.randint(2, 9))), body=tuple(body))


def _mail_name(v: Voice, prefix: str) -> str:
    rng = v.rng
    base = rng.choice(("Customer confirmation", "Confirmation email", "Acknowledgement", "customer_ack",
                       "Email from customer", "Engagement confirmation")) if prefix else rng.choice(
        ("Email to customer", "Kick-off email", "Proposal email", "Project update"))
    if prefix and rng.random() < 0.4:
        base = f"{prefix}_ {base}"
    return base.replace(" ", rng.choice(("_", " "))) + ".eml"


def product_label(code: str) -> str:
    return PRODUCTS[code].name
