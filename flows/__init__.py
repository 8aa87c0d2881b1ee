"""Prefect flows and deployments only; all work lives in ``pipeline``. Only this package imports Prefect."""
