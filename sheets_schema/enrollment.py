"""Enrollment into continuing-education programs (DOMAIN §1, seeds/000 Part 1)."""

from datetime import date
from decimal import Decimal

from .base import SheetRow
from .common import col
from .enums import ApplicationStatus, Funding, Gender, IssueMode, ListenerStatus, ProgramKind, StudyForm


class Program(SheetRow):
    code: str = col("Код", required=True)
    name: str = col("Наименование", required=True)
    kind: ProgramKind = col("Вид", required=True)
    hours: int = col("Объём, ч", required=True, positive=True)
    form: StudyForm | None = col("Форма обучения")
    department: str | None = col("Подразделение")
    head: str | None = col("Руководитель программы")
    categories: str | None = col("Категории слушателей")
    funding: Funding | None = col("Финансирование")
    half_year: str | None = col("Полугодие")
    attestation: str | None = col("Форма итоговой аттестации")
    document: str | None = col("Вид документа")
    admission_documents: str | None = col("Документы для зачисления")  # beyond consent, contract, diploma («; »)


class Application(SheetRow):
    number: str = col("№ заявки", required=True)
    received: date | None = col("Дата поступления")
    program_code: str = col("Код программы", required=True)
    sender: str | None = col("Направившая организация")
    last_name: str = col("Фамилия", required=True)
    first_name: str = col("Имя", required=True)
    middle_name: str | None = col("Отчество")
    birth_date: date | None = col("Дата рождения", personal=True, past=True)
    snils: str | None = col("СНИЛС", personal=True)
    position: str | None = col("Должность")
    workplace: str | None = col("Место работы")
    category: str | None = col("Категория")
    email: str | None = col("E-mail", personal=True)
    phone: str | None = col("Телефон", personal=True)
    status: ApplicationStatus | None = col("Статус")
    reason: str | None = col("Причина")
    unplanned: bool | None = col("Внеплановая")
    gender: Gender | None = col("Пол")  # last: added after staff workbooks existed, so no column of theirs moves


class Group(SheetRow):
    code: str = col("Код группы", required=True)
    program_code: str = col("Код программы", required=True)
    start: date | None = col("Дата начала")
    end: date | None = col("Дата окончания")
    curator: str | None = col("Куратор")
    teacher: str | None = col("Преподаватель")
    room: str | None = col("Аудитория или платформа")
    chat_link: str | None = col("Ссылка на чат")
    founder_letter: date | None = col("Письмо учредителю")
    founder_approved: date | None = col("Согласовано учредителем")
    order_number: str | None = col("Приказ о зачислении №")
    order_date: date | None = col("Приказ о зачислении, дата")
    info_letter: date | None = col("Информационное письмо")
    reminder: date | None = col("Напоминание")
    dot_access: date | None = col("Доступы ДОТ")
    service_code: str | None = col("Код услуги ПОУ")  # a paid group: documents only after full payment


class Listener(SheetRow):
    id: str = col("ID слушателя", required=True)
    group_code: str = col("Код группы", required=True)
    application: str | None = col("№ заявки")
    full_name: str = col("ФИО", required=True)
    dot_login: str | None = col("Логин ДОТ")
    status: ListenerStatus | None = col("Статус")
    final_test: Decimal | None = col("Итоговый тест, балл", nonnegative=True)
    attested: date | None = col("Дата аттестации")


class Attendance(SheetRow):
    group_code: str = col("Код группы", required=True)
    class_date: date = col("Дата занятия", required=True)
    listener_id: str = col("ID слушателя", required=True)
    present: bool | None = col("Присутствовал")
    class_number: str | None = col("№ занятия")  # the class on «Занятия» (last: older sheets keep their columns)


class Progress(SheetRow):
    listener_id: str = col("ID слушателя", required=True)
    task: str = col("Модуль/задание", required=True)
    due: date | None = col("Срок")
    done: date | None = col("Дата выполнения")
    score: Decimal | None = col("Балл", nonnegative=True)
    checked: date | None = col("Дата проверки")


class Certificate(SheetRow):
    reg_number: str = col("Регистрационный №", required=True)
    blank: str | None = col("Серия и номер бланка")
    listener_id: str = col("ID слушателя", required=True)
    group_code: str | None = col("Код группы")
    issued: date | None = col("Дата выдачи")
    issue_mode: IssueMode | None = col("Получено")
    proxy_number: str | None = col("№ доверенности")
    signed: bool | None = col("Подпись получена")
    frdo_exported: date | None = col("Выгружено в ФРДО")
