"""An independent audit of the corpus labels against what the documents say.

It reads the composed documents as text (``compose.plain_text``) or the rendered files (through
``extractors.extract``) and checks each label with blunt, generator-agnostic rules: catalogue
aliases for products, the organisations' names, date patterns near the 12-month window, growth
vocabulary. A problem is a label the text contradicts.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from samples.phrasing import growth as growth_bank
from samples.products import PRODUCTS
from samples.scenario import ClaimScenario, first, product_truth

CATALOGUE = Path(__file__).resolve().parents[2] / "scoring" / "data" / "catalogue.json"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
GROWTH_WORDS = re.compile(r"\b(adoption|adopt|uptake|grow|growing|growth|increase|increasing|expand|expansion|"
                          r"active users?|active use|active usage|drive usage|seat count|licensed seats|onboard a further|"
                          r"further business units|additional licen[cs]es|scale)\b", re.I)


TEMPLATE_WORDING = (
    *growth_bank.TEMPLATE_GROWTH_LABELS, "Describe the activities driving revenue and/or usage growth",
    "Usage / adoption", "| Adoption |", "Deployment Adoption", "Signature Adoption", "5. Revenue and usage growth", "Adoption and growth",
    "Growth activities", "is a growing", "is today a growing",
)


@cache
def _catalogue() -> dict[str, dict[str, object]]:
    data = json.loads(CATALOGUE.read_text())
    return {p["code"]: p for p in data["products"]}


def product_patterns(code: str) -> list[re.Pattern[str]]:
    cat = _catalogue()
    codes = [code, *cat.get(code, {}).get("includes", [])]  # type: ignore[list-item]
    pats: list[re.Pattern[str]] = []
    for c in codes:
        entry = cat.get(c, {})
        names = [*entry.get("aliases", []), str(entry.get("name", ""))]  # type: ignore[misc]
        for a in names:
            if a:
                pats.append(re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])", re.I))
        cased = list(entry.get("cased_aliases", []))  # type: ignore[call-overload]
        if c in PRODUCTS:  # the generator's own spellings, as cased as it writes them ("Teams")
            cased += [PRODUCTS[c].name, *PRODUCTS[c].aliases]
        for a in cased:
            pats.append(re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])"))
    return pats


def names_product(text: str, code: str) -> str | None:
    for pat in product_patterns(code):
        m = pat.search(text)
        if m:
            return m.group(0)
    return None


_DATE_RES = (
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + "|".join(m.capitalize() for m in MONTHS) + r") (\d{4})\b"), "dmy"),
    (re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r") (\d{1,2}), (\d{4})\b"), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), "num"),
    (re.compile(r"\b(\d{1,2})-(" + "|".join(m[:3].capitalize() for m in MONTHS) + r")-(\d{4})\b"), "dabbr"),
    (re.compile(r"\b(" + "|".join(m[:3].capitalize() for m in MONTHS) + r") (\d{1,2}), (\d{4})\b"), "abbr"),
    (re.compile(r"\b(\d{1,2}) (" + "|".join(m[:3].capitalize() for m in MONTHS) + r") (\d{4})\b"), "dabbr"),
)


def dates_in(text: str) -> list[date]:
    out: list[date] = []
    for pat, kind in _DATE_RES:
        for m in pat.finditer(text):
            try:
                if kind == "dmy":
                    out.append(date(int(m[3]), MONTHS.index(m[2].lower()) + 1, int(m[1])))
                elif kind == "mdy":
                    out.append(date(int(m[3]), MONTHS.index(m[1].lower()) + 1, int(m[2])))
                elif kind == "iso":
                    out.append(date(int(m[1]), int(m[2]), int(m[3])))
                elif kind == "num":  # both readings
                    a, b, y = int(m[1]), int(m[2]), int(m[3])
                    for d_, mo in ((a, b), (b, a)):
                        if 1 <= mo <= 12 and 1 <= d_ <= 31:
                            out.append(date(y, mo, d_))
                elif kind == "dabbr":
                    out.append(date(int(m[3]), [x[:3] for x in MONTHS].index(m[2].lower()) + 1, int(m[1])))
                else:
                    out.append(date(int(m[3]), [x[:3] for x in MONTHS].index(m[1].lower()) + 1, int(m[2])))
            except ValueError:
                continue
    return out


def _has(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def audit_claim(sc: ClaimScenario, texts: list[str], labels: dict[str, object]) -> list[str]:
    """Problems found in one claim (``texts``: one per readable document)."""
    problems: list[str] = []
    texts = [re.sub(r"\s+", " ", t) for t in texts]  # names wrap across lines in PDFs
    text = "\n".join(texts)
    crit = labels["criteria"]
    assert isinstance(crit, dict)
    # Products
    for p in sc.products:
        truth = product_truth(sc, p.code)
        hit = names_product(text, p.code)
        if truth == "absent" and hit:
            problems.append(f"{p.code} labelled absent but named as {hit!r}")
        if truth != "absent" and not hit:
            problems.append(f"{p.code} labelled {truth} but not named")
    # Names
    for side, org, label in (("partner", sc.partner, first(crit["partner_name"])),
                             ("customer", sc.customer, first(crit["customer_name"]))):
        base_variants = {org.base, org.base.replace("&", "and")}
        present = any(_has(text, b) for b in base_variants)
        if label == "met" and not present:
            problems.append(f"{side} name met but {org.base!r} not in text")
        if label == "not_met":
            if any(_has(text, b) for b in base_variants) or _has(text, org.short):
                problems.append(f"{side} name not_met but {org.short!r} appears")
            if side == "customer" and org.domain in text:
                problems.append("customer name not_met but its domain appears")
    # Dates
    window_lo = (sc.submitted_at - timedelta(days=365)).date()
    window_hi = sc.submitted_at.date()
    found = dates_in(text)
    in_window = [d for d in found if window_lo <= d <= window_hi]
    if first(crit["dates"]) == "met" and not in_window:
        problems.append("dates met but no date in the 12 months before submission")
    if first(crit["dates"]) == "not_met" and in_window and "distractor_date_only" not in sc.cases:
        problems.append(f"dates not_met but {in_window[:3]} in window")
    # Growth
    if first(crit["growth_activities"]) == "not_met":
        body = "\n".join(texts)
        for phrase in TEMPLATE_WORDING:  # the POE template's own labels and instructions are not claims
            body = body.replace(phrase, "")
        for m in GROWTH_WORDS.finditer(body):
            line = body[max(0, m.start() - 80): m.end() + 80].replace("\n", " ")
            problems.append(f"growth not_met but {m.group(0)!r}: ...{line}...")
            break
    return problems


def recent_window(submitted: datetime) -> tuple[date, date]:
    return (submitted - timedelta(days=365)).date(), submitted.date()


def _about_other_products(sc: ClaimScenario, doc: object) -> bool:
    """An e-mail naming catalogue products the claim does not claim, and none it claims."""
    text = " ".join([str(getattr(doc, "subject", ""))] + [str(getattr(b, "text", "")) for b in getattr(doc, "body", ())])
    claimed = {p.code for p in sc.products}
    named = {code for code in PRODUCTS if names_product(text, code)}
    return bool(named - claimed) and not named & claimed


def signature_problems(sc: ClaimScenario, docs: list[object], label: object) -> list[str]:
    """Read the composed documents' structure for a customer signature/acknowledgment and compare
    with the label: a signed customer block (dated in the window or undated), a filled template
    acknowledgment, an approved purchase order, or an e-mail from the customer's domain."""
    from samples.docmodel import Document, Email, Fields, Paragraph, SignatureBlock

    people = {sc.customer_signer.full, sc.customer_contact.full, sc.approver.full}
    lo, hi = recent_window(sc.submitted_at)
    good: list[str] = []
    late: list[str] = []
    for doc in docs:
        if isinstance(doc, Email):
            if _about_other_products(sc, doc):
                continue  # D-11.1, R-SIG-011: the acknowledgment of another engagement is none of this one
            if doc.from_addr.endswith(f"@{sc.customer.domain}>"):
                good.append("email")
            if any(isinstance(b, Paragraph) and f"@{sc.customer.domain}>" in b.text and b.text.startswith("From:")
                   for b in doc.body):
                good.append("forwarded email")
            continue
        if not isinstance(doc, Document):
            continue
        for block in doc.blocks:
            if isinstance(block, SignatureBlock):
                for s in block.signatories:
                    if s.name in people and (s.signature or s.image):
                        when = dates_in(s.date or "")
                        if not when or any(lo <= d <= hi for d in when):
                            good.append(f"block {s.signature}")
                        elif any(d > hi for d in when):
                            late.append(f"block dated {s.date}")
            if isinstance(block, Fields):
                pairs = dict(block.pairs)
                if pairs.get("Name") in people and pairs.get("Signature"):
                    when = dates_in(pairs.get("Date", ""))
                    if not when or any(lo <= d <= hi for d in when):
                        good.append("template acknowledgment")
                approved = pairs.get("Approved by:", "")
                if sc.approver.full in approved:
                    good.append("purchase order")
    truth = first(label)  # type: ignore[arg-type]
    if truth == "met" and not good:
        return ["signature met but no customer signature found"]
    if truth == "not_met" and good:
        return [f"signature not_met but found {good[:2]}"]
    if isinstance(label, list) and not late:
        return ["signature labelled as dated after submission, but no such date"]
    return []
