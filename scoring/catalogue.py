"""The catalogue of products and workloads a claim may name, with codes and aliases (D-3, D-5).

The data lives in ``scoring/data/catalogue.json`` so a reviewer can add an alias without touching
code. ``find_product`` resolves a claim's product name or code; ``product_patterns`` gives the
compiled text patterns the product-link check uses to find each product in a document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "catalogue.json"


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    aliases: tuple[str, ...]
    family: str
    claimable_cpor: bool
    cased_aliases: tuple[str, ...] = ()
    program: str = ""
    includes: tuple[str, ...] = ()  # codes whose mention also supports this product
    # exact-case short names that are this product only where nothing around says otherwise:
    # (alias, words that may not follow it, words that may not precede it), both regexes
    guarded_aliases: tuple[tuple[str, str, str], ...] = ()
    everyday: tuple[str, ...] = ()  # aliases that are also ordinary words ('Teams'): see scoring.checks.subject

    def all_names(self) -> tuple[str, ...]:
        return (self.name, self.code, *self.aliases, *self.cased_aliases)


def _key(text: str) -> str:
    """Lookup key: case, spaces, dashes and underscores folded ('D365 Sales' == 'd365_sales')."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


@cache
def all_products() -> tuple[Product, ...]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(
        Product(
            code=p["code"],
            name=p["name"],
            aliases=tuple(p.get("aliases", ())),
            family=p.get("family", ""),
            claimable_cpor=bool(p.get("claimable_cpor", True)),
            cased_aliases=tuple(p.get("cased_aliases", ())),
            program=p.get("program", ""),
            includes=tuple(p.get("includes", ())),
            guarded_aliases=tuple((g["alias"], g.get("not_before", ""), g.get("not_after", ""))
                                  for g in p.get("guarded_aliases", ())),
            everyday=tuple(p.get("everyday", ())),
        )
        for p in raw["products"]
    )


@cache
def _index() -> dict[str, Product]:
    out: dict[str, Product] = {}
    # Codes and names first so an alias never shadows another product's own code or name.
    for p in all_products():
        out.setdefault(_key(p.code), p)
        out.setdefault(_key(p.name), p)
    for p in all_products():
        for alias in (*p.aliases, *p.cased_aliases):
            out.setdefault(_key(alias), p)
    return out


def find_product(name_or_code: str | None) -> Product | None:
    """The catalogue product for a claim's product name or code (case-insensitive), else None.

    Falls back to the longest catalogue alias contained in the name, so 'Dynamics 365 Sales
    Enterprise (per user)' still resolves.
    """
    if not name_or_code or not name_or_code.strip():
        return None
    key = _key(name_or_code)
    hit = _index().get(key)
    if hit is not None:
        return hit
    best: tuple[int, Product] | None = None
    for alias, product in _index().items():
        if (len(alias) >= 4 and (best is None or len(alias) > best[0])
                and re.search(rf"(?<![\w]){re.escape(alias)}(?![\w])", key)):
            best = (len(alias), product)
    return best[1] if best else None


def by_code(code: str) -> Product | None:
    for p in all_products():
        if p.code == code:
            return p
    return None


def _alias_regex(alias: str) -> str:
    # Spaces, dashes and underscores inside a name are interchangeable in documents.
    parts = [re.escape(part) for part in re.split(r"[\s_\-]+", alias.strip()) if part]
    return r"[\s_\-]*".join(parts) if len(parts) > 1 else parts[0]


def _compact(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.lower())


@cache
def _mention_regexes() -> tuple[tuple[re.Pattern[str], dict[str, Product]], ...]:
    """Two alternations (case-insensitive names, exact-case codes and short aliases), longest
    alias first so 'Dynamics 365 Sales Professional' wins over 'Dynamics 365 Sales'."""
    out = []
    for flags, attr in ((re.IGNORECASE, "ci"), (0, "cased")):
        lookup: dict[str, Product] = {}
        aliases: list[str] = []
        for p in all_products():
            names = {p.name, *p.aliases} if attr == "ci" else {p.code, *p.cased_aliases}
            for alias in names:
                lookup.setdefault(_compact(alias), p)
                aliases.append(alias)
        aliases.sort(key=len, reverse=True)
        parts = [_alias_regex(a) for a in dict.fromkeys(aliases)]
        if attr == "cased":
            for p in all_products():
                for alias, not_before, _ in p.guarded_aliases:
                    lookup.setdefault(_compact(alias), p)
                    parts.append(_alias_regex(alias) + (rf"(?![\s\-]*(?:{not_before}))" if not_before else ""))
        body = "|".join(parts)
        out.append((re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags), lookup))
    return tuple(out)


@cache
def _not_after() -> dict[str, re.Pattern[str]]:
    """Per guarded alias (compacted), what may not stand just before it."""
    return {_compact(alias): re.compile(rf"(?:{not_after})[\s\-]*$", re.I)
            for p in all_products() for alias, _, not_after in p.guarded_aliases if not_after}


def find_mentions(text: str) -> list[tuple[int, int, Product]]:
    """Non-overlapping product mentions in ``text`` (longest alias wins), in text order."""
    return list(_find_mentions(text))


_TOKEN = re.compile(r"[a-z0-9]+")


@cache
def _first_tokens() -> frozenset[str]:
    """First word of every alias: a text holding none of them names no product (fast path)."""
    out = set()
    for p in all_products():
        for alias in (p.name, p.code, *p.aliases, *p.cased_aliases, *(g[0] for g in p.guarded_aliases)):
            words = _TOKEN.findall(alias.lower())
            if words:
                out.add(words[0])
    return frozenset(out)


@lru_cache(maxsize=20_000)
def _find_mentions(text: str) -> tuple[tuple[int, int, Product], ...]:
    if _first_tokens().isdisjoint(_TOKEN.findall(text.lower())):
        return ()
    found: list[tuple[int, int, Product]] = []
    for pattern, lookup in _mention_regexes():
        for m in pattern.finditer(text):
            key = _compact(m.group(0))
            product = lookup.get(key)
            guard = _not_after().get(key)
            if guard is not None and guard.search(text[max(0, m.start() - 40): m.start()]):
                continue
            if product is not None:
                found.append((m.start(), m.end(), product))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    taken: list[tuple[int, int, Product]] = []
    for s, e, p in found:
        if not any(s < te and ts < e for ts, te, _ in taken):
            taken.append((s, e, p))
    taken.sort(key=lambda t: t[0])
    return tuple(taken)
