"""D-11.5: dates shown clearly: signature / acknowledgment dates, and milestones.

Dates are read in every common format (:mod:`scoring.checks.datefind`) plus the dates the
format types itself (XLSX date cells, email Date headers, PDF signing times). Each date gets a
role from the words around it: *signature* (a signature block's Date field, 'signed on',
e-signature stamps, the customer's acknowledgment email or PO), *milestone* (kick-off, phase,
go-live, start/end, effective date, a timeline section), or *other*. 'TBD', '[Date]' and blank
lines are not dates. ``met`` needs a signature/acknowledgment date that D-22 accepts
(milestones raise the confidence), or, when no signature is dated, the engagement's own dates
(effective, start, go-live, milestones) within 12 months before submission or ahead of it;
a signature whose own date is left TBD or blank is not made good by milestones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from scoring.checks.context import CheckContext
from scoring.checks.dateblock import Near, clause_before, quote_around
from scoring.checks.datefind import NOT_A_DATE, find_dates
from scoring.checks.signature import find_signatures
from scoring.checks.text import DocView, Segment
from scoring.reasons import reason
from scoring.types import CriterionResult, Evidence, Reason

# Whole words only: 'significant', 'design', 'assigned' and 'Executive' sign nothing (issue 12:
# 'significant delivery' made a CUAD delivery date a signature date).
_SIGN_WORD = r"\b(?:(?:counter)?sign(?:ed|s|ing|ature|atures|atory|atories)?|sign[- ]?off|execut(?:e|es|ed|ing|ion))\b"
_SIGN_CTX = re.compile(_SIGN_WORD + r"|acknowledg|accepted (?:on|by|and agreed)|approved on|agreed on|\bdated\b|"
                       r"\bfait [àa]\b|\blu et approuv|\bunterschrift|\bunterzeichnet|\bfirmado|\bondertekend", re.I)
# The clause that makes an agreement dates it: 'entered into this the 10th day of January 2000',
# 'made and entered into as of October 13, 2016', 'Agreement made this 19th day of March, 2020'.
_MADE = r"\bentered into\b|\bmade\b(?:\s+and\s+entered\s+into)?\s+(?:as\s+of|on|this|effective)\b|\bas of\b"
_MILESTONE_CTX = re.compile(
    r"milestone|phase|kick[- ]?off|\bstart|commenc|\bbegin|\bend\b|complet|go[- ]?live|launch|deliver|\bdue\b|"
    r"deadline|target|\bweek|sprint|cut[- ]?over|pilot|roll[- ]?out|handover|hand-over|workshop|schedule|"
    r"timeline|planned|\bplan\b|effective|\bterm\b|expir|valid|until|through|\bfrom\b|\bby\b|wave|stage|"
    r"review|training|migration|deployment|duration|period|" + _MADE, re.I)
# Dates of the engagement itself (not a quote's validity or an invoice): enough for D-11.5 when
# no signature date is shown, since they date the work the POE describes.
_PROJECT_CTX = re.compile(
    _MADE + r"|effective|commenc|\bstart|kick[- ]?off|go[- ]?live|milestone|phase|complet|cut[- ]?over|pilot|"
    r"roll[- ]?out|handover|hand-over|deliver|\bdue\b|deadline|target|timeline|schedule|planned|engagement|"
    r"project|workshop|training|migration|deployment|launch|wave|sprint|\bend date|hypercare", re.I)
_PROJECT_MAX_AHEAD = timedelta(days=3 * 366)
# The date a contract gives its own making: what its signatures adopt ('executed as of the date
# first above written') when their own Date lines are left blank.
_AGREEMENT_DATE = re.compile(_MADE + r"|\bdated\b|\beffective (?:date|as of|on)\b|\bagreement date\b", re.I)
_DATE_LABEL = re.compile(r"(?:\bdate\b|\bdated\b|go[- ]?live|kick[- ]?off|start|end|deadline|due|signed on)\s*[:|\-–]?\s*(?P<v>.*)$", re.I)


# EDGAR's stamp under each page of a filed exhibit: 'Source: ARC GROUP, INC., 8-K, 12/11/2017'
_FILING_STAMP = re.compile(r"^\s*Source:\s.{2,120},\s*[0-9A-Z]{1,6}(?:-[0-9A-Z]{1,6})*(?:/A)?(?:\s*\([^)]*\))?,\s*"
                           r"\d{1,2}/\d{1,2}/\d{4}\s*$")


@dataclass(frozen=True)
class DateHit:
    value: date
    role: str  # signature | milestone | other
    evidence: Evidence
    party: str = ""
    context: str = ""  # the words before the date and its section heading
    partial: bool = False  # month and year only ('June 2026', 'September ___, 2019')


# 'Design sign-off', 'UAT sign-off': a project milestone, not anyone's signature on the POE.
_PHASE_SIGN_OFF = re.compile(r"\b(?:design|scope|requirements?|uat|test(?:ing)?|phase(?:\s*\d+)?|stage|pilot|discovery|"
                             r"build|solution|blueprint|architecture|deliverable|milestone|wave(?:\s*\d+)?)\s+"
                             r"sign[- ]?off\b", re.I)


# A date followed by its label: 'as of May 17, 2016 (the "Effective Date")', '1.4.2011 (the
# “Commencement Date”)': the label says what the date is, whatever precedes it.
_LABEL_AFTER = re.compile(r"^\s*,?\s*\(\s*(?:the\s+|hereinafter\s+(?:the\s+)?)?[\"“”']?\s*(?P<label>[A-Za-z][\w -]{0,30}?"
                          r"\b(?:date|day))\s*[\"“”']?\s*\)", re.I)
# 'Rome/Houston, 2 April 2020', 'München, den 3. März 2026': the place-and-date line of a signature.
_PLACE_LINE = re.compile(r"^\s*[A-ZÀ-Þ][A-Za-zÀ-ÿ.'\- ]{1,30}(?:/[A-ZÀ-Þ][A-Za-zÀ-ÿ.'\- ]{1,30})?,\s*(?:den\s+|le\s+|il\s+)?$")


# A date right after 'before', 'by', 'no later than' is a deadline, whatever the sentence
# signs: 'If Ten (10) music venues sign a contract with VNUE before January 16, 2016' (CUAD).
_DEADLINE = re.compile(r"\b(?:before|by|no later than|not later than|prior to|until|on or before)\s*$", re.I)


_BARE_DATE_LABEL = re.compile(r"(?:^|\n|\t)\s*(?:document\s+)?date\s*[:|\-–]?\s*$", re.I)
_SCHEDULE_HEADING = re.compile(r"milestone|timeline|schedule|phase|\bplan\b|key dates|roadmap|calendar|deliverable", re.I)


def _role(text_before: str, seg: Segment) -> str:
    if _PHASE_SIGN_OFF.search(text_before) or _DEADLINE.search(text_before):
        return "milestone"
    if _SIGN_CTX.search(text_before):
        return "signature"
    if re.search(r"\bdate\b", text_before, re.I) and re.search(_SIGN_WORD + r"|accept|acknowledg|approv", seg.section, re.I):
        return "signature"  # 'Date: ...' under a 'Signatures' / 'Customer acceptance' heading
    if _MILESTONE_CTX.search(text_before):
        return "milestone"
    if _BARE_DATE_LABEL.search(text_before):
        # 'Date: November 22, 2025' on an SOW's cover names the document's own date; a title
        # such as '... Workspace Deployment' above it makes it no milestone, a schedule heading does.
        return "milestone" if _SCHEDULE_HEADING.search(seg.section) else "other"
    if _MILESTONE_CTX.search(seg.section):
        return "milestone"
    return "other"


def _signs(clause: str) -> bool:
    """The date's own sentence signs it, however far back the verb stands: 'each Party has signed
    this Contract in Baoding, People's Republic of China on November 8, 2002'."""
    return bool(_SIGN_CTX.search(clause)) and not (_PHASE_SIGN_OFF.search(clause) or _DEADLINE.search(clause))


def _segment_dates(seg: Segment, view: DocView, near: Near | None = None) -> list[DateHit]:
    out: list[DateHit] = []
    cells = seg.cells if len(seg.cells) > 1 else (None,)
    row_label = seg.cells[0].text if len(seg.cells) > 1 else ""
    for idx, cell in enumerate(cells):
        text = cell.text if cell is not None else seg.text
        floor = 0
        for f in find_dates(text, view.dayfirst, view.not_after):
            before = text[max(0, f.start - 60): f.start]
            clause, floor = clause_before(text, f.start, floor), f.end
            context = f"{row_label} {before}" if idx > 0 else before
            if cell is not None and idx > 0 and not before.strip():
                context = " ".join(c.text for c in seg.cells[:idx])
            if cell is None and near is not None and not before.strip():
                context = near.label_for_line(text[f.end:])
            label = _LABEL_AFTER.match(text[f.end: f.end + 60])
            if label and _role(label.group("label"), seg) != "other":
                context = f"{label.group('label')} {context}"
                role = _role(label.group("label"), seg)
            elif _PLACE_LINE.match(text[: f.start]) and not text[f.end:].strip(" .\t"):
                role = "signature"
            else:
                role = _role(context, seg)
                if role == "other" and _signs(clause):
                    role = "signature"
                if role != "signature" and cell is None and near is not None and near.signs(context, text, f):
                    role = "signature"
            if f.partial and role != "milestone":
                continue
            ev = (cell.evidence(seg.doc_path, f"{role} date")
                  if cell is not None else seg.evidence(f"{role} date", text=quote_around(text, f.start, f.end)))
            out.append(DateHit(f.value, role, ev, context=f"{context} {seg.section}", partial=f.partial))
    return out


def _typed_dates(view, seg_by_loc: dict) -> list[DateHit]:
    out: list[DateHit] = []
    for td in view.doc.dates:
        loc = td.location
        seg = seg_by_loc.get((loc.sheet, _row_of(loc.cell))) if loc.cell else None
        if seg is None:
            seg = seg_by_loc.get(("loc", loc))
        context = seg.text if seg is not None else ""
        if loc.part == "headers":
            role = "other"
        else:
            role = "signature" if _SIGN_CTX.search(context) else "milestone" if seg is not None and (
                _MILESTONE_CTX.search(context) or _MILESTONE_CTX.search(seg.section)) else "other"
        out.append(DateHit(td.value, role, Evidence(view.path, td.text, loc, f"{role} date"),
                           context=f"{context} {seg.section if seg is not None else ''}"))
    return out


def _row_of(cell: str | None) -> int | None:
    m = re.match(r"[A-Z]+(\d+)", cell or "")
    return int(m.group(1)) if m else None


def _recent_project_date(ctx: CheckContext, value: date) -> bool:
    """An engagement date of this claim: not older than D-22's 12 months, at most 3 years ahead."""
    if ctx.reference_date is None:
        return True
    return ctx.date_status(value) != "stale" and value <= ctx.reference_date + _PROJECT_MAX_AHEAD


def check_dates(ctx: CheckContext) -> CriterionResult:
    crit = "dates"
    sigs = find_signatures(ctx)
    hits: list[DateHit] = []
    blanks: list[Evidence] = []
    signed_undated: list[Evidence] = []  # a signature whose own date field says TBD / is blank
    for f in sigs:
        if f.signed and f.date is not None:
            ev = next((e for e in f.evidence if f.date_text and f.date_text in e.text), f.evidence[-1])
            hits.append(DateHit(f.date, "signature", ev, f.party))
        elif f.date_blank and f.party in ("customer", "partner"):
            ev = f.evidence[-1]
            if re.search(r"date", ev.text, re.I):
                blanks.append(ev)
                if f.signed:
                    signed_undated.append(ev)
    for view in ctx.views:
        dayfirst = view.dayfirst
        seg_by_loc: dict = {}
        kept = [seg for seg in view.segments
                if not (seg.text.strip() in view.running_lines or _FILING_STAMP.search(seg.text))]
        # (a filing stamp or print date on every page dates the copy, not the work)
        for n, seg in enumerate(kept):
            for c in seg.cells:
                if c.location.cell:
                    seg_by_loc.setdefault((c.location.sheet, _row_of(c.location.cell)), seg)
                seg_by_loc.setdefault(("loc", c.location), seg)
            hits.extend(_segment_dates(seg, view, Near.of(kept, n)))
            m = _DATE_LABEL.search(seg.text)
            if m and NOT_A_DATE.search(m.group("v") or "") and not find_dates(m.group("v"), dayfirst):
                blanks.append(seg.evidence("date left blank / TBD"))
        hits.extend(_typed_dates(view, seg_by_loc))

    reasons: list[Reason] = []
    ref = ctx.reference_date.isoformat() if ctx.reference_date else "?"
    sig_hits = [h for h in hits if h.role == "signature"]
    stale = [h for h in sig_hits if ctx.date_status(h.value) == "stale"]
    stale.sort(key=lambda h: h.party != "customer")
    # D-22: a document the customer acknowledged more than 12 months ago is an old document; its
    # other dates (the partner's signature, its milestones) do not date this claim's POE. A newer
    # document of the claim (an SOW under an old MSA) still does.
    old_docs = {h.evidence.document for h in stale if h.party == "customer"} - {
        h.evidence.document for h in sig_hits if h.party == "customer" and ctx.date_status(h.value) == "ok"}
    current = [h for h in hits if h.evidence.document not in old_docs]
    valid = [h for h in current if h.role == "signature" and ctx.date_status(h.value) == "ok"]
    future = [h for h in current if h.role == "signature" and ctx.date_status(h.value) == "future"]
    project = [h for h in current if h.role == "milestone" and _PROJECT_CTX.search(h.context)
               and _recent_project_date(ctx, h.value)]
    milestones = [h for h in current if h.role == "milestone"]
    if valid:
        valid.sort(key=lambda h: h.party != "customer")
        shown = [valid[0].evidence] + ([milestones[0].evidence] if milestones else [])
        conf = 0.92 if milestones else 0.8
        if future:
            reasons.append(reason("R-DATE-005", date=future[0].value.isoformat(), submitted=ref))
            conf = 0.6
        if stale and stale[0].party == "customer":
            # D-22: the customer's own acknowledgment is too old (the signature check says so too);
            # the other dates still date the POE.
            reasons.append(reason("R-DATE-004", date=stale[0].value.isoformat(), submitted=ref))
            conf = min(conf, 0.7)
        return CriterionResult(crit, "met", conf, tuple(shown), tuple(reasons))
    if future:
        reasons.append(reason("R-DATE-005", date=future[0].value.isoformat(), submitted=ref))
        return CriterionResult(crit, "unclear", 0.6, (future[0].evidence,), tuple(reasons))
    # D-11.5 asks for the signature dates to be visible. A contract that dates its own making
    # ('made and entered into as of May 17, 2016', 'dated as of the 15th day of June, 2015 (the
    # "Effective Date")') and whose parties sign it 'as of the date first above written' shows
    # the date its signatures adopt, so a blank 'Date:' line under a signed block does not hide
    # it. Not when that date leaves its day blank too ('as of September ___, 2019'). A blank
    # signature date beside milestones only (an SOW's kick-off and go-live) still
    # leaves the signature undated (R-DATE-003).
    agreement = [h for h in project if _AGREEMENT_DATE.search(h.context) and not h.partial]
    if signed_undated and agreement:
        b = signed_undated[0]
        reasons.append(reason("R-DATE-007", date=agreement[0].value.isoformat(), text=b.text,
                              document=b.document, where=b.location.label()))
        return CriterionResult(crit, "met", 0.7, (agreement[0].evidence, b), tuple(reasons))
    if project and not signed_undated:
        if stale:
            reasons.append(reason("R-DATE-004", date=stale[0].value.isoformat(), submitted=ref))
        return CriterionResult(crit, "met", 0.7 if stale else 0.72, tuple(h.evidence for h in project[:2]),
                               tuple(reasons))
    if stale:
        reasons.append(reason("R-DATE-004", date=stale[0].value.isoformat(), submitted=ref))
        return CriterionResult(crit, "not_met", 0.85, (stale[0].evidence,), tuple(reasons))
    if blanks:
        b = blanks[0]
        reasons.append(reason("R-DATE-003", text=b.text, document=b.document, where=b.location.label()))
    if hits:
        listed = ", ".join(dict.fromkeys(h.evidence.text for h in hits[:3]))
        reasons.append(reason("R-DATE-002", dates=listed))
        return CriterionResult(crit, "not_met", 0.75, tuple([*blanks[:1], hits[0].evidence]), tuple(reasons))
    reasons.append(reason("R-DATE-001"))
    return CriterionResult(crit, "not_met", 0.85, tuple(blanks[:2]), tuple(reasons))
