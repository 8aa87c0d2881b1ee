"""Bundled samples: a labelled corpus generator for the accuracy benchmark and the demo inbox.

    from samples import generate_corpus, build_demo_inbox
    generate_corpus(Path("corpus"), n=200, seed=7)   # inbox + tenants.json + labels.json
    build_demo_inbox(Path("demo-inbox"))             # ~12 hand-picked claims, same bytes every time

Importing this package is cheap: the generator and the renderers (reportlab, python-docx,
openpyxl) load on first call.
"""

from __future__ import annotations

from pathlib import Path


def generate_corpus(root: Path, n: int, seed: int = 7) -> Path:
    # lazy: samples.corpus loads the renderers, ~750 ms (python -X importtime); keeps `import samples` cheap
    from samples.corpus import generate_corpus as _generate

    return _generate(root, n, seed)


def build_demo_inbox(dest: Path) -> Path:
    # lazy: samples.demo loads the renderers, ~750 ms (python -X importtime); keeps `import samples` cheap
    from samples.demo import build_demo_inbox as _build

    return _build(dest)


__all__ = ["build_demo_inbox", "generate_corpus"]
