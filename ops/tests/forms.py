"""Valid data for every view that takes a POST, on the objects of ops/tests/world.py.

`POST_DATA[key](world, role)` is what a person who may use the form would send: the permission
matrix posts it as every role (the allowed ones must succeed and write, the refused ones must
write nothing), and the form fuzz (test_fuzz.py) posts it with one field made hostile at a time.
Values are callables of the world so that they name its real objects; `URL_OBJECTS[key]` says when
a form works on another object than the one ops/tests/matrix.py picks for the URL.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.demo import DEMO_PASSWORD
from ops.tests.world import PDF, SEED_TXT, World

Data = Callable[[World, str], dict]
_numbers = count(1)  # names and dates that must differ from one post to the next


def pdf(name: str = "справка.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def seed_plan(name: str = "plan.txt") -> SimpleUploadedFile:
    with open(SEED_TXT, "rb") as handle:
        return SimpleUploadedFile(name, handle.read(), content_type="text/plain")


def day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def groups_xlsx(world: World, school: str = "", name: str = "groups.xlsx") -> SimpleUploadedFile:
    """The event's own template: one school's group (its example row), the school renamed."""
    from openpyxl import load_workbook

    from events.exports import bulk_template_xlsx

    data = bulk_template_xlsx(world.extra["event"])
    if school:
        book = load_workbook(io.BytesIO(data))
        book.active.cell(row=2, column=1).value = school
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    return SimpleUploadedFile(name, data)


def bulk_payload(world: World, role: str, school: str = "") -> dict:
    """A list checked by the bulk upload page for this user (what its confirm button posts)."""
    from django.core import signing

    from events.services import registrations_bulk_preview
    from events.views.registrations import BULK_SALT

    event = world.extra["event"]
    upload = groups_xlsx(world, school)
    preview = registrations_bulk_preview(event=event, filename=upload.name, data=upload.read())
    user = world.users[role]
    payload = signing.dumps(
        {"event": event.pk, "user": user.pk if user else None, "rows": preview.payload()},
        salt=BULK_SALT,
        compress=True,
    )
    return {"payload": payload}


def report_data(world: World, role: str) -> dict:
    draft = world.extra["draft"]
    draft.refresh_from_db()
    return {
        "version": draft.version,
        "status": "done",
        "reason": "",
        "text": "Проведено заседание, 20 участников.",
    }


def event_data(world: World, role: str) -> dict:
    from events.models import EventKind

    # The cluster's newest kind: the fuzz's stored kind names reach the events' pages this way.
    kind = EventKind.objects.filter(cluster=world.cluster).order_by("-pk").first()
    return {
        "kind": kind.pk,
        "host": world.own_org.pk,
        "title": "Профпроба «Слесарь»",
        "activity": world.activity.pk,
        "professional_class": "",
        "audience": "schoolchildren",
        "grade_min": 8,
        "grade_max": 9,
        "profession": "Слесарь",
        "municipality": "г. Томск",
        "place": "ОГБПОУ «ТТВТС», мастерская",
        "online_url": "",
        "description": "Знакомство с профессией.",
        "is_public": "on",
        "status": "open",
    }


def school_group(world: World, role: str) -> dict:
    return {
        "slot": world.extra["event_slots"].pk,
        "school_name": f"МАОУ СОШ № {next(_numbers)}",
        "municipality": "г. Томск",
        "grade": 8,
        "pupils": 5,
        "teacher_name": "Петрова Ольга Ивановна",
        "teacher_email": "petrova@example.ru",
        "teacher_phone": "+7 900 000-00-00",
        "consent": "on",
    }


def public_form_guard(world: World) -> dict:
    """A fresh signed form token of the public registration form, issued a minute ago, with its
    sum solved (accepted whether or not this address is asked one: events.forms.guard)."""
    import time

    from events.forms import guard

    event_id = world.extra["event_slots"].event_id
    token = guard.issue(event_id=event_id, issued=time.time() - 60, challenge=True)
    terms = guard.read(token, event_id=event_id).terms
    return {"form_token": token, "answer": str(sum(terms))}


def class_data(world: World, role: str) -> dict:
    return {
        "school_name": "МАОУ СОШ № 9",
        "municipality": "г. Томск",
        "grade": 10,
        "academic_year": "2024-2025",
        "college": world.own_org.pk,
        "enterprise": "",
        "profile": "Железнодорожный",
        "pupils": 18,
        "sessions_planned": 6,
        "activity": world.activity.pk,
    }


def meeting_data(world: World, role: str) -> dict:
    meeting = world.extra["meeting"]
    return {
        "number": "",  # the next free number
        "day": day(20),
        "time": "10:00",
        "duration_minutes": 90,
        "format": "in_person",
        "place": "Зал заседаний",
        "link": "",
        "invited_text": "Представители предприятий",
        "chair": meeting.chair_id or "",
        "secretary": meeting.secretary_id or "",
    }


def attendance_marks(world: World, role: str) -> dict:
    """Everybody present but the last member (the world marked all of them present)."""
    members = list(world.extra["council"].members.order_by("pk"))
    marks = {f"member_{member.pk}": "present" for member in members}
    marks[f"member_{members[-1].pk}"] = "absent"
    return marks


def slot_data(world: World, role: str) -> dict:
    return {"slot-day": day(21), "slot-start": "10:00", "slot-end": "12:00", "slot-capacity": 20}


def indicator_data(world: World, role: str) -> dict:
    return {
        "name": f"Число школ ({next(_numbers)})",
        "unit": "ед.",
        "target": "10",
        "aggregation": "sum",
        "activity": world.activity.pk,
        "source": "",
    }


def period_day() -> dict:
    """A one-day period in May 2024, another day each time."""
    day = date(2024, 5, 1) + timedelta(days=next(_numbers) % 31)
    return {"title": f"{day:%d.%m.%Y}", "start": day, "end": day, "due_date": day}


def nothing(world: World, role: str) -> dict:
    return {}


POST_DATA: dict[str, Data] = {
    # --- sign-in and profile ---------------------------------------------------------------------
    "login": lambda w, r: {"username": "observer", "password": DEMO_PASSWORD},
    "logout": nothing,
    "api_token_create": lambda w, r: {"name": "Выгрузка отчётов"},
    "api_token_revoke": nothing,
    "calendar_token_reset": nothing,
    "reporting:notification_settings": lambda w, r: {"report_reminders": "on"},
    # --- plans ----------------------------------------------------------------------------------
    "plans:activity_add": lambda w, r: {
        "objective": w.activity.objective_id,
        "number": "9.9",
        "title": "Экскурсия на предприятие",
        "executors_text": "ОГБПОУ «ТТВТС»",
        "deadline_text": "май 2024 года",
        "note": "По решению совета.",
    },
    "plans:activity_edit": lambda w, r: {
        "number": w.activity.number,
        "title": "Заседание рабочей группы",
        "executors_text": w.activity.executors_text,
        "deadline_text": w.activity.deadline_text,
        "note": "Уточнено название.",
    },
    "plans:activity_remove": lambda w, r: {"note": "Мероприятие не проводится."},
    "plans:plan_rollover": lambda w, r: {
        "title": "План работы кластера на 2024 – 2025 учебный год",
        "keep": [w.activity.pk],
    },
    "plans:plan_approve": nothing,
    # --- plan import ------------------------------------------------------------------------------
    "documents:plan_upload": lambda w, r: {"file": seed_plan(), "year_label": "2024-2025"},
    "documents:plan_revision_upload": lambda w, r: {
        "file": seed_plan(),
        "note": "Редакция после заседания совета.",
    },
    "documents:plan_upload_map": lambda w, r: {
        "prefix": "m0",
        "m0-phrase": "Демо: отраслевые партнёры",
        "m0-organizations": [w.own_org.pk],
    },
    "documents:plan_upload_reading": lambda w, r: {"year_label": "2025-2026"},
    "documents:plan_upload_confirm": nothing,
    "documents:plan_upload_discard": nothing,
    # --- reports, evidence, periods, indicators -------------------------------------------------
    "reporting:report_save": report_data,
    "reporting:report_submit": report_data,
    "reporting:evidence_upload": lambda w, r: {"file": pdf("протокол.pdf")},
    "reporting:evidence_link_add": lambda w, r: {
        "url": "https://example.ru/news/3",
        "title": "Новость о заседании",
    },
    "reporting:evidence_remove": nothing,
    "reporting:report_review": lambda w, r: {"decision": "accept", "comment": "Принято."},
    "reporting:deadline_request_create": lambda w, r: {
        "deadline_text": "до 30 июня 2024 года",
        "reason": "Предприятие просит перенести.",
    },
    "reporting:deadline_request_decide": lambda w, r: {
        "decision": "approve",
        "comment": "Согласовано.",
    },
    "reporting:period_generate": lambda w, r: {"kind": "quarter"},
    "reporting:period_create": lambda w, r: period_day(),
    "reporting:period_edit": lambda w, r: {"title": "IV квартал", "due_date": "2024-01-20"},
    "reporting:period_delete": nothing,
    "reporting:plan_indicators": indicator_data,
    "reporting:indicator_edit": indicator_data,
    "reporting:indicator_delete": nothing,
    "reporting:consolidated_new": lambda w, r: {
        "period": w.extra["period"].pk,
        "year_to_date": "0",
        "organization": "",
        "format": "xlsx",
    },
    # --- the council ----------------------------------------------------------------------------
    "council:council_settings": lambda w, r: {
        "name_genitive": "Координационного совета кластера транспорта",
        "city": "Томск",
        "quorum_percent": 50,
        "meetings_activity": "",
    },
    "council:council_member_add": lambda w, r: {
        "person": "",
        "new_full_name": "Демо: И.И. Новиков",
        "new_position": "Директор",
        "new_email": "",
        "organization": w.own_org.pk,
        "role": "member",
        "term_start": "2023-06-01",
        "term_end": "",
        "substitute": "",
    },
    "council:council_member_edit": lambda w, r: {
        "organization": w.extra["council_member"].organization_id,
        "role": "member",
        "term_start": "2023-06-01",
        "term_end": "",
        "substitute": "",
    },
    "council:council_meeting_new": meeting_data,
    "council:council_meeting_edit": meeting_data,
    "council:council_meeting_delete": nothing,
    "council:council_meeting_invite": nothing,
    "council:council_meeting_hold": nothing,
    "council:council_meeting_close": lambda w, r: {"file": pdf("протокол.pdf")},
    "council:council_attendance": attendance_marks,
    "council:council_quorum": attendance_marks,
    "council:council_respond": lambda w, r: {"response": "yes"},
    "council:council_rsvp": lambda w, r: {"response": "yes"},
    "council:council_item_new": lambda w, r: {"title": "О профпробах", "speaker": "Демо: Смирнова"},
    "council:council_item_edit": lambda w, r: {
        "title": "О плане работы кластера",
        "speaker": "Демо: Смирнова",
        "heard": "Информацию о ходе выполнения плана.",
        "spoke": "Демо: Ковалёв — о профпробах.",
    },
    "council:council_item_remove": nothing,
    "council:council_item_move": lambda w, r: {"direction": "down"},
    "council:council_material_upload": lambda w, r: {"file": pdf("презентация.pdf")},
    "council:council_material_remove": nothing,
    "council:council_decision_new": lambda w, r: {"kind": "info", "text": "Принять к сведению."},
    "council:council_decision_remove": nothing,
    "council:council_assignment_new": lambda w, r: {
        "text": "Провести профпробы для школ района.",
        "lead": w.own_org.pk,
        "due_date": day(40),
        "deadline_text": "",
        "linked_activity": "",
    },
    "council:council_assignment_remove": lambda w, r: {"note": "Выполнено."},
    # --- events ---------------------------------------------------------------------------------
    "events:event_public": lambda w, r: {
        **school_group(w, r),
        **public_form_guard(w),
        "website": "",
    },
    "events:event_registration_status": nothing,
    "events:event_create": lambda w, r: {
        **event_data(w, r),
        "slots-TOTAL_FORMS": 1,
        "slots-INITIAL_FORMS": 0,
        "slots-MIN_NUM_FORMS": 1,
        "slots-MAX_NUM_FORMS": 20,
        "slots-0-day": day(22),
        "slots-0-start": "10:00",
        "slots-0-end": "12:00",
        "slots-0-capacity": 25,
    },
    "events:event_kinds": lambda w, r: {"name": "Экскурсия на предприятие"},
    "events:professional_class_create": class_data,
    "events:professional_class_edit": class_data,
    "events:event_edit": event_data,
    "events:event_status": lambda w, r: {"status": "planned"},
    "events:event_slot_add": slot_data,
    "events:event_slot_edit": slot_data,
    "events:event_slot_remove": nothing,
    "events:event_group_add": school_group,
    "events:event_bulk": lambda w, r: {"file": groups_xlsx(w)},
    "events:event_bulk_confirm": bulk_payload,
    "events:event_attendance": lambda w, r: {f"attended_{w.extra['past_group'].pk}": 8},
    "events:event_group_erase": nothing,
    "events:event_group_action": nothing,
    "events:event_outcome": lambda w, r: {
        "results": "Все участники выполнили задание.",
        "tally_schoolchildren": 10,
        "tally_students": 0,
        "tally_parents": 0,
        "tally_teachers": 1,
        "tally_employers": 0,
        "tally_other": 0,
    },
    "events:event_evidence_file": lambda w, r: {"file": pdf("фото.pdf"), "title": "Фотоотчёт"},
    "events:event_evidence_link": lambda w, r: {
        "url": "https://example.ru/news/4",
        "title": "Новость о профпробе",
    },
    "events:event_evidence_remove": nothing,
    "events:event_competitor_add": lambda w, r: {
        "full_name": "Сидоров Иван Иванович",
        "organization_name": "ОГБПОУ «ТТВТС»",
        "result": "2 место",
        "consent": "on",
    },
    "events:event_competitor_erase": nothing,
}


def championship(world: World, role: str) -> int:
    return world.extra["championship"].pk


def open_period(world: World, role: str) -> int:
    return world.extra["open_period"].pk


def draft_evidence(world: World, role: str) -> int:
    return world.extra["draft_evidence"].pk


def spare_period(world: World, role: str) -> int:
    return world.extra["spare_period"].pk


def pk_of(name: str) -> Callable[[World, str], int]:
    return lambda world, role: world.extra[name].pk


# URL parameters of POSTs that need another object than the page's own (see the module text).
URL_OBJECTS: dict[str, dict] = {
    # The draft report of the own organization: a submitted report can no longer be written.
    "reporting:report_save": {"period_pk": open_period},
    "reporting:report_submit": {"period_pk": open_period},
    "reporting:evidence_upload": {"period_pk": open_period},
    "reporting:evidence_link_add": {"period_pk": open_period},
    "reporting:evidence_remove": {"pk": draft_evidence},
    # A period nobody has reported in: one with reports is not deleted.
    "reporting:period_delete": {"pk": spare_period},
    # Named participants are recorded at a championship only.
    "events:event_competitor_add": {"pk": championship},
    # Attendance and results are entered once the event has begun.
    "events:event_attendance": {"pk": pk_of("past_event")},
    "events:event_outcome": {"pk": pk_of("past_event")},
    # A time with no groups (and not the event's only one) may be removed.
    "events:event_slot_remove": {"pk": pk_of("spare_slot")},
    # A draft plan: the approved one is not approved again, and has its periods already.
    "plans:plan_approve": {"pk": pk_of("draft_plan")},
    "reporting:period_generate": {"pk": pk_of("draft_plan")},
    # An obligation with no request pending.
    "reporting:deadline_request_create": {"obligation_pk": pk_of("free_obligation")},
    # The council: what may be moved, removed, closed, deleted, invited to.
    "council:council_item_move": {"pk": pk_of("spare_item")},
    "council:council_item_remove": {"pk": pk_of("spare_item")},
    "council:council_decision_remove": {"pk": pk_of("info_decision")},
    "council:council_meeting_close": {"pk": pk_of("held_meeting")},
    "council:council_meeting_delete": {"pk": pk_of("future_meeting")},
    "council:council_meeting_invite": {"pk": pk_of("future_meeting")},
}
