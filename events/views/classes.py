"""The register of professional classes: list, add, change, one class with its joint sessions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.views import form_submit
from events.access import (
    access_events_cluster,
    access_professional_class,
    can_manage_class,
    host_choices,
)
from events.forms import ProfessionalClassForm
from events.models import Event, ProfessionalClass
from events.selectors.figures import first_start
from events.services import professional_class_create, professional_class_update
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
@require_http_methods(["GET", "POST"])
def class_create_view(request, slug):
    cluster = access_events_cluster(request.user, slug)
    if not host_choices(request.user, cluster).filter(kind=Organization.Kind.COLLEGE).exists():
        raise PermissionDenied(
            "Профессиональные классы ведут колледжи-партнёры и координатор кластера."
        )
    form = ProfessionalClassForm(request.POST or None, user=request.user, cluster=cluster)

    def create(data):
        if not can_manage_class(request.user, cluster, data["college"].pk):
            raise PermissionDenied("Вы ведёте классы только своей организации.")
        return professional_class_create(cluster=cluster, actor=request.user, **form.values())

    if done := form_submit(
        request,
        form,
        create,
        success="Класс добавлен в реестр.",
        next_url=lambda item: reverse("events:professional_class_detail", args=[item.pk]),
    ):
        return done
    return render(
        request,
        "events/class_form.html",
        {"cluster": cluster, "form": form, "creating": True},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_edit_view(request, pk):
    item = access_professional_class(request.user, pk, for_change=True)
    form = ProfessionalClassForm(
        request.POST or None, user=request.user, cluster=item.cluster, instance=item
    )

    def update(data):
        if not can_manage_class(request.user, item.cluster, data["college"].pk):
            raise PermissionDenied("Вы ведёте классы только своей организации.")
        return professional_class_update(item=item, actor=request.user, **form.values())

    if done := form_submit(
        request,
        form,
        update,
        success="Изменения сохранены.",
        next_url=reverse("events:professional_class_detail", args=[item.pk]),
    ):
        return done
    return render(
        request,
        "events/class_form.html",
        {"cluster": item.cluster, "form": form, "item": item, "creating": False},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def class_detail_view(request, pk):
    item = access_professional_class(request.user, pk)
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
