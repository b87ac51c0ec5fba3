"""000 §2.1 (the reminder before each new module) and §5.4 (the final test checked daily) — #15.8: each with a
breaking and a passing row; the letter and its «sent once» key per module."""

from datetime import date, timedelta

from core.enrollment.mailings import module_reminders
from core.enrollment.module_reminders import group_modules, next_module
from core.platform.mail import Letter
from core.platform.mail_outbox import mark_sent_before
from sheets_schema.common import Mailing
from tests.rows import findings, workbook

TODAY = date(2026, 11, 23)
GROUP = {"Код группы": "ПК-001-01", "Код программы": "ПК-001", "Дата начала": date(2026, 10, 1),
         "Дата окончания": date(2026, 12, 10)}
LISTENERS = [{"ID слушателя": f"С-{i}", "Код группы": "ПК-001-01", "ФИО": f"Слушатель {i}"} for i in range(2)]
TASKS = [{"ID слушателя": x["ID слушателя"], "Модуль/задание": module, "Срок": due}
         for x in LISTENERS for module, due in (("Модуль 1", date(2026, 10, 20)), ("Модуль 2", date(2026, 11, 10)),
                                                ("Модуль 3", date(2026, 12, 5)), ("Эссе", date(2026, 10, 5)))]


def _sent(*days: date, kind: str = "module-reminder", result: str = "отправлено"):
    return [{"Когда": f"{day:%d.%m.%Y} 10:00:00", "Вид": kind, "Группа или сессия": "ПК-001-01",
             "Кому": "x@example.ru", "Результат": result} for day in days]


def _found(mailings, today=TODAY):
    return findings("ENR-MODULE-REMIND", today, Группы=[GROUP], Слушатели=LISTENERS, Успеваемость=TASKS,
                    Рассылки=mailings)


def test_modules_run_in_order_of_their_due_dates_and_other_tasks_are_not_modules():
    modules = group_modules(workbook(TODAY, Слушатели=LISTENERS, Успеваемость=TASKS))["пк-001-01"]
    assert [m.name for m in modules] == ["Модуль 1", "Модуль 2", "Модуль 3"]
    assert next_module(modules, TODAY).name == "Модуль 3"


def test_a_reminder_is_due_before_each_new_module():
    assert _found(_sent(date(2026, 10, 18), date(2026, 11, 9))) == []
    (missing,) = _found(_sent(date(2026, 10, 18)))  # before «Модуль 3» nothing went out
    assert "перед модулем «Модуль 3» («Модуль 2» закончился 10.11.2026)" in missing.message
    assert missing.tab == "Группы" and missing.row == 2
    # one reminder does not count for two modules; a failed send or another kind is no reminder
    assert len(_found(_sent(date(2026, 10, 1)))) == 1
    assert len(_found(_sent(date(2026, 10, 18)) + _sent(date(2026, 11, 9), result="ошибка: отказ сервера"))) == 1
    assert len(_found(_sent(date(2026, 10, 18)) + _sent(date(2026, 11, 9), kind="arrears"))) == 1
    assert len(_found([])) == 2
    assert _found([], today=date(2026, 10, 20)) == []  # «Модуль 1» still running


def test_the_letter_names_the_next_module_and_is_sent_once_per_module():
    apps = [{"№ заявки": "З-1", "E-mail": "one@example.ru", "Фамилия": "Слушатель", "Имя": "0"}]
    listeners = [{**LISTENERS[0], "№ заявки": "З-1"}]
    wb = workbook(TODAY, Группы=[GROUP], Слушатели=listeners, Успеваемость=TASKS, Заявки=apps,
                  Программы=[{"Код": "ПК-001", "Наименование": "Функциональная грамотность"}],
                  Настройки=[{"Параметр": "Полное наименование", "Значение": "ГАУ ДПО «ОИРО»"}])
    letters, missing = module_reminders(wb, "ПК-001-01", TODAY)
    assert not missing and letters[0].subject == "Следующий модуль: Модуль 3"
    assert "следующий модуль — «Модуль 3», задания — до 05.12.2026" in letters[0].body
    history = [Mailing(at="09.11.2026 10:00:00", kind="module-reminder", subject_of="ПК-001-01", to="one@example.ru",
                       subject="Следующий модуль: Модуль 2", result="отправлено")]
    assert not mark_sent_before(letters, history)[0].already_sent  # the reminder before «Модуль 2» was another
    history.append(history[0].model_copy(update={"subject": "Следующий модуль: Модуль 3"}))
    assert mark_sent_before(letters, history)[0].already_sent
    first = Letter("reminder", "ПК-001-01", "one@example.ru", "С", "Напоминание: первое занятие 01.10.2026", "")
    sent = [history[0].model_copy(update={"kind": "reminder", "subject": "другая тема"})]
    assert mark_sent_before([first], sent)[0].already_sent  # other kinds: once per group and person, as before


def test_the_final_test_is_checked_the_next_day_at_the_latest():
    def row(done, checked):
        return {"ID слушателя": "С-0", "Модуль/задание": "Итоговое тестирование", "Дата выполнения": done,
                "Дата проверки": checked}

    done = date(2026, 11, 16)
    assert findings("ENR-TEST-DAILY", TODAY, Успеваемость=[row(done, done + timedelta(days=1))]) == []
    (late,) = findings("ENR-TEST-DAILY", TODAY, Успеваемость=[row(done, done + timedelta(days=3))])
    assert "позже 17.11.2026" in late.message and late.column == "Дата проверки"
    (missing,) = findings("ENR-TEST-DAILY", TODAY, Успеваемость=[row(done, None)])
    assert "не проверен" in missing.message
    assert findings("ENR-TEST-DAILY", TODAY, Успеваемость=[{**row(done, None), "Модуль/задание": "Модуль 1"}]) == []


def test_the_final_tests_dates_are_sent_before_it():
    """000 §5.2: a reminder of the final test's dates by the day before its «Срок» (kind «test-reminder»)."""
    tasks = [{"ID слушателя": x["ID слушателя"], "Модуль/задание": "Итоговое тестирование", "Срок": date(2026, 11, 20)}
             for x in LISTENERS]

    def found(mailings, today=TODAY):
        return findings("ENR-TEST-REMIND", today, Группы=[GROUP], Слушатели=LISTENERS, Успеваемость=tasks,
                        Рассылки=mailings)

    assert found(_sent(date(2026, 11, 19), kind="test-reminder")) == []
    (missing,) = found(_sent(date(2026, 11, 20), kind="test-reminder"))  # on the test's last day: too late
    assert "«Итоговое тестирование» — до 20.11.2026" in missing.message and "до 19.11.2026" in missing.message
    assert len(found(_sent(date(2026, 11, 10)))) == 1  # a module reminder is not this one
    assert found([], today=date(2026, 11, 19)) == []  # still time


def test_the_final_test_letter_names_its_date_and_the_platform():
    from core.enrollment.mailings import test_reminders

    apps = [{"№ заявки": "З-1", "E-mail": "one@example.ru"}]
    wb = workbook(TODAY, Группы=[GROUP], Слушатели=[{**LISTENERS[0], "№ заявки": "З-1"}], Заявки=apps,
                  Успеваемость=[{"ID слушателя": "С-0", "Модуль/задание": "Итоговый тест", "Срок": date(2026, 12, 8)}],
                  Программы=[{"Код": "ПК-001", "Наименование": "Функциональная грамотность"}],
                  Настройки=[{"Параметр": "Полное наименование", "Значение": "ГАУ ДПО «ОИРО»"},
                             {"Параметр": "Адрес платформы ДОТ", "Значение": "https://do.oiro.example.ru"}])
    (letter,), _ = test_reminders(wb, "ПК-001-01", TODAY)
    assert letter.kind == "test-reminder" and letter.subject == "Итоговое тестирование — до 08.12.2026"
    assert "«Итоговый тест» по программе «Функциональная грамотность» (группа ПК-001-01) нужно пройти на " \
           "платформе https://do.oiro.example.ru до 08.12.2026 включительно" in letter.body


def test_the_groups_timeline_lists_each_reminder_with_its_state():
    """«Группы и сроки» and the digest show the reminders beside the group's other steps (one computation with the
    rules: a step overdue there is the finding here)."""
    from core.enrollment.module_reminders import reminder_steps
    from core.enrollment.rules import due_this_week, group_timeline
    from sheets_schema.enrollment import Group

    tasks = TASKS + [{"ID слушателя": "С-0", "Модуль/задание": "Итоговый тест", "Срок": date(2026, 12, 8)}]
    wb = workbook(TODAY, Группы=[GROUP], Слушатели=LISTENERS, Успеваемость=tasks,
                  Рассылки=_sent(date(2026, 10, 18)))
    steps = reminder_steps(wb)["пк-001-01"]
    assert [(s.title, s.due, s.done, s.status(TODAY)) for s in steps] == [
        ("Напоминание о занятиях перед модулем «Модуль 2»", date(2026, 10, 20), date(2026, 10, 18), "выполнено"),
        ("Напоминание о занятиях перед модулем «Модуль 3»", date(2026, 11, 10), None, "просрочено"),
        ("Напоминание о сроках: «Итоговый тест» — до 08.12.2026", date(2026, 12, 7), None, "впереди")]
    group = Group(code="ПК-001-01", program_code="ПК-001", start=date(2026, 10, 1), end=date(2026, 12, 10))
    assert group_timeline(group, None, steps)[-3:] == steps
    week = due_this_week([group], {}, TODAY, reminders={"пк-001-01": steps})
    assert [s.title for _, s in week] == ["Напоминание о занятиях перед модулем «Модуль 3»"]
