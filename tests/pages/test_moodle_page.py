"""«Moodle»: the upload options are named as a Russian Moodle names them (its own language pack)."""


def test_the_upload_options_are_named_as_in_the_russian_language_pack(app_on, workbook_copy):
    """Before, the page named options no Russian Moodle shows («Разделитель CSV», «Новый пароль пользователя»,
    «Создать пароль, если нужно, и отправить…»); the pack says otherwise (tool_uploaduser.php, auth.php)."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/moodle.py").run()
    assert not at.exception
    shown = " ".join(block.value for block in at.info)
    for label in ("«Разделитель для CSV»", "«Кодировка»", "«Тип загрузки»",
                  "«Добавить новых, пропустить имеющихся пользователей»", "«Пароли новых пользователей»",
                  "«Создавать пароль при необходимости и отправлять его по электронной почте»"):
        assert label in shown
    assert "Новый пароль пользователя" not in shown
