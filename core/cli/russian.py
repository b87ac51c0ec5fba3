"""The command line's own words in Russian: argparse says «usage:», «error: the following arguments are
required», «invalid choice» through gettext with no catalogue for Russian; the module's `_` is swapped for a
dictionary of its messages (the same texts, %-placeholders kept). Only the `edudesk` process does this."""

from __future__ import annotations

import argparse

_RUSSIAN = {
    "usage: ": "Использование: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не указано обязательное: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "нет такого варианта: %(value)r (можно: %(choices)s)",
    "unrecognized arguments: %s": "непонятные аргументы: %s",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "не подходит значение %(value)r",
    "expected one argument": "нужно одно значение",
    "expected at least one argument": "нужно хотя бы одно значение",
    "expected at most one argument": "можно не больше одного значения",
    "not allowed with argument %s": "нельзя вместе с %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный ключ %(option)s: подходят %(matches)s",
    "ignored explicit argument %r": "лишнее значение %r",
    "show this help message and exit": "показать эту справку и выйти",
    "positional arguments": "аргументы",
    "options": "ключи",
    "can't open '%(filename)s': %(error)s": "не открыть «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "нет команды %(parser_name)r (есть: %(choices)s)",
}
_RUSSIAN_PLURAL = {"expected %s argument": "нужно значений: %s", "expected %s arguments": "нужно значений: %s"}


def _gettext(message: str) -> str:
    return _RUSSIAN.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return _RUSSIAN_PLURAL.get(chosen, chosen)


def speak_russian() -> None:
    argparse._ = _gettext  # argparse looks its `_` up at each call
    argparse.ngettext = _ngettext


# What a value of each option is, in the words of the help (argparse shows the option's name in capitals).
_METAVARS = {"workbook": "ФАЙЛ", "output": "ФАЙЛ", "group": "КОД", "session": "КОД", "exam": "КОД", "service": "КОД",
             "tab": "ЛИСТ", "today": "ГГГГ-ММ-ДД", "year": "ГОД", "organisation": "ОРГАНИЗАЦИЯ", "order": "НОМЕР",
             "department": "КАФЕДРА", "hours": "ЧАСЫ", "listeners": "ЧЕЛОВЕК", "rate": "РУБЛЕЙ", "points": "БАЛЛЫ",
             "maximum": "БАЛЛЫ", "start": "ГГГГ-ММ-ДД", "days": "ДНЕЙ", "count": "ЧИСЛО", "plus": "ДНЕЙ",
             "minus": "ДНЕЙ", "chief": "ЧАСЫ", "expert": "ЧАСЫ", "technical": "ЧАСЫ", "consumables": "РУБЛЕЙ",
             "subsidy": "РУБЛЕЙ", "plan": "ЧЕЛОВЕК", "fact": "ЧЕЛОВЕК"}


def russian_metavars(parser: argparse.ArgumentParser) -> None:
    """Name the value of every option, in this parser and its commands, in Russian («--group КОД», not «GROUP»)."""
    for action in parser._actions:  # noqa: SLF001 - argparse keeps them there and nowhere else
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                russian_metavars(sub)
        elif action.option_strings and action.nargs != 0 and action.metavar is None:
            action.metavar = _METAVARS.get(action.dest, "ЗНАЧЕНИЕ")
