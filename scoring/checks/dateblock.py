"""What the words and lines around a date say it is (D-11.5), for :mod:`scoring.checks.dates`.

Real contracts seldom put a date right after the word that names it:

* the clause before a date can be long: 'the duly authorized representative of each Party has
  signed this Contract in <city>, <country> on November 8, 2002' (the verb is 70 characters
  back), so a date no nearer word names is read by its sentence, back to its start (not past
  the date before it);
* a signature block's date often stands on a line of its own, its label on the line above
  ('DATE OF:' / 'January 10, 2020') or printed under the line ('4/24/2018' / 'Date'), or beside
  '/s/' and 'By:' lines; a date alone on a line under the parties' execution block ('Party A:',
  'in witness thereof') is the date they signed.

Evidence quotes the date's own sentence, exactly as written, when its paragraph is long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.checks.datefind import FoundDate, find_dates
from scoring.checks.text import Segment

_CLAUSE_CHARS = 120
# A sentence ends at '.', ';' or a line break followed by a capital or a bracket ('Inc. and' goes on).
_SENTENCE_END = re.compile(r"(?:[.;]\s+(?=[A-Z(\"“])|\n)")
_QUOTE_CHARS = 240
# The marks of a signature line: '/s/', 'By:', 'Per:', 'Signature', 'Signed', a company seal, a
# drawn line.
_SIG_MARK = re.compile(r"/s/|\b(?:by|per)\s*:|\bsignature\b|\bsigned\b|\bseal\b|_{4,}|\baccepted and agreed\b", re.I)
# What opens a contract's execution block: the witness clause, the parties' captions.
_EXECUTION = re.compile(r"\bin witness\b|\bwitness(?:eth)? (?:thereof|whereof)\b|\bexecuted\b|"
                        r"\bcovenanters\b|^\s*party [a-d]\s*:", re.I | re.M)
# A caption printed under the line it names: 'Date', 'Date<tab>Date', 'Title / Date'.
_CAPTION_DATE = re.compile(r"^[\s\t]*(?:date(?:d|\s+signed)?[\s\t:]*)+$", re.I)
_LABEL_LINE = re.compile(r"\bdate\b", re.I)
_NEAR_ABOVE = 6
_LINE_REST = 30  # characters of other words a field line may hold beside its dates
_NEAR_BELOW = 2
_BLOCK_ABOVE = 10


def clause_before(text: str, start: int, floor: int = 0) -> str:
    """The words before a date back to the start of its sentence, at most 120 characters, and not
    past the date before it (``floor``): in 'the Convention signed in Paris on December 19, 1997,
    which entered into force on February 15, 1999' the second date is no signature's."""
    window = text[max(floor, start - _CLAUSE_CHARS): start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end():] if ends else window


def quote_around(text: str, start: int, end: int) -> str | None:
    """The date's sentence, exactly as written, when its paragraph is too long to quote whole."""
    if len(text) <= _QUOTE_CHARS:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    lo = ends[-1] if ends else 0
    after = _SENTENCE_END.search(text, end)
    hi = after.start() + 1 if after else len(text)
    lo = max(lo, start - _QUOTE_CHARS // 2)
    hi = min(hi, end + _QUOTE_CHARS // 2)
    return text[lo:hi].strip() or None


@dataclass(frozen=True)
class Near:
    """The lines around one line of a document, on its page."""

    above: tuple[str, ...]  # nearest last
    below: tuple[str, ...]  # nearest first

    @classmethod
    def of(cls, segments: list[Segment], n: int) -> Near:
        seg = segments[n]

        def same_page(s: Segment) -> bool:
            return s.doc_path == seg.doc_path and s.location.page == seg.location.page and len(s.cells) <= 1

        above = [s.text for s in segments[max(0, n - _BLOCK_ABOVE): n] if same_page(s)]
        below = [s.text for s in segments[n + 1: n + 1 + _NEAR_BELOW] if same_page(s)]
        return cls(tuple(above), tuple(below))

    def label_for_line(self, rest: str) -> str:
        """The label of a date that fills its line or column: the line above ('DATE OF:'), and
        a 'Date' caption printed under the line. A date opening a line of prose has none."""
        if rest.strip() and not re.match(r"\t|\s{3,}", rest):
            return ""
        words = rest
        for f in reversed(find_dates(rest)):
            words = words[: f.start] + words[f.end:]
        if len(words.strip()) > _LINE_REST and not _LABEL_LINE.match(words.strip()):
            return ""  # '15.2.10<tab>Effect of Termination ...': a numbered clause, no field
        label = self.above[-1] if self.above else ""
        if self.below and _CAPTION_DATE.match(self.below[0]):
            label = f"{label} {self.below[0].strip()}"
        return label

    def signs(self, context: str, line: str, f: FoundDate) -> bool:
        """A date field of a signature block: a Date label (before the date or as the caption
        under it) with a signature mark on the lines around; or a date standing alone on its
        line below the parties' execution block."""
        block = "\n".join(self.above[-_NEAR_ABOVE:] + self.below)
        if _LABEL_LINE.search(context) and _SIG_MARK.search(block):
            return True
        alone = not line[: f.start].strip() and not line[f.end:].strip(" .,\t")
        return alone and any(_EXECUTION.search(t) for t in self.above)
