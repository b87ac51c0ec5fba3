"""Values of dropdown columns, exactly as staff see them in the sheet."""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "администратор"
    MANAGER = "менеджер"
    STAFF = "сотрудник"
    OBSERVER = "наблюдатель"


class ProgramKind(StrEnum):
    PK = "ПК"
    PP = "ПП"
    PO = "ПО"
    DOP = "ДОП"
    TOPIC = "тема"
    EVENT = "событие"


class Gender(StrEnum):
    """As ФИС ФРДО's template writes it (column Z «Пол получателя»)."""

    MALE = "Муж"
    FEMALE = "Жен"


class StudyForm(StrEnum):
    FULL_TIME = "очная"
    MIXED = "очно-заочная"
    CORRESPONDENCE = "заочная"  # a fully distance programme is this form, with ДОТ as its technology (273-ФЗ ст. 16)
    DISTANCE = "с ДОТ"  # a technology, not a form of study: kept because offices write it; ФИС ФРДО needs a form


class Funding(StrEnum):
    STATE = "госзадание"
    PAID = "платно"


class ApplicationStatus(StrEnum):
    NEW = "новая"
    CHECKED = "проверена"
    REJECTED = "отклонена"
    APPROVED = "согласована"
    ENROLLED = "зачислен"


class ListenerStatus(StrEnum):
    STUDYING = "обучается"
    COMPLETED = "завершил"
    EXPELLED = "отчислен"


class IssueMode(StrEnum):
    IN_PERSON = "лично"
    PROXY = "по доверенности"


class AssessmentKind(StrEnum):
    HEADS = "оценка руководителей"
    PROJECT_HEADS = "оценка руководителей проектов"
    SPECIALISTS = "оценка специалистов"


class AssessmentGoal(StrEnum):
    DEVELOPMENT = "развитие"
    VACANCY = "замещение вакантной должности"


class CandidateStatus(StrEnum):
    APPLIED = "заявлен"
    INVITED = "приглашён"
    CONFIRMED = "подтвердил"
    ASSESSED = "прошёл оценку"
    WITHDRAWN = "отказался"


class Place(StrEnum):
    PREMISES = "в Учреждении"
    CUSTOMER = "на территории заказчика"
    REMOTE = "дистанционно"


class ServiceStatus(StrEnum):
    PLANNED = "запланирована"
    AGREED = "согласована"
    RUNNING = "проводится"
    DONE = "проведена"
    CANCELLED = "отменена"


class RequestDecision(StrEnum):
    PENDING = "на рассмотрении"
    ACCEPTED = "принята"
    PASSED_ON = "передана другой кафедре"
    REFUSED = "отказ"


class ChangeKind(StrEnum):
    DATES = "сроки"
    FORM = "форма"
    HOURS = "часы"
    PRICE = "стоимость"


class BonusRole(StrEnum):
    HEAD = "заведующий кафедрой"
    ORGANISER = "организатор"
    TEACHER = "преподаватель"
    PROGRAM_HEAD = "руководитель программы"
    NK_HEAD = "руководитель центра «Новая книга»"


class PlanStage(StrEnum):
    """Approval of a department's plan of paid services (002 §3.4.1), in order."""

    DEPARTMENT = "рассмотрен на заседании кафедры"
    COUNCIL = "рассмотрен на совместном совете"
    AGREED_OMR = "согласован проректором по ОМР"
    AGREED_UMR = "согласован проректором по УМР"
    AGREED_CVD = "согласован руководителем ЦВД"
    APPROVED = "утверждён ректором"
    ENTERED = "внесён в ЭБД"
    VERIFIED = "проверен методистами ЦВД"


class PlanningStep(StrEnum):
    """The planning calendar of the year before a plan (002 п. 3.3.3–3.3.6, 3.5.1–3.5.2); short, as the list of an
    Excel dropdown must stay under 255 characters."""

    CATALOG_LIST = "перечень для каталога подан"
    CATALOG_AGREED = "каталог согласован"
    CATALOG_SENT = "каталог разослан"
    CATALOG_ON_SITE = "каталог передан для сайта"
    INCOME_PLAN = "план дохода кафедры подан"
    INSTITUTION_INCOME = "план дохода Учреждения передан"


class AttestationKind(StrEnum):
    GIA = "ГИА"
    PA = "ПА"


class ExamLevel(StrEnum):
    BASIC = "базовый"
    PROFILE = "профильный"


class FgosKind(StrEnum):
    UPDATED = "актуализированный"
    NOT_UPDATED = "не актуализированный"


class ParticipantStatus(StrEnum):
    GRADUATE = "выпускник"
    STUDENT = "студент"


class ExpertRole(StrEnum):
    CHIEF = "ГЭ"
    EXPERT = "Э"
    TECHNICAL = "ТЭ"


class Employment(StrEnum):
    STAFF = "штат"
    CIVIL = "ГПХ"


class CostSource(StrEnum):
    BUDGET = "бюджет"
    EXTRA = "внебюджет"
    EMPLOYERS = "работодатели"
    OTHER = "иное"


class RoadmapPhase(StrEnum):
    DESIGN = "Проектирование"
    IMPLEMENTATION = "Реализация"
    EVALUATION = "Оценка"


class RoadmapStatus(StrEnum):
    NOT_STARTED = "не начато"
    IN_PROGRESS = "в работе"
    DONE = "выполнено"
    CANCELLED = "отменено"


# What offices write in full where the model keeps the short value (the seeds name the kinds in words: 000 §1.1
# «программы повышения квалификации», 003 «главный эксперт»). Read as that value; the app itself writes the short one.
class ClassKind(StrEnum):
    """What a class on the timetable is; each kind is counted against its column of the curriculum (УТП)."""

    LECTURE = "лекция"
    PRACTICE = "практическое занятие"
    DISTANCE = "занятие с ДОТ"
    ASSESSMENT = "аттестация"


class ConsentForm(StrEnum):
    """How a consent to process personal data came: a signed paper, or electronically (152-ФЗ ст. 9 ч. 4)."""

    PAPER = "на бумаге"
    ELECTRONIC = "электронная"


class EducationLevel(StrEnum):
    """What a ДПО programme may admit: higher or secondary vocational education, or studying for it (273-ФЗ ст. 76
    ч. 3); «нет» is what the rule refuses."""

    HIGHER = "ВО"
    VOCATIONAL = "СПО"
    STUDYING_HIGHER = "получает ВО"
    STUDYING_VOCATIONAL = "получает СПО"
    NONE = "нет"


ALIASES: dict[type[StrEnum], dict[str, StrEnum]] = {
    ProgramKind: {"повышение квалификации": ProgramKind.PK, "программа повышения квалификации": ProgramKind.PK,
                  "кпк": ProgramKind.PK, "профессиональная переподготовка": ProgramKind.PP,
                  "программа профессиональной переподготовки": ProgramKind.PP,
                  "профессиональное обучение": ProgramKind.PO,
                  "дополнительная общеобразовательная программа": ProgramKind.DOP},
    StudyForm: {"очно": StudyForm.FULL_TIME, "очно-заочно": StudyForm.MIXED, "заочно": StudyForm.CORRESPONDENCE,
                "заочная с дот": StudyForm.CORRESPONDENCE, "заочная с применением дот": StudyForm.CORRESPONDENCE,
                "с применением дот": StudyForm.DISTANCE, "дистанционная": StudyForm.DISTANCE,
                "дистанционно": StudyForm.DISTANCE, "дот": StudyForm.DISTANCE,
                # a form «с ДОТ» is that form with a technology (273-ФЗ ст. 16): the form is what is kept
                "очная с дот": StudyForm.FULL_TIME, "очная с применением дот": StudyForm.FULL_TIME,
                "очно-заочная с дот": StudyForm.MIXED, "очно-заочная с применением дот": StudyForm.MIXED},
    Funding: {"бюджет": Funding.STATE, "государственное задание": Funding.STATE, "гз": Funding.STATE,
              "внебюджет": Funding.PAID, "платная": Funding.PAID, "за плату": Funding.PAID,
              "за счёт слушателя": Funding.PAID, "за счёт средств слушателя": Funding.PAID,
              "по договору": Funding.PAID, "за счёт средств бюджета": Funding.STATE},
    Gender: {"м": Gender.MALE, "муж.": Gender.MALE, "мужской": Gender.MALE, "ж": Gender.FEMALE,
             "жен.": Gender.FEMALE, "женский": Gender.FEMALE},
    ExpertRole: {"главный эксперт": ExpertRole.CHIEF, "эксперт": ExpertRole.EXPERT,
                 "технический эксперт": ExpertRole.TECHNICAL},
    ClassKind: {"лекции": ClassKind.LECTURE, "лекционное занятие": ClassKind.LECTURE, "практика": ClassKind.PRACTICE,
                "практическое": ClassKind.PRACTICE, "практическая работа": ClassKind.PRACTICE,
                "семинар": ClassKind.PRACTICE, "практикум": ClassKind.PRACTICE, "дот": ClassKind.DISTANCE,
                "дистанционно": ClassKind.DISTANCE, "дистанционное занятие": ClassKind.DISTANCE,
                "вебинар": ClassKind.DISTANCE, "зачёт": ClassKind.ASSESSMENT, "зачет": ClassKind.ASSESSMENT,
                "итоговая аттестация": ClassKind.ASSESSMENT, "тестирование": ClassKind.ASSESSMENT},
    ConsentForm: {"бумажная": ConsentForm.PAPER, "письменная": ConsentForm.PAPER, "на бумажном носителе": ConsentForm.PAPER,
                  "электронно": ConsentForm.ELECTRONIC, "в электронной форме": ConsentForm.ELECTRONIC},
    EducationLevel: {"высшее": EducationLevel.HIGHER, "высшее образование": EducationLevel.HIGHER,
                     "среднее профессиональное": EducationLevel.VOCATIONAL, "студент": EducationLevel.STUDYING_HIGHER,
                     "обучается в вузе": EducationLevel.STUDYING_HIGHER, "нет во/спо": EducationLevel.NONE,
                     "среднее общее": EducationLevel.NONE, "основное общее": EducationLevel.NONE},
    RoadmapStatus: {"исполнено": RoadmapStatus.DONE, "выполняется": RoadmapStatus.IN_PROGRESS,
                    "в процессе": RoadmapStatus.IN_PROGRESS, "не приступали": RoadmapStatus.NOT_STARTED},
    Employment: {"штатный": Employment.STAFF, "штатный сотрудник": Employment.STAFF, "договор гпх": Employment.CIVIL,
                 "гражданско-правовой договор": Employment.CIVIL},
}
