"""A listener's file (seeds/000 §1.7–1.8): what came back after the information letter, per enrollment."""

from datetime import date

from .base import SheetRow
from .common import col
from .enums import ConsentForm, EducationLevel


class ListenerFile(SheetRow):
    listener_id: str = col("ID слушателя", required=True)
    consent: date | None = col("Согласие на обработку ПДн получено")
    consent_form: ConsentForm | None = col("Форма согласия")
    consent_withdrawn: date | None = col("Согласие отозвано")
    contract_number: str | None = col("Договор №")
    contract_date: date | None = col("Дата договора")
    contract_signed: bool | None = col("Договор подписан")
    education: EducationLevel | None = col("Уровень образования")
    diploma_surname: str | None = col("Фамилия в документе об образовании")  # a surname, as «ФИО» is not masked
    diploma_series: str | None = col("Серия документа об образовании", personal=True)
    diploma_number: str | None = col("Номер документа об образовании", personal=True)
    diploma_date: date | None = col("Дата выдачи документа об образовании", personal=True)
    name_change: bool | None = col("Документ о смене фамилии")
    other_documents: str | None = col("Прочие документы получены")
