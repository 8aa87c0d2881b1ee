"""Signature-block fields: the labels of one field (By / Signature / Name / Title / Date /
Company, with an optional party prefix such as 'Customer Signature:') and their values.

:func:`parse_field` reads one field's text into a :class:`ParsedField`; :func:`split_inline`
splits a line holding several fields; :class:`FieldItem` is one field found in a segment, at
its column. :mod:`scoring.checks.sigblocks` groups the fields into blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.checks.roles import ANY_ROLE_RE, role_word
from scoring.checks.text import Segment
from scoring.types import Evidence

ROLE = ANY_ROLE_RE  # a party prefix of a field label ('Customer Signature:', 'Company Name:')
_SIG = (r"authori[sz]ed signature|authori[sz]ed signatory|accepted and agreed by|agreed and accepted by|"
        r"acknowledged by|accepted by|approved by|agreed by|confirmed by|signed by|authori[sz]ed by|signature|"
        r"signatory|signed|sign|accepted and agreed|agreed and accepted|accepted|approved|acknowledged|agreed|by|per")
# Labels that are ordinary words without their colon ('Per:' is the signature line of Canadian
# and English execution blocks; 'per the agreement' is prose).
_COLON_ONLY = {"accepted and agreed", "agreed and accepted", "accepted", "approved", "acknowledged", "agreed", "per"}
_NAME = r"printed name|print name|full name|name of signatory|signatory name|signer name|name"
_TITLE = r"job title|title|position|designation|role|capacity"
_DATE = (r"date signed|signature date|signed date|date of signature|acknowledg(?:e)?ment date|"
         r"date of acknowledg(?:e)?ment|signed on|acknowledged on|approved on|dated|date")
_ORG = r"company name|company|organi[sz]ation name|organi[sz]ation|entity|for and on behalf of|on behalf of"

_FIELD = re.compile(
    rf"^\s*(?:(?P<role>{ROLE})(?:'s)?\s+)?(?P<field>{_SIG}|{_NAME}|{_TITLE}|{_DATE}|{_ORG})"
    rf"(?:\s+(?:(?:of|for|by|on behalf of)\s+)?(?:the\s+)?(?P<role2>{ROLE}))?"
    r"(?:\s*(?:\((?:print|please print|block letters)\)))?"
    r"(?P<sep>\s*[:–]\s*|\s+-\s+|\s*$|\s+(?=_{2,}|/s/|\[|\.{3,}))(?P<value>.*)$", re.I)
_ROLE_LABEL = re.compile(rf"^\s*(?:for\s+(?:the\s+)?)?(?P<role>{ROLE})(?:\s+(?:name|legal name))?\s*:\s*(?P<value>.*)$", re.I)
_INLINE_LABEL = re.compile(
    rf"(?<![\w-])(?<!signed )(?<!Signed )(?<!SIGNED )(?:(?:(?:{ROLE})(?:'s)?\s+)?(?:{_SIG}|{_NAME}|{_TITLE}|{_DATE}|{_ORG})"
    rf"(?:\s+(?:(?:of|for|by|on behalf of)\s+)?(?:the\s+)?(?:{ROLE}))?|{ROLE})\s*:", re.I)

# 'For and on behalf of X', 'Signed for X': a line that opens a party's block.
CAPTION_OPENER = re.compile(r"^\s*(?:signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\b|^\s*signed\s+for\b", re.I)
CAPTION = re.compile(rf"^\s*(?:for\s+)?(?:the\s+)?(?:{ROLE})s?\s*:?\s*$|^[A-Z][A-Z&.,' -]{{2,60}}$|"
                      rf"(?i:{CAPTION_OPENER.pattern})")
LABEL_START = re.compile(r"^\s*(?:[A-Za-z][A-Za-z' ]{0,30}):")
MAYBE_FIELD = re.compile(r"[:\t_–]|/s/|\s-\s|\.{3}")
ESIGN_BY = re.compile(
    r"(?:\b(?:electronically|digitally|e-?)\s*signed|\bsigned\s+(?:electronically|digitally|via \w+))\s+(?:by\s*:?\s*)?(?P<who>[A-Z][^,;\n|]{1,60}?)"
    r"(?:\s+(?:on|at)\s+(?P<when>[^;\n|]{6,40}))?\s*(?:$|[,;|(])", re.I)
DOCUSIGNED = re.compile(r"docusigned by\s*:?\s*(?P<who>[A-Z][A-Za-z.'\- ]{1,50})?", re.I)
SLASH_S = re.compile(r"/s/\s*(?P<who>[A-Z][\w.'\- ]{1,50})")


def field_kind(label: str) -> str:
    lab = label.lower()
    if re.fullmatch(_DATE, lab):
        return "date"
    if re.fullmatch(_NAME, lab):
        return "name"
    if re.fullmatch(_TITLE, lab):
        return "title"
    if re.fullmatch(_ORG, lab):
        return "org"
    return "sig"


@dataclass(frozen=True)
class ParsedField:
    """One field's text read: 'Customer Signature: /s/ Teo Lupu' -> sig, '/s/ Teo Lupu', customer."""

    kind: str  # sig | name | title | date | org
    value: str  # what was written after the label ('' when the line is still to be filled)
    role: str | None  # the party the label names ('Customer Signature'), if any
    label_only: bool  # a label with no value ('Date:'), which may take the next cell as its value


@dataclass(frozen=True)
class FieldItem:
    """A field found in a segment: the parsed field, the column it stands in, its text as written."""

    seg: Segment
    col: int
    kind: str
    value: str
    text: str  # the field as written (label and value)
    role: str | None  # explicit party from the label ('Customer Signature')
    cell_index: int | None = None

    def evidence(self, note: str) -> Evidence:
        if self.cell_index is not None and self.cell_index < len(self.seg.cells):
            cell = self.seg.cells[self.cell_index]
            return cell.evidence(self.seg.doc_path, note)
        return Evidence(self.seg.doc_path, self.text.strip(), self.seg.location, note)


BEHALF_SIG = re.compile(r"^\s*(?:signed|executed|accepted|agreed)(?: and (?:accepted|agreed))?\s+(?:for and )?"
                         r"on behalf of\s+(?P<org>[^:]{2,80}?)\s*[:\-–]\s*(?P<value>.*)$", re.I)


# UK execution clause: 'Signed by Teo Lupu for and on behalf of CONTOSO LIMITED ........ Director'.
# The dots are where the signature goes; '/s/' or a name there means it was signed.
SIGNED_BY_FOR = re.compile(
    r"^\s*signed\s+by\s+(?P<who>[A-Z][\w.'\- ]{1,50}?)\s+(?:for\s+and\s+)?on\s+behalf\s+of\s+"
    r"(?P<org>[^.\n_/:]{2,80}?)\s*(?P<value>(?:\.{2,}|_{2,}|/s/|:).*)?$", re.I)


# A verb of a contract clause: a value that holds one is a sentence, not a signature.
_CLAUSE_VERB = re.compile(r"\b(?:represents|warrants|agrees|acknowledges|covenants|shall|will|must|may|is|are|has|have)\b")


def parse_field(text: str) -> ParsedField | None:
    """The field one text holds, or None (prose, a caption, a cover page's 'Prepared by')."""
    sb = SIGNED_BY_FOR.match(text)
    if sb:
        value = (sb.group("value") or "").lstrip(":").strip()
        value = re.sub(r"^[._\s]+", "", value) if re.match(r"^[._]{2,}", value) else value
        # Only dots, or dots then a title ('Director'): the line is still to be signed.
        if re.match(r"^(?:director|secretary|authori[sz]ed signatory|officer|ceo|cfo|cio|cto)?$", value, re.I):
            value = ""
        return ParsedField("sig", value, role_word(sb.group("org")), not value)
    b = BEHALF_SIG.match(text)
    if b and re.match(r"^(?:the|each|both|all)?\s*(?:part(?:y|ies)|undersigned)\b", b.group("org").strip(), re.I):
        return None  # 'Signed for and on behalf of the parties:' introduces the blocks below
    if b:
        return ParsedField("sig", b.group("value").strip(), role_word(b.group("org")), not b.group("value").strip())
    m = _FIELD.match(text)
    if m:
        kind = field_kind(m.group("field"))
        sep = m.group("sep")
        if kind == "sig" and m.group("field").lower() in ("by", "sign", "signed") and not sep.strip() and \
                not m.group("value").strip().startswith(("_", "/s/", "[", ".")) and m.group("value").strip():
            return None  # 'By the end of March ...' is prose
        if m.group("field").lower() in _COLON_ONLY and ":" not in sep:
            return None  # 'Approved' alone is a word; 'Approved: Teo Lupu' is a sign-off
        if m.group("field").lower() in ("signed", "sign") and m.group("role2") and not sep.strip() \
                and not m.group("value").strip():
            # 'Signed for the Customer' (no colon, nothing after it) is the caption over a block
            return ParsedField("org", "", role_word(m.group("role2")), True)
        role_text = (m.group("role") or "") + " " + (m.group("role2") or "")
        role = role_word(role_text) if role_text.strip() else None
        value = m.group("value").strip()
        if kind in ("title", "name", "date", "org") and not sep.strip(":-– ") and not sep.strip() and value \
                and not value.startswith(("_", "[", ".")):
            return None  # 'Date of the workshop is ...' without a colon
        if kind == "name" and len(value.split()) > 8 or kind == "sig" and "/s/" not in value.lower() and (
                len(value.split()) > 10 or _CLAUSE_VERB.search(value)):
            return None  # '(a) By Licensee: Licensee represents and warrants that ...' is a clause
        return ParsedField(kind, value, role, not value)
    m = _ROLE_LABEL.match(text)
    if m and len(m.group("value").split()) <= 8:
        return ParsedField("org", m.group("value").strip(), role_word(m.group("role")), not m.group("value").strip())
    return None


# 'Prepared by: Fabrikam', 'Issue date: ...': the 'by' / 'date' of a document's cover, not a signature.
_NOT_A_SIGNER = re.compile(r"\b(?:prepared|issued|raised|submitted|created|authored|written|owned|delivered|"
                           r"provided|reviewed|requested|sent|produced|compiled|managed|led|issue|due|start|end|"
                           r"effective|invoice|review|expiry|target|report)\s*$", re.I)


def split_inline(col_text: str) -> list[str]:
    """'Name: Teo Lupu  Title: CIO  Date: 12 July 2026' -> its three fields."""
    starts = [m.start() for m in _INLINE_LABEL.finditer(col_text)
              if not _NOT_A_SIGNER.search(col_text[:m.start()])]
    if starts and starts[0] > 0:
        starts = [0, *starts]
    if len(starts) <= 1:
        return [col_text]
    return [col_text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(col_text)], strict=True) if col_text[a:b].strip()]
