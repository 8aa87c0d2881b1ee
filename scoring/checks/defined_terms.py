"""The short names a contract defines for its parties: ``Acme Corp ("Acme")``, ``(the "Distributor")``.

Real agreements name each party once in full and then by a defined term: an acronym ("MLX"),
a fragment of the name ("Heritage"), a surname ("Auriemma") or a role word ("Sponsor",
"OWNER"). Such a term in a party position is that party, never another organisation (issue 12:
CUAD contracts). ``defined_terms(text)`` maps each term (folded, see ``term_key``) to the text
that defines it, or ``""`` when a definitions clause gives it no organisation
('"Unit" means ...').
"""

from __future__ import annotations

import re

_QUOTE = "\"“”„‘’"
# '(the "Company")', '(hereinafter referred to as "Sponsor")', '("Heritage")', '(“BE” or “Operator”)'
_PAREN = re.compile(r"\(([^()]{1,200})\)")
_QUOTED = re.compile(rf"[{_QUOTE}]\s*([A-Za-z0-9][^{_QUOTE}]{{0,40}}?)\s*[{_QUOTE}]")
# '(Auriemma)', '(MLX)', '(the Distributor)': an unquoted term of one to three capitalised words
_BARE = re.compile(r"^\s*(?:the\s+|hereinafter\s+)?([A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2})\s*$")
# '"Unit" means', '“Technical Information” shall have the meaning'
_MEANS = re.compile(rf"[{_QUOTE}]([A-Z][^{_QUOTE}]{{0,40}})[{_QUOTE}]\s*(?:means|shall mean|shall have|has the meaning|"
                    r"refers to|is defined)", re.I)
# Where the defining name starts: after the last clause word before the parenthesis.
_NAME_START = re.compile(r".*(?:\bbetween\b|\band\b|\bby\b|\bamong\b|\bwith\b|\bof\b|[);:])\s*", re.I | re.S)
_NAME_TAIL = re.compile(r",\s+(?:a|an|the)\s.*$|,\s*$", re.I | re.S)


def term_key(text: str) -> str:
    """'the Distributor's' -> 'distributor'; 'MLX' -> 'mlx'; '“Sponsor”' -> 'sponsor'."""
    t = text.strip().strip(_QUOTE + "'.,;: ").lower()
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"['’]s$", "", t)
    return re.sub(r"\s+", " ", t).strip()


def _owner(before: str) -> str:
    """The name a parenthesised term follows: 'by and between Acme Corp, a Delaware
    corporation' -> 'Acme Corp'."""
    tail = before[-160:]
    m = _NAME_START.match(tail)
    name = tail[m.end():] if m else tail
    name = _NAME_TAIL.sub("", name)
    return name.strip().strip(_QUOTE + "'.,;: ")


def defined_terms(text: str) -> dict[str, str]:
    """Every term the text defines -> the name it stands for ('' when none is given)."""
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        terms = [t for t in _QUOTED.findall(inner) if t.strip()]
        if not terms:
            bare = _BARE.match(inner)
            terms = [bare.group(1)] if bare else []
        if not terms:
            continue
        owner = _owner(text[max(0, m.start() - 160): m.start()])
        for t in terms:
            key = term_key(t)
            if key and (key not in out or not out[key]):
                out[key] = owner
    for m in _MEANS.finditer(text):
        out.setdefault(term_key(m.group(1)), "")
    return out


def leading_term(name: str, terms: dict[str, str]) -> str | None:
    """The defined term ``name`` is or begins with ('Distributor's Affiliate', 'Licensee in
    accordance with ...'), or None."""
    words = name.split()
    for n in range(min(4, len(words)), 0, -1):
        key = term_key(" ".join(words[:n]))
        if key in terms:
            return key
    return None
