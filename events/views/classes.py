"""The register of professional classes: list, add, change, one class with its joint sessions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from events.access import (
    access_events_cluster,
    access_professional_class,
    can_manage_class,
    host_choices,
)
from events.forms import ProfessionalClassForm, form_errors
from events.models import Event, ProfessionalClass
from events.selectors.figures import first_start
from events.services import professional_class_create, professional_class_update
from events.views.common import refusals_in_russian
from orgs.models import Organization


def class_list(cluster):
    return (
        ProfessionalClass.objects.filter(cluster=cluster)
        .select_related("college", "enterprise", "activity")
        .annotate(
            sessions_held=Count("sessions", filter=Q(sessions__status=Event.Status.HELD)),
            sessions_total=Count("sessions"),
        )
        .order_by("-academic_year", "municipality", "school_name", "grade")
    )


@login_required
@refusals_in_russian
def class_list_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    classes = list(class_list(cluster))
    for item in classes:
        item.manageable = can_manage_class(request.user, cluster, item.college_id)
    can_add = host_choices(request.user, cluster).filter(kind=Organization.Kind.COLLEGE).exists()
    return render(
        request,
        "events/classes.html",
        {
            "cluster": cluster,
            "classes": classes,
            "can_add": can_add,
            "pupils": sum(item.pupils for item in classes),
        },
    )


@login_required
@refusals_in_russian
@require_http_methods(["GET", "POST"])
def class_create_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    if not host_choices(request.user, cluster).filter(kind=Organization.Kind.COLLEGE).exists():
        raise PermissionDenied(
            "Профессиональные классы ведут колледжи-партнёры и координатор кластера."
        )
    form = ProfessionalClassForm(request.POST or None, user=request.user, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not can_manage_class(request.user, cluster, values["college"].pk):
            raise PermissionDenied("Вы ведёте классы только своей организации.")
        try:
            item = professional_class_create(cluster=cluster, actor=request.user, **values)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "Класс добавлен в реестр.")
            return redirect("events:professional_class_detail", pk=item.pk)
    return render(
        request,
        "events/class_form.html",
        {"cluster": cluster, "form": form, "creating": True},
        status=400 if request.method == "POST" else 200,
    )


def _class_of(request, pk, *, for_change=False) -> ProfessionalClass:
    item = access_professional_class(request.user, pk, for_change=for_change)
    return item


@login_required
@refusals_in_russian
@require_http_methods(["GET", "POST"])
def class_edit_view(request, pk):
    item = _class_of(request, pk, for_change=True)
    form = ProfessionalClassForm(
        request.POST or None, user=request.user, cluster=item.cluster, instance=item
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if not can_manage_class(request.user, item.cluster, values["college"].pk):
            raise PermissionDenied("Вы ведёте классы только своей организации.")
        try:
            professional_class_update(item=item, actor=request.user, **values)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect("events:professional_class_detail", pk=item.pk)
    return render(
        request,
        "events/class_form.html",
        {"cluster": item.cluster, "form": form, "item": item, "creating": False},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@refusals_in_russian
def class_detail_view(request, pk):
    item = _class_of(request, pk)
    sessions = list(
        item.sessions.annotate(first_start=first_start())
        .select_related("kind", "host")
        .order_by("first_start", "pk")
    )
    return render(
        request,
        "events/class_detail.html",
        {
            "cluster": item.cluster,
            "item": item,
            "sessions": sessions,
            "held": sum(1 for s in sessions if s.status == Event.Status.HELD),
            "can_manage": can_manage_class(request.user, item.cluster, item.college_id),
        },
    )
