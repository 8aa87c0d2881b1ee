"""Samples are built once per test session into a temporary folder (no binary fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import Limits
from tests.extractors.samples import build_all, build_signature_field_pdfs

IN_PROCESS = Limits(timeout_seconds=None)  # most tests parse in-process; the worker has its own tests


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="session")
def signature_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_signature_field_pdfs(tmp_path_factory.mktemp("signatures"))
