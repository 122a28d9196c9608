"""Sign-in pages for what happened: outcome (results, participants by category), evidence files
and links (files served only here, after an access check), named competitors and their erasure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.files import read_upload, stored_file_response
from core.views import action_submit, form_error_text, form_errors, form_submit
from events.access import access_competitor, access_event, access_evidence
from events.forms import (
    CompetitorForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    OutcomeForm,
)
from events.models import EventEvidence
from events.services import (
    competitor_add,
    competitor_erase,
    event_evidence_add_file,
    event_evidence_add_link,
    event_evidence_remove,
    event_outcome_save,
)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = OutcomeForm(
        request.POST or None,
        tallies=list(event.tallies.all()),
        initial={"results": event.results},
    )
    if done := form_submit(
        request,
        form,
        lambda data: event_outcome_save(
            event=event, results=data["results"], tallies=form.tallies(), actor=request.user
        ),
        success="Итоги сохранены, мероприятие отмечено проведённым.",
        next_url=_detail(pk),
    ):
        return done
    return render(
        request,
        "events/outcome.html",
        {"cluster": event.cluster, "event": event, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def evidence_file_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = EvidenceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request, "Выберите файл: фотографию (JPEG, PNG) или документ (PDF, DOCX, XLSX)."
        )
        return redirect("events:event_detail", pk=pk)
    upload = form.cleaned_data["file"]

    def add():
        event_evidence_add_file(
            event=event,
            actor=request.user,
            filename=upload.name,
            data=read_upload(upload),
            title=form.cleaned_data["title"],
        )

    return action_submit(
        request,
        add,
        success="Файл добавлен.",
        next_url=f"{_detail(pk)}#evidence",
        failure_prefix="Файл не добавлен: ",
    )


@login_required
@require_POST
def evidence_link_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ссылка не добавлена: укажите адрес публикации.")
        return redirect(f"{_detail(pk)}#evidence")
    return action_submit(
        request,
        lambda: event_evidence_add_link(event=event, actor=request.user, **form.cleaned_data),
        success="Ссылка добавлена.",
        next_url=f"{_detail(pk)}#evidence",
        failure_prefix="Ссылка не добавлена: ",
    )


def _detail(pk: int) -> str:
    return reverse("events:event_detail", args=[pk])


@login_required
def evidence_download_view(request, pk):
    """A stored file, after the access check; pictures and PDF open in place, others download."""
    evidence = access_evidence(request.user, pk)
    if evidence.kind != EventEvidence.Kind.FILE:
        raise Http404("Файл не найден.")
    return stored_file_response(evidence.file, evidence.original_name, evidence.content_type)


@login_required
@require_POST
def evidence_remove_view(request, pk):
    evidence = access_evidence(request.user, pk, for_change=True)
    event_evidence_remove(evidence=evidence, actor=request.user)
    messages.success(request, "Подтверждение удалено.")
    return redirect(f"{_detail(evidence.event_id)}#evidence")


@login_required
@require_POST
def competitor_add_view(request, pk):
    event = access_event(request.user, pk, for_change=True)
    form = CompetitorForm(request.POST)
    if form.is_valid():
        try:
            competitor_add(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
    if form.errors:
        messages.error(request, "Участник не записан: " + form_error_text(form))
    else:
        messages.success(request, "Участник записан.")
    return redirect(f"{_detail(pk)}#competitors")


@login_required
@require_POST
def competitor_erase_view(request, pk):
    competitor = access_competitor(request.user, pk, for_erase=True)
    competitor_erase(competitor=competitor, actor=request.user)
    messages.success(request, "Персональные данные участника удалены; счёт участников сохранён.")
    return redirect(f"{_detail(competitor.event_id)}#competitors")
