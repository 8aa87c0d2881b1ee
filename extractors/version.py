"""Bump on any change to what extraction returns: it keys the (content hash, version) cache."""

EXTRACTOR_VERSION = "1.4.0"  # 1.4.0: OCR through extractors.ocr (Tesseract at 250 dpi, or RapidOCR)
