"""How staff name the model's columns: synonyms, abbreviations and the words a header is compared by."""

from __future__ import annotations

import re
from functools import lru_cache

from sheets_schema.base import normalize_header

from .thesaurus import (
    ABBREVIATIONS,
    ACRONYM_WORDS,
    DISTINCT_STEMS,
    RANGE_ENDS,
    SKIPPED_WORDS,
    SYNONYMS,
    WORD_SYNONYMS,
)

SYNONYM_EXACT = 0.98  # a header that is one of an office's names for the column, not the column's own name


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
    for pattern, full in ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    key = re.sub(r"[\s:;*.,]+$", "", key)
    return " ".join(key.split())


@lru_cache(maxsize=1 << 16)
def stems(text: str) -> frozenset[str]:
    """The words of a header cut to their first letters: «рождения» and «рожд.» meet at «рожд»."""
    words = [part for word in re.findall(r"[a-zа-я0-9₽№%-]+", header_key(text)) for part in _compound(word)]
    out = set()
    for n, word in enumerate(words):
        word = WORD_SYNONYMS.get(word, word).strip("-")
        if word in RANGE_ENDS and n == len(words) - 1 > 0:
            out.add(RANGE_ENDS[word])
        elif word and word not in SKIPPED_WORDS:
            out.add(DISTINCT_STEMS.get(word, word[:5]))
    return frozenset(out)


def _compound(word: str) -> list[str]:
    """«Организация-заказчик» is two words; «кол-во», «e-mail», «ПК-01» are one."""
    parts = word.split("-")
    if word in WORD_SYNONYMS or len(parts) < 2 or any(len(p) < 3 or not p.isalpha() for p in parts):
        return [word]
    return parts


def text_stems(text: str) -> frozenset[str]:
    """The stems of free text (a tab's name or title): words in brackets count too."""
    return stems(re.sub(r"[()]", " ", str(text)))


@lru_cache(maxsize=1 << 16)  # a few thousand distinct words, met millions of times
def same_stem(a: str, b: str) -> bool:
    """«макс» and «макси», «балло» and «баллы», «места» and «место»: one is the start of the other (3 letters at
    least), or both start with the same 4 letters. «Пол» is only itself: it begins «полностью», «полугодие»,
    «получено» — a name column «Ф.И.О. (полностью)» was proposed as the applicant's sex."""
    if a in _WHOLE_WORDS or b in _WHOLE_WORDS:
        return a == b
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))) or (
        min(len(a), len(b)) >= 4 and a[:4] == b[:4] and _ending(a[4:5]) and _ending(b[4:5])) or _endings_apart(a, b)


def _endings_apart(a: str, b: str) -> bool:
    """«тема»/«темы», «лекция»/«лекции»: a root of three letters or more, then only vowels (the word's ending)."""
    common = len(_common_prefix(a, b))
    return common >= 3 and common >= min(len(a), len(b)) - 2 and all(
        ch in _VOWELS for ch in a[common:] + b[common:])


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _ending(letter: str) -> bool:
    """Past the fourth letter only an ending may differ («места»/«место»): a vowel; «обраб(отал)» is not «образ»."""
    return letter in _VOWELS


_VOWELS = set("аеёиоуыэюяьй")
_WHOLE_WORDS = {"пол"}


def shared_stems(staff: set[str], model: set[str]) -> int:
    return sum(1 for m in model if any(same_stem(m, s) for s in staff))


@lru_cache(maxsize=1 << 14)
def names_of(header: str) -> tuple[str, ...]:
    """The model header and its synonyms, each as a header key."""
    own = header_key(header)
    return (own, *(header_key(s) for s in SYNONYMS.get(normalize_header(header), ())))


def similarity(staff: str, model_header: str, context: set[str] = frozenset()) -> float:
    """How surely a staff header names the model column: 1 for the same words, less for shared stems.

    `context`: the stems of the tab's name and title — «Код» on a tab titled «План платных услуг» is «Код услуги»."""
    return _similarity(str(staff), model_header, _telling(frozenset(context), model_header))


@lru_cache(maxsize=1 << 16)
def _telling(context: frozenset[str], model_header: str) -> frozenset[str]:
    """The stems of the tab's context that can tell anything of this model column: those sharing a stem with one of
    its names (the context counts only so, in _named_as_written). The rest left out, a header weighed against a
    column is the same on every tab that says nothing of it — weighed once (a corpus: millions of pairs)."""
    if not context:
        return context
    alternatives = re.fullmatch(r"([^\W\d_]{3,})/([^\W\d_]{3,})", model_header)  # as _similarity reads them
    headers = [model_header, *(alternatives.groups() if alternatives else ())]
    model = {m for h in headers for name in names_of(h) for m in stems(name)}
    return frozenset(c for c in context if any(same_stem(c, m) or same_stem(m, c) for m in model))


@lru_cache(maxsize=1 << 18)
def _similarity(staff: str, model_header: str, context: frozenset[str]) -> float:
    if " / " in re.sub(r"\([^()]*\)", "", staff):
        # a sub-header under its group's header («Аудиторные занятия / лекции»): the sub-header names it; a slash
        # inside brackets lists choices («Отметка о получении (лично / по почте / по доверенности)»), no sub-header
        group, _, sub = staff.rpartition(" / ")
        whole = _similarity(f"{group} {sub}", model_header, context)
        return max(whole, 0.95 * _similarity(sub, model_header, context))
    alternatives = re.fullmatch(r"([^\W\d_]{3,})/([^\W\d_]{3,})", model_header)
    if alternatives:  # «Модуль/задание», «Штат/ГПХ»: either word is the column's name
        return max(_named(staff, model_header, context),
                   *(0.95 * _named(staff, alt, context) for alt in alternatives.groups()))
    return _named(staff, model_header, context)


def _named(staff: str, model_header: str, context: frozenset[str]) -> float:
    score = _named_as_written(staff, model_header, context)
    if model_header.isupper() and normalize_header(model_header) in ACRONYM_WORDS and \
            normalize_header(staff) in ACRONYM_WORDS and not staff.strip().isupper():
        return 0.6 * score  # «Код» is a register's own code, the exam's «КОД» is written in capitals
    return score


def _named_as_written(staff: str, model_header: str, context: frozenset[str]) -> float:
    staff = _as_contractions(_as_acronyms(staff, model_header), model_header)
    key = header_key(staff)
    if not key:
        return 0.0
    inside = re.findall(r"\(([^()]+)\)", normalize_header(staff))
    if inside and (_reordered(staff, model_header) or _named_with_brackets(staff, model_header)):
        return 1.0
    if inside:  # «Заказчик (плательщик)»: the words in brackets may be the very name
        best_inside = max(similarity(text, model_header) for text in inside)
        if best_inside >= 0.9:
            # the column's own name in brackets outweighs an office's word outside them: «ОО (место работы)» is
            # «Место работы», though «ОО» alone would be the sending organisation
            return 0.99 if best_inside == 1.0 else best_inside * 0.95
    named = re.sub(r"^(полное )?(наименование|название) ", "", key)  # «Наименование ЦПДЭ» names the ЦПДЭ
    if any(header_key(part) in (key, named) for part in re.findall(r"\(([^()]+)\)", model_header)):
        return 0.9  # the model's own gloss in brackets: «ЦПДЭ» for «Организация (ЦПДЭ)»
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
    if best < 0.45 and inside:  # the hint in brackets may be the only word that tells: «Объём (ак. ч)» is «Часов»
        best = max(best, 0.95 * _named(re.sub(r"[()]", " ", staff), model_header, context))
    return best


def _named_with_brackets(staff: str, model_header: str) -> bool:
    """A synonym whose words in brackets tell it from the others, met word for word: Moodle's «Учреждение
    (организация)» is the place of work, though «Учреждение» alone is the sending organisation."""
    said = " ".join(normalize_header(staff).split())
    return any(" ".join(normalize_header(s).split()) == said and "(" in s
               for s in SYNONYMS.get(normalize_header(model_header), ()))


_CONTRACTION = re.compile(r"\b([а-яё]{2,})-([а-яё]{1,4})\b", re.I)


def _as_contractions(staff: str, model_header: str) -> str:
    """«Док-ты», «Дов-ть №», «Уч-ков»: a word cut to its start and its ending, as offices write them, is the model's
    word that starts and ends so (the ending may be the word's other case: «дов-ть» is «доверенности»)."""
    words = {w for name in names_of(model_header) for w in re.findall(r"[а-яё]+", name)}

    def whole(match: re.Match) -> str:
        start, end = match.group(1).casefold(), match.group(2).casefold()
        found = sorted(w for w in words if len(w) > len(start) + len(end) and w.startswith(start)
                       and (w.endswith(end) or (len(end) >= 2 and w[:-1].endswith(end[:-1]))))
        return found[0] if len(found) == 1 else match.group(0)

    return _CONTRACTION.sub(whole, staff) if "-" in staff else staff


def _reordered(staff: str, model_header: str) -> bool:
    """«Специальность (код)» is «Код специальности», «Программа (код)» «Код программы»: the words outside the brackets
    and in them, together, are all the model's words and no other."""
    whole = stems(header_key(re.sub(r"[()]", " ", staff)))
    return any(len(model) >= 2 and shared_stems(whole, model) == len(model) == shared_stems(model, whole) == len(whole)
               for model in (stems(name) for name in names_of(model_header)))


def _as_acronyms(staff: str, model_header: str) -> str:
    """«Центр проведения ДЭ» is the model's «ЦПДЭ»: words whose first letters (an abbreviation whole) spell an
    abbreviation of the model header are read as that abbreviation."""
    for acronym in re.findall(r"\b[А-ЯЁA-Z]{2,5}н?\b", model_header):
        words = re.findall(r"[\w-]+", staff)
        for start in range(len(words)):
            spelled = ""
            for end in range(start, len(words)):
                word = words[end]
                spelled += word if word.isupper() and len(word) > 1 else word[0]
                if end > start and spelled.casefold() == acronym.casefold():
                    run = r"\W+".join(re.escape(w) for w in words[start:end + 1])
                    return re.sub(run, acronym, staff, count=1)
                if not acronym.casefold().startswith(spelled.casefold()):
                    break
    return staff
