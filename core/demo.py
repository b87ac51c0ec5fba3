"""A realistic synthetic workbook for the first run, with a handful of deliberate mistakes.

The mistakes are there so the checks page is never empty: an impossible birth date, a program code
that does not exist, a listener ID entered twice, an empty required cell, a rate typed as words.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from faker import Faker

from . import demo_data as D
from .snils import format_snils

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
         "Подразделение": rnd.choice(D.DEPARTMENTS), "Руководитель программы": fake.name(),
         "Категории слушателей": cats, "Финансирование": "госзадание", "Полугодие": "2 полугодие 2026",
         "Форма итоговой аттестации": "зачёт (тестирование)", "Вид документа": "удостоверение о ПК"}
        for code, name, hours, form, cats in D.PROGRAMS]
    _enrollment(rows, today, rnd, fake, listeners)
    _assessment(rows, today, rnd, fake)
    _paid_services(rows, today, rnd, fake)
    _demo_exam(rows, today, rnd, fake)
    rows["Дорожная_карта"] = [
        {"№": n, "Раздел": s, "Этап": phase, "Мероприятие": action, "Срок реализации": term,
         "Ответственный исполнитель": who, "Статус": rnd.choice(["выполнено", "в работе", "не начато"])}
        for n, s, phase, action, term, who in D.ROADMAP]
    _inject_mistakes(rows)
    return rows


def _person(fake: Faker, rnd: random.Random) -> tuple[str, str, str]:
    if rnd.random() < 0.75:
        return fake.last_name_female(), fake.first_name_female(), fake.middle_name_female()
    return fake.last_name_male(), fake.first_name_male(), fake.middle_name_male()


def _enrollment(rows: Rows, today: date, rnd: random.Random, fake: Faker, count: int) -> None:
    codes = [p[0] for p in D.PROGRAMS]
    groups, by_program = [], {}
    for i, code in enumerate(codes * 2, start=1):
        start = today + timedelta(days=rnd.randint(-60, 45))
        hours = next(p[2] for p in D.PROGRAMS if p[0] == code)
        group = f"{code}-{i:02d}"
        by_program.setdefault(code, []).append(group)
        past = start < today
        groups.append({"Код группы": group, "Код программы": code, "Дата начала": start,
                       "Дата окончания": start + timedelta(days=max(5, hours // 6)), "Куратор": fake.name(),
                       "Преподаватель": fake.name(), "Аудитория или платформа": rnd.choice(["ауд. 204", "ауд. 310", "Moodle"]),
                       "Письмо учредителю": start - timedelta(days=30), "Согласовано учредителем":
                           start - timedelta(days=rnd.randint(14, 25)),
                       "Информационное письмо": start - timedelta(days=12) if past or rnd.random() < .5 else None,
                       "Напоминание": start - timedelta(days=rnd.choice([3, 7, 9])) if past else None})
    rows["Группы"] = groups
    applications, listeners, progress, certificates = [], [], [], []
    for n in range(1, count + 1):
        last, first, middle = _person(fake, rnd)
        code = rnd.choice(codes)
        cats = next(p[4] for p in D.PROGRAMS if p[0] == code).split("; ")
        applications.append({
            "№ заявки": f"З-{n:04d}", "Дата поступления": today - timedelta(days=rnd.randint(20, 90)),
            "Код программы": code, "Направившая организация": f"МБОУ «Средняя школа № {rnd.randint(1, 60)}»",
            "Фамилия": last, "Имя": first, "Отчество": middle,
            "Дата рождения": date(rnd.randint(1962, 1999), rnd.randint(1, 12), rnd.randint(1, 28)),
            "СНИЛС": format_snils(f"{rnd.randint(2_000_000, 999_999_999):09d}"),
            "Должность": rnd.choice(["учитель", "заместитель директора", "воспитатель", "педагог ДО"]),
            "Место работы": fake.city_name(), "Категория": rnd.choice(cats),
            "E-mail": fake.free_email(), "Телефон": fake.phone_number(),
            "Статус": "зачислен" if n <= count * 0.8 else rnd.choice(["новая", "проверена"]),
            "Внеплановая": "нет"})
        if n <= count * 0.8:
            group = rnd.choice(by_program[code])
            lid = f"С-{n:04d}"
            listeners.append({"ID слушателя": lid, "Код группы": group, "№ заявки": f"З-{n:04d}",
                              "ФИО": f"{last} {first} {middle}", "Логин ДОТ": f"user{n:04d}",
                              "Статус": "обучается", "Итоговый тест, балл": rnd.choice([None, rnd.randint(40, 100)])})
            for task in ("Модуль 1", "Модуль 2"):
                done = rnd.random() < 0.8
                progress.append({"ID слушателя": lid, "Модуль/задание": task, "Срок": today - timedelta(days=5),
                                 "Дата выполнения": today - timedelta(days=7) if done else None,
                                 "Балл": rnd.randint(3, 5) if done else None})
    rows["Заявки"], rows["Слушатели"], rows["Успеваемость"] = applications, listeners, progress
    rows["Посещаемость"] = [
        {"Код группы": item["Код группы"], "Дата занятия": today - timedelta(days=d), "ID слушателя": item["ID слушателя"],
         "Присутствовал": "да" if rnd.random() < 0.9 else "нет"}
        for item in listeners[:60] for d in (3, 2)]
    for i, item in enumerate(listeners[:40], start=1):
        certificates.append({"Регистрационный №": f"{today.year}-{i:04d}", "Серия и номер бланка": f"40 {rnd.randint(100000, 999999)}",
                             "ID слушателя": item["ID слушателя"], "Код группы": item["Код группы"],
                             "Дата выдачи": today - timedelta(days=10), "Получено": "лично", "Подпись получена": "да"})
    rows["Удостоверения"] = certificates


def _assessment(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    kinds = ["оценка руководителей", "оценка руководителей проектов", "оценка специалистов"]
    rows["Оценка_кандидаты"] = [
        {"ID кандидата": f"К-{i:03d}", "ФИО": fake.name(), "Организация": rnd.choice(["Минобрнауки области", "Минэкономразвития области"]),
         "Должность": rnd.choice(["начальник отдела", "консультант", "главный специалист"]), "E-mail": fake.free_email(),
         "Вид оценки": kinds[i % 3], "Цель": rnd.choice(["развитие", "замещение вакантной должности"]),
         "Статус": "подтвердил", "Согласие на ПДн": "да"} for i in range(1, 31)]
    rows["Оценка_сессии"] = [
        {"Код сессии": f"ОП-{i:02d}", "Вид оценки": kinds[i % 3], "Дата": today + timedelta(days=14 * i - 30),
         "Место": "ауд. 101", "Наблюдателей": 4, "Ведущий": fake.name(),
         "Приглашение": today + timedelta(days=14 * i - 40)} for i in range(1, 6)]
    rows["Оценка_участники"] = [
        {"Код сессии": f"ОП-{(i % 5) + 1:02d}", "ID кандидата": f"К-{i:03d}", "Отчёт для заказчика": "да" if i % 4 == 0 else "нет"}
        for i in range(1, 31)]
    rows["Госплан"] = [{"Год": today.year, "Квота региона": 20, "Отобрано": 22, "В резерве": 3, "Зачислено": 20},
                       {"Год": today.year + 1, "Квота региона": 24, "Отобрано": 10, "В резерве": 0}]


def _paid_services(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    kinds = ["ПК", "ПК", "ПП", "тема", "событие"]
    services = []
    for i in range(1, 16):
        start = today + timedelta(days=rnd.randint(-40, 80))
        services.append({"Код услуги": f"ПОУ-{today.year}-{i:03d}", "Кафедра": rnd.choice(D.DEPARTMENTS),
                         "Вид": kinds[i % 5], "Наименование": f"Курс «{fake.catch_phrase()}»",
                         "Место": rnd.choice(["в Учреждении", "на территории заказчика", "дистанционно"]),
                         "Заказчик": f"Управление образования г. {fake.city_name()}", "Часы": rnd.choice([16, 24, 36, 72]),
                         "Слушатели": rnd.randint(12, 25), "Ставка, ₽/чел.-ч": Decimal(rnd.choice([120, 135, 150, 160])),
                         "Дата начала": start, "Дата окончания": start + timedelta(days=5), "Внеплановая": "нет",
                         "Руководитель": fake.name(), "Организатор": fake.name(), "Стажировка": "нет",
                         "Совместно с «Новой книгой»": "нет", "Статус": "согласована"})
    rows["ПОУ_услуги"] = services
    rows["ПОУ_ставки"] = [{"№ приказа": f"{today.year}-ОД-12", "Дата приказа": date(today.year, 1, 10),
                           "Действует с": date(today.year, 1, 15), "Норматив, ₽/чел.-ч": Decimal("150.00"),
                           "Мин., %": 80, "Макс., %": 120, "Мин., ₽": Decimal("120.00"), "Макс., ₽": Decimal("180.00")}]
    rows["ПОУ_заявки"] = [{"№ по журналу ЦВД": f"{i}", "Дата": date(today.year - 1, 10, 10 + 2 * i),
                           "Заказчик": s["Заказчик"], "Кафедра": s["Кафедра"], "Код услуги": s["Код услуги"],
                           "Численность": s["Слушатели"], "Решение": "принята"} for i, s in enumerate(services[:8], start=1)]
    rows["ПОУ_оплаты"] = [{"Код услуги": s["Код услуги"], "Договор": f"Д-{i:03d}", "Плательщик": s["Заказчик"],
                           "Сумма по договору": s["Часы"] * s["Слушатели"] * s["Ставка, ₽/чел.-ч"],
                           "Оплачено": s["Часы"] * s["Слушатели"] * s["Ставка, ₽/чел.-ч"] if i % 3 else Decimal(0),
                           "Дата оплаты": s["Дата начала"]} for i, s in enumerate(services, start=1)]
    rows["ПОУ_изменения"] = [{"Код услуги": services[2]["Код услуги"], "Что меняется": "сроки",
                              "Дата служебной записки": today - timedelta(days=3), "Было": "март", "Стало": "апрель"}]
    rows["ПОУ_выплаты"] = [{"Код услуги": s["Код услуги"], "ФИО": s["Организатор"], "Роль": "организатор",
                            "Часы": 10, "Сумма, ₽": Decimal("1500.00")} for s in services[:6]]


def _demo_exam(rows: Rows, today: date, rnd: random.Random, fake: Faker) -> None:
    exams, experts, participants, costs = [], [], [], []
    for i in range(1, 7):
        start = today + timedelta(days=rnd.randint(-30, 70))
        org = D.ORGANISATIONS[i % len(D.ORGANISATIONS)]
        code = f"ДЭ-{today.year}-{i:02d}"
        exams.append({"Код экзамена": code, "Организация участников": org, "Учебная группа": f"ТО-{20 + i}",
                      "ЦПДЭ": org, "Адрес ЦПДЭ": f"г. Москва, ул. {fake.street_name()}, д. {rnd.randint(1, 90)}",
                      "Вид аттестации": "ГИА" if i % 2 else "ПА", "КОД": f"1.{i}", "Уровень": "базовый",
                      "ФГОС": "актуализированный", "Код специальности": "09.02.07",
                      "Специальность": "Информационные системы и программирование", "Дата начала": start,
                      "Дата окончания": start + timedelta(days=1), "Статус участников": "выпускник",
                      "Куратор": fake.name(), "Участников по плану": 12, "Рабочих мест": 6, "Продолжительность, ч": 4})
        for role in ("ГЭ", "Э", "Э", "Э", "ТЭ"):
            experts.append({"Код экзамена": code, "Роль": role, "ФИО": fake.name(), "Организация": "АО «Работодатель»",
                            "Штат/ГПХ": rnd.choice(["штат", "ГПХ"]), "В реестре": "да", "Готовил участников": "нет",
                            "Часы план": 8, "Часы факт": 8})
        for _ in range(12):
            participants.append({"Код экзамена": code, "ФИО": fake.name(), "Организация": org, "Категория": "выпускник",
                                 "Явка": "да" if rnd.random() < 0.95 else "нет", "Баллы": rnd.randint(20, 80),
                                 "Максимум баллов": 80})
        costs.append({"Код экзамена": code, "Статья": "Расходные материалы", "План, ₽": Decimal("35000.00"),
                      "Источник": "бюджет"})
    rows["ДЭ_график"], rows["ДЭ_эксперты"], rows["ДЭ_участники"], rows["ДЭ_расходы"] = exams, experts, participants, costs


def _inject_mistakes(rows: Rows) -> None:
    rows["Заявки"][4]["Дата рождения"] = "31.02.1985"           # GEN-CELL: no such date
    rows["Заявки"][7]["Код программы"] = "ПК-099"               # GEN-REF: unknown program
    rows["Заявки"][9]["Фамилия"] = None                          # GEN-REQUIRED
    rows["Слушатели"][12]["ID слушателя"] = rows["Слушатели"][11]["ID слушателя"]  # GEN-KEY: duplicate
    rows["ПОУ_услуги"][3]["Ставка, ₽/чел.-ч"] = "сто пятьдесят"  # GEN-CELL: words, not a number
    rows["ДЭ_участники"][5]["Явка"] = "возможно"                 # GEN-CELL: not да/нет
