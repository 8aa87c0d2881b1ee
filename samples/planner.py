"""The per-claim document planner: which files a claim's partner uploaded and what each shows.

Given a claim's drawn truth (``scenario.draw_truth``), :class:`Planner` picks a story (an SOW, an
SOW plus the customer's e-mail, the POE template, ...) that can realise it, then the mode of each
criterion in each document, keeping the rules listed in ``scenario``'s module docstring. The hard
case used is recorded in ``Planner.cases``.
"""

from __future__ import annotations

import random
from typing import Any

from samples import names as nm
from samples.products import PRODUCTS, SIBLINGS, code_aliases
from samples.scenario import (
    GROWTH_KINDS,
    KIND_FORMATS,
    LINK_HOW_BY_KIND,
    MENTION_HOW_BY_KIND,
    NAME_POSITIVE,
    NEEDS_NAMES_AND_DATES,
    PRODUCT_KINDS,
    SIG_NEGATIVE_BY_KIND,
    SIG_POSITIVE_BY_KIND,
    STORIES,
    UNDATED_OK,
    ClaimScenario,
    DocPlan,
    ProductTruth,
    _wchoice,
)


class Planner:
    """Builds one claim's products and documents from its truth."""

    def __init__(self, rng: random.Random, sc: ClaimScenario, truth: dict[str, str]) -> None:
        self.rng = rng
        self.sc = sc
        self.t = truth
        self.cases: list[str] = []

    # -- products -------------------------------------------------------------------------------
    def product_truths(self, codes: list[str]) -> list[ProductTruth]:
        rng = self.rng
        out: list[ProductTruth] = []
        if self.t["product_links"] == "met":
            truths = ["linked"] * len(codes)
        else:
            truths = [rng.choice(("linked", "mentioned", "absent")) for _ in codes]
            if all(x == "linked" for x in truths):
                truths[rng.randrange(len(codes))] = rng.choice(("mentioned", "mentioned", "absent"))
            if self.t["growth_activities"] == "met" and all(x == "absent" for x in truths):
                truths[0] = "mentioned"  # growth of the claim needs the claimed product named (D-11.3 with D-11.2)
        for code, truth in zip(codes, truths, strict=True):
            how = "not_named" if truth == "absent" else ""
            if truth == "absent" and code in SIBLINGS and SIBLINGS[code] not in codes and rng.random() < 0.5:
                how = "sibling"
            written = _wchoice(rng, (("full", 55), ("alias", 35), ("code", 10))) if truth != "absent" else "full"
            if written == "code" and not code_aliases(code):
                written = "alias"
            out.append(ProductTruth(code, PRODUCTS[code].name, truth, how, written=written))
        if len(codes) > 1:
            self.cases.append("multi_product")
        return out

    # -- documents ------------------------------------------------------------------------------
    def allowed_story(self, kinds: tuple[str, ...]) -> bool:
        t = self.t
        names_dates_ok = t["partner_name"] == "met" and t["customer_name"] == "met" and t["dates"] == "met"
        for k in kinds:
            if k in NEEDS_NAMES_AND_DATES and not names_dates_ok:
                return False
            if k in ("email_ack", "po") and t["customer_signature"] != "met":
                return False
        if t["customer_signature"] == "met":
            carriers = [k for k in kinds if k in SIG_POSITIVE_BY_KIND]
            if t["dates"] != "met":
                carriers = [k for k in carriers if k not in ("po", "email_ack")]
            if not carriers:
                return False
        if t["growth_activities"] == "met" and not any(k in GROWTH_KINDS for k in kinds):
            return False
        named = any(p.truth != "absent" for p in self.sc.products)
        return not named or any(k in PRODUCT_KINDS for k in kinds)

    def plan_docs(self, forced: tuple[str, ...] | None = None, fmts: tuple[str, ...] | None = None) -> list[DocPlan]:
        rng = self.rng
        if forced is None:
            options = [(s, w) for s, w in STORIES if self.allowed_story(s)]
            kinds = _wchoice(rng, tuple(options))
        else:
            kinds = forced
        docs = [DocPlan(kind=k, fmt=_wchoice(rng, KIND_FORMATS[k])) for k in kinds]
        for d, fmt in zip(docs, fmts or (), strict=False):
            d.fmt = fmt  # type: ignore[assignment]  # demo specs name formats as plain strings
        self._names(docs, "partner")
        self._names(docs, "customer")
        self._dates(docs)
        self._signature(docs)
        self._growth(docs)
        self._products(docs)
        self._date_styles(docs)
        self._format_cases(docs)
        return docs

    def _date_styles(self, docs: list[DocPlan]) -> None:
        """Each document writes dates the way its author's country does (POs and customer e-mails:
        the customer's), with some house styles mixed in."""
        rng = self.rng
        for d in docs:
            home = self.sc.customer.country if d.kind in ("po", "email_ack") else self.sc.partner.country
            styles = nm.COUNTRIES[home][1] * 3 + ("long_uk", "long_us", "iso", "dmy_abbr", "ordinal_uk", "abbr_us",
                                                  "weekday_uk", "de")
            d.style = rng.choice(styles)
            if d.kind == "poe_template" and rng.random() < 0.45:
                d.style = "iso"  # written as real Excel date cells by the renderer
        if self.t["dates"] == "met":
            shown = {d.style for d in docs if d.dates == "recent"}
            for style, tag in (("us_num", "date_format_us_numeric"), ("uk_num", "date_format_eu_numeric"),
                               ("dmy_dash", "date_format_eu_numeric"), ("de", "date_format_dotted"),
                               ("iso", "date_format_iso"), ("dmy_abbr", "date_format_d_mon_y")):
                if style in shown:
                    self.cases.append(tag)

    def _carrier(self, docs: list[DocPlan], able: set[str] | dict[str, Any], tag: str) -> int:
        idx = [i for i, d in enumerate(docs) if d.kind in able]
        if not idx:
            raise ValueError(f"no carrier for {tag}")
        choice = 0 if 0 in idx and (len(idx) == 1 or self.rng.random() < 0.7) else self.rng.choice(idx)
        if choice != 0:
            self.cases.append(f"{tag}_in_second_doc")
        return choice

    def _names(self, docs: list[DocPlan], side: str) -> None:
        rng = self.rng
        crit = f"{side}_name"
        org = self.sc.partner if side == "partner" else self.sc.customer
        positives = list(NAME_POSITIVE)
        if "&" in org.base:
            positives += ["amp", "amp"]
        if self.t[crit] == "met":
            carrier = 0
            if len(docs) > 1 and rng.random() < 0.2 and all(d.kind not in NEEDS_NAMES_AND_DATES for d in docs[:1]):
                carrier = rng.randrange(1, len(docs))
            for i, d in enumerate(docs):
                must = i == carrier or d.kind in NEEDS_NAMES_AND_DATES or d.kind == "signed_page"
                mode = rng.choice(positives) if must or rng.random() < 0.7 else "generic"
                setattr(d, side, mode)
            modes = {getattr(d, side) for d in docs}
            if carrier != 0 and getattr(docs[0], side) == "generic":
                self.cases.append(f"{side}_name_in_second_doc")
            for m, tag in (("variant", "legal_suffix_variant"), ("upper", "upper_case_name"),
                           ("nosuffix", "name_without_suffix"), ("amp", "ampersand_variant")):
                if m in modes and not modes & {"full"}:
                    self.cases.append(f"{side}_{tag}")
            return
        # Not met: another organisation only when no customer signature is to be shown.
        negs = ["placeholder", "generic"]
        if self.t["customer_signature"] != "met" and not (side == "customer" and docs[0].partner == "other"):
            negs.append("other")
        mode = rng.choice(negs)
        for d in docs:
            setattr(d, side, mode)
        self.cases.append({"placeholder": f"{side}_placeholder", "generic": f"{side}_generic_role",
                           "other": f"{side}_other_org"}[mode])

    def _dates(self, docs: list[DocPlan]) -> None:
        rng = self.rng
        if self.t["dates"] == "met":
            for d in docs:
                d.dates = "recent"
            # An old signed MSA beside a recent SOW: the SOW carries the dates.
            if len(docs) > 1 and docs[0].kind == "msa" and self.t["customer_signature"] != "met" and rng.random() < 0.6:
                docs[0].dates = "old"
                self.cases.append("old_msa_recent_sow")
            return
        mode = _wchoice(rng, (("tbd", 3), ("placeholder", 2), ("blank", 3), ("none", 2), ("old", 3),
                              ("distractor", 2)))
        if mode == "old" and self.t["customer_signature"] == "met":
            mode = rng.choice(("tbd", "blank", "none"))
        if mode == "distractor" and docs[0].kind != "sow":  # only an SOW carries a "valid until" line
            mode = "none"
        for d in docs:
            d.dates = mode
        self.cases.append({"tbd": "dates_tbd", "placeholder": "dates_placeholder", "blank": "dates_blank",
                           "none": "no_dates", "old": "dates_older_than_12_months",
                           "distractor": "distractor_date_only"}[mode])

    def _signature(self, docs: list[DocPlan]) -> None:
        rng = self.rng
        t = self.t
        if t["customer_signature"] == "met":
            able = set(SIG_POSITIVE_BY_KIND)
            if t["dates"] != "met":
                able -= {"po", "email_ack"}
            inherent = [i for i, x in enumerate(docs) if x.kind in ("po", "email_ack", "signed_page")]
            if inherent and inherent[0] != 0:
                idx = inherent[0]
                self.cases.append("signature_in_second_doc")
            else:
                idx = self._carrier(docs, able, "signature")
            d = docs[idx]
            options = SIG_POSITIVE_BY_KIND[d.kind]
            if d.dates != "recent":
                options = tuple(o for o in options if o in UNDATED_OK) or ("block",)
            d.sig = rng.choice(options)
            for i, other in enumerate(docs):
                if i != idx:
                    other.sig = (rng.choice(SIG_POSITIVE_BY_KIND[other.kind]) if other.kind in ("po", "email_ack")
                                 else self._neutral_sig(other))
            tag = {"block": "signature_block", "docusign": "docusign", "adobe": "adobe_sign",
                   "e_signed": "signed_electronically", "template_ack": "poe_template_ack",
                   "po_approved": "signature_in_po_only", "email_ack": "signature_in_email_only",
                   "email_forwarded": "forwarded_ack_email"}[d.sig]
            self.cases.append(tag)
            if d.kind == "signed_page":
                self.cases.append("signed_page_separate")
            if d.dates != "recent":
                self.cases.append("undated_signature")
            return
        # Not met: the primary document shows the negative; others show nothing better.
        d0 = docs[0]
        options = SIG_NEGATIVE_BY_KIND.get(d0.kind, ("none",))
        if d0.dates != "old":  # an old signature needs a document whose dates are all old
            options = tuple(o for o in options if o != "old") or ("blank",)
        if d0.dates == "old":
            options = ("old",) if "old" in options else options
        if "other" in (d0.partner, d0.customer):
            options = tuple(o for o in options if o not in ("other_org",)) or ("blank",)
        if d0.customer == "other":
            options = ("other_org",) if "other_org" in SIG_NEGATIVE_BY_KIND.get(d0.kind, ()) else options
        sig = rng.choice(options)
        if sig != "old" and d0.dates == "recent" and d0.kind in ("sow", "letter", "change", "msa") \
                and rng.random() < 0.2 and d0.customer != "other":
            sig = "after"
        d0.sig = sig
        for other in docs[1:]:
            other.sig = self._neutral_sig(other)
        tag = {"blank": "customer_block_blank", "placeholder": "signature_placeholder",
               "partner_only": "partner_only_signature", "draft": "unsigned_draft",
               "old": "signature_older_than_12_months", "other_org": "signed_by_other_org", "none": "no_signature",
               "partner_email": "partner_email_not_ack", "after": "signature_after_submission"}[sig]
        self.cases.append(tag)

    def _neutral_sig(self, d: DocPlan) -> str:
        if d.kind == "email_partner":
            return "partner_email"
        if d.kind in ("email_ack", "po"):
            raise AssertionError("positive-only kind as a neutral document")
        if d.dates == "old":
            return "old" if d.kind in ("msa", "sow", "poe_template", "signed_page") else "partner_only"
        return self.rng.choice(("blank", "partner_only", "none")) if d.kind not in ("poe_template", "signed_page") \
            else ("blank" if d.kind == "poe_template" else "partner_only")

    def _growth(self, docs: list[DocPlan]) -> None:
        rng = self.rng
        if self.t["growth_activities"] == "met":
            idx = self._carrier(docs, GROWTH_KINDS, "growth")
            d = docs[idx]
            if d.kind == "poe_template":
                d.growth = "template"
            elif d.kind in ("po", "email_ack", "email_partner"):
                d.growth = rng.choice(("numeric", "plain"))
            else:
                d.growth = _wchoice(rng, (("numeric", 5), ("plain", 3), ("table", 2)))
            self.cases.append({"numeric": "growth_numeric", "plain": "growth_no_numbers", "table": "growth_kpi_table",
                               "template": "growth_in_template"}[d.growth])
            for i, other in enumerate(docs):
                if i != idx:
                    other.growth = rng.choice(("none", "goodwill", "technical"))
            return
        d0 = docs[0]
        if d0.kind == "poe_template":
            mode = rng.choice(("template_empty", "template_empty", "goodwill", "technical"))
        else:
            mode = _wchoice(rng, (("goodwill", 4), ("technical", 4), ("none", 2)))
        d0.growth = mode
        for other in docs[1:]:
            other.growth = rng.choice(("none", "goodwill", "technical"))
        self.cases.append({"template_empty": "template_growth_empty", "goodwill": "goodwill_only",
                           "technical": "technical_only", "none": "no_growth_text"}[mode])

    def _products(self, docs: list[DocPlan]) -> None:
        rng = self.rng
        product_docs = [i for i, d in enumerate(docs) if d.kind in PRODUCT_KINDS]
        for p in self.sc.products:
            if p.truth == "absent":
                self.cases.append("product_absent" if p.how == "not_named" else "sibling_sku")
                if p.how == "sibling":
                    sib = SIBLINGS[p.code]
                    i = rng.choice([j for j in product_docs if docs[j].kind in LINK_HOW_BY_KIND])
                    docs[i].products[sib] = f"link:{rng.choice(LINK_HOW_BY_KIND[docs[i].kind])}"
                continue
            if p.truth == "linked":
                able = [i for i in product_docs if docs[i].kind in LINK_HOW_BY_KIND]
                i = able[0] if rng.random() < 0.75 else rng.choice(able)
                if i != able[0]:
                    self.cases.append("product_linked_in_second_doc")
                p.how = rng.choice(LINK_HOW_BY_KIND[docs[i].kind])
                docs[i].products[p.code] = f"link:{p.how}"
                # Also named on a licence list somewhere (harmless: a linked product stays linked).
                for j in product_docs:
                    if j != i and docs[j].kind in ("quote", "po") and rng.random() < 0.6:
                        docs[j].products.setdefault(p.code, "mention:licensing")
                if p.how == "headed_list":
                    self.cases.append("product_headed_list")
                if p.written == "alias":
                    self.cases.append("alias_product_name")
                elif p.written == "code":
                    self.cases.append("product_code_name")
                continue
            able = [i for i in product_docs if docs[i].kind in MENTION_HOW_BY_KIND]
            i = able[0] if rng.random() < 0.7 else rng.choice(able)
            p.how = rng.choice(MENTION_HOW_BY_KIND[docs[i].kind])
            docs[i].products[p.code] = f"mention:{p.how}"
            self.cases.append({"background": "product_background_only", "licensing": "product_licensing_list",
                               "assumption": "product_assumption_only", "out_of_scope": "product_out_of_scope",
                               "negation": "product_negated"}[p.how])
        # Work on unclaimed products, and products named in passing: realistic noise.
        claimed_groups = {PRODUCTS[p.code].group for p in self.sc.products} | {
            PRODUCTS[SIBLINGS[p.code]].group for p in self.sc.products if p.code in SIBLINGS}
        pool = [c for c, pr in PRODUCTS.items() if pr.group not in claimed_groups
                and pr.area == PRODUCTS[self.sc.products[0].code].area]
        pool += [c for c in ("POWER_BI",) if c not in [p.code for p in self.sc.products]
                 and "powerbi" not in claimed_groups]
        claimed = {p.code for p in self.sc.products}
        for d in docs:
            if d.kind not in PRODUCT_KINDS or not pool:
                continue
            # The customer's acknowledgment names the claimed engagement or no product at all: one
            # about unclaimed products only acknowledges another engagement (D-11.1, R-SIG-011). The
            # draws are made all the same, so the rest of the corpus stays as it was.
            keep = not (_acknowledgment(d) and claimed.isdisjoint(d.products))
            if d.kind in LINK_HOW_BY_KIND and not any(m.startswith("link:") for m in d.products.values()):
                # A work document always describes work on something: here, products not claimed.
                code = rng.choice(pool)
                how = f"link:{rng.choice(LINK_HOW_BY_KIND[d.kind])}"
                if keep:
                    d.products[code] = self.sc.extra_products[code] = how
            for code in rng.sample(pool, k=min(len(pool), rng.choice((0, 0, 1, 1, 2)))):
                if code in d.products:
                    continue
                if d.kind in LINK_HOW_BY_KIND and rng.random() < 0.35:
                    how = f"link:{rng.choice(LINK_HOW_BY_KIND[d.kind])}"
                else:
                    how = f"mention:{rng.choice(MENTION_HOW_BY_KIND[d.kind])}"
                if keep:
                    d.products[code] = self.sc.extra_products[code] = how

    def _format_cases(self, docs: list[DocPlan]) -> None:
        fmts = {d.fmt for d in docs}
        if "scan_pdf" in fmts:
            self.cases.append("scanned")
        if "png" in fmts:
            self.cases.append("png_photo")
        if "xlsx" in fmts:
            self.cases.append("xlsx_template")
        if any(d.kind == "email_ack" for d in docs):
            self.cases.append("email_ack")
        if len(docs) > 1:
            self.cases.append("multi_document")
        if any(d.kind == "quote" for d in docs):
            self.cases.append("licensing_quote")


def _acknowledgment(d: DocPlan) -> bool:
    """The customer's acknowledgment of the engagement: its e-mail, or the POE template's acknowledgment."""
    return d.kind == "email_ack" or d.kind == "poe_template" and d.sig == "template_ack"
