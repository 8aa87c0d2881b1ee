"""The one base class every format extractor derives from (docling-style backend), and the
registry mapping a sniffed format to its extractor."""

from __future__ import annotations

import struct
import zipfile
import zlib
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from extractors.document import ExtractedDocument
from extractors.errors import Unreadable
from extractors.limits import Limits

_REGISTRY: dict[str, type[Extractor]] = {}
# Damage any format can show: a corrupt ZIP member, a cut stream, a bogus declared encoding.
CONTAINER_ERRORS: tuple[type[BaseException], ...] = (zlib.error, zipfile.BadZipFile, EOFError, LookupError,
                                                     UnicodeError, struct.error)


class Extractor(ABC):
    """Reads one format into an :class:`ExtractedDocument`.

    Subclasses list the sniffed ``formats`` they read and the library exceptions that mean a
    damaged file (``damaged_errors``); :meth:`run` turns those into ``Unreadable`` (raised from the
    original), so any other exception is a bug in the extractor, not in the file.
    """

    formats: ClassVar[tuple[str, ...]] = ()
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = ()
    label: ClassVar[str] = "file"

    def __init__(self, limits: Limits, depth: int = 0) -> None:
        self.limits = limits
        self.depth = depth  # attachment nesting (emails inside emails)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for fmt in cls.formats:
            _REGISTRY[fmt] = cls

    def run(self, path: Path, doc: ExtractedDocument) -> None:
        try:
            self.parse(path, doc)
        except (*self.damaged_errors, *CONTAINER_ERRORS) as e:
            detail = str(e).strip().splitlines()[0][:160] if str(e).strip() else type(e).__name__
            raise Unreadable(f"damaged {self.label}: {detail}") from e

    @abstractmethod
    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        """Fill ``doc`` (blocks, tables, pages, ...) or raise an ExtractionError."""


def extractor_for(fmt: str) -> type[Extractor] | None:
    return _REGISTRY.get(fmt)


def registered_formats() -> list[str]:
    return sorted(_REGISTRY)
