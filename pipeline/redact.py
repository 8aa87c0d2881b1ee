"""Personal data taken out of what analysts receive (D-1; issue 13, Medium).

Analysts study outcomes, not people: contacts are withheld from the claim view, and everything
else they get (evidence quotes, document text, analysis reasons, decision notes, history,
conflict rationales, exports) goes through :class:`Redactor` first. It replaces

- e-mail addresses,
- telephone numbers: international (``+44 20 7946 0958``), North-American (``(425) 555-0100``)
  or any number after a phone label (``Tel:``, ``Mobile``, ``Fax``...); bare digit runs are
  left alone, because claim IDs, MPN IDs, amounts and dates are digit runs too,
- person names: the names the store knows for the claim (contacts, uploaders) wherever they
  stand, and unknown names where documents put signers and correspondents: after ``By:``,
  ``/s/``, ``Name:``, ``signed by`` (with or without a colon), ``Attn:``, ``From:``/``To:``/``Cc:``, before an
  ``<address>`` and on the line after a closing (``Regards,``).

It errs on the side of hiding: a company name written after ``Name:`` is hidden too. Keys of
structured data are never changed, nor values that identify rather than describe (document
paths, codes, verdicts), so links and highlights keep working.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

EMAIL_MARK = "[e-mail withheld]"
PHONE_MARK = "[phone withheld]"
NAME_MARK = "[name withheld]"

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_PHONE_LABEL = r"(?:tel(?:ephone)?|phone|ph|mobile|mob|cell(?:phone)?|fax|direct|office|whatsapp)"
PHONE = re.compile(
    r"\+\d[\d ().\-/]{6,}\d"  # international: + and at least 8 digits
    r"|\(\d{3}\)\s?\d{3}[ .\-]\d{4}\b"  # (425) 555-0100
    r"|\b\d{3}[.\-]\d{3}[.\-]\d{4}\b"  # 425-555-0100, 425.555.0100
)
LABELLED_PHONE = re.compile(
    rf"\b(?P<label>{_PHONE_LABEL})(?P<sep>\.?[ \t]*(?:no\.?|number)?[ \t]*[:#]?[ \t]*)"
    r"(?P<num>\(?\+?\d[\d ().\-/]{5,}\d)",
    re.IGNORECASE,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
# One word of a name: capitalised, not a field label ("Date:"), or an initial ("J.").
_WORD = rf"(?:[{_UPPER}]\.|[{_UPPER}][\w'’\-]*\w|[{_UPPER}])(?![\w'’\-]*\s*:)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|le|la|del|dos|bin|al)"
NAME = rf"(?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s)?{_WORD}(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_WORD}){{0,3}}"
_LABEL = (
    r"(?:by|name|printed\s+name|print\s+name|full\s+name|signed\s+by|signed|signature|signatory|"
    r"authori[sz]ed\s+signatory|attn|attention|contact(?:\s+person)?|from|to|cc|bcc|reply-to|sender)"
)
SIGNER = re.compile(
    rf"(?:(?i:\b{_LABEL})[ \t]*:|(?i:\b(?:counter)?signed\s+by|\bexecuted\s+by))[ \t]*(?:/s/[ \t]*)?(?P<name>{NAME})"
    rf"|/s/[ \t]*(?P<name2>{NAME})"
)
_MARKED_ADDRESS = re.escape(EMAIL_MARK)
BEFORE_ADDRESS = re.compile(rf"(?P<name>{NAME})[ \t]*\"?[ \t]*(?=<[ \t]*{_MARKED_ADDRESS}[ \t]*>)")
CLOSING = re.compile(
    rf"(?i:\b(?:kind\s+regards|best\s+regards|warm\s+regards|regards|sincerely|yours\s+truly|thanks|"
    rf"thank\s+you|cheers|best))(?:[ \t]*,[ \t]*(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*)(?P<name>{NAME})"
)

# Values that name a thing rather than describe it: never rewritten.
KEEP_KEYS = frozenset(
    {"document", "path", "code", "rule", "criterion", "verdict", "status", "kind", "sheet", "cell", "part",
     "claim_id", "tenant_id", "subscription_id", "content_hash", "decision", "recommendation", "action",
     "from_status", "to_status", "format", "product", "key"}
)


def _known_name_pattern(names: Iterable[str | None]) -> re.Pattern[str] | None:
    """Whole known names (any case) and their surnames (as written, capitalised)."""
    parts: set[str] = set()
    for raw in names:
        name = " ".join((raw or "").split())
        if len(name) < 3 or "@" in name:
            continue
        parts.add(re.escape(name).replace(r"\ ", r"\s+"))
        words = name.split(" ")
        surname = words[-1]
        if len(words) > 1 and len(surname) >= 3 and surname.isalpha() and surname[0].isupper():
            parts.add(f"(?-i:{re.escape(surname)})")
    if not parts:
        return None
    alternatives = "|".join(sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])(?:{alternatives})(?![\w@])", re.IGNORECASE)


@dataclass(frozen=True)
class Redactor:
    """Redacts text and JSON-like values; ``names`` are the people the store knows by name."""

    names: tuple[str, ...] = ()
    _known: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_known", _known_name_pattern(self.names))

    @classmethod
    def identity(cls) -> Redactor:
        """A redactor that changes nothing (for readers who may see personal data)."""
        return _Identity()

    def text(self, text: str) -> str:
        if not text:
            return text
        out = EMAIL.sub(EMAIL_MARK, text)
        out = LABELLED_PHONE.sub(lambda m: m.group("label") + m.group("sep") + PHONE_MARK, out)
        out = PHONE.sub(PHONE_MARK, out)
        if self._known is not None:
            out = self._known.sub(NAME_MARK, out)
        out = SIGNER.sub(_name_replacer, out)
        out = BEFORE_ADDRESS.sub(_name_replacer, out)
        return CLOSING.sub(_name_replacer, out)

    def value(self, value: Any, key: str | None = None) -> Any:
        """``value`` with every string redacted, except those under :data:`KEEP_KEYS`."""
        if isinstance(value, str):
            return value if key in KEEP_KEYS else self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v, key) for v in value]
        return value


class _Identity(Redactor):
    def text(self, text: str) -> str:
        return text

    def value(self, value: Any, key: str | None = None) -> Any:
        return value


def _name_replacer(match: re.Match[str]) -> str:
    group = "name" if match.group("name") is not None else "name2"
    if group not in match.re.groupindex or match.group(group) is None:
        return match.group(0)
    start, end = match.span(group)
    base = match.start(0)
    whole = match.group(0)
    return whole[: start - base] + NAME_MARK + whole[end - base :]


def redactor_for(names: Iterable[str | None]) -> Redactor:
    return Redactor(tuple(sorted({" ".join(n.split()) for n in names if n and n.strip()})))


GENERIC = Redactor()
