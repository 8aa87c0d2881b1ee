"""Alembic migrations of the claims store (a package so installs ship them)."""
