"""Every tab of the workbook, in the order init creates them (DOMAIN §8)."""

from . import admission as adm
from . import assessment as asm
from . import common
from . import demo_exam as de
from . import enrollment as enr
from . import paid_services as pay
from . import roadmap as rm
from . import timetable as tt
from .base import Ref, Tab, normalize_header

TABS: tuple[Tab, ...] = (
    Tab("Настройки", common.Setting, key="key", title="Параметры учреждения для документов", width=28),
    Tab("Пользователи", common.User, key="email", title="Кто работает в приложении и с какой ролью"),
    Tab("Журнал", common.JournalEntry, title="Что записало приложение (ведётся автоматически)"),
    Tab("Рассылки", common.Mailing, title="Отправленные письма (ведётся автоматически)"),
    Tab("Программы", enr.Program, key="code", title="Программы ДПО и их параметры"),
    Tab("Заявки", enr.Application, key="number", numbered=True,
        refs=(Ref("program_code", "Программы"),), title="Заявки на обучение"),
    Tab("Группы", enr.Group, key="code", refs=(Ref("program_code", "Программы"), Ref("service_code", "ПОУ_услуги")),
        title="Учебные группы"),
    Tab("Слушатели", enr.Listener, key="id",
        refs=(Ref("group_code", "Группы"), Ref("application", "Заявки")), title="Зачисленные слушатели"),
    Tab("Личные_дела", adm.ListenerFile, key="listener_id", refs=(Ref("listener_id", "Слушатели"),),
        title="Личные дела слушателей: согласие на обработку ПДн, договор, документ об образовании (000 п. 1.7–1.8)"),
    Tab("УТП", tt.CurriculumItem, refs=(Ref("program_code", "Программы"),),
        title="Учебно-тематические планы программ: модули и часы по видам занятий (000 п. 1.5)"),
    Tab("Преподаватели", tt.Teacher, key="full_name", title="Преподаватели и их нагрузка"),
    Tab("Занятия", tt.ClassSession, key="number", numbered=True, refs=(Ref("group_code", "Группы"),),
        title="Расписание занятий групп (000 п. 1.5, 3.3)"),
    Tab("Посещаемость", enr.Attendance,
        refs=(Ref("group_code", "Группы"), Ref("listener_id", "Слушатели"), Ref("class_number", "Занятия")),
        title="Посещение занятий"),
    Tab("Успеваемость", enr.Progress, refs=(Ref("listener_id", "Слушатели"),), title="Задания и баллы"),
    Tab("Удостоверения", enr.Certificate, key="reg_number",
        refs=(Ref("listener_id", "Слушатели"), Ref("group_code", "Группы")),
        title="Выданные удостоверения о повышении квалификации"),
    Tab("Оценка_кандидаты", asm.Candidate, key="id", title="Кандидаты на оценочные процедуры"),
    Tab("Оценка_сессии", asm.AssessmentSession, key="code", title="Оценочные сессии"),
    Tab("Оценка_участники", asm.AssessmentParticipation,
        refs=(Ref("session_code", "Оценка_сессии"), Ref("candidate_id", "Оценка_кандидаты")),
        title="Кто в какой сессии"),
    Tab("Госплан", asm.StatePlan, key="year", title="Государственный план подготовки управленческих кадров"),
    Tab("ПОУ_услуги", pay.PaidService, key="code", title="План платных образовательных услуг"),
    Tab("ПОУ_ставки", pay.RateOrder, key="number", title="Приказы о диапазоне ставок"),
    Tab("ПОУ_заявки", pay.CustomerRequest, key="number",
        refs=(Ref("service_code", "ПОУ_услуги"),), title="Заявки коллективных заказчиков"),
    Tab("ПОУ_оплаты", pay.Payment, refs=(Ref("service_code", "ПОУ_услуги"),), title="Договоры и оплаты"),
    Tab("ПОУ_изменения", pay.ServiceChange, refs=(Ref("service_code", "ПОУ_услуги"),),
        title="Служебные записки об изменениях"),
    Tab("ПОУ_выплаты", pay.BonusPayment, refs=(Ref("service_code", "ПОУ_услуги"),),
        title="Стимулирующие выплаты (из доли кафедры, с начислениями)"),
    Tab("ПОУ_этапы", pay.ServiceStep, refs=(Ref("service_code", "ПОУ_услуги"),),
        title="Выполненные шаги услуг (002 п. 5.2–5.3)"),
    Tab("ПОУ_планы_кафедр", pay.DepartmentPlan, title="Согласование планов ПОУ кафедр (002 п. 3.4.1)"),
    Tab("ДЭ_график", de.Exam, key="code", title="Сводный график демонстрационного экзамена"),
    Tab("ДЭ_эксперты", de.Expert, refs=(Ref("exam_code", "ДЭ_график"),), title="Состав экспертных групп"),
    Tab("ДЭ_участники", de.ExamParticipant, refs=(Ref("exam_code", "ДЭ_график"),), title="Участники экзамена"),
    Tab("ДЭ_расходы", de.ExamCost, refs=(Ref("exam_code", "ДЭ_график"),), title="Расходы на экзамен"),
    Tab("ДЭ_отчёты", de.ExamReports, title="Отчёты ЦПДЭ по итогам экзаменов года (003 п. 12.2–12.5)"),
    Tab("Дорожная_карта", rm.RoadmapItem, key="number", title="Дорожная карта регионального стандарта"),
)

TAB_BY_NAME: dict[str, Tab] = {t.name: t for t in TABS}

# Headers of the columns that hold personal data, in any tab (normalised: case, spaces, ё).
PERSONAL_HEADERS: frozenset[str] = frozenset(normalize_header(c.header) for t in TABS for c in t.columns if c.personal)


def tab(name: str) -> Tab:
    """The tab with this exact name; KeyError names the unknown tab."""
    return TAB_BY_NAME[name]
