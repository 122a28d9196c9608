"""The form fuzz's machinery: which fields of which form get a hostile value, fresh objects for
the forms that use their object up, and how to tell a stored marker that comes back unescaped.

Every view that takes a POST (ops/tests/matrix.py finds them from the URL resolver) is in FUZZED
(its free-text fields) or in NOT_FUZZED (with the reason); test_fuzz.py fails on one in neither.
A free-text field is one a person types into: a text input, a textarea, a URL, a file's name.
Selects, radios, checkboxes, dates and numbers are refused by their own validation and are not
fuzzed. test_fuzz.py checks the declared fields against the form as the page renders it, so a new
text field of a form is not silently missed either.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from itertools import count
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile

from ops.tests.forms import PDF, pk_of
from ops.tests.world import SEED_TXT, World

# --- the markers ----------------------------------------------------------------------------------

_numbers = count(1)
_periods = count(0)  # fresh one-day periods in September 2023, before the world's periods


@dataclass(frozen=True)
class Marker:
    """A hostile value unique to one field of one form posted by one role."""

    token: str  # "xfz0007q": found in a page at all (escaped or not)
    raw: str  # what only unescaped output contains
    value: str  # what is posted

    @classmethod
    def text(cls) -> Marker:
        token = f"xfz{next(_numbers):04d}q"
        raw = f"<script>{token}</script>"
        return cls(token, raw, f'"><{raw[1:]}')

    @classmethod
    def filename(cls) -> Marker:
        # No slash: a file's name loses everything up to the last one.
        token = f"xfz{next(_numbers):04d}q"
        raw = f"<img src=x onerror={token}>"
        return cls(token, raw, f'"><img src=x onerror={token}>.pdf')

    @classmethod
    def url(cls) -> Marker:
        token = f"xfz{next(_numbers):04d}q"
        raw = f"<script>{token}</script>"
        return cls(token, raw, f"https://example.ru/news/{token}?q=%22{raw}")


def hostile_value(key: str, name: str, kind: str) -> tuple[Marker, object]:
    """The marker for a field and the value to post in it."""
    if kind == "file" and key.startswith("documents:"):  # a plan: the seed's text, renamed
        marker = Marker.filename()
        with open(SEED_TXT, "rb") as handle:
            content = handle.read()
        return marker, SimpleUploadedFile(marker.value.removesuffix(".pdf") + ".txt", content)
    if kind == "file":
        marker = Marker.filename()
        return marker, SimpleUploadedFile(marker.value, PDF, content_type="application/pdf")
    if kind == "url":
        marker = Marker.url()
        return marker, marker.value
    marker = Marker.text()
    return marker, marker.value


# --- which fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fuzzed:
    fields: dict[str, str]  # name → kind: "text", "url" or "file"
    page: str | None = None  # the page its form is on, when the view itself shows no form
    page_kwargs: dict = field(default_factory=dict)


T, U, F = "text", "url", "file"

FUZZED: dict[str, Fuzzed] = {
    "api_token_create": Fuzzed({"name": T}, page="profile"),
    # --- plans and plan import ------------------------------------------------------------------
    "plans:activity_add": Fuzzed(
        {"number": T, "title": T, "executors_text": T, "deadline_text": T, "note": T}
    ),
    "plans:activity_edit": Fuzzed(
        {"number": T, "title": T, "executors_text": T, "deadline_text": T, "note": T}
    ),
    "plans:activity_remove": Fuzzed({"note": T}, page="plans:activity_detail"),
    "plans:plan_rollover": Fuzzed({"title": T}),
    "documents:plan_upload": Fuzzed({"file": F, "year_label": T}),
    "documents:plan_revision_upload": Fuzzed({"file": F, "note": T}),
    "documents:plan_upload_map": Fuzzed({"m0-phrase": T}),
    # --- reports and their evidence, periods, indicators --------------------------------------
    "reporting:report_save": Fuzzed({"text": T, "reason": T}, page="reporting:report_page"),
    "reporting:report_submit": Fuzzed({"text": T, "reason": T}, page="reporting:report_page"),
    "reporting:evidence_upload": Fuzzed({"file": F}, page="reporting:report_page"),
    "reporting:evidence_link_add": Fuzzed({"url": U, "title": T}, page="reporting:report_page"),
    "reporting:report_review": Fuzzed({"comment": T}, page="reporting:report_page"),
    "reporting:deadline_request_create": Fuzzed({"deadline_text": T, "reason": T}),
    "reporting:deadline_request_decide": Fuzzed({"comment": T}, page="reporting:deadline_requests"),
    "reporting:period_create": Fuzzed({"title": T}, page="reporting:plan_periods"),
    "reporting:period_edit": Fuzzed({"title": T}),
    "reporting:plan_indicators": Fuzzed({"name": T, "unit": T, "target": T}),
    "reporting:indicator_edit": Fuzzed({"name": T, "unit": T, "target": T}),
    # --- the council ----------------------------------------------------------------------------
    "council:council_settings": Fuzzed({"name_genitive": T, "city": T}),
    "council:council_member_add": Fuzzed({"new_full_name": T, "new_position": T}),
    "council:council_meeting_new": Fuzzed({"place": T, "link": U, "invited_text": T}),
    "council:council_meeting_edit": Fuzzed({"place": T, "link": U, "invited_text": T}),
    "council:council_meeting_close": Fuzzed({"file": F}, page="council:council_meeting"),
    "council:council_item_new": Fuzzed({"title": T, "speaker": T}),
    "council:council_item_edit": Fuzzed({"title": T, "speaker": T, "heard": T, "spoke": T}),
    "council:council_material_upload": Fuzzed({"file": F}, page="council:council_meeting"),
    "council:council_decision_new": Fuzzed({"text": T}),
    "council:council_assignment_new": Fuzzed({"text": T, "deadline_text": T}),
    "council:council_assignment_remove": Fuzzed({"note": T}, page="council:council_assignment"),
    # --- events ---------------------------------------------------------------------------------
    "events:event_kinds": Fuzzed({"name": T}),
    "events:event_create": Fuzzed(
        {
            "title": T,
            "profession": T,
            "municipality": T,
            "place": T,
            "online_url": U,
            "description": T,
        }
    ),
    "events:event_edit": Fuzzed(
        {
            "title": T,
            "profession": T,
            "municipality": T,
            "place": T,
            "online_url": U,
            "description": T,
        }
    ),
    "events:event_public": Fuzzed(
        {"school_name": T, "municipality": T, "teacher_name": T, "teacher_phone": T}
    ),
    "events:event_group_add": Fuzzed(
        {"school_name": T, "municipality": T, "teacher_name": T, "teacher_phone": T}
    ),
    "events:event_group_action": Fuzzed({"reason": T}, page="events:event_detail"),
    "events:event_bulk_confirm": Fuzzed({"school": T}, page="events:event_bulk"),
    "events:professional_class_create": Fuzzed(
        {"school_name": T, "municipality": T, "academic_year": T, "profile": T}
    ),
    "events:professional_class_edit": Fuzzed(
        {"school_name": T, "municipality": T, "academic_year": T, "profile": T}
    ),
    "events:event_outcome": Fuzzed({"results": T}),
    "events:event_evidence_file": Fuzzed({"file": F, "title": T}, page="events:event_detail"),
    "events:event_evidence_link": Fuzzed({"url": U, "title": T}, page="events:event_detail"),
    "events:event_competitor_add": Fuzzed(
        {"full_name": T, "organization_name": T, "result": T}, page="events:event_detail"
    ),
}

# Views that take a POST but store nothing a person typed.
NOT_FUZZED = {
    "login": "a user name and password: checked, never stored or shown",
    "logout": "a button",
    "calendar_token_reset": "a button: the key is made by the server",
    "api_token_revoke": "a button",
    "reporting:notification_settings": "checkboxes",
    "plans:plan_approve": "a button",
    "documents:plan_upload_reading": "choices of column roles and row kinds, and a year checked "
    "against «2024-2025»",
    "documents:plan_upload_confirm": "a button: the upload's text is fuzzed by plan_upload",
    "documents:plan_upload_discard": "a button",
    "reporting:evidence_remove": "a button",
    "reporting:period_generate": "a choice of quarters, half-years or the year",
    "reporting:period_delete": "a button",
    "reporting:indicator_delete": "a button",
    "reporting:consolidated_new": "choices of period, scope and format",
    "council:council_member_edit": "choices and dates (a new person's name is fuzzed by _add)",
    "council:council_meeting_delete": "a button",
    "council:council_meeting_invite": "a button",
    "council:council_meeting_hold": "a button",
    "council:council_attendance": "a choice per member",
    "council:council_quorum": "a choice per member; stores nothing",
    "council:council_respond": "a choice of answer",
    "council:council_rsvp": "a choice of answer",
    "council:council_item_remove": "a button",
    "council:council_item_move": "a button (up or down)",
    "council:council_material_remove": "a button",
    "council:council_decision_remove": "a button",
    "events:event_registration_status": "a button (the school cancels)",
    "events:event_status": "a choice of state",
    "events:event_slot_add": "a date, times and a number",
    "events:event_slot_edit": "a date, times and a number",
    "events:event_slot_remove": "a button",
    "events:event_bulk": "a preview that stores nothing; the same list is stored by bulk_confirm",
    "events:event_attendance": "numbers",
    "events:event_group_erase": "a button",
    "events:event_evidence_remove": "a button",
    "events:event_competitor_erase": "a button",
}

# Text inputs of a form that are not posted with a marker.
# The report form holds its evidence controls (one form, several buttons): each field is fuzzed
# through the view that stores it.
_REPORT = "the report's text, fuzzed through reporting:report_save"
_FILE = "the evidence file, fuzzed through reporting:evidence_upload"
_LINK = "the evidence link, fuzzed through reporting:evidence_link_add"
SKIPPED_FIELDS = {
    ("events:event_public", "website"): "the honeypot: a filled one is a robot's, nothing stored",
    ("reporting:report_save", "file"): _FILE,
    ("reporting:report_save", "title"): _LINK,
    ("reporting:report_save", "url"): _LINK,
    ("reporting:report_submit", "file"): _FILE,
    ("reporting:report_submit", "title"): _LINK,
    ("reporting:report_submit", "url"): _LINK,
    ("reporting:evidence_upload", "reason"): _REPORT,
    ("reporting:evidence_upload", "text"): _REPORT,
    ("reporting:evidence_upload", "title"): _LINK,
    ("reporting:evidence_upload", "url"): _LINK,
    ("reporting:evidence_link_add", "file"): _FILE,
    ("reporting:evidence_link_add", "reason"): _REPORT,
    ("reporting:evidence_link_add", "text"): _REPORT,
}

# Fields whose own validation refuses the marker (the post is refused and nothing is stored).
VALIDATED = {
    ("plans:activity_add", "number"): "an activity number: digits and dots («2.8»)",
    ("plans:activity_edit", "number"): "an activity number: digits and dots («2.8»)",
    ("documents:plan_upload", "year_label"): "an academic year «2024-2025»",
    ("reporting:plan_indicators", "target"): "a number",
    ("reporting:indicator_edit", "target"): "a number",
    ("events:professional_class_create", "academic_year"): "an academic year «2024-2025»",
    ("events:professional_class_edit", "academic_year"): "an academic year «2024-2025»",
    ("council:council_assignment_new", "deadline_text"): "a deadline read against the plan",
    ("plans:activity_add", "executors_text"): "matched to the cluster's organizations",
    ("plans:activity_edit", "executors_text"): "matched to the cluster's organizations",
}

# --- fresh objects for forms that use theirs up -----------------------------------------------

Fresh = Callable[[World, str], dict]


def _fresh_period(world: World) -> object:
    from reporting.models import ReportingPeriod

    n = next(_periods)
    start = date(2023, 9, 1) + timedelta(days=n)
    return ReportingPeriod.objects.create(
        plan=world.plan,
        kind="custom",
        title=f"Период {n}",
        start=start,
        end=start,
        due_date=start + timedelta(days=5),
    )


def fresh_slot(world: World, role: str) -> dict:
    """An empty report slot of the own organization: it may be saved and submitted once."""
    return {"period_pk": _fresh_period(world).pk}


def fresh_submitted(world: World, role: str) -> dict:
    from reporting.models import Report

    report = Report.objects.create(
        obligation=world.obligation,
        period=_fresh_period(world),
        state="submitted",
        status="done",
        text="Проведено.",
        updated_by=world.users["rep_own"],
    )
    return {"pk": report.pk}


def _obligations_without_request(world: World):
    from plans.models import Obligation

    return Obligation.objects.filter(
        activity__plan=world.plan, activity__removed_in__isnull=True, removed_in__isnull=True
    ).exclude(deadline_requests__state="pending")


def fresh_obligation(world: World, role: str) -> dict:
    obligation = (
        _obligations_without_request(world).filter(organization=world.own_org).order_by("pk")
    ).first()
    return {"obligation_pk": obligation.pk}


def fresh_request(world: World, role: str) -> dict:
    from reporting.models import DeadlineChangeRequest

    obligation = _obligations_without_request(world).order_by("-pk").first()
    request = DeadlineChangeRequest.objects.create(
        obligation=obligation,
        current_deadline_text=obligation.activity.deadline_text,
        proposed_deadline_text="до 31 мая 2024 года",
        reason="Перенос.",
        requested_by=world.users["rep_own"],
    )
    return {"pk": request.pk}


def fresh_activity(world: World, role: str) -> dict:
    from plans.services import activity_create

    activity = activity_create(
        plan=world.plan,
        objective=world.activity.objective,
        actor=world.users["coordinator"],
        number=f"9.{next(_numbers)}",
        title="Мероприятие, которое исключат",
        executors_text="ОГБПОУ «ТТВТС»",
        deadline_text="май 2024 года",
    )
    return {"pk": activity.pk}


def fresh_held_meeting(world: World, role: str) -> dict:
    from django.utils import timezone

    from council.models import Attendance
    from council.services import attendance_mark, meeting_create, meeting_hold

    council = world.extra["council"]
    actor = world.users["coordinator"]
    meeting = meeting_create(
        council=council,
        actor=actor,
        starts_at=timezone.now() - timedelta(days=2, minutes=next(_numbers)),
        place="Зал",
    )
    attendance_mark(
        meeting=meeting,
        actor=actor,
        marks={member.pk: Attendance.Presence.PRESENT for member in council.members.all()},
    )
    meeting_hold(meeting=meeting, actor=actor)
    return {"pk": meeting.pk}


def fresh_assignment(world: World, role: str) -> dict:
    from django.utils import timezone

    from council.services import assignment_create

    assignment = assignment_create(
        decision=world.extra["council_decision"],
        actor=world.users["coordinator"],
        text="Поручение, которое снимут с контроля.",
        lead=world.own_org,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    return {"pk": assignment.pk}


def fresh_group(world: World, role: str) -> dict:
    from events.models import GroupRegistration
    from events.services import registration_create

    registration = registration_create(
        slot=world.extra["event_slots"],
        school_name=f"МАОУ СОШ № {100 + next(_numbers)}",
        municipality="г. Томск",
        grade=8,
        pupils=2,
        teacher_name="Иванова Мария Петровна",
        teacher_email="teacher@example.ru",
        consent=True,
        source=GroupRegistration.Source.PUBLIC,
    )
    return {"pk": registration.pk, "action": "decline"}


def fresh_period(world: World, role: str) -> dict:
    return {"pk": _fresh_period(world).pk}


def fresh_indicator(world: World, role: str) -> dict:
    from reporting.services import indicator_create

    indicator = indicator_create(
        plan=world.plan,
        actor=world.users["coordinator"],
        name=f"Показатель {next(_numbers)}",
        unit="ед.",
        activity=world.activity,
    )
    return {"pk": indicator.pk}


def fresh_meeting(world: World, role: str) -> dict:
    from django.utils import timezone

    from council.services import meeting_create

    meeting = meeting_create(
        council=world.extra["council"],
        actor=world.users["coordinator"],
        starts_at=timezone.now() + timedelta(days=20, minutes=next(_numbers)),
        place="Зал",
    )
    return {"pk": meeting.pk}


def fresh_item(world: World, role: str) -> dict:
    from council.services import item_create

    item = item_create(
        meeting=world.extra["meeting"], actor=world.users["coordinator"], title="Вопрос"
    )
    return {"pk": item.pk}


def fresh_event(world: World, role: str, *, days: int = 20) -> dict:
    from django.utils import timezone

    from events.models import Event
    from events.services import SlotData, event_create

    starts = timezone.now() + timedelta(days=days, minutes=next(_numbers))
    event = event_create(
        cluster=world.cluster,
        kind=world.extra["event_kind"],
        title="Профпроба",
        host=world.own_org,
        actor=world.users["rep_own"],
        status=Event.Status.OPEN,
        place="ОГБПОУ «ТТВТС»",
        municipality="г. Томск",
        slots=[SlotData(starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=20)],
    )
    return {"pk": event.pk}


def fresh_past_event(world: World, role: str) -> dict:
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() - timedelta(days=30)):
        return fresh_event(world, role, days=28)


def fresh_class(world: World, role: str) -> dict:
    from events.services import professional_class_create

    item = professional_class_create(
        cluster=world.cluster,
        actor=world.users["rep_own"],
        school_name=f"МАОУ СОШ № {200 + next(_numbers)}",
        municipality="г. Томск",
        grade=9,
        academic_year="2024-2025",
        college=world.own_org,
        enterprise=None,
        profile="Транспорт",
        pupils=20,
        sessions_planned=4,
        activity=world.activity,
    )
    return {"pk": item.pk}


# Forms that change their object (an edit) or use it up (a submit, a decision): each post gets a
# fresh object, so that the next post does not overwrite or refuse what the last one stored.
FRESH: dict[str, Fresh] = {
    "plans:activity_edit": fresh_activity,
    "reporting:period_edit": fresh_period,
    "reporting:indicator_edit": fresh_indicator,
    "council:council_meeting_edit": fresh_meeting,
    "council:council_item_edit": fresh_item,
    "events:event_edit": fresh_event,
    "events:professional_class_edit": fresh_class,
    "events:event_outcome": fresh_past_event,
    "reporting:report_save": fresh_slot,
    "reporting:report_submit": fresh_slot,
    "reporting:evidence_upload": fresh_slot,
    "reporting:evidence_link_add": fresh_slot,
    "reporting:report_review": fresh_submitted,
    "reporting:deadline_request_create": fresh_obligation,
    "reporting:deadline_request_decide": fresh_request,
    "plans:activity_remove": fresh_activity,
    "council:council_meeting_close": fresh_held_meeting,
    "council:council_assignment_remove": fresh_assignment,
    "events:event_group_action": fresh_group,
}

# The page a form is found on, when it is not the view's own: its URL parameters.
PAGE_OBJECTS: dict[str, dict] = {
    "reporting:report_save": {"period_pk": pk_of("open_period")},
    "reporting:report_submit": {"period_pk": pk_of("open_period")},
    "reporting:evidence_upload": {"period_pk": pk_of("open_period")},
    "reporting:evidence_link_add": {"period_pk": pk_of("open_period")},
    "council:council_meeting_close": {"pk": pk_of("held_meeting")},
    "events:event_competitor_add": {"pk": pk_of("championship")},
}


def hostile_data(key: str, world: World, role: str, name: str, value) -> dict:
    """The valid data of `key` with the field `name` hostile."""
    from ops.tests.forms import POST_DATA, bulk_payload

    if key == "events:event_bulk_confirm":
        return bulk_payload(world, role, school=value)
    data = POST_DATA[key](world, role)
    if key in ("reporting:report_save", "reporting:report_submit"):
        data["version"] = 0  # a fresh slot: no report yet
    data[name] = value
    return data


# --- reading pages --------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The POST forms of a page: their action path and their free-text fields."""

    TEXT = {"text", "search", "tel", "url"}  # an e-mail field refuses markup by its validation

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: dict[str, dict[str, str]] = {}
        self.current: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() != "post":
                self.current = None
                return
            action = urlsplit(urljoin(self.page, attrs.get("action") or self.page)).path
            self.current = self.forms.setdefault(action, {})
        elif tag in ("button", "input") and attrs.get("formaction"):
            action = urlsplit(urljoin(self.page, attrs["formaction"])).path
            self.forms[action] = self.current  # another submit button of the same form
        if self.current is None or not attrs.get("name"):
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if attrs.get("inputmode") in ("decimal", "numeric"):
                return  # a number typed in a text box
            if kind in self.TEXT:
                self.current[attrs["name"]] = "url" if kind == "url" else "text"
            elif kind == "file":
                self.current[attrs["name"]] = "file"
        elif tag == "textarea":
            self.current[attrs["name"]] = "text"

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def raw_markers(text: str, markers) -> list:
    """The markers whose raw (unescaped) form is in `text`."""
    return [marker for marker in markers if marker.raw in text]


def seen_markers(text: str, markers) -> set:
    return {marker for marker in markers if marker.token in text}


def unescape_json(text: str) -> str:
    return html.unescape(re.sub(r"\\u003[cC]", "<", text))
