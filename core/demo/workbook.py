"""A realistic synthetic workbook for the first run, with a handful of deliberate mistakes.

The mistakes are there so the checks page is never empty: an impossible birth date, a program code
that does not exist, a listener ID entered twice, an empty required cell, a rate typed as words.
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from faker import Faker

from core.demo import data as D
from core.demo import timetable
from core.demo.files import files
from core.demo.marks import module_reminders, planning_calendar, state_reports
from core.exam.calc import draw
from core.paid.timeline import settlement_steps, steps_for
from core.platform.calendar import add_working_days
from core.platform.snils import format_snils
from core.roadmap.deadlines import parse_deadline
from core.roadmap.importer import assemble, read_rows, sheet_rows
from sheets_schema.enums import Place

Rows = dict[str, list[dict[str, Any]]]


def demo_rows(today: date | None = None, listeners: int = 320, seed: int = 2026) -> Rows:
    """Rows for every tab, keyed by tab name; headers as in sheets_schema."""
    today = today or date.today()
    rnd = random.Random(seed)
    fake = Faker("ru_RU")
    fake.seed_instance(seed)
    rows: Rows = {"Настройки": [{"Параметр": k, "Значение": v} for k, v in D.INSTITUTION.items()]}
    rows["Пользователи"] = [
        {"E-mail": "admin@oiro.example.ru", "ФИО": "Смирнова Елена Викторовна", "Роль": "администратор"},
        {"E-mail": "manager@oiro.example.ru", "ФИО": "Орлова Мария Сергеевна", "Роль": "менеджер"},
        {"E-mail": "metodist@oiro.example.ru", "ФИО": "Иванова Анна Павловна", "Роль": "сотрудник"},
        {"E-mail": "viewer@oiro.example.ru", "ФИО": "Петров Илья Андреевич", "Роль": "наблюдатель"},
    ]
    rows["Программы"] = [
        {"Код": code, "Наименование": name, "Вид": "ПК", "Объём, ч": hours, "Форма обучения": form,
         "Подразделение": rnd.choice(D.DEPARTMENTS), "Руководитель программы": _fio(fake, rnd),
         "Категории слушателей": cats, "Финансирование": "госзадание", "Полугодие": "2 полугодие 2026",
         "Форма итоговой аттестации": "зачёт (тестирование)", "Вид документа": "удостоверение о ПК"}
        for code, name, hours, form, cats in D.PROGRAMS]
    _enrollment(rows, today, rnd, fake, listeners)
    timetable.fill(rows, today)
    rows["Личные_дела"] = files(rows, today)
    _assessment(rows, today, rnd, fake)
    _paid_services(rows, today, rnd, fake)
    _demo_exam(rows, today, rnd, fake)
    rows["Дорожная_карта"] = _roadmap(rnd)
    _inject_mistakes(rows)
    return rows


def _fio(fake: Faker, rnd: random.Random) -> str:
    """«Фамилия Имя Отчество» always in that order (Faker's name() mixes orders)."""
    return " ".join(_person(fake, rnd))


def _person(fake: Faker, rnd: random.Random) -> tuple[str, str, str]:
    if rnd.random() < 0.75:
        return fake.last_name_female(), fake.first_name_female(), fake.middle_name_female()
    return fake.last_name_male(), fake.first_name_male(), fake.middle_name_male()


GROUP_STARTS = (-75, -60, -46, -38, -24, -16, -9, -10, 2, 5, 9, 13, 20, 29, 41, 55)  # days from today


def _enrollment(rows: Rows, today: date, rnd: random.Random, fake: Faker, count: int) -> None:
    """Sixteen groups around today: finished ones with certificates, running ones, future ones."""
    programs = {p[0]: p for p in D.PROGRAMS}
    codes = list(programs)
    state = {"apps": [], "listeners": [], "progress": [], "attendance": [], "certs": [], "groups": []}
    for index, offset in enumerate(GROUP_STARTS):
        code = codes[index % len(codes)]
        size = 27 if index == 10 else rnd.randint(12, 20)  # one group too big: ENR-GROUP-25
        _group(state, today, rnd, fake, programs[code], f"{code}-{index // len(codes) + 1:02d}", offset, size, index)
    for _ in range(26):  # approved applications waiting for a group: the groups page proposes 13 + 13
        _application(state, today, rnd, fake, programs["ПК-008"], "согласована")
    while len(state["apps"]) < count:
        # other programs only, so that ПК-008 has exactly the 26 waiting applicants above
        _application(state, today, rnd, fake, programs[rnd.choice(codes[:-1])], rnd.choice(["новая", "проверена"]))
    rows["Группы"], rows["Заявки"], rows["Слушатели"] = state["groups"], state["apps"], state["listeners"]
    rows["Успеваемость"], rows["Посещаемость"], rows["Удостоверения"] = (state["progress"], state["attendance"],
                                                                        state["certs"])
    rows["Рассылки"] = module_reminders(rows, today)


def _application(state: dict, today: date, rnd: random.Random, fake: Faker, program: tuple, status: str) -> dict:
    last, first, middle = _person(fake, rnd)
    cats = program[4].split("; ")
    app = {"№ заявки": f"З-{len(state['apps']) + 1:04d}", "Дата поступления": today - timedelta(days=rnd.randint(20, 120)),
           "Код программы": program[0], "Направившая организация": f"Управление образования г. {fake.city_name()}",
           "Фамилия": last, "Имя": first, "Отчество": middle,
           "Дата рождения": date(rnd.randint(1962, 1999), rnd.randint(1, 12), rnd.randint(1, 28)),
           "Пол": "Жен" if middle.endswith(("вна", "чна")) else "Муж",
           "СНИЛС": format_snils(f"{rnd.randint(2_000_000, 999_999_999):09d}"),
           "Должность": rnd.choice(["учитель", "заместитель директора", "воспитатель", "педагог ДО"]),
           "Место работы": f"МБОУ «Средняя школа № {rnd.randint(1, 60)}»", "Категория": rnd.choice(cats),
           "E-mail": f"{fake.user_name()}@school.example.ru", "Телефон": fake.phone_number(), "Статус": status, "Внеплановая": "нет"}
    state["apps"].append(app)
    return app


def _group(state: dict, today: date, rnd: random.Random, fake: Faker, program: tuple, code: str, offset: int,
           size: int, index: int) -> None:
    start = today + timedelta(days=offset)
    end = start + timedelta(days=max(4, program[2] // 6))
    distance = program[3] in ("с ДОТ", "заочная", "очно-заочная")
    started, finished = start <= today, end < today
    sent = lambda days: start - timedelta(days=days) if start - timedelta(days=days) <= today else None  # noqa: E731
    group = {"Код группы": code, "Код программы": program[0], "Дата начала": start, "Дата окончания": end,
             "Куратор": _fio(fake, rnd), "Преподаватель": _fio(fake, rnd),
             "Аудитория или платформа": "Moodle" if program[3] in ("с ДОТ", "заочная") else rnd.choice(["ауд. 204", "ауд. 310"]),
             "Ссылка на чат": f"https://t.me/+oiro_{code.lower().replace('-', '_')}",
             "Письмо учредителю": sent(30), "Согласовано учредителем": sent(21), "Информационное письмо": sent(12),
             "Приказ о зачислении №": f"{120 + index}-у" if started else None, "Приказ о зачислении, дата": sent(2),
             "Напоминание": sent(8), "Доступы ДОТ": sent(2) if distance else None}
    if index == 9:
        group["Напоминание"] = None  # starts in 5 days, no reminder yet: ENR-REMIND-7D
    if index == 6:
        group["Напоминание"] = start - timedelta(days=3)  # sent late: ENR-REMIND-7D
    state["groups"].append(group)
    for _ in range(size):
        app = _application(state, today, rnd, fake, program, "зачислен")
        lid = f"С-{len(state['listeners']) + 1:04d}"
        listener = {"ID слушателя": lid, "Код группы": code, "№ заявки": app["№ заявки"],
                    "ФИО": f"{app['Фамилия']} {app['Имя']} {app['Отчество']}", "Логин ДОТ": f"user{lid[2:]}",
                    "Статус": "завершил" if finished else "обучается",
                    "Итоговый тест, балл": rnd.randint(62, 100) if finished else None,
                    "Дата аттестации": end if finished else None}
        state["listeners"].append(listener)
        if started:
            _study_records(state, today, rnd, lid, code, start, end, checks_twice=index != 7)
        if finished:
            number = f"{(end + timedelta(days=3)).year}-{len(state['certs']) + 1:04d}"
            proxy = len(state["certs"]) == 5
            state["certs"].append({"Регистрационный №": number, "Серия и номер бланка": f"40 {rnd.randint(100000, 999999)}",
                                   "ID слушателя": lid, "Код группы": code, "Дата выдачи": end + timedelta(days=3),
                                   "Получено": "по доверенности" if proxy else "лично",
                                   "№ доверенности": None, "Подпись получена": "да",
                                   "Выгружено в ФРДО": end + timedelta(days=10) if offset > -70 else None})


def _study_records(state: dict, today: date, rnd: random.Random, lid: str, code: str, start: date, end: date,
                   checks_twice: bool) -> None:
    for day in (start + timedelta(days=d) for d in range(3)):
        if day <= today:
            state["attendance"].append({"Код группы": code, "Дата занятия": day, "ID слушателя": lid,
                                        "Присутствовал": "да" if rnd.random() < 0.92 else "нет"})
    checks = (today - timedelta(days=1), today - timedelta(days=4)) if checks_twice else (today - timedelta(days=2),)
    for number, task in enumerate(("Модуль 1", "Модуль 2"), start=1):
        due = min(end, start + timedelta(days=2 * number))
        done = rnd.random() < 0.85 and due <= today
        state["progress"].append({"ID слушателя": lid, "Модуль/задание": task, "Срок": due,
                                  "Дата выполнения": due - timedelta(days=1) if done else None,
                                  "Балл": rnd.randint(3, 5) if done else None,
                                  "Дата проверки": checks[number % len(checks)] if done else None})


def _assessment(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    kinds = ["оценка руководителей", "оценка руководителей проектов", "оценка специалистов"]
    rows["Оценка_кандидаты"] = [
        {"ID кандидата": f"К-{i:03d}", "ФИО": _fio(fake, rnd), "Организация": rnd.choice(["Минобрнауки области", "Минэкономразвития области"]),
         "Должность": rnd.choice(["начальник отдела", "консультант", "главный специалист"]), "E-mail": f"{fake.user_name()}@school.example.ru",
         "Вид оценки": kinds[i % 3], "Цель": "замещение вакантной должности" if i % 5 == 0 else "развитие",
         "Статус": "подтвердил", "Согласие на ПДн": "да"} for i in range(1, 37)]
    sessions, people = [], []
    for i in range(1, 7):
        held = today + timedelta(days=14 * i - 50)
        kind = kinds[i % 3]
        members = [c for c in rows["Оценка_кандидаты"] if c["Вид оценки"] == kind][(i // 3) * 6:(i // 3) * 6 + 6]
        done = held + timedelta(days=10) <= today
        sessions.append({"Код сессии": f"ОП-{i:02d}", "Вид оценки": kind, "Дата": held, "Место": "ауд. 101",
                         "Наблюдателей": 3, "Ведущий": _fio(fake, rnd), "Приглашение": held - timedelta(days=10),
                         "Отчёты готовы": held + timedelta(days=10) if done else None,
                         "Обратная связь": held + timedelta(days=12) if done else None,
                         "Отчёты переданы": held + timedelta(days=13) if done else None})
        people += [{"Код сессии": f"ОП-{i:02d}", "ID кандидата": c["ID кандидата"],
                    "Отчёт для заказчика": "да" if n % 3 == 0 else "нет"} for n, c in enumerate(members)]
    sessions[1]["Наблюдателей"] = 2                        # ASM-OBSERVERS: 6 candidates need 3
    sessions[0]["Отчёты переданы"] = sessions[0]["Отчёты готовы"]  # ASM-FEEDBACK-FIRST: before feedback
    sessions[4]["Приглашение"] = sessions[4]["Дата"] - timedelta(days=4)  # ASM-INVITE-7D: too late
    rows["Оценка_сессии"], rows["Оценка_участники"] = sessions, people
    rows["Госплан"] = [{"Год": today.year, "Квота региона": 20, "Отобрано": 23, "В резерве": 3, "Зачислено": 20},
                       {"Год": today.year + 1, "Квота региона": 24, "Отобрано": 26, "В резерве": 2}]  # GOS-RESERVE-15


def _paid_services(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    """Fifteen services this year and next, with their steps, payments, requests and bonuses."""
    kinds = ["ПК", "ПК", "ПП", "тема", "событие"]
    services, steps, payments, requests, bonuses = [], [], [], [], []
    for i in range(1, 16):
        next_year = i > 11
        if next_year:
            start = date(today.year + 1, 2 + i % 9, 10)
        else:  # six finished services (with payments and bonuses), the rest ahead
            start = today + timedelta(days=-70 + 9 * i if i <= 6 else rnd.randint(5, 80))
        kind = kinds[i % 5]
        place = "на территории заказчика" if kind in ("ПК", "тема") and i % 3 == 0 else "в Учреждении"
        hours, listeners = rnd.choice([16, 24, 36, 72]), rnd.randint(12, 25)
        rate = Decimal(rnd.choice([120, 135, 150, 160]))
        code = f"ПОУ-{start.year}-{i:03d}"
        service = {"Код услуги": code, "Кафедра": D.DEPARTMENTS[i % 3], "Вид": kind,
                   "Наименование": rnd.choice(D.SERVICE_TITLES[kind]), "Место": place,
                   "Заказчик": f"Управление образования г. {fake.city_name()}", "Часы": hours, "Слушатели": listeners,
                   "Ставка, ₽/чел.-ч": rate, "Дата начала": start, "Дата окончания": start + timedelta(days=4),
                   "Внеплановая": "нет", "Дата заявки": date(start.year - 1, 10, 10), "Руководитель": _fio(fake, rnd),
                   "Организатор": _fio(fake, rnd), "Стажировка": "нет",
                   "Совместно с «Новой книгой»": "да" if i == 4 else "нет", "Статус": "согласована"}
        services.append(service)
        timeline = steps_for(SimpleNamespace(place=Place(place), start=start, end=start + timedelta(days=4)), {})
        end = start + timedelta(days=4)
        steps += [{"Код услуги": code, "Шаг": st.key, "Выполнено": st.due or end} for st in timeline
                  if (st.due or end) <= today and not (i == 3 and st.key.endswith(".20"))]
        cost = hours * listeners * rate
        finished = start + timedelta(days=4) < today
        payments.append({"Код услуги": code, "Договор": f"Д-{i:03d}",
                         "Дата договора": min(service["Дата заявки"] + timedelta(days=14), start),
                         "Плательщик": service["Заказчик"],
                         "Сумма по договору": cost, "Оплачено": cost if finished and i != 5 else Decimal(0),
                         "Дата оплаты": start if finished else None})
        requests.append({"№ по журналу ЦВД": str(i), "Дата": service["Дата заявки"], "Заказчик": service["Заказчик"],
                         "Кафедра": service["Кафедра"], "Код услуги": code, "Численность": listeners, "Решение": "принята"})
        if finished and i != 5:
            # paid in full at the start: the settlement of §7 done on time, as far as today reaches
            marks: dict[str, date] = {}
            for key in ("7.1", "7.2", "7.3"):
                due = next(x.due for x in settlement_steps(marks, start) if x.key == key)
                if due is None or due > today:
                    break
                marks[key] = due
                steps.append({"Код услуги": code, "Шаг": key, "Выполнено": due})
            share = cost * Decimal("0.35")
            if i == 4:  # with «Новая книга»: 70 / 20 / 10
                parts = (("руководитель центра «Новая книга»", 70), ("организатор", 20), ("заведующий кафедрой", 10))
            else:
                parts = (("заведующий кафедрой", 4), ("организатор", 6), ("преподаватель", 90))
            for role, percent in parts:
                bonuses.append({"Код услуги": code, "ФИО": service["Организатор"] if role == "организатор" else _fio(fake, rnd),
                                "Роль": role, "Часы": hours if role == "преподаватель" else None,
                                "Сумма с начислениями, ₽": (share * percent / 100).quantize(Decimal("0.01"))})
    rows["ПОУ_услуги"], rows["ПОУ_этапы"], rows["ПОУ_оплаты"] = services, steps, payments
    rows["ПОУ_заявки"], rows["ПОУ_выплаты"] = requests, bonuses
    rows["ПОУ_ставки"] = [{"№ приказа": f"{y}-ОД-12", "Дата приказа": date(y - 1, 12, 20), "Действует с": date(y, 1, 1),
                           "Действует по": date(y, 12, 31), "Норматив, ₽/чел.-ч": Decimal("150.00"), "Мин., %": 80,
                           "Макс., %": 110, "Мин., ₽": Decimal("120.00"), "Макс., ₽": Decimal("165.00")}
                          for y in (today.year, today.year + 1)]
    rows["ПОУ_изменения"] = [{"Код услуги": services[6]["Код услуги"], "Что меняется": "сроки", "№ записки": "12",
                              "Дата служебной записки": services[6]["Дата начала"] - timedelta(days=40),
                              "Было": f"с {services[6]['Дата начала']:%d.%m.%Y} по {services[6]['Дата окончания']:%d.%m.%Y}",
                              "Стало": f"с {services[6]['Дата начала'] + timedelta(days=7):%d.%m.%Y} по "
                                       f"{services[6]['Дата окончания'] + timedelta(days=7):%d.%m.%Y}",
                              "Причина": "письмо заказчика о переносе в связи с каникулами"}]
    rows["ПОУ_планы_кафедр"] = [{"Кафедра": d, "Год": today.year + 1, "Этап согласования": stage, "Дата этапа": today}
                                for d, stage in zip(D.DEPARTMENTS, ("утверждён ректором", "согласован проректором по ОМР",
                                                                    "рассмотрен на заседании кафедры"), strict=True)]
    rows["ПОУ_планы_кафедр"] += planning_calendar(today)
    late = date(services[0]["Дата начала"].year - 1, 11, 14)  # an unplanned service (002 §4): the request came late
    services[0].update({"Внеплановая": "да", "Дата заявки": late})
    requests[0]["Дата"] = late
    services[1]["Место"] = "на территории заказчика"               # PAY-CUSTOMER-KINDS: ПП at a customer's
    services[7]["Ставка, ₽/чел.-ч"] = Decimal("200")                # PAY-RATE-RANGE and PAY-COST
    requests[8]["Дата"] = date(services[8]["Дата начала"].year - 1, 11, 2)  # PAY-PLANNED-25OCT: late, yet «плановая»
    # PAY-ISSUE-PAID: service 5 is unpaid, yet its step 5.2.18 (documents issued) is marked done above


def _demo_exam(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    """Six exams around today with their deadline events, experts, participants and costs."""
    exams, experts, participants, costs = [], [], [], []
    for i in range(1, 7):
        start = add_working_days(today, rnd.choice([-25, -12, -3, 8, 18, 30]) if i > 1 else -25)
        org = D.ORGANISATIONS[i % len(D.ORGANISATIONS)]
        code = f"ДЭ-{today.year}-{i:02d}"
        exam = {"Код экзамена": code, "Организация участников": org, "Учебная группа": f"ТО-{20 + i}",
                "ЦПДЭ": D.ORGANISATIONS[(i + 1) % len(D.ORGANISATIONS)],
                "Адрес ЦПДЭ": f"г. Москва, ул. {fake.street_name()}, д. {rnd.randint(1, 90)}",
                "Вид аттестации": "ГИА" if i % 2 else "ПА", "КОД": f"1.{i}", "Уровень": "базовый",
                "ФГОС": "актуализированный", "Код специальности": "09.02.07",
                "Специальность": "Информационные системы и программирование", "Дата начала": start,
                "Дата окончания": start, "Статус участников": "выпускник" if i % 2 else "студент",
                "Куратор": _fio(fake, rnd), "Телефон куратора": fake.phone_number(), "Участников по плану": 12,
                "Рабочих мест": 12, "Продолжительность, ч": 4,
                "Ссылка на трансляцию": f"https://video.oiro.example.ru/de/{code.lower()}"}
        for field, days in (("План утверждён", -22), ("Ознакомление с планом", -7), ("ГЭ назначен", -25),
                            ("Экспертная группа сформирована", -21), ("Проверка готовности", -11),
                            ("Подготовительный день", -1), ("Расчёт стоимости направлен", -15),
                            ("Отчёт направлен", 6)):
            moment = add_working_days(start, days)
            exam[field] = moment if moment <= today else None
        exams.append(exam)
        names = [_fio(fake, rnd) for _ in range(5)]
        for role, name in zip(("ГЭ", "Э", "Э", "Э", "ТЭ"), names, strict=True):
            experts.append({"Код экзамена": code, "Роль": role, "ФИО": name, "Организация": "АО «Работодатель»",
                            "Штат/ГПХ": rnd.choice(["штат", "ГПХ"]), "В реестре": "да", "Готовил участников": "нет",
                            "Часы план": 8, "Часы факт": 8 if start <= today else None})
        present = [rnd.random() < 0.95 for _ in range(12)]
        group = []
        for here in present:
            group.append({"Код экзамена": code, "ФИО": _fio(fake, rnd), "Организация": org,
                          "Категория": "выпускник" if i % 2 else "студент", "Явка": "да" if here else "нет",
                          "Рабочее место": None, "Баллы": rnd.randint(30, 80) if here and start <= today else None,
                          "Максимум баллов": 80})
        if start <= today:  # held: places were drawn among those present, the draw's number kept (003 п. 9.11)
            number = 100_000 + zlib.crc32(code.encode()) % 900_000
            places = draw([p["ФИО"] for p in group if p["Явка"] == "да"], exam["Рабочих мест"], number)
            for person in group:
                person["Рабочее место"] = places.get(person["ФИО"])
            exam["Число жеребьёвки"] = number
        participants.extend(group)
        costs.append({"Код экзамена": code, "Статья": "Расходные материалы по КОД", "План, ₽": Decimal("35000.00"),
                      "Факт, ₽": Decimal("33870.50") if start <= today else None, "Источник": "бюджет"})
    exams[1]["ГЭ назначен"] = add_working_days(exams[1]["Дата начала"], -12)   # DE-GE-20WD: appointed late
    experts[6]["Готовил участников"] = "да"                                   # DE-INDEPENDENT
    experts[12]["Организация"] = exams[2]["Организация участников"]          # DE-SAME-ORG
    experts.append({**experts[4], "ФИО": _fio(fake, rnd)})                        # DE-TE-ONE: a second ТЭ
    experts[17]["В реестре"] = None                                            # DE-REGISTRY: unknown
    participants[3]["Баллы"] = 85                                              # DE-GRADE: above the maximum
    participants[8].update({"Явка": "да", "Баллы": 10})                         # DE-QUALITY-99: one failed
    rows["ДЭ_график"], rows["ДЭ_эксперты"], rows["ДЭ_участники"], rows["ДЭ_расходы"] = exams, experts, participants, costs
    last: dict[tuple[str, int], date] = {}
    for exam in exams:
        key = (exam["ЦПДЭ"], exam["Дата начала"].year)
        last[key] = max(last.get(key, exam["Дата окончания"]), exam["Дата окончания"])
    due = [(org, year, day) for (org, year), day in sorted(last.items()) if year <= today.year]
    rows["ДЭ_отчёты"] = [state_reports(org, year, day, n, today) for n, (org, year, day) in enumerate(due)]


def _roadmap(rnd: random.Random) -> list[dict]:
    """The real roadmap of seeds/004 through the importer, with statuses as staff would have set them."""
    source = Path(__file__).parent / "files" / "roadmap_004.txt"
    rows, _ = sheet_rows(assemble(read_rows(source.name, source.read_bytes())), set())
    for row in rows:
        roll = rnd.random()
        deadline = parse_deadline(row["Срок реализации"])
        if roll < 0.72:
            done = deadline.end or date(2019, 12, 31)
            row.update({"Статус": "выполнено", "Дата выполнения": done - timedelta(days=rnd.randint(0, 20)),
                        "Подтверждающий документ": rnd.choice(["Протокол рабочей группы", "Приказ департамента",
                                                               "https://portal.example.ru/docs/"]) if roll > 0.02 else None})
        elif roll < 0.78:
            row["Статус"] = "отменено"
        elif roll < 0.9:
            row["Статус"] = "в работе"
    return rows


def _inject_mistakes(rows: Rows) -> None:
    rows["Заявки"][4]["Дата рождения"] = "31.02.1985"           # GEN-CELL: no such date
    rows["Заявки"][20]["Категория"] = "библиотекари"            # ENR-CATEGORY: not the program's category
    rows["Заявки"][30]["СНИЛС"] = "112-233-445 96"              # ENR-SNILS: wrong check digits
    rows["Заявки"][7]["Код программы"] = "ПК-099"               # GEN-REF: unknown program
    rows["Заявки"][9]["Фамилия"] = None                          # GEN-REQUIRED
    rows["Слушатели"][12]["ID слушателя"] = rows["Слушатели"][11]["ID слушателя"]  # GEN-KEY: duplicate
    rows["ПОУ_услуги"][3]["Ставка, ₽/чел.-ч"] = "сто пятьдесят"  # GEN-CELL: words, not a number
    rows["ДЭ_участники"][5]["Явка"] = "возможно"                 # GEN-CELL: not да/нет
