"""The agenda: items (with СЛУШАЛИ / ВЫСТУПИЛИ), their materials, decisions and assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.files import read_upload, stored_file_response
from core.views import action_submit, form_submit
from council.access import access_decision, access_item, access_material, access_meeting
from council.forms import AgendaItemForm, AssignmentForm, DecisionForm, FileForm, ItemRecordForm
from council.models import Decision
from council.selectors.meetings import quorum_for
from council.services import (
    assignment_create,
    decision_record,
    decision_remove,
    item_create,
    item_move,
    item_remove,
    item_update,
    material_add,
    material_remove,
    work_plan_for,
)


def meeting_url(meeting) -> str:
    return reverse("council:council_meeting", args=[meeting.pk])


def _closed(request, meeting):
    messages.error(request, "Заседание закрыто: подписанный протокол прикреплён.")
    return redirect("council:council_meeting", meeting.pk)


@login_required
def item_new(request, pk):
    meeting = access_meeting(request.user, pk, for_change=True)
    if meeting.is_closed:
        return _closed(request, meeting)
    cluster = meeting.council.cluster
    form = AgendaItemForm(request.POST or None, cluster=cluster)
    if done := form_submit(
        request,
        form,
        lambda data: item_create(
            meeting=meeting,
            actor=request.user,
            title=data["title"],
            speaker=data["speaker"],
            activity_ids=[activity.pk for activity in data["activities"]],
        ),
        success=lambda item: f"Вопрос {item.position} добавлен в повестку.",
        next_url=lambda item: f"{meeting_url(meeting)}#item-{item.pk}",
    ):
        return done
    return render(
        request,
        "council/item_form.html",
        {"cluster": cluster, "meeting": meeting, "form": form, "item": None},
        status=400 if form.errors else 200,
    )


@login_required
def item_edit(request, pk):
    item = access_item(request.user, pk, for_change=True)
    meeting = item.meeting
    if meeting.is_closed:
        return _closed(request, meeting)
    cluster = meeting.council.cluster
    initial = {
        "title": item.title,
        "speaker": item.speaker,
        "activities": list(item.activities.values_list("pk", flat=True)),
        "heard": item.heard,
        "spoke": item.spoke,
    }
    form = ItemRecordForm(request.POST or None, cluster=cluster, initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: item_update(
            item=item,
            actor=request.user,
            title=data["title"],
            speaker=data["speaker"],
            activity_ids=[activity.pk for activity in data["activities"]],
            heard=data["heard"],
            spoke=data["spoke"],
        ),
        success=f"Вопрос {item.position} сохранён.",
        next_url=f"{meeting_url(meeting)}#item-{item.pk}",
    ):
        return done
    return render(
        request,
        "council/item_form.html",
        {"cluster": cluster, "meeting": meeting, "form": form, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_remove_view(request, pk):
    item = access_item(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: item_remove(item=item, actor=request.user),
        success="Вопрос убран из повестки.",
        next_url=meeting_url(item.meeting),
    )


@login_required
@require_POST
def item_move_view(request, pk):
    item = access_item(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: item_move(item=item, actor=request.user, up=request.POST.get("direction") == "up"),
        next_url=f"{meeting_url(item.meeting)}#item-{item.pk}",
    )


@login_required
@require_POST
def material_upload(request, pk):
    item = access_item(request.user, pk, for_change=True)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Выберите файл материала.")
        return redirect(f"{meeting_url(item.meeting)}#item-{item.pk}")
    upload = form.cleaned_data["file"]

    def add():
        data = read_upload(upload)
        material_add(item=item, actor=request.user, filename=upload.name, data=data)

    return action_submit(
        request,
        add,
        success=f"Материал «{upload.name}» прикреплён к вопросу {item.position}.",
        next_url=f"{meeting_url(item.meeting)}#item-{item.pk}",
        failure_prefix=f"Файл «{upload.name}» не принят. ",
    )


@login_required
def material_download(request, pk):
    """The only way to a material's file: access is checked on every request."""
    material = access_material(request.user, pk)
    return stored_file_response(material.file, material.original_name, material.content_type)


@login_required
@require_POST
def material_remove_view(request, pk):
    material = access_material(request.user, pk, for_change=True)
    item = material.item
    return action_submit(
        request,
        lambda: material_remove(material=material, actor=request.user),
        success=f"Материал «{material.original_name}» убран.",
        next_url=f"{meeting_url(item.meeting)}#item-{item.pk}",
    )


@login_required
def decision_new(request, pk):
    item = access_item(request.user, pk, for_change=True)
    meeting = item.meeting
    if meeting.is_closed:
        return _closed(request, meeting)
    form = DecisionForm(request.POST or None, initial={"kind": Decision.Kind.INFO})
    if done := form_submit(
        request,
        form,
        lambda data: decision_record(item=item, actor=request.user, **data),
        success=lambda decision: f"Решение {decision.number} записано.",
        next_url=lambda decision: (
            reverse("council:council_assignment_new", args=[decision.pk])
            if decision.kind == Decision.Kind.ASSIGNMENTS and decision.adopted
            else f"{meeting_url(meeting)}#item-{item.pk}"
        ),
    ):
        return done
    return render(
        request,
        "council/decision_form.html",
        {
            "cluster": meeting.council.cluster,
            "meeting": meeting,
            "item": item,
            "form": form,
            "quorum": quorum_for(meeting),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def decision_remove_view(request, pk):
    decision = access_decision(request.user, pk, for_change=True)
    item = decision.item
    return action_submit(
        request,
        lambda: decision_remove(decision=decision, actor=request.user),
        success=f"Решение {decision.number} удалено.",
        next_url=f"{meeting_url(item.meeting)}#item-{item.pk}",
    )


@login_required
def assignment_new(request, pk):
    decision = access_decision(request.user, pk, for_change=True)
    meeting = decision.item.meeting
    if meeting.is_closed:
        return _closed(request, meeting)
    cluster = meeting.council.cluster
    work_plan = work_plan_for(cluster, meeting.local_date)
    form = AssignmentForm(request.POST or None, cluster=cluster, work_plan=work_plan)
    if done := form_submit(
        request,
        form,
        lambda data: assignment_create(
            decision=decision,
            actor=request.user,
            text=data["text"],
            lead=data["lead"],
            co_executors=list(data["co_executors"]),
            deadline_text=data["deadline_text"],
            due_date=data["due_date"],
            linked_activity=data["linked_activity"],
            plan_objective=data.get("plan_objective"),
        ),
        success=lambda assignment: _assignment_placed(meeting, assignment),
        next_url=lambda assignment: (
            reverse("council:council_assignment_new", args=[decision.pk])
            if request.POST.get("next") == "another"
            else f"{meeting_url(meeting)}#item-{decision.item_id}"
        ),
    ):
        return done
    return render(
        request,
        "council/assignment_form.html",
        {
            "cluster": cluster,
            "meeting": meeting,
            "decision": decision,
            "form": form,
            "work_plan": work_plan,
        },
        status=400 if form.errors else 200,
    )


def _assignment_placed(meeting, assignment) -> str:
    where = (
        f"в план работы как мероприятие {assignment.activity.number}"
        if assignment.in_work_plan
        else "в план поручений совета"
    )
    return (
        f"Поручение {meeting.number}.{assignment.number} поставлено на контроль: внесено {where}."
    )
