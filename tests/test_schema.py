"""The sheet model is consistent: unique headers, keys and references that exist, dropdowns that fit."""

from sheets_schema import TAB_BY_NAME, TABS
from sheets_schema.base import normalize_header


def test_headers_are_unique_within_each_tab():
    """No two columns of a tab normalize to the same header."""
    for tab in TABS:
        normalized = [normalize_header(h) for h in tab.headers]
        assert len(normalized) == len(set(normalized)), tab.name


def test_keys_and_references_point_at_real_columns():
    """Every key field exists; every reference targets a tab with a key."""
    for tab in TABS:
        if tab.key:
            assert tab.column(tab.key).required, tab.name
        for ref in tab.refs:
            tab.column(ref.field)
            assert TAB_BY_NAME[ref.tab].key, (tab.name, ref.tab)


def test_dropdown_lists_fit_an_excel_validation():
    """Excel's list validation holds at most 255 characters."""
    for tab in TABS:
        for column in tab.columns:
            assert len(",".join(column.choices)) < 255
