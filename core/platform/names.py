"""Russian personal names in grammatical cases and their gender, by the petrovich rules (pytrovich).

Orders say «назначить куратором Ларионову Ларису Григорьевну», certificates «прошла»; endings are never guessed
by hand here: the library's rules cover the exceptions (indeclinable surnames, «-ич» for women, «Пётр»).
"""

from __future__ import annotations

from functools import cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

__all__ = ["Case", "addressee", "gender_of", "inflect", "past_tense"]
_GENDERS = {"Муж": Gender.MALE, "Жен": Gender.FEMALE}


@cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def gender_of(full_name: str, stated: str | None = None) -> Gender | None:
    """«Муж»/«Жен» as stated (the «Пол» column), else from the first name and patronymic; None when unclear."""
    if stated in _GENDERS:
        return _GENDERS[stated]
    parts = full_name.split()
    if len(parts) < 2:
        return None
    found = _detector().detect(firstname=parts[1], middlename=parts[2] if len(parts) > 2 else None)
    return found if found in (Gender.MALE, Gender.FEMALE) else None


def inflect(full_name: str, case: Case, stated_gender: str | None = None) -> str:
    """«Фамилия Имя Отчество» in `case`; a name whose gender can't be told is left as written."""
    parts = full_name.split()
    gender = gender_of(full_name, stated_gender)
    if gender is None or not parts:
        return full_name
    roles = (NamePart.LASTNAME, NamePart.FIRSTNAME, NamePart.MIDDLENAME)
    inflected = [_maker().make(role, gender, case, part) for role, part in zip(roles, parts, strict=False)]
    return " ".join(inflected + parts[3:])  # «оглы», «кызы» stay as they are


def addressee(full_name: str | None) -> str:
    """«Кому» of a memo as forms write it, «Фамилия И.О.» in the dative: «Кузнецовой И.П.»."""
    parts = (full_name or "").split()
    if not parts:
        return ""
    surname = inflect(full_name, Case.DATIVE).split()[0]
    return surname + (" " + "".join(f"{p[0]}." for p in parts[1:3]) if len(parts) > 1 else "")


def past_tense(full_name: str, stated_gender: str | None, male: str, female: str) -> str:
    """«прошёл» / «прошла» for this person; «прошёл(а)» when the gender can't be told."""
    gender = gender_of(full_name, stated_gender)
    return {Gender.MALE: male, Gender.FEMALE: female}.get(gender, f"{male}({female[-1]})")
