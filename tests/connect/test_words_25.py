"""How an office's words meet the model's (#25, the tenth to twelfth sets): endings, abbreviations spelled out, a
sub-header under its group, either word of «Модуль/задание», a unit in brackets, the ends of a date range, a word only
one column has, «от» after «Приказ №», equal scores and a tab named twice. Each with a header it must not take."""

import pytest

from core.connect.propose import propose_tab
from core.connect.vocabulary import same_stem, similarity

FOUND = 0.45  # core.connect.leftovers.MAPPED_AT: a column is proposed from here


@pytest.mark.parametrize(("a", "b", "same"), [
    ("тема", "темы", True), ("лекци", "лекци", True), ("место", "места", True),
    ("обраб", "образ", False), ("пол", "полно", False), ("тема", "темп", False),
])
def test_words_apart_only_by_their_ending_are_one_word(a, b, same):
    assert same_stem(a, b) is same


@pytest.mark.parametrize(("staff", "model", "found"), [
    ("Темы занятий", "Тема", True), ("Темп работы", "Тема", False),
    # an abbreviation spelled out, its short words whole: «Центр проведения ДЭ» is «ЦПДЭ»
    ("Центр проведения ДЭ", "ЦПДЭ", True), ("Центр оценки", "ЦПДЭ", False),
    # a sub-header under its group's header names the column
    ("Аудиторные часы / лекции", "Лекции, ч", True), ("Аудиторные часы / семинары", "Лекции, ч", False),
    # «Модуль/задание»: either word is its name
    ("Контрольное задание", "Модуль/задание", True), ("Контрольная дата", "Модуль/задание", False),
    # a hint in brackets that is the only telling word
    ("Объём (ак. ч)", "Часов", True), ("Объём (страниц)", "Часов", False),
    ("Действует до", "Действует по", True), ("Передано в ФИС ФРДО", "Выгружено в ФРДО", True),
    ("Участвовал в подготовке участников", "Готовил участников", True), ("LOGIN", "Логин ДОТ", True),
    ("Инфописьмо", "Информационное письмо", True), ("№ служебной", "№ записки", True),
    ("Дата платежа", "Дата оплаты", True), ("Вид затрат", "Статья", True), ("Вид затрат", "Вид оценки", False),
    ("Отметка об исполнении", "Статус", True), ("Отметка об исполнении", "Срок реализации", False),
    ("Группа (код)", "Код специальности", False), ("Дата издания", "Дата договора", False),
    ("Дата обращения", "Дата заявки", True), ("Дата обращения", "Дата оплаты", False),
    ("Док-ты", "Документы", True), ("Дог-р", "Документы", False), ("Гр.", "Код группы", True),
])
def test_office_words_name_the_model_column(staff, model, found):
    assert (similarity(staff, model) >= FOUND) is found


@pytest.mark.parametrize(("staff", "right", "wrong"), [
    ("Применяется с", "Действует с", "Действует по"),  # a range's end is its last word, not a word skipped
    ("Действует до", "Действует по", "Действует с"),
    ("Снижение не более, %", "Мин., %", "Мин., ₽"),  # percent and roubles are words of their own
    ("Организация-заказчик", "Заказчик", "Организатор"),  # two words; «организатор» is not «организация»
    ("ГЗ I кв.", "Отчёт о ГЗ за I квартал", "Отчёт о ГЗ за II квартал"),
    # the seventeenth set's misses at first sight: words in brackets that, with the rest, are the model's in another
    # order; a rate order's dates as a register of orders names them; the exam's materials; those who sit the exam
    ("Специальность (код)", "Код специальности", "КОД"), ("Группа (код)", "Код группы", "Код программы"),
    ("Дата начала действия", "Действует с", "Действует по"), ("Дата окончания действия", "Действует по", "Действует с"),
    ("Дата издания", "Дата приказа", "Действует с"), ("Код оценочных материалов", "КОД", "Код специальности"),
    ("Кол-во сдающих", "Участников по плану", "Рабочих мест"),
    # the nineteenth set's: a word cut to its start and ending («Док-ты», «Дов-ть» in the other case), «Гр.», and a
    # programmes' register's «Документ» is the one it issues
    ("Док-ты", "Документы", "Комментарий"), ("Дов-ть №", "№ доверенности", "Регистрационный №"),
    ("Гр.", "Код группы", "Код программы"), ("Документ", "Вид документа", "Документы для зачисления"),
    # the twentieth set's: a slash inside brackets lists choices and is no sub-header; «реквизиты» of a power of
    # attorney are its number; «Наименование ЦПДЭ» names the centre the model glosses in brackets
    ("Отметка о получении (лично / по почте / по доверенности)", "Получено", "№ доверенности"),
    ("Реквизиты доверенности", "№ доверенности", "Подпись получена"),
    ("Наименование ЦПДЭ", "Организация (ЦПДЭ)", "Год"),
    # the twenty-first set's: «организация» under «Работа» is the place of work; «Код» in a register is its own code,
    # the exam's «КОД» is written in capitals
    ("Работа / организация", "Место работы", "Направившая организация"), ("Код", "Код экзамена", "КОД"),
    ("КОД", "КОД", "Код экзамена"),
])
def test_the_right_column_is_nearer_than_its_neighbour(staff, right, wrong):
    assert similarity(staff, right) > similarity(staff, wrong)


def _lines(sheet, grid, only):
    return {ln.header: ln for ln in propose_tab(sheet, grid, only=only).lines}


def test_from_after_an_order_number_is_the_order_date_and_a_date_after_other_words_is_not():
    rates = _lines("Приказы", [["Приказ №", "от", "Применяется с", "Применяется по", "Норматив, руб."],
                               ["112-о", "20.12.2026", "01.01.2027", "31.12.2027", "180,00"]], "ПОУ_ставки")
    assert rates["от"].model_header == "Дата приказа"
    assert rates["Применяется с"].model_header == "Действует с"
    assert rates["Применяется по"].model_header == "Действует по"
    sessions = _lines("Сессии", [["Сессия", "Вид оценки", "Дата", "Дата приглашения"],
                                 ["С-1", "оценка компетенций", "03.03.2027", "20.02.2027"]], "Оценка_сессии")
    assert sessions["Дата"].model_header == "Дата"
    assert sessions["Дата приглашения"].model_header == "Приглашение"


def test_a_word_only_one_column_of_the_tab_has_proposes_it_low_with_the_word_said():
    grid = [["Код ДЭ", "Группа обучающихся", "Группа поддержки"], ["ДЭ-1", "ТМ-41", "ТМ-41"],
            ["ДЭ-1", "ТМ-42", "ТМ-42"]]
    lines = _lines("График ДЭ", grid, "ДЭ_график")
    group = lines["Группа обучающихся"]
    assert group.model_header == "Учебная группа" and "только у столбца" in group.evidence
    assert group.confidence < FOUND
    assert lines["Группа поддержки"].model_header is None  # the column it shares the word with is taken


def test_a_column_another_staff_column_holds_is_no_rival_for_the_word():
    """«место» is also a word of «Организация» (its synonym «место работы»); «Колледж» holds that one already."""
    grid = [["Код экзамена", "Колледж", "№ места", "Баллы"], ["ДЭ-1", "ГБПОУ «Колледж»", 2, 40]]
    assert _lines("Сдающие", grid, "ДЭ_участники")["№ места"].model_header == "Рабочее место"


def test_equal_scores_go_to_the_header_nearer_the_model_name():
    """«Разработчик (кафедра)» and «Руководитель» both scored 1 for «Руководитель программы»: the first one won it,
    and «Руководитель» was left the staff's."""
    grid = [["Шифр", "Название программы", "Разработчик (кафедра)", "Руководитель"],
            ["ПК-1", "Функциональная грамотность", "Кафедра ЕМО", "Ерохина Л. В."]]
    lines = _lines("ДПП", grid, "Программы")
    assert lines["Руководитель"].model_header == "Руководитель программы"
    assert lines["Разработчик (кафедра)"].model_header == "Подразделение"


def test_a_tab_named_twice_by_the_sheet_is_the_model_tab_it_names_more():
    """«Входящие заявки ПОУ» names «ПОУ_услуги» (ПОУ) and «ПОУ_заявки» (ПОУ, заявки): it was taken for the services."""
    grid = [["Вх. №", "Дата регистрации", "Организация-заказчик", "Исполнитель (кафедра)", "Код ПОУ", "Кол-во чел."],
            ["ЦВД-14", "15.01.2027", "МБОУ СОШ № 12", "Кафедра ЕМО", "ПОУ-27-03", 25]]
    assert propose_tab("Входящие заявки ПОУ", grid).model_tab == "ПОУ_заявки"


def test_a_column_whose_values_are_one_model_list_or_its_first_words_is_proposed_low_with_the_values_said():
    """The sixteenth set's one miss at first sight: «Вид работы» on the payouts holds the roles, «руководитель» being
    how staff shorten «руководитель программы». A column of «Согласен» is no «согласована» of the applications'
    status: values are matched word for word, not by stem."""
    payouts = _lines("Выплаты", [["Шифр услуги", "Исполнитель", "Вид работы", "Количество часов"],
                                 ["ПОУ-1", "Орлова Татьяна Викторовна", "преподаватель", 24],
                                 ["ПОУ-1", "Белов Андрей Андреевич", "руководитель", 4]], "ПОУ_выплаты")
    role = payouts["Вид работы"]
    assert role.model_header == "Роль" and "из списка" in role.evidence and role.confidence < FOUND
    answers = _lines("Ответы", [["Ваша фамилия", "Ваше имя", "Выберите программу", "Согласие на обработку"],
                                ["Лукина", "Вера", "ПК-81", "Согласен"], ["Орехов", "Денис", "ПК-81", "Согласен"]],
                     "Заявки")
    assert answers["Согласие на обработку"].model_header is None


def test_a_column_named_only_a_number_holding_a_code_on_every_row_no_two_alike_is_the_tabs_key():
    """The eighteenth set's miss at first sight: «Рег. №» on a listeners' contingent holds «Л-3001», «Л-3002» — the
    listener's ID, proposed low. The same header over codes that repeat is no key."""
    header = ["Рег. №", "Учебная группа", "Номер заявления", "Ф.И.О. обучающегося"]
    own = _lines("Контингент", [header, ["Л-3001", "Г-301", "З-1", "Зуева Алла Борисовна"],
                                ["Л-3002", "Г-301", "З-2", "Ким Виктор"]], "Слушатели")["Рег. №"]
    assert own.model_header == "ID слушателя" and own.confidence < FOUND and "ключ" in own.evidence
    repeated = _lines("Контингент", [header, ["Л-3001", "Г-301", "З-1", "Зуева Алла Борисовна"],
                                     ["Л-3001", "Г-301", "З-2", "Ким Виктор"]], "Слушатели")["Рег. №"]
    assert repeated.model_header is None


def test_a_moodle_export_in_the_words_of_moodles_russian_language_pack_is_read():
    """The headers as ru/moodle.php of Moodle's Russian pack gives them (fullname «Полное имя», idnumber
    «Индивидуальный номер», username «Логин», groups «Группы», middlename «Отчество или второе имя», institution
    «Учреждение (организация)», email, phone2); «Учреждение (организация)» is the user's place of work, not the
    sending organisation «Учреждение» alone would be (was: «Полное имя» proposed low, the other two wrong)."""
    participants = _lines("Участники курса", [
        ["Полное имя", "Адрес электронной почты", "Индивидуальный номер", "Логин", "Роли", "Группы", "Статус"],
        ["Иванова Мария Петровна", "ivanova@s5.ru", "С-001", "ivanova_mp", "Студент", "Г-01", "Активно"],
        ["Петров Сергей", "petrov@mail.ru", "С-002", "petrov_s", "Студент", "Г-01", "Активно"]], "Слушатели")
    assert {h: participants[h].model_header for h in ("Полное имя", "Индивидуальный номер", "Логин", "Группы")} == {
        "Полное имя": "ФИО", "Индивидуальный номер": "ID слушателя", "Логин": "Логин ДОТ", "Группы": "Код группы"}
    assert participants["Полное имя"].confidence >= FOUND
    users = _lines("Пользователи Moodle", [
        ["Имя", "Фамилия", "Отчество или второе имя", "Учреждение (организация)", "Адрес электронной почты",
         "Мобильный телефон", "Город"],
        ["Мария", "Иванова", "Петровна", "МБОУ СОШ № 5", "ivanova@s5.ru", "+79120001122", "Северск"]], "Заявки")
    assert {h: users[h].model_header for h in ("Отчество или второе имя", "Учреждение (организация)",
                                               "Адрес электронной почты", "Мобильный телефон")} == {
        "Отчество или второе имя": "Отчество", "Учреждение (организация)": "Место работы",
        "Адрес электронной почты": "E-mail", "Мобильный телефон": "Телефон"}
    assert users["Город"].model_header is None
