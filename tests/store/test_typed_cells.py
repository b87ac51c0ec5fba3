"""Cells read by their column's type on both stores: what a format shows matters where staff read text.

A percentage column reads 80 for «80%»; a СНИЛС or a code keeps its leading zeros; a text column reads what
the sheet shows. The same on the local workbook (formats from styles.xml) and on Google Sheets.
"""

from decimal import Decimal

from core.platform.snils import is_valid
from core.records.checks import open_workbook
from core.store import find_row


def _row(store, tab):
    store.invalidate([tab])
    data = store.read([tab]).tabs[tab]
    return dict(zip(data.headers, data.rows[0], strict=True))


def test_percentage_column_reads_the_number_of_percent(app_store_and_colleague):
    """«80%» in «Мин., %» reads 80 and «12,50%» reads 12.5 — on the workbook and on Google Sheets alike."""
    store, colleague = app_store_and_colleague
    colleague.set_cell("ПОУ_ставки", 2, 1, "№ 12")
    colleague.set_cell("ПОУ_ставки", 2, 6, 0.8, "0%")
    colleague.set_cell("ПОУ_ставки", 2, 7, 0.125, "0.00%")
    row = _row(store, "ПОУ_ставки")
    assert (row["Мин., %"], row["Макс., %"]) == (80, Decimal("12.5"))
    order = open_workbook(store.read(["ПОУ_ставки"]).tabs).items("ПОУ_ставки")[0].item
    assert order.min_percent == 80 and order.max_percent == Decimal("12.5")


def test_snils_and_code_keep_leading_zeros(app_store_and_colleague):
    """A code formatted 000 reads «007»; a СНИЛС formatted 000-000-000 00 reads «012-345-678 19» and is valid."""
    store, colleague = app_store_and_colleague
    colleague.set_cell("Заявки", 2, 1, 7, "000")
    colleague.set_cell("Заявки", 2, 9, 1234567819, "000-000-000 00")
    row = _row(store, "Заявки")
    assert row["№ заявки"] == "007" and row["СНИЛС"] == "012-345-678 19" and is_valid(row["СНИЛС"])


def test_an_update_beside_a_formatted_cell_is_not_a_conflict(app_store_and_colleague):
    """The write check reads the row the way the page did: «80%» is not «changed by someone» on the way back."""
    store, colleague = app_store_and_colleague
    colleague.set_cell("ПОУ_ставки", 2, 1, "№ 12")
    colleague.set_cell("ПОУ_ставки", 2, 6, 0.8, "0%")
    store.invalidate()
    seen = find_row(store.read(["ПОУ_ставки"]).tabs["ПОУ_ставки"], "№ приказа", "№ 12")
    store.update(seen, "№ приказа", {"Макс., ₽": Decimal("300")})
    assert _row(store, "ПОУ_ставки")["Макс., ₽"] == 300
