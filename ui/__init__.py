"""What every page shares: the store and its data, who is signed in, writes, widgets, the frame around pages.

The only Streamlit glue outside app_pages/; the work itself lives in core/.
"""

from .actions import show_flash, write
from .data import ALL_TABS, get_store, read, refresh, settings, today
from .frame import run_page, sidebar, style, unknown_url_page
from .memory import keep_returning_memory
from .people import auth_configured, findings, user
from .tabs import missing_tabs, workbook
from .text import esc, said
from .widgets import choose, decimal_input, document_button, table

__all__ = ["ALL_TABS", "auth_configured", "choose", "decimal_input", "document_button", "esc", "said",
           "findings", "keep_returning_memory", "get_store", "missing_tabs", "read", "refresh", "run_page", "show_flash", "settings", "sidebar", "style", "table", "today",
           "unknown_url_page", "user", "workbook", "write"]
