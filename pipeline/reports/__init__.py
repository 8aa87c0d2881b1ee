"""Analysts' outputs: the HTML report (``build_report``) and tidy exports (``export_tables``)."""

from pipeline.reports.artifacts import headline_markdown, produce_artifacts
from pipeline.reports.export import export_tables
from pipeline.reports.report import build_report

__all__ = ["build_report", "export_tables", "headline_markdown", "produce_artifacts"]
