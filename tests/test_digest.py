"""The daily digest: this week's and recently overdue steps of every area, by responsible person; sent by e-mail."""

from datetime import date, timedelta

from core.digest import as_html, as_text, collect, letters
from tests.rows import workbook

TODAY = date(2026, 11, 23)
PROGRAM = {"Код": "П", "Наименование": "Курс", "Вид": "ПК", "Объём, ч": 36, "Форма обучения": "очная"}
GROUP = {"Код группы": "Г-1", "Код программы": "П", "Дата начала": TODAY + timedelta(days=10), "Куратор": "Иванова Анна Павловна",
         "Письмо учредителю": TODAY, "Согласовано учредителем": TODAY, "Информационное письмо": TODAY,
         "Приказ о зачислении, дата": TODAY}
EXAM = {"Код экзамена": "ДЭ-1", "Организация участников": "К", "Вид аттестации": "ГИА", "Дата начала": TODAY + timedelta(days=9),
        "Куратор": "Петров Илья Андреевич"}
ROADMAP = {"№": "1.1", "Мероприятие": "Рабочая группа", "Срок реализации": "Август 2026", "Статус": "в работе",
           "Ответственный исполнитель": "Департамент А; Департамент Б"}
USERS = [{"E-mail": "ivanova@oiro.example.ru", "ФИО": "иванова  анна павловна", "Роль": "сотрудник"}]


def _digest():
    wb = workbook(TODAY, Программы=[PROGRAM], Группы=[GROUP], ДЭ__график=[EXAM], Дорожная__карта=[ROADMAP],
                  Пользователи=USERS)
    return wb, collect(wb, TODAY)


def test_items_by_responsible_person():
    """The curator gets the group's reminder due this week; the exam's curator its deadlines; each roadmap party its item."""
    _, digest = _digest()
    assert [(i.area, i.state) for i in digest["Иванова Анна Павловна"]] == [("Группа Г-1", "на этой неделе")]
    assert all(i.area == "Экзамен ДЭ-1" for i in digest["Петров Илья Андреевич"])
    assert digest["Департамент А"][0].state == "просрочено" and "Департамент Б" in digest


def test_text_and_html():
    """Text lists each person with dated items; HTML escapes and heads each person."""
    _, digest = _digest()
    text = as_text(digest, TODAY)
    assert text.startswith("Сводка на 23.11.2026") and "[на этой неделе] Группа Г-1" in text
    assert "<h3>Иванова Анна Павловна</h3>" in as_html(digest, TODAY)


def test_letters_only_to_people_on_the_users_tab():
    """A person found on «Пользователи» by name (case and spaces don't matter) gets a letter; the rest are listed."""
    wb, digest = _digest()
    sent, missing = letters(wb, digest, TODAY)
    assert [(x.to, x.name) for x in sent] == [("ivanova@oiro.example.ru", "Иванова Анна Павловна")]
    assert "Петров Илья Андреевич" in missing and "Группа Г-1" in sent[0].body


def test_a_teacher_gets_the_classes_of_the_week_ahead_by_mail():
    """000 §3.3: each teacher's classes of the next seven days are in the digest, sent to the e-mail on
    «Преподаватели»; a class further ahead is not."""
    teacher = "Соколова Мария Ивановна"
    classes = [{"№ занятия": f"Зан-{n}", "Код группы": "Г-1", "Дата": TODAY + timedelta(days=days), "Начало": "09:00",
                "Окончание": "10:30", "Модуль": "Модуль 1", "Вид занятия": "лекция", "Часов": 2,
                "Преподаватель": teacher, "Аудитория": "ауд. 204"} for n, days in ((1, 1), (2, 6), (3, 7))]
    wb = workbook(TODAY, Программы=[PROGRAM], Группы=[GROUP], Занятия=classes,
                  Преподаватели=[{"Преподаватель": teacher, "E-mail": "sokolova@oiro.example.ru"}])
    digest = collect(wb, TODAY)
    assert [(i.due, i.what) for i in digest[teacher]] == [
        (TODAY + timedelta(days=1), "занятие 09:00–10:30, ауд. 204: Модуль 1"),
        (TODAY + timedelta(days=6), "занятие 09:00–10:30, ауд. 204: Модуль 1")]
    sent, _ = letters(wb, {teacher: digest[teacher]}, TODAY)
    assert [letter.to for letter in sent] == ["sokolova@oiro.example.ru"]
