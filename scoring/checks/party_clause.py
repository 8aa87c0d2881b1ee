"""The parties a contract lists in the clause that makes it (D-11.4; issue 12, CUAD).

Real agreements list their parties in two layouts :mod:`scoring.checks.parties` reads only in
part:

- one sentence, each party described at length and given a defined term, two or more of them:
  'by and among HOF Village, LLC, a Delaware limited liability company ("HOFV"), National
  Football Museum, Inc., an Ohio corporation ("PFHOF") and Constellation NewEnergy, Inc. ...'
  (:func:`clause_parties`);
- a 'BETWEEN' line with the parties on the lines under it, numbered or joined by an 'AND'
  line ('BETWEEN' / '(1) CHINA ECONOMIC ...' / '(2) XINHUA ...') (:func:`listed_parties`).

Both give the names as the contract wrote them; whether one of them is the claim's party is
the name matcher's business. A name listed here is in a party position.
"""

from __future__ import annotations

import re

from scoring.checks.parties import clean_party, looks_like_org, party_clause_opener
from scoring.checks.text import Segment

_OPENER = re.compile(r"\b(?:by\s+and\s+)?(?:between|among|amongst)\b\s*:?\s*", re.I)
# The clause ends where the recitals begin, or at a sentence's full stop (not an abbreviation's).
_CLAUSE_END = re.compile(r"\b(?:WITNESSETH|RECITALS|WHEREAS|BACKGROUND|NOW,?\s+THEREFORE)\b")
_ABBREVIATION = re.compile(r"(?:\b(?:inc|ltd|co|corp|no|jr|sr|st|mr|mrs|ms|dr|bros|n\.v|s\.a|l\.p|b\.v|u\.s|p\.c)"
                           r"|\b[A-Za-z])$", re.I)
# A parenthesis that gives a party its defined term: '("HOFV")', '(hereinafter "Licensor")', '(as Company)'.
_DEFINES = re.compile(r"[\"“”'‘’]|\bhereinafter\b|\breferred to\b|^\s*as\s", re.I)
_LEAD = re.compile(r"^[\s,;:]*(?:and\b|&)?[\s,;:]*(?:\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|\d{1,2}[.)])?\s*", re.I)
# Words after a party's name that describe it, never part of it.
_DESCRIPTION = re.compile(r",\s+(?:the|as|acting|being|which|who|whose|established|organi[sz]ed|existing)\b.*$|"
                          r"\s+as\s+(?:administrator|agent|trustee|nominee|successor)\b.*$", re.I)
_MAX_CLAUSE = 1500


def _sentence_end(body: str) -> int:
    """Where the clause's sentence ends: a full stop before a capital that closes no abbreviation."""
    depth = 0
    for i, ch in enumerate(body):
        depth += (ch == "(") - (ch == ")")
        if ch == "." and depth <= 0 and re.match(r"\s+[A-Z]", body[i + 1:i + 3]) and \
                not _ABBREVIATION.search(body[max(0, i - 4):i]):
            return i
    return len(body)


def _entries(body: str) -> list[str]:
    """The party entries of a clause body: each ends with the parenthesis defining its term."""
    out: list[str] = []
    start = depth = 0
    opened = -1
    defined = False
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
            if depth == 1:
                opened = i
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0 and _DEFINES.search(body[opened + 1:i]):
                out.append(body[start:i + 1])
                start, defined = i + 1, True
    rest = body[start:]
    if defined and re.match(r"^[\s,;]*and\b", rest, re.I):
        out.append(rest)  # 'between A ("A") and B.': the last party needs no term
    return out if defined else []


_DESCRIBED_FIRST = re.compile(r"^(?:a|an|with|having|whose|located|incorporated|organi[sz]ed|registered|existing)\b", re.I)


def party_name(entry: str) -> str:
    """The name an entry gives, without its numbering, description and defined term. An entry
    may open with the previous party's description ('..., a California corporation having ...,
    and ScanSource, Inc. ("Distributor")'): the name follows its 'and'."""
    text = _LEAD.sub("", entry, count=1)
    if _DESCRIBED_FIRST.match(text):
        parts = re.split(r",\s+and\s+|;\s*(?:and\s+)?", text, maxsplit=1)
        if len(parts) < 2:
            parts = re.split(r"\s+and\s+(?=[A-Z0-9])", text, maxsplit=1)
        text = parts[1] if len(parts) == 2 else ""
    name = clean_party(text)
    return _DESCRIPTION.sub("", name).strip(" ,;")


def _plausible(name: str) -> bool:
    """A party's name: what :func:`looks_like_org` takes, or a longer name of capitalised words
    ('National Football Museum, Inc., d/b/a Pro Football Hall of Fame')."""
    if looks_like_org(name):
        return True
    words = name.split()
    return 8 < len(words) <= 14 and looks_like_org(" ".join(words[:8])) and \
        sum(w[:1].isupper() for w in words) >= len(words) - 3


def clause_parties(text: str) -> list[str]:
    """The parties one paragraph's party clause lists, when each is given a defined term."""
    low = text.lower()
    if "between" not in low and "among" not in low:
        return []
    flat = re.sub(r"\s+", " ", text)
    for m in _OPENER.finditer(flat):
        if not party_clause_opener(flat, m):
            continue
        body = flat[m.end(): m.end() + _MAX_CLAUSE]
        end = _CLAUSE_END.search(body)
        body = body[: end.start()] if end else body
        body = body[: _sentence_end(body)]
        names = [n for n in (party_name(e) for e in _entries(body)) if _plausible(n)]
        if len(names) >= 2:
            return names
    return []


_LIST_OPENER = re.compile(r"^\s*(?:by\s+and\s+)?(?:between|among|amongst)\s*:?\s*$", re.I)
_LIST_JOIN = re.compile(r"^\s*(?:and|&)\s*:?\s*$", re.I)
_NUMBERED = re.compile(r"^\s*(?:\(\s*(?:\d{1,2}|[a-z])\s*\)|\d{1,2}[.)])\s+\S")
_LIST_STOP = re.compile(r"^\s*(?:whereas|recitals|witnesseth|background|it is (?:hereby )?agreed|now,? therefore|"
                        r"hereinafter|the parties)\b", re.I)


def listed_parties(segments: list[Segment]) -> list[tuple[Segment, str]]:
    """Parties listed on the lines under a 'BETWEEN' line: the first line after it, a numbered
    line, and the line after an 'AND' line ('Between' / 'AZUL ...' / '(as Company)' / 'and' /
    'AVIONS DE TRANSPORT ...')."""
    out: list[tuple[Segment, str]] = []
    for n, seg in enumerate(segments):
        if not _LIST_OPENER.match(seg.text):
            continue
        expect = True  # the line after the opener or an 'and' line names a party
        for nxt in segments[n + 1: n + 12]:
            text = nxt.text.strip()
            if not text or _LIST_STOP.match(text):
                break
            if _LIST_JOIN.match(text):
                expect = True
                continue
            if expect or _NUMBERED.match(text):
                name = party_name(text.splitlines()[0])
                if _plausible(name):
                    out.append((nxt, name))
            expect = bool(re.search(r"(?:;|,)?\s*\band\s*:?\s*$", text, re.I))
    return out


# 'BrightDesk is a trading name of Harbourline IT Services Ltd', 'Harbourline IT Services Ltd
# trading as BrightDesk': the document gives a party a second name.
_NAME = r"[A-Z0-9][\w&.'’\-]*(?:[ \t]+(?:[A-Z0-9&][\w&.'’\-]*|of|and|the|de)){0,7}"
_TRADING_NAME = re.compile(
    rf"(?<![\w&.'’\-])(?P<alias>{_NAME})\s+is\s+(?:a|the)\s+(?:registered\s+)?(?:trading\s+(?:name|style)|brand|business\s+name)\s+"
    rf"of\s+(?P<name>{_NAME})|(?<![\w&.'’\-])(?P<name2>{_NAME}),?\s+(?:trading\s+as|t/a)\s+(?P<alias2>{_NAME})")


def trading_names(text: str) -> list[tuple[str, str]]:
    """(second name, the company's name) pairs the text declares."""
    out: list[tuple[str, str]] = []
    low = text.lower()
    if not any(cue in low for cue in ("trading", "t/a", "brand", "business name")):
        return out
    for cue in _TRADING_CUE.finditer(text):  # (the full pattern only near its words: documents run long)
        window = text[max(0, cue.start() - 120): cue.end() + 120]
        out += _trading_names(window)
    return list(dict.fromkeys(out))


_TRADING_CUE = re.compile(r"\btrading\s+(?:as|name|style)\b|\bt/a\b|\b(?:brand|business\s+name)\s+of\b", re.I)


def _trading_names(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _TRADING_NAME.finditer(text):
        alias, name = (m.group("alias"), m.group("name")) if m.group("alias") else (m.group("alias2"), m.group("name2"))
        out.append((alias.strip(), name.strip()))
    return out
