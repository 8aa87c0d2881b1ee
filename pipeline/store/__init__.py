"""The claims store: schema (``schema``), engine / migrations / sessions (``db``)."""

from pipeline.store.db import make_engine, migrate, session_scope

__all__ = ["make_engine", "migrate", "session_scope"]
