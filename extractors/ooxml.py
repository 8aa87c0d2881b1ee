"""Checks shared by the ZIP-based Office formats, run before any parser opens the package."""

from __future__ import annotations

from pathlib import Path

from extractors.limits import Limits, check_zip
from extractors.xmlsafe import check_zip_xml

MACRO_WARNING = "macro-enabled file: its macros were not run (they are never run)"


def check_package(path: Path, limits: Limits) -> list[str]:
    """Zip-bomb limits and XML entity attacks checked; returns the package's part names."""
    with check_zip(path, limits) as zf:
        check_zip_xml(zf)
        return zf.namelist()
