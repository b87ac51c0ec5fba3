"""The timetable (seeds/000 §1.5, §3.3, §4.3, §4.5): the curriculum of each programme, its teachers and classes."""

from datetime import date

from .base import SheetRow
from .common import col
from .enums import ClassKind


class CurriculumItem(SheetRow):
    """One line of a programme's учебно-тематический план: a module (or a topic of it) and its hours by kind."""

    program_code: str = col("Код программы", required=True)
    module: str = col("Модуль", required=True)
    topic: str | None = col("Тема")
    lectures: int | None = col("Лекции, ч", nonnegative=True)
    practice: int | None = col("Практические, ч", nonnegative=True)
    distance: int | None = col("С ДОТ, ч", nonnegative=True)
    self_study: int | None = col("Самостоятельная работа, ч", nonnegative=True)
    assessment: int | None = col("Аттестация, ч", nonnegative=True)


class Teacher(SheetRow):
    full_name: str = col("Преподаватель", required=True)
    department: str | None = col("Подразделение")
    yearly_hours: int | None = col("Нагрузка в год, ч", positive=True)
    email: str | None = col("E-mail", personal=True)


class ClassSession(SheetRow):
    """One class of a group: when, what, who teaches it and where (a room, or «ДОТ» with its link)."""

    number: str = col("№ занятия", required=True)
    group_code: str = col("Код группы", required=True)
    day: date = col("Дата", required=True)
    start: str = col("Начало", required=True)  # «10:00»: read by core.timetable.clock, as staff type it
    end: str = col("Окончание", required=True)
    module: str = col("Модуль", required=True)
    topic: str | None = col("Тема")
    kind: ClassKind = col("Вид занятия", required=True)
    hours: int = col("Часов", required=True, positive=True)
    teacher: str | None = col("Преподаватель")
    room: str | None = col("Аудитория")
    link: str | None = col("Ссылка")
