"""Web UI and JSON API (FastAPI): ``create_app(engine, clock=...)``."""

from delivery.web.app import create_app

__all__ = ["create_app"]
