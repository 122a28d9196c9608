"""Bulk registration of school groups from an XLSX list: preview first, then confirm, atomically.

The reader finds the header row by its words («Школа», «Муниципалитет», «Класс», «Число учеников»,
«Сопровождающий педагог», «E-mail», «Телефон», «Время», «Согласие»), checks every row and says in
Russian what is wrong with which row; nothing is written until the preview is clean and confirmed,
and the confirmation writes all rows or none. Columns it does not know are ignored and named —
a column of pupils' names is refused outright, since names of children are never stored.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from events.models import MAX_GROUP, Event, GroupRegistration, TimeSlot
from events.services.registrations import (
    group_check,
    places_taken,
    registration_create,
    registration_key,
)
from events.text import clean_line
from parsing.documents.model import PlanReadError, ReadLimits
from parsing.documents.reader import OLE_MAGIC, ZIP_MAGIC, check_zip

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
LIMITS = ReadLimits(
    max_file_bytes=MAX_BYTES,
    max_uncompressed_bytes=50 * 1024 * 1024,
    max_compression_ratio=100,
    max_zip_members=500,
)
HEADERS = {
    "school_name": ("школа", "название школы", "образовательная организация", "оо"),
    "municipality": ("муниципалитет", "муниципальное образование", "район", "город"),
    "grade": ("класс",),
    "pupils": ("число учеников", "количество учеников", "учеников", "кол-во учеников"),
    "teacher_name": ("сопровождающий педагог", "сопровождающий", "педагог", "фио педагога"),
    "teacher_email": ("e-mail", "email", "эл. почта", "электронная почта", "почта"),
    "teacher_phone": ("телефон",),
    "slot": ("время", "дата и время", "дата", "начало"),
    "consent": ("согласие", "согласие педагога"),
}
LABELS = {
    "school_name": "Школа",
    "municipality": "Муниципалитет",
    "grade": "Класс",
    "pupils": "Число учеников",
    "teacher_name": "Сопровождающий педагог",
    "teacher_email": "E-mail",
    "teacher_phone": "Телефон",
    "slot": "Время",
    "consent": "Согласие",
}
TEMPLATE_COLUMNS = list(LABELS)
YES = {"да", "+", "1", "true", "yes", "согласен", "согласна", "есть", "v", "✓"}
CHILD_WORDS = ("ученик", "учащ", "обучающ", "ребен", "ребён", "школьник")
NAME_WORDS = ("фио", "фамил", "имя", "имена")
DATE_TIME = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?$")
GRADE = re.compile(r"^(\d{1,2})(?:\s*[а-яa-z]?\s*(класс)?)?$")


@dataclass
class BulkRow:
    line: int
    school_name: str = ""
    municipality: str = ""
    grade: int | None = None
    pupils: int | None = None
    teacher_name: str = ""
    teacher_email: str = ""
    teacher_phone: str = ""
    consent: bool = False
    slot_id: int | None = None
    slot_label: str = ""
    outcome: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class BulkPreview:
    rows: list[BulkRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.problems + [f"Строка {r.line}: {e}" for r in self.rows for e in r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    def payload(self) -> list[dict]:
        return [
            {k: v for k, v in asdict(row).items() if k not in ("errors", "outcome", "slot_label")}
            for row in self.rows
        ]


def _normal(text) -> str:
    text = str(text or "").casefold().replace("ё", "е")
    text = re.sub(r"\(.*?\)", " ", text).replace("*", " ").replace(":", " ")
    return " ".join(text.split())


def _field_of(header: str) -> str | None:
    for name, aliases in HEADERS.items():
        if any(header == alias or header.startswith(alias + " ") for alias in aliases):
            return name
    return None


def _is_child_names(header: str) -> bool:
    return any(w in header for w in CHILD_WORDS) and any(w in header for w in NAME_WORDS)


def read_workbook(data: bytes, filename: str) -> list[list]:
    """The first sheet's rows as lists of cell values; a Russian ValidationError for a bad file."""
    if not filename.lower().endswith(".xlsx"):
        raise ValidationError("Загрузите список в формате Excel (XLSX).")
    if not data:
        raise ValidationError("Файл пустой.")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Файл слишком большой: список групп — не больше {MAX_BYTES // 2**20} МБ."
        )
    if data.startswith(OLE_MAGIC):
        raise ValidationError(
            "Файл защищён паролем или сохранён в старом формате Excel 97–2003. "
            "Снимите пароль и сохраните файл как XLSX."
        )
    if not data.startswith(ZIP_MAGIC):
        raise ValidationError("Файл повреждён или это не книга Excel (XLSX).")
    try:
        check_zip(data, ".xlsx", LIMITS)
    except PlanReadError as error:
        raise ValidationError(str(error)) from None
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 20:
                raise ValidationError(f"В списке больше {MAX_ROWS} строк — разделите его на части.")
        workbook.close()
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(
            "Файл не читается как книга Excel: он повреждён или сохранён с ошибкой. "
            "Откройте его в Excel и сохраните заново как XLSX."
        ) from None
    return rows


def _header(rows: list[list]) -> tuple[int, dict[int, str], list[str]] | None:
    for index, values in enumerate(rows[:10]):
        found, ignored = {}, []
        for column, value in enumerate(values):
            header = _normal(value)
            if not header:
                continue
            name = _field_of(header)
            if name and name not in found.values():
                found[column] = name
            else:
                ignored.append(str(value).strip())
        if len(found) >= 2:
            return index, found, ignored
    return None


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(" ", "")
    return int(text) if re.fullmatch(r"[-+]?\d+", text) else None


def slot_label(slot: TimeSlot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%d.%m.%Y %H:%M")


def _match_slot(value, slots: list[TimeSlot]) -> TimeSlot | None:
    if isinstance(value, datetime):
        day, moment = value.date(), (value.hour, value.minute)
    else:
        match = DATE_TIME.match(str(value).strip())
        if not match:
            return None
        day_, month, year, hour, minute = match.groups()
        try:
            day = datetime(int(year), int(month), int(day_)).date()
        except ValueError:
            return None
        moment = (int(hour), int(minute)) if hour else None
    candidates = []
    for slot in slots:
        local = timezone.localtime(slot.starts_at)
        if local.date() == day and (moment is None or (local.hour, local.minute) == moment):
            candidates.append(slot)
    return candidates[0] if len(candidates) == 1 else None


def _read_row(line: int, values: list, columns: dict[int, str], slots, event: Event) -> BulkRow:
    cells = {name: (values[i] if i < len(values) else None) for i, name in columns.items()}
    row = BulkRow(line=line)
    text = {k: clean_line(v if v is not None else "", 300) for k, v in cells.items()}
    row.school_name = text.get("school_name", "")
    row.municipality = text.get("municipality", "")[:200]
    row.teacher_name = text.get("teacher_name", "")[:200]
    row.teacher_email = text.get("teacher_email", "")
    row.teacher_phone = text.get("teacher_phone", "")[:30]
    row.consent = _normal(cells.get("consent")) in YES or cells.get("consent") is True
    for name, label in (("school_name", "школа"), ("municipality", "муниципалитет")):
        if not getattr(row, name):
            row.errors.append(f"не указано — {label}.")
    if not row.teacher_name:
        row.errors.append("не указан сопровождающий педагог.")
    if row.teacher_email:
        try:
            validate_email(row.teacher_email)
        except ValidationError:
            row.errors.append(f"e-mail «{row.teacher_email}» записан с ошибкой.")
    if not row.teacher_email and not row.teacher_phone:
        row.errors.append("нет ни e-mail, ни телефона педагога.")
    if not row.consent:
        row.errors.append(
            "нет согласия педагога на обработку его данных (в столбце «Согласие» — «да»)."
        )
    grade_text = text.get("grade", "")
    if grade_text:
        match = GRADE.match(grade_text.casefold())
        row.grade = int(match[1]) if match else None
        if row.grade is None or not 1 <= row.grade <= 11:
            row.errors.append(f"класс «{grade_text}» — укажите число от 1 до 11.")
            row.grade = None
    elif event.audience == Event.Audience.SCHOOLCHILDREN:
        row.errors.append("не указан класс.")
    pupils = _int(cells.get("pupils")) if cells.get("pupils") not in (None, "") else None
    if pupils is None:
        row.errors.append("число учеников — укажите целое число.")
    elif not 1 <= pupils <= MAX_GROUP:
        row.errors.append(f"число учеников {pupils} — должно быть от 1 до {MAX_GROUP}.")
    else:
        row.pupils = pupils
    if len(slots) == 1 and cells.get("slot") in (None, ""):
        slot = slots[0]
    else:
        slot = _match_slot(cells.get("slot") or "", slots)
        if slot is None:
            known = ", ".join(slot_label(s) for s in slots)
            row.errors.append(
                f"время «{text.get('slot', '')}» не совпадает ни с одним временем мероприятия "
                f"({known})."
            )
    if slot is not None:
        row.slot_id, row.slot_label = slot.pk, slot_label(slot)
    return row


def registrations_bulk_preview(*, event: Event, filename: str, data: bytes) -> BulkPreview:
    """Read and check a list of groups; writes nothing."""
    preview = BulkPreview()
    if event.status in (Event.Status.HELD, Event.Status.CANCELLED):
        preview.problems.append(f"Мероприятие {event.get_status_display()} — запись закрыта.")
        return preview
    try:
        rows = read_workbook(data, filename)
    except ValidationError as error:
        preview.problems.extend(error.messages)
        return preview
    found = _header(rows)
    if found is None:
        preview.problems.append(
            "Не найдена строка заголовков: нужны столбцы «Школа», «Муниципалитет», «Класс», "
            "«Число учеников», «Сопровождающий педагог», «E-mail» или «Телефон», «Согласие». "
            "Скачайте шаблон и заполните его."
        )
        return preview
    index, columns, ignored = found
    children = [name for name in ignored if _is_child_names(_normal(name))]
    if children:
        preview.problems.append(
            f"В файле есть столбец с именами учеников («{children[0]}»). Имена детей не нужны и "
            "не хранятся: удалите этот столбец и загрузите файл снова."
        )
        return preview
    preview.ignored = ignored
    required = ["school_name", "municipality", "pupils", "teacher_name", "consent"]
    if event.audience == Event.Audience.SCHOOLCHILDREN:
        required.append("grade")
    slots = list(event.slots.order_by("starts_at"))
    if len(slots) > 1:
        required.append("slot")
    present = set(columns.values())
    missing = [LABELS[n] for n in TEMPLATE_COLUMNS if n in required and n not in present]
    if not {"teacher_email", "teacher_phone"} & set(columns.values()):
        missing.append("E-mail или Телефон")
    if missing:
        preview.problems.append("Нет столбцов: " + ", ".join(f"«{m}»" for m in missing) + ".")
        return preview
    for offset, values in enumerate(rows[index + 1 :], start=index + 2):
        if all(value in (None, "") for value in values):
            continue
        preview.rows.append(_read_row(offset, values, columns, slots, event))
    if not preview.rows:
        preview.problems.append("В списке нет ни одной группы под строкой заголовков.")
    if len(preview.rows) > MAX_ROWS:
        preview.problems.append(f"В списке больше {MAX_ROWS} групп — разделите его на части.")
    _plan_places(event, slots, preview.rows)
    return preview


def _plan_places(event: Event, slots: list[TimeSlot], rows: list[BulkRow]) -> None:
    """Say which rows would hold places and which would wait; refuse duplicates and misfits."""
    by_id = {slot.pk: slot for slot in slots}
    taken = {slot.pk: places_taken(slot) for slot in slots}
    seen: dict[tuple, int] = {}
    now = timezone.now()
    for row in rows:
        if row.errors or row.slot_id is None:
            continue
        slot = by_id[row.slot_id]
        key = registration_key(school_name=row.school_name, municipality=row.municipality)
        earlier = seen.get((slot.pk, key, row.grade))
        if earlier:
            row.errors.append(f"эта группа уже есть в строке {earlier}.")
            continue
        seen[(slot.pk, key, row.grade)] = row.line
        try:
            group_check(
                slot=slot,
                event=event,
                grade=row.grade,
                pupils=row.pupils,
                key=key,
                source=GroupRegistration.Source.BULK,
                now=now,
            )
        except ValidationError as error:
            row.errors.extend(error.messages)
            continue
        if slot.capacity is None or taken[slot.pk] + row.pupils <= slot.capacity:
            taken[slot.pk] += row.pupils
            row.outcome = "займёт места, ждёт подтверждения"
        else:
            row.outcome = "в лист ожидания"


@transaction.atomic
def registrations_bulk_import(*, event: Event, rows: list[dict], actor) -> list[GroupRegistration]:
    """Register every group of a checked list, all or none."""
    slots = {slot.pk: slot for slot in event.slots.all()}
    created = []
    for row in rows:
        slot = slots.get(row.get("slot_id"))
        line = row.get("line", "?")
        if slot is None:
            raise ValidationError(f"Строка {line}: время не относится к этому мероприятию.")
        try:
            created.append(
                registration_create(
                    slot=slot,
                    school_name=row["school_name"],
                    municipality=row["municipality"],
                    grade=row["grade"],
                    pupils=row["pupils"],
                    teacher_name=row["teacher_name"],
                    teacher_email=row["teacher_email"],
                    teacher_phone=row["teacher_phone"],
                    consent=row["consent"],
                    source=GroupRegistration.Source.BULK,
                    actor=actor,
                    notify=False,
                )
            )
        except ValidationError as error:
            raise ValidationError(f"Строка {line}: {' '.join(error.messages)}") from None
    return created
