"""poe-review domain layer: claim model, intake, store, lifecycle, service, reports, notifications,
the nightly steps (``pipeline.nightly``). The CLI and the web UI live in ``delivery``.

Imports point one way: delivery -> flows -> pipeline -> scoring -> extractors (the import-linter
contract in pyproject.toml). Nothing here imports Prefect, flows, delivery or the samples tool.
"""
