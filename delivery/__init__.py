"""poe-review delivery layer: the ``poe-review`` CLI (``delivery.cli``) and the web UI
(``delivery.web``). The top of the stack: it may import every layer below it.

Imports point one way: delivery -> flows -> pipeline -> scoring -> extractors (the import-linter
contract in pyproject.toml, run by tests/test_layers.py).
"""
