"""One report: read it, write it (autosaved draft), submit it, attach evidence, review it.

Files and links are attached from inside the report form, above its buttons: the request carries
what was typed, which is saved as the draft first, so attaching never loses text. With htmx the
answer is the evidence section alone (the rest of the page stays as the person left it); without
it, a redirect back to the page, where the saved draft is shown.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.files import max_bytes, read_upload, stored_file_response
from core.views import action_submit, error_text, form_error_text, form_errors
from orgs.access import can_manage_cluster
from reporting.access import access_evidence, access_review, access_slot, report_rights
from reporting.forms import EvidenceFileForm, EvidenceLinkForm, ReportForm, ReviewForm
from reporting.selectors import report_for, report_page
from reporting.selectors.queue import next_in_queue
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
    cluster = obligation.activity.plan.cluster
    in_queue = request.GET.get("queue") == "1" or request.POST.get("next") == "queue"
    following = None
    if can_manage_cluster(request.user, cluster):
        following = next_in_queue(cluster=cluster, after=report)
    return render(
        request,
        "reporting/report_page.html",
        {
            "cluster": cluster,
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
            "in_queue": in_queue,
            "next_report": following,
        },
        status=status,
    )


@login_required
def report_page_view(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk)
    return _render(request, obligation, period)


def _typed(form) -> dict:
    """What the person typed into a valid report form, as report_save and report_submit take it."""
    data = form.cleaned_data
    return {
        "version": data["version"],
        "status": data["status"],
        "reason": data["reason"],
        "text": data["text"],
        "values": form.values(),
    }


def _bound_form(request, obligation, period):
    page = report_page(obligation=obligation, period=period, report=report_for(obligation, period))
    return _form(page, request.POST)


def _save_typed(request, obligation, period):
    """Save the report form's fields as the draft: (report, error, conflict)."""
    form = _bound_form(request, obligation, period)
    if not form.is_valid():
        error = "Проверьте поля формы: " + "; ".join(
            f"{form.fields[name].label if name in form.fields else ''}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        return form, None, error, False
    try:
        report = report_save(
            obligation=obligation,
            period=period,
            actor=request.user,
            **_typed(form),
        )
    except EditConflict as exc:
        return form, None, error_text(exc), True
    except ValidationError as exc:
        return form, None, error_text(exc), False
    return form, report, None, False


@login_required
@require_POST
def report_save_view(request, obligation_pk, period_pk):
    """Autosave (htmx, on change) or an explicit «Сохранить черновик»."""
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form, report, error, conflict = _save_typed(request, obligation, period)
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
            **_typed(form),
        )
    except EditConflict as exc:
        return _render(request, obligation, period, form=form, status=409, error=error_text(exc))
    except ValidationError as exc:
        form_errors(form, exc)
        return _render(request, obligation, period, form=form, status=400)
    messages.success(request, "Отчёт отправлен на проверку координатору.")
    return redirect("reporting:report_page", obligation.pk, period.pk)


def _evidence_action(request, obligation, period, action, *, success, failure_prefix=""):
    """Save what was typed in the report form (when the request carries it), then run `action`
    (attach or remove evidence); answer the evidence section (htmx) or redirect to the page."""
    here = reverse("reporting:report_page", args=[obligation.pk, period.pk])
    saved, save_error = None, None
    if "version" in request.POST:
        form, saved, save_error, conflict = _save_typed(request, obligation, period)
        if save_error and not request.htmx:
            return _render(
                request,
                obligation,
                period,
                form=form,
                status=409 if conflict else 400,
                error=save_error,
            )
    error = None
    if save_error is None:
        try:
            action()
        except ValidationError as exc:
            error = failure_prefix + error_text(exc)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, success)
        return redirect(here)
    report = report_for(obligation, period)
    page = report_page(obligation=obligation, period=period, report=report)
    return render(
        request,
        "reporting/_evidence.html",
        {
            "obligation": obligation,
            "period": period,
            "page": page,
            "report": report,
            "editable": True,
            "evidence_form": EvidenceFileForm(),
            "link_form": EvidenceLinkForm(),
            "evidence_error": save_error or error,
            "evidence_message": None if (save_error or error) else success,
            "draft_saved": saved is not None,
            "swap_version": report is not None,
        },
    )


@login_required
@require_POST
def evidence_upload(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form = EvidenceFileForm(request.POST, request.FILES)
    upload = form.cleaned_data["file"] if form.is_valid() else None

    def add():
        if upload is None:
            raise ValidationError(form_error_text(form))
        evidence_add_file(
            obligation=obligation,
            period=period,
            actor=request.user,
            filename=upload.name,
            data=read_upload(upload),
        )

    name = upload.name if upload is not None else ""
    return _evidence_action(
        request,
        obligation,
        period,
        add,
        success=f"Файл «{name}» прикреплён к отчёту.",
        failure_prefix=f"Файл «{name}» не принят. " if upload is not None else "",
    )


@login_required
@require_POST
def evidence_link_add(request, obligation_pk, period_pk):
    obligation, period = access_slot(request.user, obligation_pk, period_pk, for_change=True)
    form = EvidenceLinkForm(request.POST)

    def add():
        if not form.is_valid():
            raise ValidationError("Укажите адрес публикации.")
        evidence_add_link(
            obligation=obligation,
            period=period,
            actor=request.user,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
        )

    return _evidence_action(
        request, obligation, period, add, success="Ссылка на публикацию добавлена."
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
    obligation, period = access_slot(
        request.user, report.obligation_id, report.period_id, for_change=True
    )
    return _evidence_action(
        request,
        obligation,
        period,
        lambda: evidence_remove(evidence=evidence, actor=request.user),
        success=f"«{evidence.label}» убрано из отчёта.",
    )


def _after_review(report) -> str:
    """Where a decision taken from the review queue leads: the next report waiting, if any."""
    cluster = report.obligation.activity.plan.cluster
    following = next_in_queue(cluster=cluster, after=report)
    if following is None:
        return reverse("reporting:report_page", args=[report.obligation_id, report.period_id])
    page = reverse("reporting:report_page", args=[following.obligation_id, following.period_id])
    return page + "?queue=1"


@login_required
@require_POST
def report_review(request, pk):
    report = access_review(request.user, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    here = reverse("reporting:report_page", args=[report.obligation_id, report.period_id])
    queue = request.POST.get("next") == "queue"
    then = (lambda _: _after_review(report)) if queue else here
    if request.POST.get("decision") == "accept":
        return action_submit(
            request,
            lambda: report_accept(report=report, actor=request.user, comment=comment),
            success="Отчёт принят.",
            next_url=then,
            failure_url=here + ("?queue=1" if queue else ""),
        )
    return action_submit(
        request,
        lambda: report_return(report=report, actor=request.user, comment=comment),
        success="Отчёт возвращён организации на доработку.",
        next_url=then,
        failure_url=here + ("?queue=1" if queue else ""),
    )
