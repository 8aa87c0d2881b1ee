"""D-11.3: activities driving revenue and/or usage growth, explicitly stated.

A statement counts when, in one sentence (or table row), a growth word (increase, grow, expand,
drive, boost, accelerate, onboard, 'from 200 to 800', '30%'...) stands close to what grows
(usage, adoption, active users, seats, licences, consumption, revenue...), or when adoption work
is named as such (adoption plan, campaign, champions programme). Goodwill without an object
('help the customer succeed', 'deliver value') and technical tasks ('increase mailbox quota')
do not count; nor do statements in out-of-scope sections or negated sentences.
"""

from __future__ import annotations

import re

from scoring.catalogue import find_mentions
from scoring.checks.context import CheckContext
from scoring.checks.growth_subject import growth_subjects
from scoring.checks.products import NEGATED, excluded_section, without_names
from scoring.checks.text import Segment, columns, is_blank_value, sentences
from scoring.reasons import reason
from scoring.types import CriterionResult, Evidence

OBJECT = re.compile(
    r"\b(?:usage|use of|active use|utili[sz]ation|adoption|active (?:users?|usage|seats?)|(?:monthly|daily|weekly) active|"
    r"MAU|DAU|seats?|seat count|licen[cs]es?|licen[cs]e count|subscriptions?|consumption|revenue|ARR|MRR|"
    r"penetration|engagement|user base|users|employees|staff|workers|mailboxes|devices|endpoints|sites|"
    r"footprint|deployment rate|attach rate|activation rate|enrol(?:l)?ment|upsell|cross-sell|"
    r"paid (?:seats|users)|entitlements|workloads?|sales pipeline|pipeline|bookings|sales)\b", re.I)
GROWTH = re.compile(
    r"\b(?:increas\w*|grow\w*|growth|expand\w*|expansion|(?<!home )(?<!network )(?<!shared )(?<!hard )(?<!mapped )"
    r"(?<!usb )(?<!test )driv(?:e|es|ing|en)|boost\w*|accelerat\w*|"
    r"scal(?:e|es|ing) (?:up|out)|rais\w*|maximi[sz]\w*|lift|uplift|doubl\w*|tripl\w*|upsell\w*|"
    r"higher|more|additional|extra|further(?= \d)|new|add(?:s|ed|ing)? \d[\d,]*|promot\w*|broaden\w*|"
    r"extend\w* (?:to|across)|ramp(?:ing)? up|up from|target\w*|goal|KPI|improv\w* (?:the )?(?:rate|adoption|usage)|"
    r"from \d[\d,.]*%? to \d[\d,.]*%?|\d[\d,.]*%?\s*(?:→|->|=>|»)\s*\d[\d,.]*%?|(?:by|to|reach(?:ing)?|at least|over|above)\s+\d[\d,.]*\s?%|"
    r"\d[\d,.]*\s?%\s+(?:increase|growth|uplift|more|higher|improvement|rise))", re.I)
ADOPTION_WORK = re.compile(
    r"\badoption\s+(?:and\s+change\s+management\s+)?(?:plan|programme|program|campaign|workshops?|champions?|"
    r"strateg\w*|targets?|KPIs?|tracking|dashboard|roadmap|sprints?|activities|initiative|services|workstream|"
    r"work ?package)\b|\badoption and change management\s*[:\-–]\s*\w|"
    r"\bchampions? (?:network|programme|program)\b|\busage (?:growth|targets?|KPIs?|uplift|increase)\b|"
    r"\b(?:drive|increase|accelerate|grow|boost)\w* (?:user )?adoption\b|"
    # an adoption target: '100% user adoption', '95%+ user adoption within 90 days'
    r"\b\d{1,3}\s?%\+?\s+(?:of\s+(?:all\s+)?\w+\s+)?(?:user\s+|end[- ]user\s+)?adoption\b|\badoption (?:rate|goal)s?\b", re.I)
COUNTABLE = re.compile(r"users|employees|staff|workers|mailboxes|devices|endpoints|sites|workloads?|entitlements",
                       re.I)
SELL_MORE = re.compile(r"\b(?:upsell\w*|up-sell\w*|cross-?sell\w*|land and expand|seat expansion|licen[cs]e expansion)\b",
                       re.I)
# Growth words that are technical when what grows is storage, quota or performance.
TECHNICAL = re.compile(r"\b(?:quota|storage|capacity|bandwidth|performance|disk|memory|cpu|mailbox size|"
                       r"throughput|retention|latency|timeout|security posture|secure score)\b", re.I)
# 'Price increase on renewal of licences' is commercial terms, not growth.
COMMERCIAL = re.compile(r"\b(?:price|pricing|fees?|costs?|invoic\w*|payments?|discount\w*|renew\w*|rate card|"
                        r"inflation|uplift of fees)\b", re.I)
NEAR = 60  # characters between the growth word and its object

# Who or what a usage number counts, beyond OBJECT: people on the product, places it reaches.
PEOPLE_OR_PLACES = re.compile(
    r"\b(?:agents?|sellers?|reps?|representatives|clinicians|consultants|engineers|technicians|dispatchers|"
    r"learners|students|members|advis[eo]rs|operators|drivers|nurses|doctors|teachers|analysts|caseworkers|"
    r"case workers|colleagues|associates|field users|named users|licensed users|business units?|sites|"
    r"locations|offices|stores|shops|branches|caf[eé]s|restaurants|depots|warehouses|plants|factories|"
    r"clinics|hospitals|schools|campuses|regions|countries|markets|entities|subsidiaries|divisions|"
    r"departments|brands|teams|companies|orders|transactions|cases|tickets|calls|bookings|"
    r"Nutzer\w*|Benutzer\w*|Anwender\w*|Lizenzen|Mitarbeite\w*|Standorte|utilisateurs|collaborateurs|"
    r"salari[ée]s|employ[ée]s|boutiques|magasins|licences|usuarios|empleados|gebruikers|medewerkers)\b", re.I)
GROWTH_VERB = re.compile(
    r"\b(?:grow\w*|increas\w*|expand\w*|extend\w*|lift\w*|rais\w*|scal\w*|doubl\w*|tripl\w*|add\w*|"
    r"onboard\w*|roll(?:ing|s|ed)? (?:it )?out to|ramp\w*|broaden\w*|Ausbau|Ausweitung|Erh[öo]hung|"
    r"Steigerung|Erweiterung|erh[öo]hen|steigern|ausbauen|erweitern|ausweiten|passer|augment\w*|accro[îi]\w*|"
    r"[ée]tendre|croissance|aumentar|crecimiento|ampliar|verhogen|uitbreiden|groei)\b", re.I)
# 'from 25 to 70', 'von 85 auf 140', 'a further 15 agents', '90 more users', 'by 30%'
_ABOUT = r"(?:(?:the|an?|under|over|about|around|approximately|roughly|just|nearly|only|some|all|at least|c\.|~)\s*)*"
_FROM_TO = re.compile(rf"\b(?:from|von|de|van)\s+{_ABOUT}(?:[A-Za-z-]+\s+){{0,4}}?{_ABOUT}(\d[\d,.]*)\s*%?[^.;\d]{{0,40}}?\s(?:to|auf|à|a|naar|tot)\s+{_ABOUT}(\d[\d,.]*)",
                      re.I)
_MORE = re.compile(r"\b(?:a further|another|an additional|additional|further|more|extra|new)\s+\d[\d,]*\b|"
                   r"\badd(?:s|ed|ing)?\s+(?:(?:approximately|about|around|some|roughly|up to|over|another|a further)\s+)?"
                   r"\d[\d,]*\s+(?:more\s+|new\s+|further\s+)?(?:\w+\s+)?(?:users|seats|licen[cs]es|employees|staff|agents|"
                   r"sellers|sites|stores|locations)\b|"
                   r"\b\d[\d,]*\s+(?:more|additional|extra|new|further)\b|\bby\s+\d[\d,.]*\s?%", re.I)
# 'Bring the remaining 400 users onto the SharePoint intranet': the rest of the organisation joins.
_REMAINING_ONTO = re.compile(
    r"\b(?:bring|brings|bringing|move|moves|moving|onboard\w*|roll\w* out to|extend\w* to)\s+(?:the\s+)?"
    r"(?:remaining|rest of the|other|additional|further|another)\s+(?:\d[\d,]*\s+)?(?:\w+\s+){0,2}?"
    r"(?:users|employees|staff|sellers|agents|sites|offices|teams|departments|business units|colleagues)\b", re.I)
_USAGE_NAMED = re.compile(r"\b(?:usage|adoption|active use|active users|seats|licen[cs]es|sessions|consumption)\b", re.I)
# 'get 70% of colleagues active in Viva Engage every month ... from about 20% today'
_SHARE_ACTIVE = re.compile(
    r"\b\d{1,3}\s?%\s+of\s+(?:(?:all|our|the|its)\s+)?(?:[\w-]+\s+){0,2}?(?:colleagues|staff|users|employees|people|"
    r"agents|sellers|managers|workers|students|members|teams|departments)\b[^.;]{0,60}?\b(?:active|using|use|on|adopt\w*)\b",
    re.I)
_BASELINE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|under\s+)?\d{1,3}\s?%|\b(?:aim|target|goal|objective)\b",
                       re.I)
_NUMBER_OF = re.compile(r"\b(?:number|count|headcount) of (?:licen[cs]ed |active |paying |named )?\w+", re.I)


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").rstrip("."))
    except ValueError:
        return None


def _counted_growth(text: str) -> bool:
    """A usage figure that grows: a growth verb with 'from 25 to 70' (upwards), 'a further 15',
    '90 more', 'by 30%' or 'the number of licensed agents', about people or places using the
    product (or the product itself), not storage, quotas or prices."""
    if TECHNICAL.search(text):
        return False
    if _REMAINING_ONTO.search(text) or _SHARE_ACTIVE.search(text) and _BASELINE.search(text):
        return True
    if not GROWTH_VERB.search(text):
        return False
    counted = bool(OBJECT.search(text) or PEOPLE_OR_PLACES.search(text) or find_mentions(text))
    if not counted:
        return False
    for m in _FROM_TO.finditer(text):
        low, high = _number(m.group(1)), _number(m.group(2))
        if low is not None and high is not None and high > low and not (1900 <= low <= 2100 and 1900 <= high <= 2100):
            between = text[m.start():m.end()]
            if not COMMERCIAL.search(between):
                return True
    if _MORE.search(text) and (PEOPLE_OR_PLACES.search(text) or OBJECT.search(text)) and not COMMERCIAL.search(text):
        return True
    return bool(_NUMBER_OF.search(text) and re.search(r"\bincreas\w*|\bgrow\w*|\bexpand\w*|\braise\w*", text, re.I))


# Onboarding people grows usage; onboarding devices or servers to a console is a technical task.
ONBOARD_PEOPLE = re.compile(r"\bonboard\w*\s+(?:of\s+)?(?:\w+\s+){0,4}?(?:\d[\d,]*\s+)?(?:\w+\s+)?"
                            r"(?:users|employees|staff|seats|agents|sellers|customers|members|learners|colleagues)\b|"
                            # a success metric in the passive: '50 users onboarded to GCC High'
                            r"\b\d[\d,]*\+?\s+(?:\w+\s+){0,2}?(?:users|employees|staff|agents|sellers|members|learners|"
                            r"colleagues)\s+(?:onboarded|enabled|activated|licensed)\s+(?:to|onto|on|in|for)\b",
                            re.I)


# The product taken to more of the organisation: 'Expand Dynamics 365 Sales to two further
# business units', 'roll Teams Phone out across the remaining regions'.
# A first rollout to a counted scope ('roll out Teams Phone for 800 users across 5 sites') is the
# deployment itself: a rollout grows only to the remaining, further or other parts of the organisation.
EXPAND_REACH = re.compile(
    r"\b(?:(?:expand\w*|extend\w*|scal\w* out)\b[^.;]{0,80}?\b(?:to|across|into|in)\b[^.;]{0,30}?"
    r"\b(?:further|more|additional|other|new|remaining|all(?: other)?|\d+|two|three|four|five|six)|"
    r"(?:roll\w*(?: \w+){0,6}? out|rollouts?)\b[^.;]{0,80}?\b(?:to|across|into|in)\b[^.;]{0,30}?"
    r"\b(?:further|more|additional|other|new|remaining|all(?: other)?))\s+(?:\w+\s+){0,2}?"
    r"(?:business units?|divisions?|subsidiar(?:y|ies)|departments?|regions?|countries|branches|offices|"
    r"locations|sites|entities|markets|brands|plants|stores|hospitals|schools|teams|repositor(?:y|ies)|projects|"
    r"workspaces|subscriptions|users|employees|seats)\b", re.I)


# What a developer or cloud platform's use is counted in ('GHAS rollout to remaining 190 repositories').
_SOFTWARE_UNITS = re.compile(r"\b(?:repositor(?:y|ies)|workspaces|subscriptions|tenants)\b", re.I)


def _growth_in(text: str) -> bool:
    if _counted_growth(text) or ONBOARD_PEOPLE.search(without_names(text)):
        return True
    if EXPAND_REACH.search(text) and not NEGATED.search(text) and (
            find_mentions(text) or OBJECT.search(text) or _SOFTWARE_UNITS.search(text)):
        return True
    if not OBJECT.search(text) and "adoption" not in text.lower():
        return False
    text = without_names(text)  # 'drive the Dynamics 365 Sales rollout' is not sales growth
    if ADOPTION_WORK.search(text):
        return True
    if SELL_MORE.search(text):
        return True
    objects = [(m.span(), bool(COUNTABLE.fullmatch(m.group(0)))) for m in OBJECT.finditer(text)]
    if not objects:
        return False
    for g in GROWTH.finditer(text):
        gs, ge = g.span()
        for (os_, oe), countable in objects:
            if (os_ >= ge and os_ - ge <= NEAR) or (gs >= oe and gs - oe <= NEAR // 2):
                between = text[min(ge, oe):max(gs, os_)]
                if TECHNICAL.search(between) or COMMERCIAL.search(between):
                    continue
                # 'boost productivity for users' is not more users: people and things need the
                # growth word right next to them ('300 additional users', 'number of devices').
                if countable and (len(between) > 30 or re.search(r"\b(?:for|with|among|through|via|by)\b", between)):
                    continue
                if g.group(0).lower() in ("new", "more", "additional", "extra"):
                    if g.group(0)[0].isupper() and re.match(r"\s+[A-Z]", text[ge:]) or not (os_ >= ge and os_ - ge <= 30):
                        continue  # 'New South Wales ... 5 sites': a name; the soft word must precede what grows
                    if not re.search(r"\d|users|seats|licen|adoption|usage|employees|staff", text[ge:ge + 40], re.I):
                        continue
                return True
    return False


# The POE template's own label (D-11.3 wording) is a question to the partner, not an answer.
TEMPLATE_LABEL = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:description of |details of |list |describe )?(?:the )?(?:activities|activity|actions?|"
    r"initiatives?|plans?)\s+(?:driving|that drive|to drive|which drive|for driving|to grow|to increase)\s+"
    r"[\w\s/,&()-]{0,60}?\s*[:?*.]?\s*$", re.I)


# A template's instruction to the partner ('Describe the activities driving ... growth.').
INSTRUCTION = re.compile(r"^\s*(?:[-•*]\s*)?(?:\d+[.)]\s*)?(?:please\s+)?(?:describe|list|provide|explain|outline|detail|state|"
                         r"summari[sz]e|enter|specify|include|attach|give|add|tick|select|complete|insert|fill in)\b",
                         re.I)
# Verbs a short growth statement opens with ('Drive adoption of Teams'); a short line without one
# is a title ('Adoption and growth plan').
_OPENING_VERB = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:we will\s+|will\s+|to\s+)?(?:(?:driv|increas|accelerat|rais|doubl|tripl|scal|promot|enabl|"
    r"achiev|maximi[sz])(?:e|es|ing)|(?:grow|expand|boost|extend|roll|onboard|deliver|track|add|upsell|cross-sell|lift|"
    r"broaden|ramp|train)(?:s|ing)?|run(?:s|ning)?|(?:launch|reach|establish)(?:es|ing)?)\b", re.I)


def _is_label(text: str) -> bool:
    if INSTRUCTION.match(text) and not re.search(r"\d", text):
        return True
    return bool(TEMPLATE_LABEL.match(text)) and not re.search(r"\d", text) and bool(
        re.search(r"growth|and/or", text, re.I))


def _is_title(text: str) -> bool:
    """'Adoption and growth', 'Growth activities (revenue / usage)': a caption, not a statement."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return len(words) <= 6 and not re.search(r"\d", text) and not _OPENING_VERB.match(text)


def _statements(seg: Segment) -> list[str]:
    """What the segment states; a template label with its value left empty states nothing."""
    if seg.is_heading or len(seg.cells) <= 1 and _is_label(seg.text):
        return []
    if len(seg.cells) > 1:
        values = [c.text for c in seg.cells[1:] if c.text.strip()]
        if not values or all(is_blank_value(v) for v in values):
            return []
        label = seg.cells[0].text
        return values if _is_label(label) or _is_title(label) or re.search(r"\bgrowth\b|\badoption\b", label, re.I) \
            and len(label.split()) <= 8 else [seg.text]
    label, colon, rest = seg.text.partition(":")
    if colon and len(label.split()) <= 10 and is_blank_value(rest):
        return []
    return sentences(seg.text)


_TARGET_HEADER = re.compile(r"\b(?:target|goal|growth|increase|to-be|future state|expected|planned|forecast|"
                            r"success (?:measure|metric|criteri)\w*|kpis?|end of (?:engagement|project|programme|phase))\b(?!\s+(?:date|day|month|week|quarter))", re.I)


_DATES = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}\b|"
                    r"\b[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b(?:Q[1-4]\s+)?(?:19|20)\d\d\b")


def _is_target_header(row_text: str) -> bool:
    """A short table header naming a target column ('Metric | Baseline | Target')."""
    cells = [c.strip() for c in row_text.split(" | ") if c.strip()]
    return len(cells) >= 2 and all(len(c.split()) <= 4 for c in cells) and bool(_TARGET_HEADER.search(row_text))


# What a SOW says the platform *could* do, or how a bigger order would be sized, is no activity:
# 'Scalability: can grow to large scope by increasing licenses', 'Medium scope: Scale to 100-200
# users', 'designed to grow from 20 to 100+ subscriptions', 'foundation for expanding ...'.
CAPABILITY = re.compile(
    r"\b(?:can|could|may|might|would)\s+(?:easily\s+|also\s+|later\s+)?(?:be\s+)?(?:grow|scal|expand|increas|extend|"
    r"add|support|accommodat)\w*|\bdesigned (?:to|for)\b|\bscalab\w*|\b(?:room|capacity|foundation|headroom|ability)"
    r" (?:for|to)\b|\b(?:small|medium|large|enterprise)[- ]scope\b|\bscope level\b|\bno (?:architectural|"
    r"architecture) changes?\b|\bwithout re-?architect\w*|\bbeyond (?:the )?(?:\w+ ){0,4}(?:specified|defined|included)"
    r"\b|\bfor larger\b|\bscal\w* with (?:actual )?(?:usage|consumption|volume|demand)\b|\bsupporting\b[^.;]{0,40}"
    r"\binitially\b|\bplease request\b|\bchanges? to (?:the )?scope\b", re.I)
# Money said about usage is pricing, not growth: 'Costs scale with actual usage', 'Credits
# Applied: $20,000 (licence promotion)'; revenue, bookings and sales stay growth objects.
PRICING = re.compile(r"^\W*(?:\w+\s+){0,2}(?:costs?|pric\w*|fees?|credits?|discounts?|billing|invoic\w*|budget)\b|"
                     r"[$£€]\s?\d|\b\d[\d,.]*\s?(?:USD|EUR|GBP)\b|\bpromotion\b", re.I)
_REVENUE = re.compile(r"\b(?:revenue|ARR|MRR|bookings|sales pipeline|upsell\w*|cross-?sell\w*)\b", re.I)
# Less effort, time or cost ('Reduce manual deployment effort by 90%') is efficiency, not growth.
REDUCTION = re.compile(r"^\W*(?:\w+:\s*)?(?:reduc|cut|lower|decreas|minimi[sz]|eliminat|shorten)\w*\b|"
                       # faster work is speed, not growth: 'Accelerated deployment of new workloads'
                       r"^\W*(?:\w+:\s*)?(?:faster|accelerat\w*|speed\w*(?: up)?)\s+(?:the\s+)?(?:deployment|delivery|"
                       r"time|processing|release|development|provisioning|migration)\b", re.I)
# 'licence' that is a permit or legal terms, never a product's seats.
NOT_SEATS = re.compile(r"\bdriver'?s'? licen[cs]es?\b|\blicen[cs]ed under\b|\b(?:open[- ]source|MIT|Apache|GPL|"
                       r"professional|business|export|software) licen[cs]es?\b|\blicen[cs]e (?:fees?|costs?|agreements?|"
                       r"terms|grant|keys?)\b", re.I)


_REDUCED_BY = re.compile(r"\b(?:reduc|cut|lower|decreas|minimi[sz]|shorten)\w*\b[^.;]{0,60}?\bby\s+\d", re.I)
_GROWS = re.compile(r"\b(?:increas|grow|expand|onboard|adopt|extend|rais|doubl)\w*", re.I)


def _not_an_activity(text: str) -> bool:
    if CAPABILITY.search(text) or REDUCTION.search(text) or _REDUCED_BY.search(text) and not _GROWS.search(text):
        return True
    return bool(PRICING.search(text)) and not _REVENUE.search(text)


def _no_activity(seg: Segment, statement: str) -> bool:
    """A table row is judged by its cells that state growth, not by its price or quantity cells."""
    if len(seg.cells) > 1:
        growing = [c.text for c in seg.cells if _growth_in(c.text)]
        if growing:
            return all(_not_an_activity(c) for c in growing)
    return _not_an_activity(statement)


def _distinct(found: list[Evidence]) -> list[Evidence]:
    """Each quote once (issue 15: the same sentence was listed two or three times)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in found:
        key = (e.document, " ".join(e.text.split()).lower())
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def check_growth(ctx: CheckContext) -> CriterionResult:
    crit = "growth_activities"
    found: list[Evidence] = []
    for view, subject in zip(ctx.views, growth_subjects(ctx.claim.products, ctx.views), strict=True):
        concerns = subject.product_of
        header = ""  # the header row of the table being read
        carried: tuple[str, int, int | None] | None = None  # the last KPI header, its width and page
        for seg in view.segments:
            # A table row, or a text line laid out in columns ('KPI <tab> Today <tab> Target').
            cols = [c.text for c in seg.cells] if seg.kind == "row" else columns(seg.text)
            rowlike = seg.kind == "row" or len(cols) >= 2
            if not rowlike and not (header and len(seg.text.split()) <= 3 and not seg.is_heading):
                header = ""  # (a header cell wrapped onto a line of its own, 'End of' / 'engagement', keeps it)
            if excluded_section(seg.section) and not re.search(r"growth|adoption|usage|success", seg.section, re.I):
                continue
            row_text = " | ".join(c.strip() for c in cols if c.strip())
            if rowlike and not header and carried and len(cols) == carried[1] and seg.location.page != carried[2]:
                header = carried[0]  # a KPI table whose header row stayed on the page before
            if rowlike and not header:
                header = row_text
                if _is_target_header(header):
                    carried = (header, len(cols), seg.location.page)
            elif rowlike and _is_target_header(header) and OBJECT.search(NOT_SEATS.sub(" ", row_text)) \
                    and (product := concerns(row_text)) and not _not_an_activity(row_text) \
                    and len(re.findall(r"\d[\d,.]*", _DATES.sub(" ", row_text))) >= 2:
                # 'Metric | Baseline | Target' then 'Monthly active users | 120 | 800'
                if seg.kind == "row":
                    cell = next((c for c in seg.cells if OBJECT.search(c.text)), seg.cells[0])
                    found.append(cell.evidence(seg.doc_path, f"growth target of {product}"))
                else:
                    found.append(seg.evidence(f"growth target of {product}"))
                continue
            for st in _statements(seg):
                if _is_title(st) or _is_label(st) or _no_activity(seg, st) or not _growth_in(NOT_SEATS.sub(" ", st)):
                    continue
                product = concerns(st if len(seg.cells) <= 1 else seg.text)
                if product is None:
                    continue
                if NEGATED.search(st) or TECHNICAL.search(st) and not ADOPTION_WORK.search(st) \
                        and not _USAGE_NAMED.search(st):
                    continue  # ('capacity packs from 1 to 3' beside '6,000 agent sessions' is still usage)
                if len(seg.cells) > 1:
                    cell = next((c for c in [*seg.cells[1:], seg.cells[0]] if _growth_in(c.text)), None) or next(
                        (c for c in seg.cells if OBJECT.search(c.text) or ADOPTION_WORK.search(c.text)), seg.cells[0])
                    found.append(cell.evidence(seg.doc_path, f"growth activity of {product}"))
                else:
                    found.append(Evidence(seg.doc_path, st, seg.location, f"growth activity of {product}"))
                break
            if len(found) >= 3:
                break
    found = _distinct(found)
    if found:
        numeric = any(re.search(r"\d", e.text) for e in found)
        return CriterionResult(crit, "met", 0.9 if numeric or len(found) > 1 else 0.8, tuple(found[:3]))
    return CriterionResult(crit, "not_met", 0.8, (), (reason("R-GROW-001"),))
