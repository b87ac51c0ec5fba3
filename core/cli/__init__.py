"""The `edudesk` command: the same work as the pages, in batch (a thin shell over core)."""

from core.cli.commands import main

__all__ = ["main"]
