"""One record of any tab, added by a form built from the sheet model and checked by the same rules as the sheet.

The fields come from `sheets_schema` (header, type, required, list values, the tab a column refers to). What a
person typed is read by the same cell readers as the sheet (dates ДД.ММ.ГГГГ, a decimal comma), then the whole
checks engine runs on the workbook with the candidate row in place: what the form refuses is exactly what
`edudesk check` would report on that row in the sheet. Errors block the write, warnings need a confirmation.
The write happens under the store's lock, after the same check on the tab as it is at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from core.platform.errors import CellError, EduDeskError
from core.records.cells import reader_for_column
from core.records.checks import findings_in, open_workbook
from core.records.findings import Finding, Severity
from core.records.ranges import out_of_range
from core.store.base import Numbering, TabData, canonical
from sheets_schema import TAB_BY_NAME
from sheets_schema.base import Column, normalize_header

# Tabs the app keeps itself (a form there would only confuse what the app wrote).
NOT_BY_FORM = {"Журнал", "Рассылки"}
# Keys the store hands out inside the write (never from a stale read): left blank in the form. Each area
# registers the numbering of its tabs (enrollment: «Заявки») when it is loaded.
NUMBERED: dict[str, Numbering] = {}


def numbered(numbering: Numbering) -> Numbering:
    """Register how a tab whose key the store hands out inside the write is numbered (the schema says which tabs
    are: Tab.numbered)."""
    if not TAB_BY_NAME[numbering.tab].numbered:
        raise ValueError(f"{numbering.tab}: the schema does not say its key is handed out (Tab.numbered)")
    NUMBERED[numbering.tab] = numbering
    return numbering


@dataclass(frozen=True)
class FieldSpec:
    column: Column
    refers_to: str | None  # the tab whose keys this column takes

    @property
    def header(self) -> str:
        return self.column.header


class RecordRefused(EduDeskError):
    """The record breaks a rule (or its key is taken): nothing was written."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


def fields(tab_name: str) -> list[FieldSpec]:
    tab = TAB_BY_NAME[tab_name]
    refs = {r.field: r.tab for r in tab.refs}
    return [FieldSpec(c, refs.get(c.field)) for c in tab.columns]


def kept_fields(tab_name: str, data: TabData | None) -> list[FieldSpec]:
    """The form's fields: on a tab the staff keep (read through their mapping), only the columns they keep —
    a value for a column they don't have could not be written."""
    specs = fields(tab_name)
    if data is None or data.sheet is None:
        return specs
    have = {normalize_header(h) for h in data.headers}
    return [s for s in specs if normalize_header(s.header) in have]


def field_label(data: TabData | None, header: str) -> str:
    """A field named as the sheet names its column: the staff's own header on a tab they keep."""
    if data is None or data.labels is None:
        return header
    index = {normalize_header(h): i for i, h in enumerate(data.headers)}
    place = index.get(normalize_header(header))
    return header if place is None else data.labels[place]


def parse(tab_name: str, typed: dict[str, str | None]) -> tuple[dict[str, Any], dict[str, str]]:
    """Values as the sheet would read them, and per header what could not be read."""
    values, problems = {}, {}
    for spec in fields(tab_name):
        text = typed.get(spec.header)
        if text is None or str(text).strip() == "":
            if spec.column.required and not _numbered(tab_name, spec):
                problems[spec.header] = "обязательное поле"
            continue
        try:
            values[spec.header] = reader_for_column(spec.column)(text)
        except CellError as exc:
            problems[spec.header] = str(exc)
            continue
        if why := out_of_range(spec.column, spec.header, values[spec.header]):
            problems[spec.header] = why.split(": ", 1)[1]  # the field is named beside it
            del values[spec.header]
    return values, problems


def _numbered(tab_name: str, spec: FieldSpec) -> bool:
    numbering = NUMBERED.get(tab_name)
    return numbering is not None and normalize_header(numbering.header) == normalize_header(spec.header)


def numbered_preview(tabs: dict[str, TabData], tab_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values with the number the store would hand out now (the write takes the number current then)."""
    numbering = NUMBERED.get(tab_name)
    if numbering is None or values.get(numbering.header):
        return values
    data = tabs[tab_name]
    index = {normalize_header(h): i for i, h in enumerate(data.headers)}.get(normalize_header(numbering.header))
    existing = [r[index] for r in data.rows if index is not None and index < len(r)]
    return {**values, numbering.header: numbering.allocate(existing, 1)[0]}


def with_row(tabs: dict[str, TabData], tab_name: str, values: dict[str, Any], number: int | None = None,
             base: list[Any] | None = None) -> tuple[dict, int]:
    """The tabs with `values` laid over `base` at sheet row `number` (a new row below the last when None)."""
    data = tabs[tab_name]
    headers = data.headers or TAB_BY_NAME[tab_name].headers
    index = {normalize_header(h): i for i, h in enumerate(headers)}
    row: list[Any] = list(base or []) + [None] * max(0, len(headers) - len(base or []))
    for header, value in values.items():
        if normalize_header(header) in index:
            row[index[normalize_header(header)]] = value.value if hasattr(value, "value") else value
    rows, numbers, own = list(data.rows), list(data.row_numbers), data.row_columns
    if number is None or number not in numbers:
        number = max(numbers, default=1) + 1
        if data.also and numbers and own is not None and len(own) == len(rows):  # below the last of their last tab
            own = [*own, own[numbers.index(number - 1)]]
        rows.append(row)
        numbers.append(number)
    else:
        rows[numbers.index(number)] = row
    # a staff tab keeps where its columns are, so findings on the preview point at their cells
    return {**tabs, tab_name: replace(data, headers=list(headers), rows=rows, row_numbers=numbers,
                                      row_columns=own)}, number


def _key(f: Finding) -> tuple:
    return f.rule, f.tab, f.row, f.column


def caused(tabs: dict[str, TabData], candidate: dict[str, TabData], tab_name: str, number: int,
           today: date) -> tuple[list[Finding], list[Finding]]:
    """Findings the candidate row brings (on it, or elsewhere because of it), and those it keeps from before."""
    before = {_key(f) for f in findings_in(open_workbook(tabs, today), each_record=True)}
    after = findings_in(open_workbook(candidate, today), each_record=True)
    new = [f for f in after if f.row is not None and _key(f) not in before]
    kept = [f for f in after if f.tab == tab_name and f.row == number and _key(f) in before]
    return new, kept


def brought(tabs: dict[str, TabData], candidate: dict[str, TabData], today: date) -> list[Finding]:
    """Findings on rows that the candidate tabs have and the sheet as it is has not."""
    return caused(tabs, candidate, "", 0, today)[0]


def with_rows(tabs: dict[str, TabData], rows_by_tab: dict[str, list[dict[str, Any]]]) -> dict[str, TabData]:
    """The tabs with the rows added below the last ones."""
    for tab_name, rows in rows_by_tab.items():
        for values in rows:
            tabs, _ = with_row(tabs, tab_name, values)
    return tabs


def check(tabs: dict[str, TabData], tab_name: str, values: dict[str, Any], today: date) -> list[Finding]:
    """The findings the checks engine reports on the candidate row, as if it were already in the sheet."""
    candidate, number = with_row(tabs, tab_name, numbered_preview(tabs, tab_name, values))
    return caused(tabs, candidate, tab_name, number, today)[0]


def refusal(found: list[Finding], confirmed_warnings: bool, what: str) -> RecordRefused | None:
    """Errors refuse the write; warnings refuse it until confirmed."""
    errors = [f for f in found if f.severity == Severity.ERROR]
    if errors or (found and not confirmed_warnings):
        why = "нарушает правила" if errors else "вызывает предупреждения — подтвердите"
        return RecordRefused(f"{what}: она {why} ({len(found)}).", found)
    return None


def key_taken(tabs: dict[str, TabData], tab_name: str, values: dict[str, Any]) -> str | None:
    tab = TAB_BY_NAME[tab_name]
    if tab.key is None:
        return None
    header = tab.column(tab.key).header
    key = canonical(values.get(header))
    data = tabs[tab_name]
    index = {normalize_header(h): i for i, h in enumerate(data.headers)}.get(normalize_header(header))
    if key and index is not None and any(canonical(r[index]).casefold() == key.casefold()
                                         for r in data.rows if index < len(r)):
        return f"«{key}» уже есть в столбце «{header}» листа «{tab_name}»"
    return None


def tabs_now(store, *written: str) -> dict[str, TabData]:
    """Every tab, those about to be written read anew: what a check just before a write must look at."""
    reader = getattr(store, "store", store)  # the journaled store reads through the store it wraps
    return {name: store.fresh(name) if name in written else data
            for name, data in reader.read(list(TAB_BY_NAME)).tabs.items()}


def add(store, tab_name: str, values: dict[str, Any], today: date, confirmed_warnings: bool = False) -> dict:
    """Append the record after checking it against the tab as it is now (under the store's lock)."""
    if tab_name in NOT_BY_FORM:
        raise EduDeskError(f"Лист «{tab_name}» ведёт само приложение: записи в него формой не добавляются.")
    with store.exclusive():
        tabs = tabs_now(store, tab_name)
        if taken := key_taken(tabs, tab_name, values):
            raise RecordRefused(f"Запись не добавлена: {taken}.", [])
        if refused := refusal(check(tabs, tab_name, values, today), confirmed_warnings, "Запись не добавлена"):
            raise refused
        row = {h: (v.value if hasattr(v, "value") else v) for h, v in values.items()}
        numbering = NUMBERED.get(tab_name)
        if numbering is not None and values.get(numbering.header):
            numbering = None  # a number typed by hand is kept (and was checked as a key above)
        written = store.append_many({tab_name: [row]}, numbering=numbering)
        return (written or {}).get(tab_name, [row])[0]
