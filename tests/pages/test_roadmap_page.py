"""The roadmap page: changing one status in the table writes exactly that row."""

from core.store import XlsxStore


def _rows(path):
    return None, XlsxStore(path).read(["Дорожная_карта"]).tabs["Дорожная_карта"]


def test_changing_one_status_writes_exactly_one_row(app_on, workbook_copy):
    """One edited cell → one write, and in the sheet only that row's «Статус» changes."""
    _, before = _rows(workbook_copy)
    backups = workbook_copy.parent / "backups"
    count_before = len(list(backups.glob("*.xlsx"))) if backups.exists() else 0
    at = app_on(workbook_copy)
    at.switch_page("app_pages/roadmap.py").run()
    table = at.data_editor(key="rm_editor").value
    index = int(table.index[table["Статус"] == "в работе"][0])
    number = table.loc[index, "№"]
    at.session_state["rm_editor"] = {"edited_rows": {index: {"Статус": "выполнено"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="rm_save").click().run()
    assert not at.exception and at.success[0].value == "Записано строк: 1."
    _, after = _rows(workbook_copy)
    changed = [(b[0], col) for b, a in zip(before.rows, after.rows, strict=True) for col in range(len(b)) if b[col] != a[col]]
    assert changed == [(number, after.headers.index("Статус"))]
    assert len(list(backups.glob("*.xlsx"))) == count_before + 1  # one write, one backup


def test_import_page_reports_doubtful_rows(app_on, workbook_copy):
    """Uploading the roadmap again: all 74 items already there, the doubtful ones named."""
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "core" / "demo" / "files" / "roadmap_004.txt"
    at = app_on(workbook_copy)
    at.switch_page("app_pages/roadmap_import.py").run()
    at.file_uploader(key="rm_file").set_value(("004.txt", source.read_bytes(), "text/plain")).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Пунктов: **74**" in text and "новых: **0**" in text
    assert any(w.value.startswith("6.5:") and "0.5." in w.value for w in at.warning)


def test_unsaved_edits_hold_the_filters_until_saved_or_discarded(app_on, workbook_copy):
    """An edited «Статус» is not dropped by a filter change: the filters wait (disabled, with a warning) until the
    edit is saved or discarded; the editable columns are marked ✎ and named above the table."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/roadmap.py").run()
    assert any("✎" in c.value and "«Статус»" in c.value for c in at.caption)
    table = at.data_editor(key="rm_editor").value
    index = int(table.index[table["Статус"] == "в работе"][0])
    at.session_state["rm_editor"] = {"edited_rows": {index: {"Статус": "выполнено"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.multiselect(key="rm_section").disabled and at.multiselect(key="rm_state").disabled
    assert any(w.value.startswith("Не сохранено: 1 строка.") for w in at.warning)
    at.button(key="rm_discard").click().run()
    assert not at.multiselect(key="rm_section").disabled and not [b for b in at.button if b.key == "rm_save"]
