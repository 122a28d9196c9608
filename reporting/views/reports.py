"""One report: read it, write it (autosaved draft), submit it, attach evidence, review it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.files import max_bytes, read_upload, stored_file_response
from core.views import action_submit, error_text, form_error_text, form_errors
from reporting.access import access_evidence, access_review, access_slot, report_rights
from reporting.forms import EvidenceFileForm, EvidenceLinkForm, ReportForm, ReviewForm
from reporting.selectors import report_for, report_page
from reporting.services import (
    EditConflict,
    evidence_add_file,
    evidence_add_link,
    evidence_remove,
    report_accept,
    report_return,
    report_save,
    report_submit,
)


def _form(page, data=None):
    report = page.report
    initial = {"version": report.version if report else 0}
    if report is not None:
        initial.update(status=report.status, reason=report.reason, text=report.text)
    return ReportForm(
        data, initial=initial, indicators=page.indicators, allows_nothing=page.allows_nothing
    )


def _render(request, obligation, period, *, form=None, status=200, error=None):
    report = report_for(obligation, period)
    rights = report_rights(request.user, obligation, report)
    page = report_page(
        obligation=obligation, period=period, report=None if rights.hidden else report
    )
    return render(
        request,
        "reporting/report_page.html",
        {
            "cluster": obligation.activity.plan.cluster,
            "plan": obligation.activity.plan,
            "activity": obligation.activity,
            "obligation": obligation,
            "period": period,
            "page": page,
            "report": page.report,
            "hidden": rights.hidden,
            "can_write": rights.can_write,
            "editable": rights.editable,
            "form": form or (_form(page) if rights.editable else None),
            "evidence_form": EvidenceFileForm(),
            "link_form": EvidenceLinkForm(),
            "review_form": ReviewForm(),
            "can_review": rights.can_review,
            "error": error,
            "max_megabytes": max_bytes() // (1024 * 1024),
        },
        status=status,
    )


@login_required
def report_page_view(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk)
    return _render(request, obligation, period)


def _bound_form(request, obligation, period):
    page = report_page(obligation=obligation, period=period, report=report_for(obligation, period))
    return _form(page, request.POST)


@login_required
@require_POST
def report_save_view(request, obligation_pk, period_pk):
    """Autosave (htmx, on change) or an explicit «Сохранить черновик»."""
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form = _bound_form(request, obligation, period)
    conflict = False
    if not form.is_valid():
        error = "Проверьте поля формы: " + "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        report = None
    else:
        try:
            report = report_save(
                obligation=obligation,
                period=period,
                actor=request.user,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
                values=form.values(),
            )
            error = None
        except EditConflict as exc:
            report, error, conflict = None, error_text(exc), True
        except ValidationError as exc:
            report, error = None, error_text(exc)
    if request.htmx:
        # htmx swaps only 2xx answers: a refused save is a 200 carrying the message.
        return render(
            request,
            "reporting/_save_status.html",
            {"report": report, "error": error, "conflict": conflict},
        )
    if error:
        return _render(
            request, obligation, period, form=form, status=409 if conflict else 400, error=error
        )
    messages.success(request, "Черновик сохранён.")
    return redirect("reporting:report_page", obligation.pk, period.pk)


@login_required
@require_POST
def report_submit_view(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form = _bound_form(request, obligation, period)
    if not form.is_valid():
        return _render(request, obligation, period, form=form, status=400)
    try:
        report_submit(
            obligation=obligation,
            period=period,
            actor=request.user,
            version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            text=form.cleaned_data["text"],
            values=form.values(),
        )
    except EditConflict as exc:
        return _render(request, obligation, period, form=form, status=409, error=error_text(exc))
    except ValidationError as exc:
        form_errors(form, exc)
        return _render(request, obligation, period, form=form, status=400)
    messages.success(request, "Отчёт отправлен на проверку координатору.")
    return redirect("reporting:report_page", obligation.pk, period.pk)


@login_required
@require_POST
def evidence_upload(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form = EvidenceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("reporting:report_page", obligation.pk, period.pk)
    upload = form.cleaned_data["file"]

    def add():
        evidence_add_file(
            obligation=obligation,
            period=period,
            actor=request.user,
            filename=upload.name,
            data=read_upload(upload),
        )

    return action_submit(
        request,
        add,
        success=f"Файл «{upload.name}» прикреплён к отчёту.",
        next_url=reverse("reporting:report_page", args=[obligation.pk, period.pk]),
        failure_prefix=f"Файл «{upload.name}» не принят. ",
    )


@login_required
@require_POST
def evidence_link_add(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    here = reverse("reporting:report_page", args=[obligation.pk, period.pk])
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите адрес публикации.")
        return redirect(here)
    return action_submit(
        request,
        lambda: evidence_add_link(
            obligation=obligation,
            period=period,
            actor=request.user,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
        ),
        success="Ссылка на публикацию добавлена.",
        next_url=here,
    )


@login_required
def evidence_download(request, pk):
    """The only way to a stored file: access is checked on every request."""
    evidence = access_evidence(request.user, pk)
    if evidence.kind != evidence.Kind.FILE:
        return redirect(evidence.url)
    return stored_file_response(evidence.file, evidence.original_name, evidence.content_type)


@login_required
@require_POST
def evidence_remove_view(request, pk):
    evidence = access_evidence(request.user, pk, for_change=True)
    report = evidence.report
    return action_submit(
        request,
        lambda: evidence_remove(evidence=evidence, actor=request.user),
        success=f"«{evidence.label}» убрано из отчёта.",
        next_url=reverse("reporting:report_page", args=[report.obligation_id, report.period_id]),
    )


@login_required
@require_POST
def report_review(request, pk):
    report = access_review(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    here = reverse("reporting:report_page", args=[report.obligation_id, report.period_id])
    if request.POST.get("decision") == "accept":
        return action_submit(
            request,
            lambda: report_accept(report=report, actor=request.user, comment=comment),
            success="Отчёт принят.",
            next_url=here,
        )
    return action_submit(
        request,
        lambda: report_return(report=report, actor=request.user, comment=comment),
        success="Отчёт возвращён организации на доработку.",
        next_url=here,
    )
