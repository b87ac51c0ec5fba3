"""What the spreadsheet looks like: tabs, Russian headers, row models and dropdown values."""

from .base import Column, Ref, SheetRow, Tab, normalize_header
from .registry import TAB_BY_NAME, TABS, tab

__all__ = ["Column", "Ref", "SheetRow", "Tab", "TABS", "TAB_BY_NAME", "normalize_header", "tab"]
