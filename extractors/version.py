"""Bump on any change to what extraction returns: it keys the (content hash, version) cache."""

EXTRACTOR_VERSION = "1.3.1"
