"""Assignments under control: the list, one assignment, taking it off control, and the
executive-discipline report (page, DOCX, XLSX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.office import download
from core.views import form_submit
from council.access import (
    access_assignment,
    access_council_cluster,
    can_manage_council,
)
from council.documents.discipline import discipline_to_docx, discipline_to_xlsx, title_for
from council.forms import AssignmentFilterForm, NoteForm
from council.selectors.assignments import Standing, assignment_rows, discipline
from council.services import assignment_remove_from_control, council_ensure


@login_required
def assignment_list(request, slug):
    cluster = access_council_cluster(request.user, slug)
    council = council_ensure(cluster=cluster)
    form = AssignmentFilterForm(request.GET, cluster=cluster)
    form.is_valid()
    data = form.cleaned_data
    today = timezone.localdate()
    rows = assignment_rows(
        council=council,
        today=today,
        organization_id=data.get("organization") or None,
        include_removed=bool(data.get("removed")),
    )
    if data.get("standing"):
        rows = [row for row in rows if row.standing == Standing(data["standing"])]
    return render(
        request,
        "council/assignment_list.html",
        {
            "cluster": cluster,
            "council": council,
            "form": form,
            "rows": rows,
            "filtered": any(data.get(name) for name in ("organization", "standing", "removed")),
        },
    )


def _detail(request, assignment, form, *, status=200):
    council = assignment.meeting.council
    row = next(
        (
            row
            for row in assignment_rows(
                council=council,
                today=timezone.localdate(),
                meeting_id=assignment.meeting_id,
                include_removed=True,
            )
            if row.assignment.pk == assignment.pk
        ),
        None,
    )
    return render(
        request,
        "council/assignment_detail.html",
        {
            "cluster": council.cluster,
            "council": council,
            "assignment": assignment,
            "row": row,
            "form": form,
        },
        status=status,
    )


@login_required
def assignment_detail(request, pk):
    assignment = access_assignment(request.user, pk)
    can_remove = (
        can_manage_council(request.user, assignment.meeting.council.cluster)
        and assignment.on_control
    )
    return _detail(request, assignment, NoteForm() if can_remove else None)


@login_required
@require_POST
def assignment_remove_view(request, pk):
    """Take an assignment off control with a note (coordinators)."""
    assignment = access_assignment(request.user, pk, for_change=True)
    form = NoteForm(request.POST)
    if done := form_submit(
        request,
        form,
        lambda data: assignment_remove_from_control(
            assignment=assignment, actor=request.user, note=data["note"]
        ),
        success="Поручение снято с контроля.",
        next_url=reverse("council:council_assignment", args=[assignment.pk]),
    ):
        return done
    return _detail(request, assignment, form, status=400)


@login_required
def discipline_view(request, slug):
    cluster = access_council_cluster(request.user, slug)
    council = council_ensure(cluster=cluster)
    today = timezone.localdate()
    rows = assignment_rows(council=council, today=today)
    report = discipline(council=council, today=today, rows=rows)
    wanted = request.GET.get("format", "")
    if wanted in ("docx", "xlsx"):
        name = f"ispolnitelskaya-disciplina-{today:%Y-%m-%d}.{wanted}"
        if wanted == "docx":
            data = discipline_to_docx(report, rows, council_name=council.name_genitive)
            return download(data, name, "docx")
        data = discipline_to_xlsx(report, rows, council_name=council.name_genitive)
        return download(data, name, "xlsx")
    return render(
        request,
        "council/discipline.html",
        {
            "cluster": cluster,
            "council": council,
            "report": report,
            "title": title_for(council.name_genitive),
        },
    )
