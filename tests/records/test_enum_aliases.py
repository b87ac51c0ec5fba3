"""Values offices write in full read as the model's short value; a word that is no value stays a finding."""

import pytest

from core.platform.errors import CellError
from core.records.cells import enum_reader
from sheets_schema.enums import ALIASES, ExpertRole, Funding, ProgramKind, StudyForm


@pytest.mark.parametrize(("kind", "text", "value"), [
    (ProgramKind, "Повышение квалификации", ProgramKind.PK), (ProgramKind, "профессиональная  переподготовка",
                                                              ProgramKind.PP),
    (StudyForm, "с применением ДОТ", StudyForm.DISTANCE), (Funding, "бюджет", Funding.STATE),
    (ExpertRole, "главный эксперт", ExpertRole.CHIEF), (ProgramKind, "ПК", ProgramKind.PK),
])
def test_full_words_read_as_the_short_value(kind, text, value):
    assert enum_reader(kind)(text) is value


@pytest.mark.parametrize(("kind", "text"), [(StudyForm, "вечерняя"), (ProgramKind, "курсы"), (Funding, "грант")])
def test_other_words_are_still_refused(kind, text):
    with pytest.raises(CellError, match="не из списка"):
        enum_reader(kind)(text)


def test_no_alias_names_another_value_of_its_list():
    """An alias never shadows a value of the same list (the model's own value wins)."""
    for kind, words in ALIASES.items():
        own = {m.value.casefold() for m in kind}
        assert not {w.casefold() for w in words} & own, kind
