"""A meeting: create and change it, its page, invitations and answers, attendance with the live
quorum, confirming it took place, closing it with the signed protocol, the protocol's files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.files import read_upload, stored_file_response
from core.office import download
from core.views import action_submit, error_text, form_submit
from council.access import access_meeting, access_meetings, can_manage_meetings
from council.documents.protocol import protocol_filename, protocol_from_page
from council.documents.protocol_docx import protocol_to_docx
from council.documents.protocol_pdf import protocol_to_pdf
from council.forms import AttendanceForm, FileForm, MeetingForm
from council.models import Attendance, Meeting
from council.selectors.control import control_list
from council.selectors.meetings import (
    attendance_rows,
    meeting_page,
    quorum_of,
    user_attendance,
)
from council.services import (
    attendance_mark,
    attendance_respond,
    council_ensure,
    meeting_close,
    meeting_create,
    meeting_delete,
    meeting_hold,
    meeting_invite,
    meeting_update,
    rsvp_attendance,
)
from council.services.meetings import next_number
from council.views.common import base_url


def _meeting_fields(form: MeetingForm) -> dict:
    data = form.cleaned_data
    fields = ("duration_minutes", "format", "place", "link", "invited_text", "chair", "secretary")
    return {"starts_at": form.starts_at(), **{name: data[name] for name in fields}}


@login_required
def meeting_new(request, slug):
    cluster = access_meetings(request.user, slug, for_change=True)
    council = council_ensure(cluster=cluster)
    form = MeetingForm(request.POST or None, council=council)
    if done := form_submit(
        request,
        form,
        lambda data: meeting_create(
            council=council, actor=request.user, number=data["number"], **_meeting_fields(form)
        ),
        success=lambda meeting: (
            f"Заседание № {meeting.number} запланировано. Добавьте вопросы повестки и "
            "разошлите приглашения."
        ),
        next_url=lambda meeting: reverse("council:council_meeting", args=[meeting.pk]),
    ):
        return done
    if not form.is_bound:
        form.initial = {
            "format": Meeting.Format.IN_PERSON,
            "duration_minutes": 120,
            "number": next_number(council, timezone.localdate().year),
        }
    return render(
        request,
        "council/meeting_form.html",
        {"cluster": cluster, "council": council, "form": form, "meeting": None},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_edit(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    if meeting.is_closed:
        messages.error(request, "Заседание закрыто: подписанный протокол прикреплён.")
        return redirect("council:council_meeting", meeting.pk)
    form = MeetingForm(
        request.POST or None, council=meeting.council, initial=MeetingForm.initial_for(meeting)
    )
    if done := form_submit(
        request,
        form,
        lambda data: meeting_update(
            meeting=meeting,
            actor=request.user,
            number=data["number"] or meeting.number,
            **_meeting_fields(form),
        ),
        success="Данные заседания сохранены.",
        next_url=reverse("council:council_meeting", args=[meeting.pk]),
    ):
        return done
    return render(
        request,
        "council/meeting_form.html",
        {
            "cluster": meeting.council.cluster,
            "council": meeting.council,
            "form": form,
            "meeting": meeting,
        },
        status=400 if form.errors else 200,
    )


@login_required
def meeting_detail(request, pk):
    meeting = access_meeting(request.user, pk)
    cluster = meeting.council.cluster
    page = meeting_page(meeting)
    today = timezone.localdate()
    upcoming = meeting.status == Meeting.Status.PLANNED and meeting.local_date >= today
    can_manage = can_manage_meetings(request.user, cluster) and not meeting.is_closed
    return render(
        request,
        "council/meeting_detail.html",
        {
            "cluster": cluster,
            "council": meeting.council,
            "meeting": meeting,
            "page": page,
            "upcoming": upcoming,
            "control": control_list(cluster=cluster, reference=max(meeting.local_date, today))
            if upcoming
            else None,
            "own": user_attendance(meeting, request.user) if upcoming else None,
            "can_manage": can_manage,
            "can_hold": can_manage
            and meeting.status == Meeting.Status.PLANNED
            and meeting.starts_at <= timezone.now(),
            "responses": Attendance.Response,
        },
    )


@login_required
@require_POST
def meeting_delete_view(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: meeting_delete(meeting=meeting, actor=request.user),
        success=f"Заседание № {meeting.number} удалено.",
        next_url=reverse("council:council_home", args=[meeting.council.cluster.slug]),
        failure_url=reverse("council:council_meeting", args=[meeting.pk]),
    )


@login_required
@require_POST
def meeting_invite_view(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    try:
        result = meeting_invite(
            meeting=meeting,
            actor=request.user,
            base_url=base_url(request),
            resend=request.POST.get("resend") == "1",
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("council:council_meeting", meeting.pk)
    text = f"Приглашений отправлено: {result.sent}."
    if result.without_email:
        text += f" Без адреса e-mail: {result.without_email} — пригласите их иначе."
    if result.failed:
        text += f" Не удалось отправить: {result.failed} — повторите позже."
    (messages.warning if result.failed else messages.success)(request, text)
    return redirect("council:council_meeting", meeting.pk)


@login_required
@require_POST
def meeting_hold_view(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: meeting_hold(meeting=meeting, actor=request.user),
        success="Заседание отмечено как состоявшееся. Скачайте протокол, подпишите его и "
        "прикрепите скан, чтобы закрыть заседание.",
        next_url=reverse("council:council_meeting", args=[meeting.pk]),
    )


@login_required
@require_POST
def meeting_close_view(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    here = reverse("council:council_meeting", args=[meeting.pk])
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Выберите файл скана подписанного протокола (PDF, JPEG или PNG).")
        return redirect(here)
    upload = form.cleaned_data["file"]

    def close():
        data = read_upload(upload)
        meeting_close(meeting=meeting, actor=request.user, filename=upload.name, data=data)

    return action_submit(
        request,
        close,
        success="Подписанный протокол прикреплён, заседание закрыто.",
        next_url=here,
        failure_prefix=f"Скан «{upload.name}» не принят. ",
    )


@login_required
def meeting_scan(request, pk):
    meeting = access_meeting(request.user, pk)
    if not meeting.scan:
        raise Http404("Скан протокола не прикреплён.")
    return stored_file_response(meeting.scan, meeting.scan_name, meeting.scan_content_type)


@login_required
def attendance_view(request, pk):
    """Mark who is present; the quorum updates as the marks change (htmx) and on saving."""
    meeting = access_meeting(request.user, pk, for_change=True)
    if meeting.is_closed:
        messages.error(request, "Заседание закрыто: подписанный протокол прикреплён.")
        return redirect("council:council_meeting", meeting.pk)
    rows = attendance_rows(meeting)
    form = AttendanceForm(request.POST or None, rows=rows)
    if done := form_submit(
        request,
        form,
        lambda data: attendance_mark(meeting=meeting, actor=request.user, marks=form.marks()),
        success="Присутствие отмечено.",
        next_url=reverse("council:council_meeting", args=[meeting.pk]),
    ):
        return done
    present = {row.member.pk for row in rows if row.is_present}
    if form.is_bound:
        present = _present_in(form, rows)
    return render(
        request,
        "council/attendance.html",
        {
            "cluster": meeting.council.cluster,
            "meeting": meeting,
            "form": form,
            "quorum": quorum_of(meeting.council, [row.member for row in rows], present),
        },
        status=400 if form.errors else 200,
    )


def _present_in(form: AttendanceForm, rows) -> set[int]:
    counted = set(Attendance.COUNTED)
    return {
        row.member.pk
        for row in rows
        if form.data.get(form.add_prefix(f"member_{row.member.pk}")) in counted
    }


@login_required
@require_POST
def quorum_preview(request, pk):
    """The quorum for the marks as they stand in the form, not saved (htmx)."""
    meeting = access_meeting(request.user, pk, for_change=True)
    rows = attendance_rows(meeting)
    form = AttendanceForm(request.POST, rows=rows)
    quorum = quorum_of(meeting.council, [row.member for row in rows], _present_in(form, rows))
    return render(request, "council/_quorum.html", {"quorum": quorum})


def _respond(request, attendance, response: str) -> str | None:
    try:
        attendance_respond(attendance=attendance, response=response, actor=request.user)
    except ValidationError as error:
        return error_text(error)
    return None


@login_required
@require_POST
def respond_view(request, pk):
    """A signed-in member answers the invitation on the meeting page."""
    meeting = access_meeting(request.user, pk)
    attendance = user_attendance(meeting, request.user)
    if attendance is None:
        raise PermissionDenied("Вы не приглашены на это заседание как член совета.")
    return action_submit(
        request,
        lambda: attendance_respond(
            attendance=attendance, response=request.POST.get("response", ""), actor=request.user
        ),
        success="Спасибо, ответ записан.",
        next_url=reverse("council:council_meeting", args=[meeting.pk]),
    )


def rsvp_view(request, token):
    """The signed link from the invitation: answer without signing in."""
    attendance = rsvp_attendance(token)
    if attendance is None:
        return render(request, "council/rsvp.html", {"invalid": True}, status=404)
    error = None
    if request.method == "POST":
        error = _respond(request, attendance, request.POST.get("response", ""))
        if error is None:
            attendance.refresh_from_db()
    return render(
        request,
        "council/rsvp.html",
        {
            "attendance": attendance,
            "meeting": attendance.meeting,
            "responses": Attendance.Response,
            "error": error,
            "saved": request.method == "POST" and error is None,
        },
        status=400 if error else 200,
    )


@login_required
def protocol_docx(request, pk):
    meeting = access_meeting(request.user, pk)
    protocol = protocol_from_page(meeting_page(meeting))
    return download(protocol_to_docx(protocol), protocol_filename(protocol, "docx"), "docx")


@login_required
def protocol_pdf(request, pk):
    meeting = access_meeting(request.user, pk)
    protocol = protocol_from_page(meeting_page(meeting))
    return download(protocol_to_pdf(protocol), protocol_filename(protocol, "pdf"), "pdf")
