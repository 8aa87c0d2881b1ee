"""Signature blocks, e-signature stamps and certificates, per the plan's signature mode."""

from __future__ import annotations

from datetime import date

from samples import dates as dt
from samples.compose import Voice
from samples.docmodel import (
    Block,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Signatory,
    SignatureBlock,
    Table,
)

INTROS = ("IN WITNESS WHEREOF the parties have signed this Statement of Work.",
          "Agreed and accepted by the authorised representatives of the parties:",
          "Signed for and on behalf of the parties:",
          "By signing below, the parties agree to the terms of this document.",
          "The undersigned confirm their agreement to the scope and terms above.",
          "Authorised signatories", "")
SIGNED_TEXT = ("/s/ {name}", "{name}", "{name}", "Signed electronically by {name}", "{name} (e-signed)",
               "Digitally signed by {name}")


def _hex(v: Voice, k: int) -> str:
    return "".join(v.rng.choice("0123456789ABCDEF") for _ in range(k))


def envelope_id(v: Voice) -> str:
    return f"{_hex(v, 8)}-{_hex(v, 4)}-{_hex(v, 4)}-{_hex(v, 4)}-{_hex(v, 12)}"


def _party_labels(v: Voice, side: str) -> tuple[str, str]:
    """(caption, org) of a party's block."""
    rng = v.rng
    full = v.P_full if side == "partner" else v.C_full
    role = v.P_def if side == "partner" else v.C_def
    named = v.p_named if side == "partner" else v.c_named
    if not named:  # a placeholder or a bare role: that is all the block can say
        return rng.choice((f"For and on behalf of {full}", role.upper(), f"{role}:", f"Signed for {full}")), ""
    return rng.choice(((f"For and on behalf of {full}", ""), (role.upper(), full), (full, ""),
                       (f"Signed for {full}", ""), (f"{role}:", full), (full.upper(), "")))


def _signed(v: Voice, name: str, image_ok: bool = True) -> tuple[str | None, bool]:
    rng = v.rng
    wet = 0.6 if v.plan.fmt in ("scan_pdf", "png") else 0.2  # a scanned page is mostly signed by hand
    if image_ok and rng.random() < wet:
        return None, True
    return rng.choice(SIGNED_TEXT).format(name=name), False


def signatory(v: Voice, side: str, signed: bool, when: date | None, *, text: str | None = None,
              label: tuple[str, str] | None = None, person_name: str | None = None,
              person_title: str | None = None) -> Signatory:
    person = v.p_signer if side == "partner" else v.c_signer
    caption, org = label or _party_labels(v, side)
    if not signed:
        blankish = v.rng.random() < 0.3
        return Signatory(caption, org, signature=None, name=None if not blankish else "", title=None,
                         date=None if v.plan.dates in ("recent", "old", "blank", "none", "distractor") else v.d(None))
    if text is None:
        sig, image = _signed(v, person_name or person.full)
    else:
        sig, image = text, False
    shown = v.d(when) if when is not None or not v.dated else None
    return Signatory(caption, org, signature=sig, name=person_name or person.full,
                     title=person_title or person.title, date=shown, image=image)


def blocks(v: Voice, *, kind: str = "sow") -> list[Block]:
    """The signature section of a contract-like document for ``v.plan.sig``."""
    rng = v.rng
    mode = v.plan.sig
    ds = v.ds
    layout = rng.choice(("stacked", "columns", "table", "inline", "columns", "table"))
    intro = rng.choice(INTROS)
    if kind != "sow":
        intro = intro.replace("Statement of Work", {"msa": "Agreement", "letter": "letter",
                                                    "change": "change request"}.get(kind, "document"))
    partner_signed = rng.random() < 0.85
    p_date = ds.partner_sign if v.dated else None
    c_date = ds.customer_sign if v.dated else None
    out: list[Block] = []
    sigs: list[Signatory] = []
    if mode == "none":
        return []
    if mode in ("block", "e_signed"):
        text = f"Signed electronically by {v.c_signer.full}" if mode == "e_signed" else None
        sigs = [signatory(v, "customer", True, c_date, text=text),
                signatory(v, "partner", partner_signed, p_date)]
    elif mode == "docusign":
        text_c = f"DocuSigned by: {v.c_signer.full}"
        sigs = [signatory(v, "customer", True, c_date, text=text_c),
                signatory(v, "partner", True, p_date, text=f"DocuSigned by: {v.p_signer.full}")]
    elif mode == "adobe":
        stamp_c = f"{v.c_signer.full} ({dt.fmt(ds.customer_sign, 'abbr_us')} {rng.randint(8, 17)}:{rng.randint(10, 59)} GMT)"
        stamp_p = f"{v.p_signer.full} ({dt.fmt(ds.partner_sign, 'abbr_us')} {rng.randint(8, 17)}:{rng.randint(10, 59)} GMT)"
        sigs = [signatory(v, "customer", True, c_date, text=stamp_c), signatory(v, "partner", True, p_date, text=stamp_p)]
    elif mode == "blank":
        sigs = [signatory(v, "customer", False, None), signatory(v, "partner", partner_signed, p_date)]
    elif mode == "placeholder":
        caption, org = _party_labels(v, "customer")
        sigs = [Signatory(caption, org, signature="[Signature]", name="[Name]", title="[Title]",
                          date=rng.choice(("[Date]", "DD/MM/YYYY", "[date]"))),
                signatory(v, "partner", partner_signed, p_date)]
    elif mode == "partner_only":
        sigs = [signatory(v, "partner", True, p_date)]
    elif mode == "draft":
        sigs = [signatory(v, "customer", False, None), signatory(v, "partner", False, None)]
    elif mode == "old":
        sigs = [signatory(v, "customer", True, ds.customer_sign), signatory(v, "partner", True, ds.partner_sign)]
    elif mode == "other_org":
        if v.plan.customer == "other":  # the document's customer is another company: its signer signs
            sigs = [signatory(v, "customer", True, c_date), signatory(v, "partner", partner_signed, p_date)]
        else:  # the customer's block is signed by a third company (its IT service provider)
            third = v.sc.third_party
            label = rng.choice(((f"For and on behalf of {third.name}", ""), (third.name.upper(), ""),
                                (f"{v.C_def.upper()} (signed by its managed service provider)", third.name)))
            sigs = [signatory(v, "customer", True, c_date, label=label, person_name=v.third_signer.full,
                              person_title=v.third_signer.title),
                    signatory(v, "partner", True, p_date)]
    elif mode == "after":
        sigs = [signatory(v, "customer", True, v.recent.after), signatory(v, "partner", True, p_date)]
    else:
        raise ValueError(mode)
    if rng.random() < 0.5:
        sigs.reverse()  # partner first is as common as customer first
    out.append(SignatureBlock(tuple(sigs), layout=layout, intro=intro))  # type: ignore[arg-type]
    return out


def stamp(v: Voice) -> list[Block]:
    """The line an e-signature service prints on every page."""
    if v.plan.sig == "docusign":
        return [Paragraph(f"DocuSign Envelope ID: {envelope_id(v)}", style="stamp")]
    if v.plan.sig == "adobe":
        return [Paragraph(f"Adobe Acrobat Sign - Transaction ID: CBJCHBCAABAA{_hex(v, 20)}", style="stamp")]
    return []


def certificate(v: Voice, title: str) -> list[Block]:
    """DocuSign's certificate of completion / Adobe's audit report: only with real dates."""
    if v.plan.sig not in ("docusign", "adobe") or v.plan.dates != "recent" or v.rng.random() < 0.3:
        return []
    ds = v.ds
    rng = v.rng

    def stamp_time(d: date) -> str:
        return f"{d.month}/{d.day}/{d.year} | {rng.randint(8, 11)}:{rng.randint(10, 59):02d}:{rng.randint(10, 59):02d} AM"

    # E-mail addresses carry the organisations' domains: shown only for a party the document names.
    c_mail = f" {v.c_signer.email}" if v.c_named else ""
    p_mail = f" {v.p_signer.email}" if v.p_named else ""
    o_mail = f" {v.p_contact.email}" if v.p_named else ""
    if v.plan.sig == "docusign":
        return [PageBreak(), Heading("Certificate Of Completion", 2), Fields((
            ("Envelope Id:", envelope_id(v).replace("-", "")), ("Subject:", f"Please DocuSign: {title}"),
            ("Status:", "Completed"), ("Envelope Originator:", f"{v.p_contact.full}{o_mail}"),
            ("Signatures:", "2"), ("Time Zone:", "(UTC) Coordinated Universal Time"))),
            Table((("Signer Events", "Signature", "Timestamp"),
                   (f"{v.c_signer.full}{c_mail} {v.c_signer.title} Security Level: Email",
                    "Signature Adoption: Pre-selected Style", f"Sent: {stamp_time(ds.partner_sign)} Signed: "
                    f"{stamp_time(ds.customer_sign)}"),
                   (f"{v.p_signer.full}{p_mail} {v.p_signer.title}", "Signature Adoption: Drawn on Device",
                    f"Signed: {stamp_time(ds.partner_sign)}"))),
            Table((("Envelope Summary Events", "Status", "Timestamps"),
                   ("Envelope Sent", "Hashed/Encrypted", stamp_time(ds.partner_sign)),
                   ("Signing Complete", "Security Checked", stamp_time(ds.customer_sign)),
                   ("Completed", "Security Checked", stamp_time(ds.customer_sign))))]
    return [PageBreak(), Heading("Final Audit Report", 2), Fields((
        ("Created:", dt.fmt(ds.partner_sign, "iso")), ("By:", f"{v.p_contact.full}{o_mail}"),
        ("Status:", "Signed"), ("Transaction ID:", f"CBJCHBCAABAA{_hex(v, 20)}"))),
        Paragraph(f'"{title}" History', style="bold"),
        Paragraph(f"Document e-signed by {v.c_signer.full}{c_mail} Signature Date: "
                  f"{dt.fmt(ds.customer_sign, 'iso')} - {rng.randint(8, 17)}:{rng.randint(10, 59)}:00 GMT"),
        Paragraph(f"Agreement completed. {dt.fmt(ds.customer_sign, 'iso')}")]
