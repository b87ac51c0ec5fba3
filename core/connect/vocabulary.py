"""How staff name the model's columns: synonyms, abbreviations and the words a header is compared by."""

from __future__ import annotations

import re
from functools import lru_cache

from sheets_schema.base import normalize_header

# Normalized model header → other names offices give that column (from the seeds' forms and registers kept by hand).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "фио": ("фамилия имя отчество", "фамилия и.о.", "фамилия, инициалы", "ф.и.о.", "ф и о", "фио слушателя", "фио участника", "слушатель",
            "фио эксперта", "фио кандидата", "фамилия, имя, отчество", "фио получателя", "участник"),
    "фамилия": ("фамилия слушателя",),
    "дата рождения": ("дата рожд.", "д.р.", "дата рожд", "день рождения", "рождения"),
    "e-mail": ("эл. почта", "электронная почта", "email", "почта", "адрес электронной почты", "e-mail адрес",
               "адрес эл. почты", "эл.почта"),
    "телефон": ("тел.", "контактный телефон", "моб. телефон", "номер телефона", "мобильный телефон", "тел"),
    "снилс": ("№ снилс", "номер снилс", "страховой номер", "снилс слушателя"),
    "объем, ч": ("кол-во часов", "количество часов", "объем (час.)", "объем часов", "объем программы",
                 "часов", "объём программы, ч", "трудоемкость", "объем, час"),
    "часы": ("кол-во часов", "количество часов", "часов", "объем, ч"),
    "код": ("код программы", "шифр", "шифр программы"),
    "наименование": ("название", "наименование программы", "название программы", "программа"),
    "код программы": ("программа (код)", "шифр программы", "код доп", "код дпп"),
    "№ заявки": ("номер заявки", "рег. № заявки", "№ заяв.", "заявка №", "№ п/п заявки"),
    "дата поступления": ("дата заявки", "поступила", "дата подачи", "дата регистрации",
                         "отметка времени"),  # the first column of every Google Forms export
    "направившая организация": ("организация", "от кого", "направила", "учреждение", "оо"),
    "место работы": ("организация (место работы)", "место работы (оо)", "работает в", "образовательная организация"),
    "должность": ("занимаемая должность",),
    "статус": ("состояние", "статус заявки", "решение", "решение по заявке", "результат рассмотрения"),
    "причина": ("причина отказа", "причина отклонения", "основание"),
    "внеплановая": ("вне плана", "внеплан", "внеплановая заявка"),
    "код группы": ("группа", "№ группы", "шифр группы", "номер группы"),
    "дата начала": ("начало", "начало обучения", "с", "сроки: с", "дата старта"),
    "дата окончания": ("окончание", "окончание обучения", "по", "сроки: по", "дата завершения"),
    "id слушателя": ("id", "код слушателя", "идентификатор", "№ слушателя", "таб. №"),
    "логин дот": ("логин", "логин в сдо", "логин moodle", "учетная запись"),
    "итоговый тест, балл": ("итоговый тест", "балл за тест", "баллы теста", "тест"),
    "дата аттестации": ("аттестация", "дата итоговой аттестации"),
    "код услуги": ("№ услуги", "шифр услуги", "код поу"),
    "кафедра": ("подразделение", "структурное подразделение", "кафедра (подразделение)"),
    "заказчик": ("заказчик услуги", "контрагент"),
    "слушатели": ("кол-во слушателей", "количество слушателей", "численность", "чел."),
    "численность": ("кол-во человек", "количество человек", "кол-во чел.", "число слушателей", "количество слушателей"),
    "участников по плану": ("кол-во участников", "количество участников", "число участников", "участников"),
    "куратор": ("ответственный", "ответственное лицо", "ответственный от оо", "ответственный от организации"),
    "телефон куратора": ("телефон ответственного", "контактный телефон"),
    "ставка, ₽/чел.-ч": ("ставка", "стоимость чел.-часа", "стоимость 1 чел.-ч", "ставка, руб.", "стоимость, руб./чел.-час"),
    "сумма по договору": ("стоимость", "стоимость, руб.", "сумма, руб.", "сумма договора", "цена договора"),
    "оплачено": ("оплата", "поступило", "оплачено, руб.", "сумма оплаты"),
    "дата оплаты": ("оплачено (дата)", "дата поступления оплаты"),
    "договор": ("№ договора", "номер договора"),
    "дата договора": ("договор от",),
    "плательщик": ("кто платит", "контрагент"),
    "организация": ("место работы", "оо", "учреждение"),
    "код экзамена": ("№ экзамена", "экзамен"),
    "комментарий": ("примечание", "примечания", "комментарии", "заметки", "пометки"),
    "шаг": ("действие", "этап", "что сделано"),
    "явка": ("присутствие", "присутствовал", "явился", "был на экзамене"),
    "присутствовал": ("был", "была", "был(а)", "присутствие", "присутствовал(а)", "отметка о присутствии", "явка"),
    "организация участников": ("образовательная организация", "поо", "оо"),
    "мероприятие": ("наименование мероприятия", "содержание мероприятия"),
    "срок реализации": ("срок", "сроки", "срок исполнения"),
    "ответственный исполнитель": ("ответственный", "исполнитель", "ответственные"),
    "№": ("№ п/п", "n", "номер"),
    "подразделение": ("кафедра", "отдел", "структурное подразделение"),
    "руководитель программы": ("руководитель", "разработчик"),
    "форма обучения": ("форма", "форма реализации"),
    "вид": ("вид программы", "тип программы", "вид доп"),
    "регистрационный №": ("рег. №", "регистрационный номер", "рег. номер"),
    "серия и номер бланка": ("номер бланка", "бланк"),
    "дата выдачи": ("выдано", "дата выдачи удостоверения"),
    "категории слушателей": ("целевая аудитория", "категория слушателей", "для кого", "контингент"),
    "вид документа": ("выдаваемый документ", "итоговый документ", "документ по окончании", "документ о квалификации"),
    "ссылка на чат": ("чат", "чат группы", "группа в мессенджере"),
    "вид оценки": ("процедура", "вид процедуры", "процедура оценки"),
    "код сессии": ("сессия", "сессия №", "№ сессии", "номер сессии"),
    "ведущий": ("модератор", "ведущий сессии"),
    "обратная связь": ("ос", "ос дана", "обратная связь дана"),
    "срок": ("сдать до", "срок сдачи", "выполнить до", "крайний срок"),
    "дата выполнения": ("сдано", "дата сдачи", "выполнено (дата)"),
}

SYNONYM_EXACT = 0.98  # a header that is one of an office's names for the column, not the column's own name

_ABBREVIATIONS = (
    (r"\bрожд\b\.?", "рождения"), (r"\bэл\.\s*", "электронная "), (r"\bкол-во\b", "количество"),
    (r"\bтел\b\.?", "телефон"), (r"\bруб\b\.?", "₽"), (r"\bчас\b\.?", "ч"), (r"\bгод\b\.?", "год"),
    (r"\bнаим\b\.?", "наименование"),
    # the words offices use for the regulation's longer names: a diploma is «документ об образовании», a memo
    # «служебная записка» (СЗ), a site of the exam its «ЦПДЭ», a withdrawal of consent «согласие отозвано»
    (r"\bдиплом\w*", "документа об образовании"), (r"\bсз\b", "служебной записки"), (r"\bплощадк\w*", "цпдэ"),
    (r"\bотзыв\w*", "отозвано"), (r"\bорг\b\.?", "организация"), (r"\bдол?ж\b\.?", "должность"),
)


# Words offices use for the model's words (any header): «Шифр ДПП» is «Код программы», «Колледж» an organisation.
WORD_SYNONYMS = {"шифр": "код", "дпп": "программы", "доп": "программы", "оо": "организация", "поо": "организация",
                 "колледж": "организация", "техникум": "организация", "учреждение": "организация",
                 "макс": "максимум", "мин": "минимум", "номер": "№", "кол-во": "количество", "почта": "e-mail",
                 "часы": "ч", "час": "ч", "часов": "ч", "дэ": "экзамена", "услуга": "услуги",
                 # what is done to reports and letters: «сформированы» is «готовы», «отправлены» «переданы»
                 "сформированы": "готовы", "сформирован": "готовы", "подготовлены": "готовы",
                 "отправлены": "переданы", "отправлено": "переданы", "отправлен": "переданы",
                 # «Иные документы» are the regulation's «прочие», a «роспись» its «подпись», the students a
                 # college's expert prepared its exam's «участники»
                 "иные": "прочие", "другие": "прочие", "роспись": "подпись", "студентов": "участников",
                 "студенты": "участники", "обучающихся": "участников"}
_SKIPPED_WORDS = {"и", "в", "с", "по", "на", "для", "от", "за", "из", "или", "-"}


# A proposal compares every staff header with every model header on every candidate header row: the same few
# hundred strings millions of times (the demo workbook: 5 million calls). They are pure functions of the text.
@lru_cache(maxsize=1 << 16)
def header_key(text: str) -> str:
    """A header as compared: case, ё, line breaks, spaces, trailing punctuation, a hint in brackets
    («(дд.мм.гггг)») and common abbreviations aside."""
    key = normalize_header(str(text).replace("\n", " ").replace("\u00a0", " "))
    bare = re.sub(r"\([^()]*\)", " ", key).strip()
    if bare and bare != key and not re.fullmatch(r"[\W\d_]*", bare):
        key = bare
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    key = re.sub(r"[\s:;*.,]+$", "", key)
    return " ".join(key.split())


@lru_cache(maxsize=1 << 16)
def stems(text: str) -> frozenset[str]:
    """The words of a header cut to their first letters: «рождения» and «рожд.» meet at «рожд»."""
    words = re.findall(r"[a-zа-я0-9₽№-]+", header_key(text))
    skip = _SKIPPED_WORDS
    out = set()
    for word in words:
        word = WORD_SYNONYMS.get(word, word).strip("-")
        if word and word not in skip:
            out.add(word[:5])
    return frozenset(out)


def text_stems(text: str) -> frozenset[str]:
    """The stems of free text (a tab's name or title): words in brackets count too."""
    return stems(re.sub(r"[()]", " ", str(text)))


def _same_stem(a: str, b: str) -> bool:
    """«макс» and «макси», «балло» and «баллы», «места» and «место»: one is the start of the other (3 letters at
    least), or both start with the same 4 letters. «Пол» is only itself: it begins «полностью», «полугодие»,
    «получено» — a name column «Ф.И.О. (полностью)» was proposed as the applicant's sex."""
    if a in _WHOLE_WORDS or b in _WHOLE_WORDS:
        return a == b
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))) or (
        min(len(a), len(b)) >= 4 and a[:4] == b[:4] and _ending(a[4:5]) and _ending(b[4:5]))


def _ending(letter: str) -> bool:
    """Past the fourth letter only an ending may differ («места»/«место»): a vowel; «обраб(отал)» is not «образ»."""
    return letter in _VOWELS


_VOWELS = set("аеёиоуыэюяьй")
_WHOLE_WORDS = {"пол"}


def shared_stems(staff: set[str], model: set[str]) -> int:
    return sum(1 for m in model if any(_same_stem(m, s) for s in staff))


@lru_cache(maxsize=1 << 14)
def names_of(header: str) -> tuple[str, ...]:
    """The model header and its synonyms, each as a header key."""
    own = header_key(header)
    return (own, *(header_key(s) for s in SYNONYMS.get(normalize_header(header), ())))


def similarity(staff: str, model_header: str, context: set[str] = frozenset()) -> float:
    """How surely a staff header names the model column: 1 for the same words, less for shared stems.

    `context`: the stems of the tab's name and title — «Код» on a tab titled «План платных услуг» is «Код услуги»."""
    return _similarity(str(staff), model_header, frozenset(context))


@lru_cache(maxsize=1 << 18)
def _similarity(staff: str, model_header: str, context: frozenset[str]) -> float:
    key = header_key(staff)
    if not key:
        return 0.0
    inside = re.findall(r"\(([^()]+)\)", normalize_header(staff))
    if inside:  # «Заказчик (плательщик)»: the words in brackets may be the very name
        best_inside = max(similarity(text, model_header) for text in inside)
        if best_inside >= 0.9:
            # the column's own name in brackets outweighs an office's word outside them: «ОО (место работы)» is
            # «Место работы», though «ОО» alone would be the sending organisation
            return 0.99 if best_inside == 1.0 else best_inside * 0.95
    best = 0.0
    own = stems(key)
    for number, name in enumerate(names_of(model_header)):
        if key == name:
            return 1.0 if number == 0 else SYNONYM_EXACT
        model = stems(name)
        if not own or not model:
            continue
        shared = shared_stems(own, model)
        if 0 < shared < len(model) and context and shared_stems(model, own) == len(own):
            # every word of the header is the model's, and the tab's title says the rest
            if shared + shared_stems(context - own, model) >= len(model):
                best = max(best, 0.75)
                continue
        if shared:
            extra = max(0, len(own) - shared_stems(model, own))
            if extra == 0:  # the header is the model's shortened («Аудитория» for «Аудитория или платформа»)
                score = 0.9 * (0.4 + 0.6 * shared / len(model))
            else:
                score = 0.9 * (shared / len(model)) * (1 - 0.5 * extra / max(len(own), 1))
            best = max(best, score)
    return best
