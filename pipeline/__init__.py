"""poe-review domain layer: claim model, intake, store, lifecycle, CLI, web UI, reports.

Imports point one way: flows -> pipeline -> scoring -> extractors. Nothing here imports Prefect.
"""
