"""Revision scripts; one per schema change, kept in step with pipeline/store/schema.py."""
