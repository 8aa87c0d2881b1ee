"""D-11.2, D-12, D-23: each claimed product connected to a description of the work on it.

Per claimed product: ``linked`` when it is named (by name, code or catalogue alias) in the same
sentence, line or table row as concrete work (deploy, implement, migrate, configure, build, roll
out, train, integrate...), or it heads a short block / section whose lines describe such work;
``mentioned`` when it appears only in licensing lists, background, assumptions or out-of-scope /
exclusion sections, or in a sentence that excludes it; ``absent`` otherwise. The criterion is
``met`` only when every claimed product is linked; reasons name the others, to be removed from
the claim or given POE (D-12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scoring.catalogue import Product, find_mentions, find_product
from scoring.checks.context import CheckContext
from scoring.checks.subject import left_behind, mentions_in
from scoring.checks.text import Cell, DocView, Segment, sentences
from scoring.reasons import reason
from scoring.types import ClaimedProduct, CriterionResult, Evidence, ProductFinding, Reason

WORK = re.compile(
    r"\b(?:deploy\w*|implement\w*|migrat\w*|configur\w*|build\w*|built|roll(?:ing|ed|s)?[- ]?out|rollouts?|"
    r"train(?:ing|ed|s)?|integrat\w*|set(?:ting)?[- ]up|setup|design\w*|customi[sz]\w*|develop\w*|enabl\w*|"
    r"pilot\w*|onboard\w*|provision\w*|upgrad\w*|automat\w*|extend\w*|install\w*|launch\w*|moderni[sz]\w*|"
    r"transition\w*|cut[- ]?over|go[- ]?live|adopt\w*|workshops?|harden\w*|optimi[sz]\w*|activat\w*|"
    r"establish\w*|creat\w*|deliver\w*|architect\w*|assess\w*|envision\w*|administ\w*|support(?:s|ed|ing)?|"
    r"test(?:s|ed|ing)?|UAT|map(?:s|ped|ping)?|replac\w*|consolidat\w*|secur(?:e|es|ed|ing)|enrol\w*|"
    r"connect\w*|publish\w*|populat\w*|convert\w*|tailor\w*|refin\w*|stand(?:ing)? up|spin up|wire up|"
    r"rebuild\w*|re-?platform\w*|stabili[sz]\w*|troubleshoot\w*|maintain\w*|manag(?:e|es|ed|ing)|"
    r"coach\w*|upskill\w*|modell?\w*|script\w*|code|coding|prototyp\w*|proof of concept|poc|"
    r"cutover|switch\w* over|move|moving|port(?:ed|ing)?|install|licen[cs]e assignment|tenant setup|"
    r"governance|hypercare|proof of value|discovery|health ?check|remediat\w*|rationali[sz]\w*|"
    r"harmoni[sz]\w*|decommission\w*|standardi[sz]\w*|implementation|enablement|synchroni[sz]\w*|sync(?:s|ed|ing)?|"
    r"retir(?:e|es|ed|ing)|tun(?:e|es|ed|ing)|fine-tun\w*|re-?architect\w*|register\w*|clean(?:s|ed|ing)? up|"
    r"operationali[sz]\w*|embed\w*|unif(?:y|ies|ied|ying)|ingest\w*|import(?:s|ed|ing)?|"
    # French, German, Spanish and Dutch work words (POEs come from every country)
    r"param[ée]trage|param[ée]trer|d[ée]ploi\w*|d[ée]ployer|mise en (?:œuvre|oeuvre|place|production)|"
    r"reprise des donn[ée]es|formation|int[ée]gration|impl[ée]mentation|einf[üu]hrung|implementierung|"
    r"einrichtung|schulung|bereitstellung|despliegue|implantaci[óo]n|implementaci[óo]n|formaci[óo]n|"
    r"configuraci[óo]n|invoering|uitrol|inrichting)\b",
    re.I)
# Work words too general to tie a product to work on their own next to prices or quantities
# ('Dynamics 365 Sales | 50 | $95 | support included').
WEAK_WORK = re.compile(r"\b(?:support(?:s|ed|ing)?|manag(?:e|es|ed|ing)|maintain\w*|test(?:s|ed|ing)?|map(?:s|ped|ping)?|"
                       r"move|moving|code|coding|deliver\w*|assess\w*|creat\w*|establish\w*|administ\w*)\b", re.I)
PRICE_OR_QTY = re.compile(r"[$£€]\s?\d|\d\s?(?:USD|EUR|GBP)\b|\b\d[\d,]*\s*(?:users?|seats?|licen[cs]es?|units?)\b|"
                          r"^\s*\d[\d,.]*\s*$|per (?:user|month|year|seat)", re.I)


def _strong_work(text: str) -> bool:
    """Work words beyond the general ones (support, manage, test...)."""
    return any(not WEAK_WORK.fullmatch(m.group(0)) for m in WORK.finditer(text))


# A sentence that keeps the product out of the work.
NEGATED = re.compile(
    r"out[- ]of[- ]scope|not in scope|outside (?:the |of )?(?:the )?scope|\bexclud\w*|\bexclusion|not included|"
    r"not part of|\bno (?:work|services?|changes?|deployment|configuration)\b|will not|won't|shall not|"
    r"does not (?:include|cover)|not covered|not be (?:deployed|configured|implemented|migrated|delivered)|"
    r"licen[cs]es? only|already (?:licensed|deployed|in place|implemented|configured)|by others|"
    r"by the customer'?s? (?:own|internal)|future phase|not required|deferred|descoped|de-scoped|"
    r"is not being|are not being|no longer|"
    r"(?:customer|client)(?:'s)? (?:is|are|will be|shall be|remains?) responsible|responsibility of the (?:customer|client)|"
    r"(?:customer|client) responsibilit|(?:customer|client) (?:will|shall) (?:itself |themselves )?(?:own|handle|perform)|"
    r"third[- ]party (?:vendor|supplier|partner) (?:will|shall)|not responsible for|"
    r"(?:supported|managed|run|maintained|handled|delivered) by (?:another|a different|an? other|its own|the "
    r"(?:customer|client)'?s?|[\w&' ]{2,40}'s own)|(?:another|other|separate) (?:provider|partner|supplier|vendor)|"
    r"remains? (?:with the (?:customer|client)|unchanged|in place|as[- ]is|outside)|"
    r"\b(?:currently|already|also) (?:uses?|using|has|have|runs?|licen[cs]es|owns?)\b|\bis using\b|"
    r"\bfor (?:context|information|reference)\b|\bin use\b|\brel(?:y|ies|ying) on\b|"
    r"\b(?:its|their) own (?:staff|team|people|employees|IT)\b|\bin-house (?:team|staff)\b|"
    # the product as it already stands, not work on it ('has been live ... and is well established')
    r"\b(?:has|have) been (?:live|in (?:place|use|production))\b|\bis (?:well )?established\b|"
    r"\bfor some (?:time|years)\b|\bin production since\b", re.I)
# Sections whose contents are never the partner's work.
MENTION_SECTION = re.compile(
    r"out[- ]of[- ]scope|exclusion|excluded|not in scope|licen[cs]|subscription|pricing|price|fees|"
    r"commercial|bill of materials|order summary|background|current (?:state|environment)|existing "
    r"(?:environment|estate|landscape)|as-is|assumption|prerequisite|dependenc|glossary|definitions|"
    r"terms and conditions|general terms", re.I)
_NEGATIVE_HEADING = re.compile(r"scope exclusions?|exclusions? from (?:the )?scope|excluded from (?:the )?scope|"
                               r"out[- ]of[- ]scope|not in scope|exclusions?|excluded", re.I)
_WORK_HEADING = re.compile(r"\bscope\b|deliverables|activities|approach|\bwork\b|implementation|deployment|"
                           r"migration|training|adoption|phases?|milestones?", re.I)


_WORK_LABEL = re.compile(r"\b(?:workstreams?|work ?package|phase|stage|wave|module|stream|activit(?:y|ies)|scope|"
                         r"deliverables?|services?|tasks?)\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-•*▪◦·–]|\(?[a-z0-9]{1,2}[.)])\s*\S")


_TICK = re.compile(r"^\s*(?:[✔✓☑✅xX]|yes|y)\s*$", re.I)


def _col_id(cell: Cell) -> object:
    loc = cell.location
    if loc.col is not None:
        return loc.col
    m = re.match(r"([A-Z]+)", loc.cell or "")
    return m.group(1) if m else None


def _same_table(a: Cell, b: Cell) -> bool:
    la, lb = a.location, b.location
    return (la.page, la.part, la.table, la.sheet) == (lb.page, lb.part, lb.table, lb.sheet)


@lru_cache(maxsize=4096)
def excluded_section(heading: str) -> bool:
    """True for a section whose contents are not the partner's work ('Out of scope', 'Licensing',
    'Assumptions'); 'Scope and exclusions' or 'Licensing and deployment' stay work sections."""
    if not heading or not MENTION_SECTION.search(heading):
        return False
    rest = _NEGATIVE_HEADING.sub(" ", heading)
    rest = MENTION_SECTION.sub(" ", rest)
    return not _WORK_HEADING.search(rest)


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    product: Product | None
    own_pattern: re.Pattern[str] | None  # products outside the catalogue: their name as written


def _targets(products: tuple[ClaimedProduct, ...]) -> list[Target]:
    out: list[Target] = []
    for cp in products:
        p = find_product(cp.code) or find_product(cp.name)
        pat = None
        if p is None:
            words = [re.escape(w) for w in cp.name.split()]
            pat = re.compile(r"(?<!\w)" + r"[\s\-]*".join(words) + r"(?!\w)", re.I) if words else None
        out.append(Target(cp.key, cp.name or cp.key, p, pat))
    return out


def _names(target: Target, text: str, mentions: list[tuple[int, int, Product]]) -> bool:
    if target.product is not None:
        codes = {target.product.code, *target.product.includes}
        return any(p.code in codes for _, _, p in mentions)
    return bool(target.own_pattern and target.own_pattern.search(text))


class _DocProducts:
    def __init__(self, view: DocView) -> None:
        self.view = view
        self.mentions = [mentions_in(view, s.text) for s in view.segments]
        self._left: dict[str, bool] = {}

    def sentence_hits(self, target: Target, n: int) -> tuple[str, Evidence | None, Evidence | None]:
        """('linked'|'mentioned'|'', evidence, context) for segment n."""
        seg = self.view.segments[n]
        if not _names(target, seg.text, self.mentions[n]):
            return "", None, None
        if excluded_section(seg.section) and not seg.is_heading:
            return "mentioned", _ev(seg, target, "named in a " + seg.section.strip()[:40] + " section"), None
        pieces = [seg.text] if len(seg.cells) > 1 else sentences(seg.text)
        linked_piece = mentioned_piece = None
        for piece in pieces:
            status = _piece_status(target, piece, mentions_in(self.view, piece))
            if status == "linked":
                linked_piece = piece
                break
            if status == "mentioned":
                mentioned_piece = mentioned_piece or piece
        if linked_piece is not None and self.left_behind(target):
            return "mentioned", _ev(seg, target, "the source of a migration to another platform", linked_piece), None
        if linked_piece is not None:
            work_cell = None
            if len(seg.cells) > 1:  # the row's cell that describes the work, quoted beside the product's
                cell = next((c for c in seg.cells if WORK.search(without_names(c.text))
                             and not _names(target, c.text, find_mentions(c.text))), None)
                if cell is not None:
                    work_cell = cell.evidence(seg.doc_path, "the work on it")
            return "linked", _ev(seg, target, "named with the work on it", linked_piece), work_cell
        if len(seg.cells) > 1 and (ticked := self.ticked_work(n)) is not None:
            return "linked", _ev(seg, target, "ticked under " + ticked[0], seg.cells[0].text), ticked[1]
        return "mentioned", _ev(seg, target, "named without work", mentioned_piece), None

    def left_behind(self, target: Target) -> bool:
        if target.key not in self._left:
            self._left[target.key] = left_behind(self.view, lambda text: _own_spans(target, text, self.view))
        return self._left[target.key]

    def ticked_work(self, n: int) -> tuple[str, Evidence] | None:
        """A product row of a tick matrix ('Microsoft Defender | ✔ | ✔' under 'Product | Pre-sales |
        Deployment'): a tick in a column whose header is work (D-11.2). (header, the header cell)."""
        seg = self.view.segments[n]
        ticks = {_col_id(c) for c in seg.cells[1:] if _TICK.match(c.text)}
        if not ticks:
            return None
        for k in range(n - 1, max(-1, n - 12), -1):
            head = self.view.segments[k]
            if len(head.cells) <= 1 or not _same_table(head.cells[0], seg.cells[0]):
                continue
            if any(_TICK.match(c.text) for c in head.cells):
                continue  # another product's row
            for c in head.cells[1:]:
                if _col_id(c) in ticks and _strong_work(c.text) and not NEGATED.search(c.text):
                    return c.text.strip(), c.evidence(seg.doc_path, "the work column ticked for it")
            return None
        return None

    def block_under(self, target: Target, n: int) -> Evidence | None:
        """A work line under a line/heading naming the product (D-23: 'Exchange Online' then '- Migrate...')."""
        seg = self.view.segments[n]
        if NEGATED.search(seg.text) or excluded_section(seg.section if not seg.is_heading else "") \
                or self.left_behind(target):
            return None
        if len(seg.cells) > 1 and not _names(target, seg.cells[0].text, find_mentions(seg.cells[0].text)):
            return None  # 'Licences held | Windows 365 (50)': the product is a field's value, not a header
        label = seg.text.split(":", 1)[0]
        if len(re.findall(r"[A-Za-z]{2,}", without_names(seg.text))) > 6 or re.match(r"^[^:]{2,40}:\s*\S", seg.text) \
                and not _names(target, label, find_mentions(label)) and not _WORK_LABEL.search(label):
            return None  # a sentence or a 'Label: product' line heads no block of work lines ('Workstream 1: X' does)
        work_section = bool(_WORK_HEADING.search(seg.section) or _WORK_LABEL.search(seg.section) or _WORK_LABEL.search(label))
        if len({p.code for _, _, p in self.mentions[n]}) > 1:
            return None  # D-23: a header listing several workloads ties no work line to any one of them
        marker = _BULLET.match(seg.text)
        for k in range(n + 1, min(len(self.view.segments), n + 6)):
            nxt = self.view.segments[k]
            if nxt.is_heading or self.mentions[k] and not _names(target, nxt.text, self.mentions[k]):
                return None
            if marker and nxt.text.lstrip()[:1] == seg.text.lstrip()[:1]:
                return None  # the product is one item of a list; the next item is another, not its work
            if WORK.search(nxt.text) and not NEGATED.search(nxt.text):
                return nxt.evidence("work line under the product")
            if not _BULLET.match(nxt.text) or NEGATED.search(nxt.text):
                break
            if work_section and k - n >= 2:  # (every line so far below the product is a bullet)
                # D-23: the product heads a list of work items in a scope / workstream section
                # ('Microsoft Defender for Office 365' / '- Safe Links policies' / '- Attack simulation').
                return self.view.segments[n + 1].evidence("work item under the product")
        return None

    def in_section(self, target: Target) -> Evidence | None:
        """A work line in a section whose heading names the product."""
        if self.left_behind(target):
            return None
        for n, seg in enumerate(self.view.segments):
            if seg.is_heading or not seg.section or excluded_section(seg.section):
                continue
            heading_mentions = mentions_in(self.view, seg.section)
            if len({p.code for _, _, p in heading_mentions}) > 1:
                continue
            if _names(target, seg.section, heading_mentions) and WORK.search(seg.text) \
                    and not NEGATED.search(seg.text) and not self.mentions[n]:
                return seg.evidence("work under a heading naming the product")
        return None


_JOINER = re.compile(r"^[\s,/&()]*(?:(?:and|or|plus|as well as)[\s,/&()]*)?$", re.I)
_LOCAL_NEG = re.compile(r"\b(?:not|except|excluding|without|other than|apart from|nor|no)\b[^.;:]{0,30}$", re.I)
LICENSE_ONLY = re.compile(r"licen[cs]\w*|subscriptions?|\bSKUs?\b|entitlements?|renewals?|procure\w*|purchas\w*|"
                          r"resell\w*|\bCSP\b|per user|/user|/month|price|cost", re.I)


# A product that only receives alerts or notifications is their channel, not the work
# ('Notification webhooks deliver alerts to Slack/Teams channels').
_CHANNEL_BEFORE = re.compile(r"\b(?:alerts?|notifications?|webhooks?)\b[^.;:]{0,40}?\b(?:to|into|via|through)\s+"
                             r"(?:the\s+|an?\s+)?(?:[\w-]+\s*/\s*)*$", re.I)


def _own_spans(target: Target, text: str, view: DocView) -> list[tuple[int, int]]:
    if target.product is not None:
        codes = {target.product.code, *target.product.includes}
        return [(s, e) for s, e, p in mentions_in(view, text) if p.code in codes]
    return [m.span() for m in target.own_pattern.finditer(text)] if target.own_pattern else []


def _piece_status(target: Target, piece: str, mentions: list[tuple[int, int, Product]]) -> str | None:
    """'linked' / 'mentioned' / None (not named) for one sentence or table row.

    Each mention of the target gets a clause window: from the previous product mention to the
    next one (products joined by 'and' / ',' share one window). Negation or licensing words in
    the window make it 'mentioned'; work words in the sentence make it 'linked'. ``mentions``: the
    piece's product mentions, without everyday words the document never backs with the brand."""
    if target.product is not None:
        codes = {target.product.code, *target.product.includes}
        own = [(s, e) for s, e, p in mentions if p.code in codes]
        others = [(s, e) for s, e, p in mentions if p.code not in codes]
    else:
        own = [m.span() for m in target.own_pattern.finditer(piece)] if target.own_pattern else []
        others = [(s, e) for s, e, _ in mentions]
    if not own:
        return None
    spans = sorted([(s, e, True) for s, e in own] + [(s, e, False) for s, e in others])
    groups: list[list[tuple[int, int, bool]]] = []
    for sp in spans:
        if groups and _JOINER.match(piece[groups[-1][-1][1]:sp[0]]):
            groups[-1].append(sp)
        else:
            groups.append([sp])
    work_in_sentence = bool(WORK.search(without_names(piece)))
    status = "mentioned"
    for gi, g in enumerate(groups):
        if not any(is_own for _, _, is_own in g):
            continue
        start = groups[gi - 1][-1][1] if gi > 0 else 0
        end = groups[gi + 1][0][0] if gi + 1 < len(groups) else len(piece)
        window = piece[start:g[0][0]] + " " + piece[g[-1][1]:end]
        if NEGATED.search(window) or _LOCAL_NEG.search(piece[max(start, g[0][0] - 40):g[0][0]]) \
                or _CHANNEL_BEFORE.search(piece[max(start, g[0][0] - 80):g[0][0]]):
            continue
        commercial = bool(LICENSE_ONLY.search(window) or PRICE_OR_QTY.search(window))
        if WORK.search(window) and (not commercial or _strong_work(window)):
            return "linked"
        if work_in_sentence and not commercial:
            status = "linked"
    return status


def without_names(text: str) -> str:
    # 'Customer Service' names a product but its words are no work; product names never count as work.
    out = text
    for s, e, _ in reversed(find_mentions(text)):
        out = out[:s] + " " + out[e:]
    return out


def _ev(seg: Segment, target: Target, note: str, piece: str | None = None) -> Evidence:
    if len(seg.cells) > 1:
        cell = next((c for c in seg.cells if _names(target, c.text, find_mentions(c.text))), seg.cells[0])
        return cell.evidence(seg.doc_path, note)
    if piece and piece in seg.text:
        return Evidence(seg.doc_path, piece.strip(), seg.location, note)
    return seg.evidence(note)


def check_products(ctx: CheckContext) -> CriterionResult:
    crit = "product_links"
    targets = _targets(ctx.claim.products)
    docs = ctx.shared.setdefault("product_docs", [_DocProducts(v) for v in ctx.views])
    findings: dict[str, ProductFinding] = {}
    reasons: list[Reason] = []
    evidence: list[Evidence] = []
    for t in targets:
        direct: list[Evidence] = []  # named with work in one sentence / row
        under: list[Evidence] = []  # a product line with work lines below it, or a product section
        mentioned: list[Evidence] = []
        for d in docs:
            for n in range(len(d.view.segments)):
                verdict, ev, work = d.sentence_hits(t, n)
                if verdict == "linked" and ev is not None:
                    direct.extend([ev, work] if work is not None else [ev])
                elif verdict == "mentioned" and ev is not None:
                    below = d.block_under(t, n) if not under else None
                    if below is not None:
                        under.extend([ev, below])
                    else:
                        mentioned.append(ev)
                if len(direct) >= 2:
                    break
            if not direct and not under:
                sec = d.in_section(t)
                if sec is not None:
                    under.append(sec)
        linked = direct or under
        if t.product is None:
            reasons.append(reason("R-PROD-003", product=t.label))
        if linked:
            findings[t.key] = ProductFinding("linked", tuple(linked[:2]))
            if linked[0] not in evidence:  # one sentence often links several products
                evidence.append(linked[0])
        elif mentioned:
            findings[t.key] = ProductFinding("mentioned", tuple(mentioned[:2]))
            reasons.append(reason("R-PROD-002", product=t.label, context=mentioned[0].note))
        else:
            findings[t.key] = ProductFinding("absent")
            reasons.append(reason("R-PROD-001", product=t.label))
    if not targets:
        return CriterionResult(crit, "unclear", 0.3, (), tuple(reasons), findings)
    all_linked = all(f.verdict == "linked" for f in findings.values())
    if all_linked:
        return CriterionResult(crit, "met", 0.9, tuple(evidence), tuple(reasons), findings)
    nonlinked_ev = [e for f in findings.values() if f.verdict == "mentioned" for e in f.evidence[:1]]
    return CriterionResult(crit, "not_met", 0.85, tuple(evidence + nonlinked_ev), tuple(reasons), findings)
