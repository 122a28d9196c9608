from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render

from orgs.access import (
    access_cluster,
    can_manage_cluster,
    clusters_for,
    own_organization_id,
)
from orgs.models import Membership


@login_required
def home(request):
    clusters = list(clusters_for(request.user).annotate(plan_count=Count("plans")))
    if len(clusters) == 1:
        return redirect("orgs:cluster_detail", slug=clusters[0].slug)
    return render(request, "orgs/home.html", {"clusters": clusters})


@login_required
def cluster_detail(request, slug):
    cluster = access_cluster(request.user, slug)
    memberships = (
        Membership.objects.filter(cluster=cluster)
        .select_related("organization")
        .annotate(obligation_count=Count("organization__obligations"))
        .order_by("organization__kind", "organization__short_name")
    )
    plans = cluster.plans.annotate(activity_count=Count("activities")).order_by("-window_start")
    return render(
        request,
        "orgs/cluster_detail.html",
        {
            "cluster": cluster,
            "plans": plans,
            "memberships": memberships,
            "can_manage": can_manage_cluster(request.user, cluster),
            "own_organization_id": own_organization_id(request.user, cluster),
        },
    )
