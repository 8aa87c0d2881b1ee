"""Analysts' outputs: the HTML report (``build_report``) and tidy exports (``export_tables``)."""

from pipeline.reports.export import export_tables
from pipeline.reports.report import build_report

__all__ = ["build_report", "export_tables"]
