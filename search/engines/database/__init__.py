"""The embedded database engine: shared documents and facets, one full-text module per SQL dialect."""

from .engine import DatabaseEngine, full_text

__all__ = ["DatabaseEngine", "full_text"]
