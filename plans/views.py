from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.views import action_submit, form_submit
from orgs.access import access_cluster, access_organization, can_manage_cluster, own_organization_id
from orgs.models import Organization
from plans.access import access_activity, access_plan
from plans.forms import ActivityCreateForm, ActivityFilterForm, ActivityForm, NoteForm
from plans.models import Activity, PlanEdition
from plans.selectors import (
    ActivityFilters,
    State,
    activity_deadline,
    activity_queryset,
    next_due,
    obligation_rows,
    organization_obligation_list,
    page_rows,
    plan_archive_summary,
    state_counts,
    timeline,
    with_obligation_state,
    with_state,
)
from plans.services import (
    activity_create,
    activity_remove,
    activity_update,
    edition_snapshot,
    plan_approve,
    plan_rollover,
    plan_rollover_preview,
)

ACTIVITIES_PER_PAGE = 100


def filtered_page(request, plan, *, with_executors):
    """The filter form and one page of the plan's matching activities, each with its state."""
    organizations = list(
        Organization.objects.filter(memberships__cluster=plan.cluster).order_by("short_name")
    )
    form = ActivityFilterForm(request.GET, plan=plan, organizations=organizations)
    today = timezone.localdate()
    filters = form.filters()
    activities = activity_queryset(plan=plan, filters=filters, today=today)
    # How many of the rows the other filters leave are in each state: one GROUP BY.
    unfiltered = replace(filters, state=None)
    counts = state_counts(activity_queryset(plan=plan, filters=unfiltered, today=today))
    form.show_state_counts(counts)
    # With no other filter these are the whole plan's counts: the archive summary reuses them.
    form.plan_counts = counts if unfiltered == ActivityFilters() else None
    page = Paginator(activities.select_related("objective"), ACTIVITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = page_rows(page.object_list, today, with_executors=with_executors)
    query = request.GET.copy()
    query.pop("page", None)  # the filters alone, for links to other views of the same rows
    return form, page, query.urlencode()


def latest_edition(plan) -> PlanEdition | None:
    """The plan's current edition without its snapshot and change list (pages show neither)."""
    return (
        plan.editions.order_by("-number")
        .only("pk", "plan_id", "number", "edition_date", "kind", "created_at")
        .first()
    )


@login_required
def plan_detail(request, pk):
    plan = access_plan(request.user, pk)
    form, page, query = filtered_page(request, plan, with_executors=True)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "edition": latest_edition(plan),
            "archive": plan_archive_summary(plan, timezone.localdate(), counts=form.plan_counts),
            "form": form,
            "filtered": any(form.cleaned_data.get(name) for name in form.fields),
            "page": page,
            "query": query,
            "can_manage": can_manage_cluster(request.user, plan.cluster),
            "own_organization_id": own_organization_id(request.user, plan.cluster),
        },
    )


@login_required
def plan_timeline(request, pk):
    plan = access_plan(request.user, pk)
    form, page, query = filtered_page(request, plan, with_executors=False)
    months, bars, today_percent = timeline(plan, page.object_list, timezone.localdate())
    return render(
        request,
        "plans/plan_timeline.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "form": form,
            "page": page,
            "months": months,
            "bars": bars,
            "today_percent": today_percent,
            "states": list(State),
            "query": query,
        },
    )


@login_required
def activity_detail(request, pk):
    activity = access_activity(request.user, pk)
    today = timezone.localdate()
    state = with_state(Activity.objects.filter(pk=activity.pk), today).values_list(
        "state", flat=True
    )[0]
    obligations = list(
        with_obligation_state(
            activity.obligations.select_related("organization").order_by(
                "-role", "organization__short_name"
            ),
            today,
        )
    )
    for obligation in obligations:
        obligation.state = State(obligation.state)
    return render(
        request,
        "plans/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.plan,
            "cluster": activity.plan.cluster,
            "obligations": obligations,
            "state": State(state),
            "due": next_due(activity, today),
            "occurrences": activity_deadline(activity).occurrences(),
            "can_manage": can_manage_cluster(request.user, activity.plan.cluster),
        },
    )


OBLIGATIONS_PER_PAGE = 100


@login_required
def organization_obligations(request, slug, pk):
    """What an organization owes in the cluster, by when — soonest due first."""
    cluster = access_cluster(request.user, slug)
    organization = access_organization(request.user, cluster, pk)
    today = timezone.localdate()
    obligations = organization_obligation_list(
        cluster=cluster, organization=organization, today=today
    )
    page = Paginator(obligations, OBLIGATIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = obligation_rows(page.object_list, today)
    return render(
        request,
        "plans/organization_obligations.html",
        {
            "cluster": cluster,
            "organization": organization,
            "page": page,
            "is_own": own_organization_id(request.user, cluster) == organization.pk,
        },
    )


@login_required
def activity_edit(request, pk):
    activity = access_activity(request.user, pk, for_change=True)
    initial = {
        "number": activity.number,
        "title": activity.title,
        "executors_text": activity.executors_text,
        "deadline_text": activity.deadline_text,
    }
    form = ActivityForm(request.POST or None, initial=initial)
    if done := form_submit(
        request,
        form,
        lambda data: activity_update(activity=activity, actor=request.user, **data),
        success="Мероприятие изменено; создана новая редакция плана.",
        next_url=reverse("plans:activity_detail", args=[activity.pk]),
    ):
        return done
    return render(
        request,
        "plans/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "plan": activity.plan,
            "cluster": activity.plan.cluster,
        },
    )


@login_required
def activity_add(request, pk):
    plan = access_plan(request.user, pk, for_change=True)
    form = ActivityCreateForm(request.POST or None, plan=plan)
    if done := form_submit(
        request,
        form,
        lambda data: activity_create(plan=plan, actor=request.user, **data),
        success="Мероприятие добавлено; создана новая редакция плана.",
        next_url=lambda activity: reverse("plans:activity_detail", args=[activity.pk]),
    ):
        return done
    return render(
        request,
        "plans/activity_form.html",
        {"form": form, "plan": plan, "cluster": plan.cluster},
    )


@login_required
@require_POST
def activity_remove_view(request, pk):
    activity = access_activity(request.user, pk, for_change=True)
    form = NoteForm(request.POST)
    form.is_valid()
    edition = activity_remove(
        activity=activity, actor=request.user, note=form.cleaned_data.get("note", "")
    )
    messages.success(
        request, f"Мероприятие {activity.number} исключено из плана (редакция {edition.number})."
    )
    return redirect("plans:plan_detail", pk=activity.plan_id)


@login_required
def plan_editions(request, pk):
    plan = access_plan(request.user, pk)
    # The list shows who, when and why — never the snapshots or change lists.
    editions = (
        plan.editions.select_related("created_by").defer("snapshot", "changes").order_by("-number")
    )
    return render(
        request,
        "plans/plan_editions.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "editions": editions,
            "can_manage": can_manage_cluster(request.user, plan.cluster),
        },
    )


@login_required
def plan_edition_detail(request, pk, number):
    plan = access_plan(request.user, pk)
    edition = get_object_or_404(plan.editions.select_related("created_by"), number=number)
    neighbours = plan.editions.only("pk", "plan_id", "number")
    return render(
        request,
        "plans/plan_edition_detail.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "edition": edition,
            "snapshot": edition_snapshot(edition),
            "previous": neighbours.filter(number__lt=number).order_by("-number").first(),
            "next": neighbours.filter(number__gt=number).order_by("number").first(),
        },
    )


@login_required
def plan_rollover_view(request, pk):
    """«Create next year's plan»: review moved deadlines, drop what does not carry over, save."""
    plan = access_plan(request.user, pk, for_change=True)
    title, window, rolled = plan_rollover_preview(plan)
    errors = []
    if request.method == "POST":
        keep = {int(pk) for pk in request.POST.getlist("keep") if pk.isdigit()}
        try:
            draft = plan_rollover(
                plan=plan, actor=request.user, keep=keep, title=request.POST.get("title", "")
            )
        except ValidationError as error:
            errors = error.messages
            title = request.POST.get("title", title)
            for item in rolled:
                item.keep = item.activity.pk in keep
        else:
            messages.success(request, f"Создан проект плана на {draft.year_label}.")
            return redirect("plans:plan_detail", pk=draft.pk)
    return render(
        request,
        "plans/plan_rollover.html",
        {
            "plan": plan,
            "cluster": plan.cluster,
            "title": title,
            "window": window,
            "rolled": rolled,
            "errors": errors,
            "unshiftable": sum(1 for item in rolled if item.deadline.status == "unshiftable"),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def plan_approve_view(request, pk):
    plan = access_plan(request.user, pk, for_change=True)
    return action_submit(
        request,
        lambda: plan_approve(plan=plan, actor=request.user),
        success="План отмечен как утверждённый.",
        next_url=reverse("plans:plan_detail", args=[plan.pk]),
    )
