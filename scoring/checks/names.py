"""D-11.4: the claiming partner's and the customer's names clearly visible in the POE.

A name counts when it stands in the text (see :mod:`scoring.checks.parties` for the matching
thresholds). Template placeholders ('[Customer Name]', '<Client>', 'Customer Name: ____') and
generic roles ('the Client') never count. A document that puts **another organisation** in
the party's position ('Customer: Northwind Traders', 'between Fabrikam and Northwind') does not
support the claim, and the reason names that organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from scoring.checks.context import CheckContext
from scoring.checks.defined_terms import defined_terms, leading_term
from scoring.checks.parties import (
    FULL,
    LEGAL_SUFFIX_WORDS,
    NameMatcher,
    PartyMention,
    looks_like_org,
    normalize_org,
    party_mentions,
)
from scoring.checks.party_clause import clause_parties, listed_parties, trading_names
from scoring.checks.roles import CUSTOMER_RE, NEUTRAL_RE, PARTNER_RE
from scoring.checks.text import DocView, Segment, is_blank_value, template_fields
from scoring.nlp import is_person, organisations
from scoring.reasons import reason
from scoring.types import CriterionResult, Evidence, Reason

_PLACEHOLDER_WORDS = {
    "customer": re.compile(rf"{CUSTOMER_RE}|{NEUTRAL_RE}|end user", re.I),
    "partner": re.compile(rf"{PARTNER_RE}|{NEUTRAL_RE}", re.I),
}
_NEVER_A_PARTY = re.compile(r"\bmicrosoft\b", re.I)
# A name followed by a job title is a person ('Lucas Moreau, Head of Procurement').
_PERSON_WITH_ROLE = re.compile(
    r"^[A-Z][a-z'\-]+(?:\s+[A-Z][a-zA-Z'\-.]+){1,3}\s*[,(\-–]\s*(?:the\s+)?(?:[A-Z][\w&]*\s+){0,3}(?:head|director|manager|officer|"
    r"chief|vp|vice president|president|lead|partner|consultant|architect|engineer|administrator|analyst|"
    r"coordinator|specialist|buyer|controller|owner|founder|[A-Z]{2,4}\b)", re.I)
_LABEL_WORDS = re.compile(
    rf"(?:(?:ship|bill|sold|deliver|invoice|remit)(?:ed)? to|{CUSTOMER_RE}|{PARTNER_RE})(?:\s*(?:/|and|&)\s*"
    rf"(?:(?:ship|bill|sold|deliver|invoice)(?:ed)? to|{CUSTOMER_RE}|{PARTNER_RE}))*\s*:?", re.I)


@dataclass
class DocParty:
    view: DocView
    hits: list[tuple[Segment, float]] = field(default_factory=list)
    in_position: list[tuple[Segment, float]] = field(default_factory=list)
    foreign: list[tuple[Segment, str]] = field(default_factory=list)
    placeholders: list[tuple[Segment, str]] = field(default_factory=list)
    strong_foreign: set[str] = field(default_factory=set)  # clearly organisations, see _clearly_org
    listed_others: list[str] = field(default_factory=list)  # a party clause's parties that are neither party


_MINOR = {"and", "of", "the", "for", "de", "du", "des", "la", "le", "von", "van", "der", "den", "und", "et", "y",
          "e", "da", "di", "do", "dos", "del", "on", "in", "at", "to", "a", "an", "dba", "d/b/a"}
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)


# Small words a company's name may hold ('Bank of America'); 'on', 'in', 'at', 'to' it does not
# ('Client on the Effective Date' is a sentence going on).
_NAME_SMALL = _MINOR - {"on", "in", "at", "to"}
_OPENS_PHRASE = {"to", "on", "in", "at", "and", "or", "of", "for", "by", "with", "as", "from", "into", "under"}


def _sentence_fragment(name: str) -> bool:
    """Words of a sentence, not a name: 'Licensee in accordance with generally accepted ...',
    'Network over the Internet', 'Vendor or its employees' (a name's words are capitalised),
    'Client on the Effective Date', or small words only ('TO')."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", name)
    if words and (all(w.lower() in _MINOR for w in words) or words[0].lower() in _OPENS_PHRASE):
        return True  # 'TO', 'TO THE FULLEST EXTENT': an upper-case sentence, no name
    lower = [w for w in words if w.islower() and w not in _NAME_SMALL and w not in LEGAL_SUFFIX_WORDS]
    return bool(lower) or bool(_MONTH_DAY.search(name))


def _fragment_of(name: str, *matchers: NameMatcher) -> bool:
    """'Heritage' for 'Stremick's Heritage Foods', 'North' for 'Andy North', 'A.B' for 'A.B.
    Watley': every word is a word of one of the parties' own names."""
    words = [w for w in normalize_org(name).split() if w not in _MINOR]
    if not words:
        return False
    own_words = {w for m in matchers for f in m.forms for w in f.split()}
    return all(any(w == o or len(w) >= 4 and fuzz.ratio(w, o) >= 85 for o in own_words) for w in words)


def _initials(form: str) -> tuple[str, str]:
    """The initials of a normalised name, without and with its small words: 'china economic
    information service of xinhua news agency' -> ('ceisxna', 'ceisoxna')."""
    words = form.split()
    return "".join(w[0] for w in words if w not in _MINOR), "".join(w[0] for w in words)


def _acronym_of(name: str, *matchers: NameMatcher) -> bool:
    """'SD' for 'Sekisui Diagnostics', 'CEIS' for 'China Economic Information Service of Xinhua
    News Agency': a word in capitals spelling the first letters of a party's name (all its words
    or its first ones) is that party's short name, defined or not (issue 12, CUAD)."""
    word = re.sub(r"[^A-Za-z]", "", name.strip())
    if not (2 <= len(word) <= 6 and word.isupper() and len(name.split()) == 1):
        return False
    low = word.lower()
    for m in matchers:
        for form in m.forms:
            if len(form.split()) >= 2 and any(i.startswith(low) and len(low) >= min(len(i), 2) for i in _initials(form)):
                return True
    return False


def _classify(mention: PartyMention, own: NameMatcher, other: NameMatcher, ctx: CheckContext,
              context: str, terms: dict[str, str] | None = None) -> str:
    name = mention.name
    if is_blank_value(name) or template_fields(name):
        return "placeholder"
    own_hit = own.match(name)
    if own_hit is not None:
        return "own" if own_hit.score >= FULL else "own_part"
    other_hit = other.match(name)
    if other_hit is not None:
        return "other"
    term = leading_term(name, terms or {})
    if term is not None:
        # A term the document defines ('Acme Corp ("Acme")', '("Distributor")') is the party it
        # was defined for; a term defined for someone else, or for no one, is no party name.
        owner = (terms or {})[term]
        if owner and (h := own.match(owner)) is not None and h.score >= FULL:
            return "own"
        if owner and other.match(owner) is not None:
            return "other"
        return "ignore"
    if _fragment_of(name, own, other) or _acronym_of(name, own, other) or _sentence_fragment(name):
        return "ignore"
    if _NEVER_A_PARTY.search(name) or not looks_like_org(name):
        return "ignore"
    if ctx.is_contact(name) or (mention.how == "label" and (is_person(name, context) or _PERSON_WITH_ROLE.search(
            context[context.find(name):] if name in context else ""))):
        return "ignore"  # 'Customer | Teo Lupu | CIO', 'Buyer: Lucas Moreau, Head of Procurement': a person
    if _LABEL_WORDS.fullmatch(name.strip()):
        return "ignore"  # 'Vendor <tab> Ship to / Bill to': two column captions, no party
    return "foreign"


_LEGAL_TAIL = re.compile(r"\b(?:ltd|limited|inc|incorporated|llc|gmbh|ag|plc|pty|llp|corp|corporation|s\.?a|b\.?v)\.?$",
                         re.I)


def _clearly_org(mention: PartyMention, context: str) -> bool:
    """An organisation beyond doubt: in a 'between' / 'on behalf of' clause, with a legal
    suffix, or tagged ORG by the model."""
    if mention.how in ("between", "behalf") or _LEGAL_TAIL.search(mention.name):
        return True
    return any(mention.name in org or org in mention.name for org in organisations([context])[0])


def _listed(ctx: CheckContext, view: DocView) -> tuple[list[tuple[Segment, str]], list[tuple[str, str]]]:
    """The parties a view's party clauses list and the trading names it declares (read once for
    both parties)."""
    key = f"listed:{id(view)}"
    if key not in ctx.shared:
        listed = [*listed_parties(view.segments), *((seg, n) for seg in view.segments for n in clause_parties(seg.text))]
        ctx.shared[key] = (listed, trading_names(view.text))
    found: tuple[list[tuple[Segment, str]], list[tuple[str, str]]] = ctx.shared[key]
    return found


def _scan(ctx: CheckContext, view: DocView, party: str, own: NameMatcher, other: NameMatcher) -> DocParty:
    out = DocParty(view)
    either_foreign: list[tuple[Segment, str]] = []
    terms = defined_terms(view.text)
    listed, trading = _listed(ctx, view)
    # ('BrightDesk is a trading name of Harbourline IT Services Ltd': BrightDesk is that company)
    own_aliases = {normalize_org(alias) for alias, name in trading
                   if (h := own.match(name)) is not None and h.score >= FULL}
    for seg, name in listed:  # the parties a party clause lists, a line each or in one long sentence
        if (h := own.match(name)) is not None and h.score >= FULL:
            out.in_position.append((seg, FULL))
        elif h is None and other.match(name) is None:
            out.listed_others.append(name)
    for seg in view.segments:
        hit = own.match(seg.text)
        if hit is not None:
            out.hits.append((seg, hit.score))
        for mention in party_mentions(seg.text):
            kind = "own" if normalize_org(mention.name) in own_aliases else \
                _classify(mention, own, other, ctx, seg.text, terms)
            if kind in ("own", "own_part"):
                out.in_position.append((seg, FULL if kind == "own" else 0.6))
            elif kind == "placeholder" and mention.role in (party, "either"):
                out.placeholders.append((seg, mention.name or seg.text.strip()))
            elif kind == "foreign":
                if _clearly_org(mention, seg.text):
                    out.strong_foreign.add(mention.name)
                if mention.role == party:
                    out.foreign.append((seg, mention.name))
                elif mention.role == "either":
                    either_foreign.append((seg, mention.name))
        for field_text in template_fields(seg.text):
            if _PLACEHOLDER_WORDS[party].search(field_text) and "name" in field_text.lower() or \
                    re.fullmatch(r"[\[<{]{1,2}\s*(?:the\s+)?(?:" + _PLACEHOLDER_WORDS[party].pattern + r")\s*[\]>}]{1,2}",
                                 field_text, re.I):
                out.placeholders.append((seg, field_text))
    # An unroled organisation ('between Fabrikam and Northwind') takes the party's place only
    # when the party itself is nowhere in a party position of this document.
    if not any(score >= FULL for _, score in out.in_position):
        # ... and not when this party is named in the text while the other one is nowhere: the
        # unroled organisation then stands in the other party's place ('For and on behalf of X'
        # under a letter to the customer from an unnamed partner).
        own_named = any(score >= FULL for _, score in out.hits)
        other_named = any((h := other.match(seg.text)) is not None and h.score >= FULL for seg in view.segments)
        if not (own_named and not other_named):
            out.foreign.extend(either_foreign)
    return out


def _scans(ctx: CheckContext, party: str) -> list[DocParty]:
    """Each document read for one party (once per claim: the signature check asks too)."""
    key = f"name_scans:{party}"
    if key not in ctx.shared:
        own, other = (ctx.customer, ctx.partner) if party == "customer" else (ctx.partner, ctx.customer)
        ctx.shared[key] = [_scan(ctx, v, party, own, other) for v in ctx.views]
    scans: list[DocParty] = ctx.shared[key]
    return scans


def another_party(ctx: CheckContext, party: str) -> str | None:
    """The organisation the documents put in the party's position when they never name the
    party in full (R-NAME-004), or one more party their party clause lists, else None."""
    scans = _scans(ctx, party)
    if any(score >= FULL for s in scans for _, score in (*s.hits, *s.in_position)):
        return None
    return next((name for s in scans for _, name in s.foreign), None) or \
        next((name for s in scans for name in s.listed_others), None)


def placeholder_for(ctx: CheckContext, party: str) -> bool:
    """The documents hold a placeholder where the party's name goes ('[Insert Customer Name]')."""
    return any(s.placeholders for s in _scans(ctx, party))


def _evidence(seg: Segment, matcher: NameMatcher, note: str) -> Evidence:
    if len(seg.cells) > 1:
        for cell in seg.cells:
            if matcher.match(cell.text):
                return cell.evidence(seg.doc_path, note)
    return seg.evidence(note)


def check_name(ctx: CheckContext, party: str) -> CriterionResult:
    criterion = f"{party}_name"
    own = ctx.customer if party == "customer" else ctx.partner
    display = ctx.customer_name if party == "customer" else ctx.claim.partner_name
    missing_code = "R-NAME-002" if party == "customer" else "R-NAME-001"
    scans = _scans(ctx, party)

    strong: list[Evidence] = []
    plain: list[Evidence] = []
    weak: list[Evidence] = []
    short: list[Evidence] = []
    mixed: list[tuple[Evidence, tuple[Segment, str], bool]] = []
    foreign: list[tuple[Segment, str]] = []
    for s in scans:
        positioned = [(seg, sc) for seg, sc in s.in_position if sc >= FULL]
        # Body text first: a From/To header shows an address more than a name.
        full_hits = sorted((seg for seg, sc in s.hits if sc >= FULL), key=lambda seg: seg.kind == "email_header")
        if positioned:
            strong.append(_evidence(positioned[0][0], own, f"{party} named in a party position"))
        elif full_hits and not s.foreign:
            plain.append(_evidence(full_hits[0], own, f"{party} name"))
        elif full_hits:
            mixed.append((_evidence(full_hits[0], own, f"{party} name"), s.foreign[0],
                          any(name in s.strong_foreign for _, name in s.foreign)))
        elif s.foreign:
            foreign.extend(s.foreign)
        elif s.in_position or s.hits:
            seg = (s.in_position or s.hits)[0][0]
            # The short form ('Fabrikam' for 'Fabrikam Consulting Ltd') in a party position or
            # used throughout the document names the organisation; once in passing, unclear.
            if s.in_position or len({id(x) for x, _ in s.hits}) >= 2:
                short.append(_evidence(seg, own, f"{party} named by its short name"))
            else:
                weak.append(_evidence(seg, own, f"{party} name in part"))

    reasons: list[Reason] = []

    def coded(code: str, **fields: object) -> Reason:  # R-NAME-003..005 serve both name criteria
        return replace(reason(code, **fields), criterion=criterion)

    if strong:
        return CriterionResult(criterion, "met", 0.97, tuple((strong + plain)[:3]))
    if plain:
        return CriterionResult(criterion, "met", 0.9, tuple(plain[:3]))
    if short and not mixed and not foreign:
        return CriterionResult(criterion, "met", 0.7, tuple(short[:2]))
    if mixed:
        # The party position names another organisation; the claim's own name only appears
        # elsewhere in the text. Clearly an organisation: not met; else unclear.
        ev, (seg, org), clear = mixed[0]
        reasons.append(coded("R-NAME-004", party=party, org=org, document=seg.doc_path))
        return CriterionResult(criterion, "not_met" if clear else "unclear", 0.75 if clear else 0.5,
                               (seg.evidence(f"another organisation as {party}"), ev), tuple(reasons))
    if foreign:
        seg, org = foreign[0]
        reasons.append(coded("R-NAME-004", party=party, org=org, document=seg.doc_path))
        return CriterionResult(criterion, "not_met", 0.85, (seg.evidence(f"another organisation as {party}"),),
                               tuple(reasons))
    if weak:
        reasons.append(coded("R-NAME-005", party=party, name=display, text=weak[0].text))
        return CriterionResult(criterion, "unclear", 0.5, tuple(weak[:2]), tuple(reasons))
    placeholders = [(seg, text) for s in scans for seg, text in s.placeholders]
    if placeholders:
        seg, text = placeholders[0]
        reasons.append(coded("R-NAME-003", party=party, text=text))
        reasons.append(reason(missing_code, name=display))
        return CriterionResult(criterion, "not_met", 0.9, (seg.evidence(f"{party} name left as a placeholder"),),
                               tuple(reasons))
    reasons.append(reason(missing_code, name=display))
    return CriterionResult(criterion, "not_met", 0.85 if ctx.views else 0.6, (), tuple(reasons))
