"""Finding dates written in text, in every common business format (D-11.5).

'March 3, 2026', '3 March 2026', '3rd Mar. 2026', '2026-03-03', '03/03/2026', '3-Mar-2026',
'3.3.26', 'Tuesday, 3 March 2026', and month-year forms ('June 2026', partial). Numeric
day/month order is resolved per document: a first number above 12 anywhere means day-first,
a second number above 12 means month-first, otherwise locale hints decide (en-GB spellings,
£/€, Ltd/GmbH/Pty), else month-first (en-US).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# POEs from France, Germany, Austria, Spain, the Netherlands and Belgium date in their language.
_FOREIGN_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
        + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r")\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"


def month_number(name: str) -> int:
    low = name.lower().rstrip(".")
    return _FOREIGN_MONTHS.get(low) or MONTHS[low[:3]]
# ('20 15': a year broken by a space in a scanned or typed-over signature block)
_YEAR = r"(?P<year>(?:19|20)\d{2}|(?:19|20) \d{2}(?!\d)|'?\d{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d|[/.-]\d)")),
    # 'July 11 , 2006': a space before the comma, as typed in many EDGAR exhibits
    ("mdy_name", re.compile(rf"(?<![\w]){_MON}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}(?![\w])", re.I)),
    ("dmy_name", re.compile(rf"(?<![\w]){_DAY}(?:\s+(?:day\s+)?(?:of\s+|de\s+)?|[-/.]|\s*-\s*){_MON}(?:\s*,?\s+(?:de\s+)?|[-/.]|\s*,){_YEAR}(?![\w])", re.I)),
    ("numeric", re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d{2}|\d{2})(?!\d|[/.-]\d)")),
    # 'Date: 2-21 -11': a hand-typed signature date with stray spaces around its separators; only
    # after a Date label or as a field's whole value, where nothing but a date is expected
    # (elsewhere '2 - 21 - 11' is no date)
    ("spaced", re.compile(r"(?:\bdated?\b\s*:?\s*|^\s*)(?P<v>(?P<a>[0-3]?\d)\s*(?P<sep>[/-])\s*(?P<b>[0-3]?\d)\s*(?P=sep)\s*"
                          r"(?P<year>(?:19|20)\d{2}|\d{2}))(?!\d|\s*[/-]\s*\d)", re.I)),
    ("quarter", re.compile(r"(?<![\w])(?:Q(?P<q>[1-4])|(?P<q2>first|second|third|fourth) quarter(?: of)?)\s*(?:FY\s*)?"
                           r"(?P<year>(?:19|20)\d{2})(?![\w])", re.I)),
    # 'June 2026', and 'as of September ___, 2019': a day left blank leaves the month and year
    ("month_year", re.compile(rf"(?<![\w]){_MON}(?:\s*,?\s+|\s*_{{2,}}\s*,?\s*)(?P<year>(?:19|20)\d{{2}})(?![\w])",
                              re.I)),
]


@dataclass(frozen=True)
class FoundDate:
    value: date
    text: str
    start: int
    end: int
    partial: bool = False  # month and year only
    ambiguous: bool = False  # numeric day/month order decided by the document, not the text


def _year(y: str) -> int:
    """A two-digit year takes the POSIX pivot (00-68: 2000s, 69-99: 1900s): '6/21/99' on an old
    EDGAR signature page is 1999, not 2099 (it was read as after submission, R-SIG-005)."""
    y = y.lstrip("'").replace(" ", "")
    n = int(y)
    if len(y) == 4:
        return n
    return 2000 + n if n < 69 else 1900 + n


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_DAYFIRST_WORDS = {"ltd", "limited", "plc", "gmbh", "pty", "bv", "organisation", "organisations", "programme",
                   "centre", "licence", "licences", "authorised", "authorise", "vat", "gbp", "eur", "aud",
                   "kingdom", "australia", "zealand", "ireland", "germany", "france", "netherlands", "india"}
_MONTHFIRST_WORDS = {"inc", "llc", "usd", "usa", "organization", "program", "center", "authorized", "states"}


def _locale_votes(text: str) -> tuple[int, int]:
    """(day-first, month-first) hints: en-GB/EU spellings, suffixes and currencies vs en-US."""
    low = text.lower()
    words = set(_WORD.findall(low))
    uk = len(words & _DAYFIRST_WORDS) + ("£" in text) + ("€" in text) + bool(re.search(r"dd[/.-]mm", low))
    us = len(words & _MONTHFIRST_WORDS) + ("$" in text) + bool(re.search(r"mm[/.-]dd", low))
    return uk, us


def day_first(text: str) -> bool:
    """Decide numeric date order for a whole document."""
    dayfirst_votes = monthfirst_votes = 0
    for m in _PATTERNS[3][1].finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            dayfirst_votes += 1
        elif b > 12 >= a:
            monthfirst_votes += 1
    if dayfirst_votes != monthfirst_votes:
        return dayfirst_votes > monthfirst_votes
    uk, us = _locale_votes(text)
    return uk > us


def find_dates(text: str, dayfirst: bool = False, not_after: date | None = None) -> list[FoundDate]:
    """Every date in ``text``, non-overlapping, in text order.

    ``not_after``: a numeric date whose order the text leaves open and that would fall after this
    day in the document's order is read the other way when that falls before it (a signature
    cannot postdate the claim's submission; '07/12/2026' in a July claim is 7 December only
    when nothing else is possible)."""
    found: list[FoundDate] = []
    if not _DIGIT.search(text):
        return found

    def overlaps(s: int, e: int) -> bool:
        return any(s < f.end and f.start < e for f in found)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span("v") if "v" in pattern.groupindex else m.span()
            if overlaps(s, e):
                continue
            value: date | None = None
            partial = ambiguous = False
            if kind == "iso":
                value = _make(int(m.group("year")), int(m.group("m")), int(m.group("d")))
            elif kind in ("mdy_name", "dmy_name"):
                value = _make(_year(m.group("year")), month_number(m.group("mon")), int(m.group("day")))
            elif kind in ("numeric", "spaced"):
                a, b, y = int(m.group("a")), int(m.group("b")), _year(m.group("year"))
                if a > 12:
                    value = _make(y, b, a)
                elif b > 12:
                    value = _make(y, a, b)
                else:
                    value = _make(y, b, a) if dayfirst else _make(y, a, b)
                    ambiguous = a != b
                    other = _make(y, a, b) if dayfirst else _make(y, b, a)
                    if ambiguous and not_after and value and other and value > not_after >= other:
                        value = other
            elif kind == "quarter":
                q = int(m.group("q")) if m.group("q") else ("first", "second", "third", "fourth").index(
                    m.group("q2").lower()) + 1
                value = _make(int(m.group("year")), 3 * q - 2, 1)
                partial = True
            elif kind == "month_year":
                value = _make(int(m.group("year")), month_number(m.group("mon")), 1)
                partial = True
            if value is not None:
                found.append(FoundDate(value, text[s:e], s, e, partial, ambiguous))
    found.sort(key=lambda f: f.start)
    return found


def excel_serial(text: str) -> date | None:
    """An Excel serial day number left as text ('46084' in a date cell), 2000-2060 only."""
    t = text.strip()
    if re.fullmatch(r"\d{5}(?:\.0+)?", t):
        n = int(float(t))
        if 36526 <= n <= 58806:
            return date(1899, 12, 30) + timedelta(days=n)
    return None


# 'Date: TBD', 'Date: [Date]', 'Date: ____', 'Go-live: to be confirmed'
NOT_A_DATE = re.compile(
    r"\b(?:TBD|TBC|TBA|to be (?:confirmed|determined|agreed|scheduled|signed)|n/?a|pending)\b|"
    r"\[\s*(?:insert\s+)?date\s*\]|<\s*date\s*>|\{\{\s*date\s*\}\}|_{3,}|"
    r"\b(?:dd|mm)[/.-](?:mm|dd)[/.-]yy(?:yy)?\b|\bmonth\s+day,?\s+year\b",
    re.I)
