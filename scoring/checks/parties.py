"""Organisation names: normalising, fuzzy matching, and where a document puts its parties.

Matching rule (D-11.4): both names are normalised (case, punctuation, '&' = 'and', legal
suffixes such as Ltd/Limited, Inc./Incorporated, LLC, GmbH, AG, S.A., plc, Pty Ltd, B.V., LLP
dropped) and compared with rapidfuzz over token windows of the document text:

- ``FULL``  (score 1.0): every token of the name, in order, at ``fuzz.ratio >= 90`` (a typo
  or spacing difference passes, another company does not), or the name's letters written
  without spaces ('northwindtraders' = 'Northwind Traders', for names derived from domains);
- ``PART``  (score 0.6): only the name's first distinctive word (4+ letters, not a generic word
  such as 'Consulting' or 'Solutions') stands in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from scoring.catalogue import find_mentions
from scoring.checks.roles import CUSTOMER_RE, NEUTRAL_RE, PARTNER_RE, side_of_role
from scoring.checks.text import is_blank_value, normalize
from scoring.nlp import organisations

FULL_RATIO = 90.0
OCR_NEAR_RATIO = 75.0
FULL, PART = 1.0, 0.6

LEGAL_SUFFIX_WORDS = {
    "ltd", "limited", "inc", "incorporated", "llc", "gmbh", "ag", "sa", "plc", "pty", "bv", "llp",
    "lp", "corp", "corporation", "co", "company", "srl", "sas", "sarl", "oy", "ab", "nv", "kk",
    "pte", "spa", "bhd", "sdn", "pvt", "private", "kg", "se", "ulc", "lda", "ltda",
}
GENERIC_WORDS = {
    "the", "and", "of", "consulting", "consultants", "solutions", "services", "service", "group",
    "global", "international", "technologies", "technology", "tech", "systems", "digital", "partners",
    "partner", "holdings", "industries", "enterprises", "company", "corporation", "cloud", "it",
    "software", "business", "national", "general", "united", "american", "first", "new", "city",
    "customer", "client", "microsoft", "data", "network", "networks", "management", "advisory",
}


def normalize_org(name: str) -> str:
    """'Contoso Pty. Ltd.' -> 'contoso'; 'Fabrikam & Co, S.A.' -> 'fabrikam'; 'A.B.C. Inc' -> 'abc'."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name)  # 'Fabrikam Ltd (UK)': the bracket is no part of the name
    text = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b\.?)", "", text)  # S.A. -> SA., B.V. -> BV.
    tokens = normalize(text).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIX_WORDS:
        tokens.pop()
    if len(tokens) > 1 and tokens[-1] == "and":
        tokens.pop()
    return " ".join(tokens)


def name_from_domain(domain: str) -> str:
    """'contoso.example' -> 'Contoso'; 'northwind-traders.co.uk' -> 'Northwind Traders'."""
    host = domain.strip().lower().split("@")[-1]
    host = re.sub(r"^(?:https?://)?(?:www\.|mail\.)?", "", host)
    labels = [x for x in host.split(".") if x]
    if "onmicrosoft" in labels:
        labels = labels[: labels.index("onmicrosoft")]
    label = labels[0] if labels else host
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", label) if w)


_TRADING_AS = re.compile(r",?\s+\b(?:d/b/a|dba|f/k/a|fka|a/k/a|aka|formerly known as|trading as|t/a)\b\s*", re.I)


@dataclass(frozen=True)
class NameHit:
    score: float  # FULL or PART
    matched: str  # the normalised words that matched


class NameMatcher:
    """Finds one organisation's name in text (see module docstring for the thresholds)."""

    def __init__(self, name: str, extra_names: tuple[str, ...] = ()) -> None:
        self.name = name
        # 'NATIONAL FOOTBALL MUSEUM, INC. d/b/a Pro Football Hall of Fame': either name is the company's
        names = [part for n in (name, *extra_names) if n and n.strip() for part in (n, *_TRADING_AS.split(n))]
        forms = [normalize_org(n) for n in names if n.strip()]
        self.forms = [f for f in dict.fromkeys(forms) if f]
        self.compacts = {f.replace(" ", "") for f in self.forms if len(f.replace(" ", "")) >= 4}
        # The short form is the name's own first word ('Fabrikam' for 'Fabrikam Consulting Ltd'):
        # a later word ('Media' of 'Solutions Media', 'Credit' of 'National Credit Report') is an
        # ordinary word that other companies' names and sentences use too (issue 12, CUAD).
        first_words = []
        for f in self.forms:
            words = f.split()
            if len(words) > 1 and words[0] not in GENERIC_WORDS and len(words[0]) >= 4 and not words[0].isdigit():
                first_words.append(words[0])
        self.part_words = set(first_words)
        self._own_words = {w for f in self.forms for w in f.split()}

    @cached_property
    def _part_re(self) -> re.Pattern[str] | None:
        if not self.part_words:
            return None
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in self.part_words) + r")\b")

    def near(self, text: str, ratio: float = OCR_NEAR_RATIO) -> bool:
        """The whole of ``text`` is this name misread (OCR: 'Aniwerturge Logistics' for
        'Amberforge Logistics'); too loose for typed text, where it would take 'Northfield' for
        'Northwind'."""
        norm = normalize_org(text)
        return bool(norm) and any(fuzz.ratio(norm, form) >= ratio for form in self.forms)

    def match(self, text: str) -> NameHit | None:
        if not self.forms:
            return None
        norm = normalize(re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b)", "", text))
        if not norm:
            return None
        padded = f" {norm} "
        for form in self.forms:
            if f" {form} " in padded:
                return NameHit(FULL, form)
        tokens = norm.split()
        for form in self.forms:
            if fuzz.partial_ratio(form, norm) < FULL_RATIO - 10 and fuzz.partial_ratio(
                    form.replace(" ", ""), norm.replace(" ", "")) < FULL_RATIO - 10:
                continue  # nothing close anywhere in the text: skip the window scan
            n = len(form.split())
            first = form[:2]
            sizes = {max(1, n - 1), n, n + 1}
            if form.replace(" ", "") in self.compacts:
                sizes |= {2, 3, 4}  # 'alpineskihouse' (from the domain) written 'Alpine Ski House'
            compact = form.replace(" ", "")
            for size in sorted(sizes):
                for i in range(0, max(0, len(tokens) - size) + 1):
                    window = tokens[i:i + size]
                    # ('B C Marketing Concepts' spaced out is 'BC Marketing Concepts')
                    if not window or window[0][:2] != first and not compact.startswith(window[0]):
                        continue
                    joined = " ".join(window)
                    # A one-word name matches whole words only: 'medica' (MEDICA S.p.A. without
                    # its legal form) is not 'medical' (issue 12, a false accept on CUAD).
                    if n > 1 and fuzz.ratio(joined, form) >= FULL_RATIO and abs(len(joined) - len(form)) <= 3:
                        return NameHit(FULL, joined)
                    if "".join(window) in self.compacts:
                        return NameHit(FULL, joined)
        if self._part_re is not None:
            m = self._part_re.search(norm)
            if m and _standalone(m.group(0), text, self._own_words):
                return NameHit(PART, m.group(0))
        return None


_NEXT_WORD = re.compile(r"^[\s,]*?([A-Z][\w&'’.-]*)")
_PREV_WORD = re.compile(r"([A-Z][\w&'’.-]*)\s+$")


def _standalone(word: str, text: str, own_words: set[str]) -> bool:
    """``word`` stands in ``text`` as this company's short name somewhere: written with its
    capital ('a plan and schedule' is no 'Plan B Media'), and not inside another capitalised
    name ('Dai Nippon Printing' is no 'Nippon Shinyaku') nor an address ('Beijing 100738')."""
    allowed = own_words | LEGAL_SUFFIX_WORDS | {"the", "and", "of"}
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I):
        if not m.group(0)[:1].isupper():
            continue
        if re.match(r"\s+\d{4,}", text[m.end(): m.end() + 12]):
            continue  # 'Dong Cheng District, Beijing 100738': a place with its postcode
        nxt = _NEXT_WORD.match(text[m.end(): m.end() + 40])
        prev = _PREV_WORD.search(text[max(0, m.start() - 40): m.start()])
        if nxt and " " in text[m.end(): m.end() + 1] and normalize(nxt.group(1)) not in allowed:
            continue
        if prev and normalize(prev.group(1)) not in allowed:
            continue
        return True
    return False


# ---------------------------------------------------------------- party positions

@dataclass(frozen=True)
class PartyMention:
    """An organisation a document puts in a party position."""

    name: str
    role: str  # customer | partner | either
    how: str  # label | between | behalf | heading


_LABEL_CUST = re.compile(
    rf"^\s*(?:the\s+)?(?:{CUSTOMER_RE}|account|bill(?:ed)? to|sold to|ship to|prepared for|issued to|"
    r"end user|customer legal entity)(?:\s+(?:legal\s+)?(?:name|entity|organi[sz]ation))?\s*(?:[:\-–|\t]|\s{2,})\s*(?P<v>.*)$", re.I)
_LABEL_PART = re.compile(
    rf"^\s*(?:the\s+)?(?:(?:microsoft\s+)?(?:{PARTNER_RE})|prepared by|issued by|submitted by|delivered by)"
    r"(?:\s+(?:legal\s+)?(?:name|entity|organi[sz]ation))?\s*(?:[:\-–|\t]|\s{2,})\s*(?P<v>.*)$", re.I)
_LABEL_EITHER = re.compile(
    r"^\s*(?:company|organi[sz]ation|entity|legal entity)(?:\s+name)?\s*(?:[:\-–|\t]|\s{2,})\s*(?P<v>.*)$", re.I)
# 'Statement of Work for Northwind Traders Ltd', 'Proposal for Contoso: Teams roll-out'
_TITLE_FOR = re.compile(
    r"^\s*(?:statement of work|sow|proposal|master (?:services )?agreement|services agreement|quotation|quote|"
    r"engagement letter|order form)\b[^:]{0,40}?\bfor\s+(?P<v>[A-Z][^:,;()]{1,60}?)\s*(?:[:\-–(,]|$)", re.I)
_BETWEEN = re.compile(r"\b(?:between|(?:entered into|made|concluded|agreed) by(?!\s+and\s+between))\s+(?:the\s+parties\s*:?\s*)?(?P<a>.{2,120}?)\s+and\s+(?P<b>.{2,120}?)(?:[.;]\s|[.;]?$|,\s+(?:effective|dated|on|for|with|whereby|under)\b|\s+\((?:each|together|collectively))", re.I)
# ('made or sold by or on behalf of Apple': 'by or on behalf of' is a contract's phrase for
# anyone acting for a company, no party position)
_BEHALF = re.compile(r"(?<!\bor )\b(?:for and )?on behalf of[: ]+(?P<v>[^,;()\t]{2,80})", re.I)
_ROLE_TAG = re.compile(rf"\(\s*(?:the\s+|hereinafter\s+)?[\"“'‘]?(?P<role>{CUSTOMER_RE}|{PARTNER_RE}|{NEUTRAL_RE})[\"”'’]?\s*\)", re.I)
_GENERIC_PARTY = re.compile(
    rf"^(?:the\s+)?(?:{CUSTOMER_RE}|{PARTNER_RE}|{NEUTRAL_RE}|undersigned|parties|party)s?$|"
    # 'EITHER PARTY', 'EITHER PARTY TO THE OTHER', 'this Agreement' (CUAD contracts): no organisation
    r"^(?:(?:either|each|neither|any|both|the other|such|other|a|one)\s+)?part(?:y|ies)(?:\s+to\s+the\s+other)?$|"
    r"^(?:this|the|such)\s+(?:agreement|contract|amendment|addendum)$|"
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.I)


def clean_party(value: str) -> str:
    """The organisation part of a party value: '"Contoso Ltd" (the "Customer"), a UK company' -> 'Contoso Ltd'."""
    v = value.strip().strip("\"“”'‘’").strip()
    # '(Client) Pelican Delivers Inc.': a term written before the name it defines
    v = re.sub(r"^\((?:the\s+)?[\"“”'‘’]?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2}[\"“”'‘’]?\s*\)\s+(?=[A-Z0-9])", "", v)
    # ('(Pty) Ltd' is a legal form, not a parenthesis: 'Treardex IT Services (Pty) Ltd')
    v = re.split(r"\s*\((?!pty\)|proprietary\))|,\s+(?:a|an|with|whose|having|incorporated|registered|located)\b|"
                 r"\s+\|\s+|\s{3,}|;", v, flags=re.I)[0]
    v = re.sub(r"^(?:the\s+company\s+|messrs\.?\s+)", "", v, flags=re.I)
    v = re.sub(r"^[A-Z][\w&.\-]{1,30}:\s+(?=[A-Z0-9])", "", v)  # 'Treardex: Treardex IT Services': a label word
    return v.strip().strip("\"“”'‘’,.:").strip()


_DATE_LIKE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\b|"
                        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|"
                        r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", re.I)
_JOB_TITLE = re.compile(r"(?:(?:managing|executive|non-executive|finance|it|company)\s+)?(?:director|secretary|"
                        r"authori[sz]ed signatory|signatory|officer|witness|partner|chairman|chair|ceo|cfo|cio|cto|"
                        r"coo|president|vice president|manager)s?", re.I)


def looks_like_org(value: str) -> bool:
    """A plausible organisation name: short, starts with a capital or digit, not a sentence."""
    v = value.strip()
    if not v or is_blank_value(v) or _GENERIC_PARTY.match(v):
        return False
    words = v.split()
    if len(words) > 8 or len(v) < 2:
        return False
    if not (v[0].isupper() or v[0].isdigit()):
        return False
    if re.search(r"\b(?:will|shall|is|are|was|has|have|must|should)\b", v, re.I):
        return False
    if _DATE_LIKE.search(v) or _JOB_TITLE.fullmatch(v):
        return False  # '6 April 2026', 'Director': no organisation
    return not re.fullmatch(r"[\d\s\-/.,:]+", v)


_LEGAL_END = re.compile(r"\b(?:ltd|limited|inc|incorporated|llc|gmbh|ag|plc|pty|llp|corp|corporation|s\.?a|b\.?v)\.?$",
                        re.I)


def _is_named_org(name: str, context: str) -> bool:
    """A title's 'for X' is a customer only when X is clearly an organisation (legal suffix or
    a model ORG), not a product or a project ('SOW for Dynamics 365 Sales Phase 1')."""
    if not looks_like_org(name) or find_mentions(name):
        return False
    return bool(_LEGAL_END.search(name)) or any(name in o or o in name for o in organisations([context])[0])


# A bare 'between' names the parties only in the clause that makes a document ('This Agreement
# is made ... by and between A and B', 'the MSA between A and B'), not in a contract's body
# ('any dispute between Licensee and its customers', 'integration between X and the ERP').
_PARTY_CLAUSE = re.compile(
    r"\b(?:agreement|contract|sow|statement of work|order|schedule|amendment|addendum|letter|proposal|"
    r"memorandum|mou|licen[cs]e|made|entered into|executed|concluded|dated|effective|by and)\b[^.;]{0,200}$", re.I)


# A recital about another agreement names that agreement's parties, not this document's.
_OTHER_AGREEMENT = re.compile(r"\bwhereas\b|\bthat certain\b|\bpursuant to (?:an?|the|that)\b", re.I)
# ... and so does an instrument written with its own date or called separate, prior or original
# ('through an assignment dated as of October 1, 2005 by and between X and Y').
_OTHER_INSTRUMENT = re.compile(
    r"\b(?:an?|any|such)\s+(?:[\w-]+\s+){0,3}(?:agreement|assignment|contract|licen[cs]e|lease|amendment|"
    r"arrangement|instrument|deed)\s+dated\b[^.;]{0,60}?,?\s*(?:(?:entered\s+into|executed|made)\s+)?(?:by\s+and\s+)?$|"
    r"\b(?:separate|prior|previous|original|underlying)\s+(?:[\w-]+\s+){0,2}(?:agreement|assignment|contract|"
    r"licen[cs]e|lease|arrangement)s?\s+(?:(?:entered\s+into|executed|made)\s+)?(?:by\s+and\s+)?$", re.I)


def party_clause_opener(text: str, m: re.Match[str]) -> bool:
    """``m`` ('between', 'by and among') opens the clause naming this document's parties."""
    before = text[: m.start()]
    if _OTHER_AGREEMENT.search(before[-240:]) or _OTHER_INSTRUMENT.search(before[-240:]):
        return False  # 'WHEREAS pursuant to an investment agreement ... entered into between X and Y'
    return not before.strip() or bool(_PARTY_CLAUSE.search(before[-240:]))


def _party_clause(text: str, m: re.Match[str]) -> bool:
    if not m.group(0).lower().startswith("between"):
        return True  # 'entered into by', 'made by': the clause says it
    return party_clause_opener(text, m)


def party_mentions(text: str) -> list[PartyMention]:
    """Organisations this line or paragraph puts in a party position."""
    out: list[PartyMention] = []
    flat = text.replace(" | ", ": ", 1) if " | " in text else text
    m = _LABEL_CUST.match(flat)
    e = _LABEL_EITHER.match(flat)
    if m:
        v = clean_party(m.group("v"))
        out.append(PartyMention(v, "customer", "label"))
    elif e:
        out.append(PartyMention(clean_party(e.group("v")), "either", "label"))
    else:
        m = _LABEL_PART.match(flat)
        if m:
            out.append(PartyMention(clean_party(m.group("v")), "partner", "label"))
    t = _TITLE_FOR.match(text)
    if t and _is_named_org(clean_party(t.group("v")), text):
        out.append(PartyMention(clean_party(t.group("v")), "customer", "label"))
    for m in _BETWEEN.finditer(text):
        if not _party_clause(text, m):
            continue
        for key in ("a", "b"):
            raw = m.group(key)
            tag = _ROLE_TAG.search(raw + text[m.end(key): m.end(key) + 40] if key == "b" else raw)
            role = side_of_role(tag.group("role")) if tag else "either"
            out.append(PartyMention(clean_party(raw), role, "between"))
    for m in _BEHALF.finditer(text):
        raw = m.group("v")
        tail = text[m.end(): m.end() + 40]
        tag = _ROLE_TAG.search(raw + tail)
        out.append(PartyMention(clean_party(raw), side_of_role(tag.group("role")) if tag else "either", "behalf"))
    return out
