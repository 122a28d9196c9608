"""The council's page (members and meetings), its settings and membership."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.views import form_submit
from council.access import (
    access_council_cluster,
    access_member,
    can_manage_council,
    can_manage_meetings,
)
from council.forms import CouncilSettingsForm, MemberForm
from council.models import Assignment
from council.selectors.council import member_list
from council.selectors.meetings import meeting_list, upcoming_and_past
from council.services import (
    council_ensure,
    council_update,
    member_add,
    member_update,
    person_create,
)


@login_required
def council_home(request, slug):
    """Members, upcoming and past meetings, and the way to assignments under control."""
    cluster = access_council_cluster(request.user, slug)
    council = council_ensure(cluster=cluster)
    today = timezone.localdate()
    members = member_list(council)
    upcoming, past = upcoming_and_past(list(meeting_list(council)), today)
    return render(
        request,
        "council/council_home.html",
        {
            "cluster": cluster,
            "council": council,
            "current_members": [m for m in members if m.serves_on(today)],
            "former_members": [m for m in members if not m.serves_on(today)],
            "upcoming": upcoming,
            "past": past,
            "on_control": Assignment.objects.filter(
                meeting__council=council, removed_at__isnull=True
            ).count(),
            "can_manage_meetings": can_manage_meetings(request.user, cluster),
            "can_manage_council": can_manage_council(request.user, cluster),
        },
    )


@login_required
def council_settings(request, slug):
    cluster = access_council_cluster(request.user, slug, for_change=True)
    council = council_ensure(cluster=cluster)
    form = CouncilSettingsForm(
        request.POST or None,
        cluster=cluster,
        initial={
            "name_genitive": council.name_genitive,
            "city": council.city,
            "quorum_percent": council.quorum_percent,
            "quorum_strict": council.quorum_strict,
            "meetings_activity": council.meetings_activity_id,
        },
    )
    if done := form_submit(
        request,
        form,
        lambda data: council_update(council=council, actor=request.user, **data),
        success="Настройки совета сохранены.",
        next_url=reverse("council:council_home", args=[cluster.slug]),
    ):
        return done
    return render(
        request,
        "council/council_settings.html",
        {"cluster": cluster, "council": council, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def member_add_view(request, slug):
    cluster = access_council_cluster(request.user, slug, for_change=True)
    council = council_ensure(cluster=cluster)
    form = MemberForm(request.POST or None, cluster=cluster)

    @transaction.atomic  # a new person is kept only if the membership is saved too
    def add(data):
        person = data["person"] or person_create(
            council=council,
            actor=request.user,
            organization=data["organization"],
            full_name=data["new_full_name"],
            position=data["new_position"],
            email=data["new_email"],
        )
        return member_add(
            council=council,
            actor=request.user,
            person=person,
            role=data["role"],
            term_start=data["term_start"],
            term_end=data["term_end"],
            organization=data["organization"],
            substitute=data["substitute"],
        )

    if done := form_submit(
        request,
        form,
        add,
        success=lambda member: f"{member.person} включён(а) в состав совета.",
        next_url=reverse("council:council_home", args=[cluster.slug]),
    ):
        return done
    return render(
        request,
        "council/member_form.html",
        {"cluster": cluster, "council": council, "form": form, "member": None},
        status=400 if form.errors else 200,
    )


@login_required
def member_edit(request, pk):
    member = access_member(request.user, pk)
    cluster = member.council.cluster
    initial = {
        "organization": member.organization_id,
        "role": member.role,
        "term_start": member.term_start,
        "term_end": member.term_end,
        "substitute": member.substitute_id,
    }
    form = MemberForm(request.POST or None, cluster=cluster, member=member, initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: member_update(
            member=member,
            actor=request.user,
            role=data["role"],
            term_start=data["term_start"],
            term_end=data["term_end"],
            organization=data["organization"] or member.person.organization,
            substitute=data["substitute"],
        ),
        success=f"Данные члена совета {member.person} сохранены.",
        next_url=reverse("council:council_home", args=[cluster.slug]),
    ):
        return done
    return render(
        request,
        "council/member_form.html",
        {"cluster": cluster, "council": member.council, "form": form, "member": member},
        status=400 if form.errors else 200,
    )
