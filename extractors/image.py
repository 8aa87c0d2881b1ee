"""Photos and scans of signed pages (PNG, JPEG, TIFF): OCR (Tesseract or RapidOCR, extractors.ocr),
else ``needs_ocr``. The pixel budget (``Limits.max_pixels``) is checked on the header, before
decoding; Pillow's decompression-bomb guard stays on behind it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from extractors.base import Extractor
from extractors.document import ExtractedDocument, ImageInfo, Location
from extractors.errors import NeedsOCR, UnsafeFile
from extractors.limits import check_pages, check_pixels
from extractors.ocr import NEEDS_OCR, ocr_available
from extractors.page_blocks import emit_scan
from extractors.scan import read_scan

PX_TO_PT = 72.0 / 96.0  # pixels to points when an image carries no resolution


class ImageExtractor(Extractor):
    formats = ("png", "jpeg", "tiff")
    label = "image"
    damaged_errors: ClassVar[tuple[type[BaseException], ...]] = (OSError, ValueError, SyntaxError,
                                                                 EOFError, IndexError)

    def parse(self, path: Path, doc: ExtractedDocument) -> None:
        # lazy: Pillow costs ~21 ms at import (python -X importtime); only image pages need it
        from PIL import Image

        try:
            image = Image.open(path)  # reads the header only
            check_pixels(image.width, image.height, self.limits)  # before a single pixel is decoded
            image.load()
        except Image.DecompressionBombError as e:
            raise UnsafeFile("unsafe file: the image is too large to decode (decompression bomb)") from e
        with image:
            frames = getattr(image, "n_frames", 1)
            doc.pages = frames
            check_pages(frames, self.limits)
            doc.metadata["pixels"] = f"{image.width}x{image.height}"
            if not (self.limits.ocr and ocr_available()):
                raise NeedsOCR(NEEDS_OCR)
            for frame in range(frames):
                image.seek(frame)
                dpi = image.info.get("dpi", (96, 96))[0] or 96
                scale = 72.0 / float(dpi)
                doc.images.append(ImageInfo(Location(page=frame + 1, bbox=(0.0, 0.0, image.width * scale,
                                                                            image.height * scale)),
                                            image.width * scale, image.height * scale))
                # a photo's stated resolution is often the camera's 72 dpi, not the paper's: the
                # OCR engine judges the size of the text itself
                emit_scan(doc, frame + 1, read_scan(image, 1.0 / scale, self.limits.timeout_seconds or 120.0,
                                                    known_dpi=False))
