"""A rule says nothing at a cell the app can't read: it would read it as empty and say what the staff did not write
(their «да» where the model keeps a date, their «почтой» where the model's list has «лично» and «по доверенности»).
The cell's own GEN-CELL finding says what to mend; an empty cell is still the rule's."""

from datetime import date, timedelta

from core.records.checks import run_all
from tests.rows import workbook_data

TODAY = date(2026, 11, 23)
CERT = {"Регистрационный №": "2026-0001", "ID слушателя": "С-0", "Код группы": "Г-1", "Дата выдачи": TODAY,
        "Получено": "лично", "Подпись получена": "да"}
SESSION = {"Код сессии": "ОП-1", "Вид оценки": "оценка специалистов", "Дата": TODAY + timedelta(days=5),
           "Наблюдателей": 4}


def _at(cell: str, **tabs) -> set[str]:
    return {f.rule for f in run_all(workbook_data(**tabs), today=TODAY) if f.cell == cell}


def test_a_certificate_handed_over_in_a_word_the_list_lacks_is_only_unreadable():
    assert _at("F2", Удостоверения=[{**CERT, "Получено": "почтой"}]) == {"GEN-CELL"}
    assert _at("F2", Удостоверения=[{**CERT, "Получено": None}]) == {"ENR-ISSUE-SIGN"}  # the breaking row
    assert _at("F2", Удостоверения=[CERT]) == set()  # the passing one


def test_an_invitation_ticked_where_the_model_keeps_its_date_is_not_said_unsent():
    assert _at("G2", Оценка__сессии=[{**SESSION, "Приглашение": "да"}]) == {"GEN-CELL"}
    assert _at("G2", Оценка__сессии=[{**SESSION, "Приглашение": None}]) == {"ASM-INVITE-7D"}
    assert _at("G2", Оценка__сессии=[{**SESSION, "Приглашение": TODAY - timedelta(days=3)}]) == set()
