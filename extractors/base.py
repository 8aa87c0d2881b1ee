"""The one base class every format extractor derives from (docling-style backend), and the
registry mapping a sniffed format to its extractor."""

from __future__ import annotations

import os
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
    library_packages: ClassVar[tuple[str, ...]] = ()  # e.g. ("pptx",): where damage shows as any error

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
            raise Unreadable(f"damaged {self.label}: {_detail(e)}") from e
        except (AttributeError, TypeError, NotImplementedError) as e:
            # The parsing library tripping over a malformed tree is damage (python-pptx raises
            # NotImplementedError for a shape of unknown type); the same error raised in our own
            # code is a bug and goes on to be reported as one.
            if _raised_inside(e, self.library_packages):
                raise Unreadable(f"damaged {self.label}: {_detail(e)}") from e
            raise

    @abstractmethod
    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        """Fill ``doc`` (blocks, tables, pages, ...) or raise an ExtractionError."""


def _detail(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:160] if text else type(e).__name__


def _raised_inside(e: BaseException, packages: tuple[str, ...]) -> bool:
    tb = e.__traceback__
    if tb is None or not packages:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    filename = tb.tb_frame.f_code.co_filename.replace(os.sep, "/")
    return any(f"/site-packages/{pkg}/" in filename for pkg in packages)


def extractor_for(fmt: str) -> type[Extractor] | None:
    return _REGISTRY.get(fmt)


def registered_formats() -> list[str]:
    return sorted(_REGISTRY)
