"""Bump on any change to what extraction returns: it keys the (content hash, version) cache."""

# 1.4.0: OCR through extractors.ocr (Tesseract at 250 dpi, or RapidOCR); pixel and memory budgets
# (over-budget images, pages and memory failures read differently); PDF signature fields carry
# pyHanko's difference analysis (modification, coverage).
EXTRACTOR_VERSION = "1.4.0"
