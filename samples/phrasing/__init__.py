"""Phrase banks of the sample documents, split by concept.

Templates use ``{P}`` / ``{C}`` (the partner / customer as this document refers to them in running
text: "Fabrikam", "the Supplier", "[Customer Name]"), ``{prod}`` (a product as written) and numbers
(``{n}``, ``{m}``, ``{k}``, ``{pct}``, ``{pct2}``, ...) supplied by the composer. :func:`fill`
capitalises the first letter, so a template may start with ``{P}``.

Banks are big on purpose: two documents of one corpus should rarely share a sentence, so a check
cannot learn the generator's wording. Nothing in a filler bank may name a product, state growth or
carry a date: the labels of the corpus depend on it (tests scan the banks).
"""

from __future__ import annotations

import random
import string
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_FORMATTER = string.Formatter()


class _Ctx(dict[str, Any]):
    def __missing__(self, key: str) -> str:  # a template naming a key the caller lacks is a bug
        raise KeyError(f"phrase template needs {{{key}}}")


def fill(template: str, ctx: Mapping[str, Any]) -> str:
    text = template.format_map(_Ctx(ctx))
    first = text.split(" ", 1)[0]
    if not first or not first.islower():  # "eDiscovery", "iOS", "[Customer Name]" keep their case
        return text
    return text[:1].upper() + text[1:]


def pick(rng: random.Random, bank: Sequence[T]) -> T:
    return bank[rng.randrange(len(bank))]


def say(rng: random.Random, bank: Sequence[str], ctx: Mapping[str, Any]) -> str:
    return fill(pick(rng, bank), ctx)


def sample(rng: random.Random, bank: Sequence[T], k: int) -> list[T]:
    return rng.sample(list(bank), k=min(k, len(bank)))


def keys_of(template: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}
