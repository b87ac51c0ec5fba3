"""#18 on the demonstration exam pages: an expert added with the §11.7 cost shown as typed and the independence
rules live; points entered with the grade shown as typed and DE-GRADE refusing what can't be."""

from core.store import XlsxStore


def _experts(path):
    return XlsxStore(path).read(["ДЭ_эксперты"]).tabs["ДЭ_эксперты"].as_dicts()


def _experts_page(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_experts.py").run()
    assert not at.exception
    code = at.selectbox(key="experts_exam").value
    return at, code


def test_an_expert_is_added_with_the_norm_cost_shown_and_the_independence_rule_live(app_on, workbook_copy):
    at, code = _experts_page(app_on, workbook_copy)
    prefix = f"expert_{code}"
    participants_org = XlsxStore(workbook_copy).read(["ДЭ_график"]).tabs["ДЭ_график"].as_dicts()[0][
        "Организация участников"]
    at.selectbox(key=f"{prefix}_role").set_value("Э")
    at.text_input(key=f"{prefix}_full_name").set_value("Новиков Никита Олегович")
    at.text_input(key=f"{prefix}_organisation").set_value(participants_org)  # DE-SAME-ORG
    at.selectbox(key=f"{prefix}_employment").set_value("ГПХ")
    at.selectbox(key=f"{prefix}_in_registry").set_value("да")
    at.selectbox(key=f"{prefix}_trained_participants").set_value("нет")
    at.text_input(key=f"{prefix}_hours_plan").set_value("8").run()
    cost = next(m.value for m in at.markdown if m.value.startswith("**По нормативам п. 11.7:**"))
    assert "8 ч × 500,00\u00a0₽ = 4\u00a0000,00\u00a0₽" in cost and "30\u00a0% — 1\u00a0200,00\u00a0₽" in cost
    assert "**5\u00a0200,00\u00a0₽**" in cost
    count = len(_experts(workbook_copy))
    at.button(key=f"{prefix}_check").click().run()
    rules = set(next(d.value for d in at.dataframe if "Правило" in d.value.columns and "Поле" in d.value.columns)[
        "Правило"])
    assert "DE-SAME-ORG" in rules and not [b for b in at.button if b.key == f"{prefix}_add"]

    at.text_input(key=f"{prefix}_organisation").set_value("АО «Независимый работодатель»").run()
    assert not [e for e in at.error if "нарушает правила" in e.value]  # the exam's older findings stay listed above
    at.button(key=f"{prefix}_add").click().run()
    assert at.success[0].value == "Запись добавлена на лист «ДЭ_эксперты»."
    experts = _experts(workbook_copy)
    assert len(experts) == count + 1 and experts[-1]["Код экзамена"] == code and experts[-1]["Часы план"] == 8


def _participants(path):
    return XlsxStore(path).read(["ДЭ_участники"]).tabs["ДЭ_участники"]


def test_points_show_their_grade_as_typed_and_points_above_the_maximum_are_refused(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_results.py").run()
    code = at.selectbox(key="results_exam").value
    data = _participants(workbook_copy)
    row = next(n for n, r in zip(data.row_numbers, data.as_dicts(), strict=True) if r["Код экзамена"] == code)
    at.selectbox(key=f"points_row_{code}").set_value(row).run()
    prefix = f"points_{code}_{row}"
    at.radio(key=f"{prefix}_present").set_value("да")
    at.text_input(key=f"{prefix}_max").set_value("60")
    at.text_input(key=f"{prefix}_points").set_value("70").run()
    assert not at.exception and any("больше максимума" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == f"{prefix}_save"]  # DE-GRADE: nothing to write

    at.text_input(key=f"{prefix}_points").set_value("41,5").run()
    shown = next(m.value for m in at.markdown if m.value.startswith("**41,5 из 60"))
    assert "69,16\u00a0% → оценка «4»" in shown  # 41,5 / 60 = 69,1666… %: «4», shown cut (never rounded up to a boundary)
    for box in [c for c in at.checkbox if c.key == f"{prefix}_confirm"]:
        box.check()
    at.button(key=f"{prefix}_save").click().run()
    assert at.success[0].value.startswith("Баллы записаны:")
    written = _participants(workbook_copy).as_dicts()[data.row_numbers.index(row)]
    assert written["Баллы"] == 41.5 and written["Максимум баллов"] == 60 and written["Явка"] == "да"


def test_attendance_of_a_class_is_marked_once_for_the_whole_group(app_on, workbook_copy):
    """«Успеваемость»: one class of the timetable, everyone but one present — a row per listener in one write, with
    the class's number; the same class again is refused, not doubled."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/progress.py").run()
    code = at.selectbox(key="progress_group").value
    boxes = [c for c in at.checkbox if c.key.startswith(f"attendance_{code}_")]
    marks = XlsxStore(workbook_copy).read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()
    marked = {m["№ занятия"] for m in marks if m["Код группы"] == code}
    chooser = at.selectbox(key=f"attendance_class_{code}")
    index, label = next((i, o) for i, o in enumerate(chooser.options) if o.rsplit(" · ", 1)[1] not in marked)
    number, day = label.rsplit(" · ", 1)[1], label[:10]
    before = len(marks)
    chooser.select_index(index)
    boxes[0].uncheck()
    at.button(key=f"FormSubmitter:attendance_{code}-Записать посещаемость").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Посещаемость {day} отмечена: присутствовали "
                                          f"{len(boxes) - 1} из {len(boxes)}")
    marks = XlsxStore(workbook_copy).read(["Посещаемость"]).tabs["Посещаемость"].as_dicts()[before:]
    assert len(marks) == len(boxes) and [m["Присутствовал"] for m in marks].count("нет") == 1
    assert {m["№ занятия"] for m in marks} == {number}
    at.selectbox(key=f"attendance_class_{code}").select_index(index)
    at.button(key=f"FormSubmitter:attendance_{code}-Записать посещаемость").click().run()
    assert "уже отмечена" in at.error[0].value
    assert len(XlsxStore(workbook_copy).read(["Посещаемость"]).tabs["Посещаемость"].rows) == before + len(boxes)


def test_the_schedule_opens_the_exam_form(app_on, workbook_copy):
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_schedule.py").run()
    at.button(key="schedule_new_exam").click().run()
    assert not at.exception and at.selectbox(key="record_tab").value == "ДЭ_график"
    assert [w for w in at.text_input if w.key == "record_ДЭ_график_code"]


def test_the_costs_page_shows_the_centres_report_deadlines(app_on, workbook_copy):
    """003 п. 12.2–12.7 and 13 on «Расходы и отчёты»: the demo's centre sent its package on the 9th working day and
    each state-task report two working days before its date; the IV quarter's is ahead."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/exam_costs.py").run()
    at.selectbox(key="report_org").set_value("ГБПОУ «Колледж транспорта и сервиса»").run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Пункт" in d.value.columns)
    assert list(table["Пункт"]) == ["п. 12.2", "п. 12.3", "п. 12.4", "п. 12.5"] + ["п. 12.7"] * 5 + \
        ["п. 13.1", "п. 13.5"]
    assert list(table["Состояние"]) == ["выполнено", "впереди", "после предыдущего шага", "впереди"] + \
        ["выполнено"] * 3 + ["впереди"] + ["выполнено"] * 3


def test_scores_of_a_task_are_written_for_the_group_in_one_write(app_on, workbook_copy):
    """«Успеваемость» → «Внести баллы за задание»: two listeners' scores for «Модуль 1» land in their own rows (one
    journaled write); an unreadable score is said and nothing is written."""
    at = app_on(workbook_copy)
    at.switch_page("app_pages/progress.py").run()
    code = at.selectbox(key="progress_group").value
    at.selectbox(key=f"marks_task_{code}").set_value("Модуль 1").run()
    boxes = [w for w in at.text_input if w.key.startswith(f"marks_{code}_Модуль 1_")]
    empty = [w for w in boxes if not w.value][:2]
    assert len(empty) == 2, "the demo leaves some «Модуль 1» scores blank"
    before = XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"].as_dicts()
    empty[0].set_value("пять")
    at.button(key=f"FormSubmitter:marks_{code}_Модуль 1-Записать баллы").click().run()
    assert not at.exception and at.error[0].value.startswith("Балл:")
    assert XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"].as_dicts() == before
    ids = [w.key.rsplit("_", 1)[1] for w in empty]
    at.text_input(key=f"marks_{code}_Модуль 1_{ids[0]}").set_value("4,5")
    at.text_input(key=f"marks_{code}_Модуль 1_{ids[1]}").set_value("3")
    at.button(key=f"FormSubmitter:marks_{code}_Модуль 1-Записать баллы").click().run()
    assert at.success[0].value == "Баллы за «Модуль 1» записаны: 2."
    after = {r["ID слушателя"]: r for r in XlsxStore(workbook_copy).read(["Успеваемость"]).tabs["Успеваемость"]
             .as_dicts() if r["Модуль/задание"] == "Модуль 1"}
    assert after[ids[0]]["Балл"] == 4.5 and after[ids[1]]["Балл"] == 3
    journal = XlsxStore(workbook_copy).read(["Журнал"]).tabs["Журнал"].as_dicts()[-2:]
    assert [j["Лист"] for j in journal] == ["Успеваемость", "Успеваемость"]


def test_actual_hours_show_their_norm_cost_as_typed_and_are_written(app_on, workbook_copy):
    at, code = _experts_page(app_on, workbook_copy)
    data = XlsxStore(workbook_copy).read(["ДЭ_эксперты"]).tabs["ДЭ_эксперты"]
    row = next(n for n, r in zip(data.row_numbers, data.as_dicts(), strict=True)
               if r["Код экзамена"] == code and r["Роль"] == "ГЭ")
    at.selectbox(key=f"fact_row_{code}").set_value(row).run()
    at.text_input(key=f"fact_hours_{code}_{row}").set_value("6,5").run()
    cost = next(m.value for m in at.markdown if m.value.startswith("**По нормативам п. 11.7 для фактических часов:**"))
    assert "6,5 ч × 920,00\u00a0₽ = 5\u00a0980,00\u00a0₽" in cost
    at.button(key=f"fact_save_{code}_{row}").click().run()
    assert at.success[0].value.startswith("Фактические часы записаны:")
    after = XlsxStore(workbook_copy).read(["ДЭ_эксперты"]).tabs["ДЭ_эксперты"]
    assert after.as_dicts()[after.row_numbers.index(row)]["Часы факт"] == 6.5
