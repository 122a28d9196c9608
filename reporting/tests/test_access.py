"""access_* of execution for every role, allowed and refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reporting.access import (
    access_deadline_request,
    access_evidence,
    access_indicator,
    access_period,
    access_report,
    access_report_job,
    access_review,
    access_slot,
)
from reporting.models import Evidence, Report, ReportJob
from reporting.services import deadline_change_request
from reporting.tests.factories import IndicatorFactory, ReportFactory

pytestmark = pytest.mark.django_db
EVERYONE = ["admin", "coordinator", "rep_ttvts", "rep_tkgt", "observer", "outsider", "anonymous"]


def allowed(function, *args, **kwargs) -> bool:
    try:
        function(*args, **kwargs)
    except (Http404, PermissionDenied):
        return False
    return True


def report_of_ttvts(world, state):
    return ReportFactory(obligation=world["ob_quarter_ttvts"], period=world["q1"], state=state)


@pytest.mark.parametrize(
    ("state", "readers"),
    [
        ("draft", {"admin", "coordinator", "rep_ttvts"}),
        ("submitted", {"admin", "coordinator", "rep_ttvts"}),
        ("returned", {"admin", "coordinator", "rep_ttvts"}),
        ("accepted", {"admin", "coordinator", "rep_ttvts", "rep_tkgt", "observer"}),
    ],
)
def test_access_report_to_read(world, state, readers):
    report = report_of_ttvts(world, state)
    assert {who for who in EVERYONE if allowed(access_report, world[who], report.pk)} == readers


def test_another_organizations_draft_is_a_404_not_a_403(world):
    report = report_of_ttvts(world, "draft")
    with pytest.raises(Http404):
        access_report(world["rep_tkgt"], report.pk)


@pytest.mark.parametrize("state", ["draft", "accepted"])
def test_access_report_to_write_only_its_organization(world, state):
    report = report_of_ttvts(world, state)
    writers = {w for w in EVERYONE if allowed(access_report, world[w], report.pk, for_change=True)}
    assert writers == {"admin", "rep_ttvts"}
    with pytest.raises(PermissionDenied, match="ОГБПОУ «ТТВТС»"):
        access_report(world["coordinator"], report.pk, for_change=True)


def test_observer_reads_accepted_but_writes_nothing(world):
    report = report_of_ttvts(world, "accepted")
    assert access_report(world["observer"], report.pk) == report
    for function, args in [
        (access_report, (report.pk,)),
        (access_slot, (world["ob_quarter_ttvts"].pk, world["q1"].pk)),
        (access_period, (world["q1"].pk,)),
    ]:
        with pytest.raises(PermissionDenied):
            function(world["observer"], *args, for_change=True)
    with pytest.raises(PermissionDenied):
        access_review(world["observer"], report.pk)


def test_access_slot_to_write(world):
    obligation, period = world["ob_quarter_ttvts"].pk, world["q1"].pk
    writers = {
        w for w in EVERYONE if allowed(access_slot, world[w], obligation, period, for_change=True)
    }
    readers = {w for w in EVERYONE if allowed(access_slot, world[w], obligation, period)}
    assert writers == {"admin", "rep_ttvts"}
    assert readers == {"admin", "coordinator", "rep_ttvts", "rep_tkgt", "observer"}


def test_access_slot_refuses_a_period_of_another_plan(world):
    from reporting.tests.factories import PeriodFactory

    stranger = PeriodFactory()
    with pytest.raises(Http404):
        access_slot(world["rep_ttvts"], world["ob_quarter_ttvts"].pk, stranger.pk)


def test_access_review_only_coordinators_and_admins(world):
    report = report_of_ttvts(world, "submitted")
    reviewers = {w for w in EVERYONE if allowed(access_review, world[w], report.pk)}
    assert reviewers == {"admin", "coordinator"}


def test_access_evidence_follows_the_report(world):
    draft = report_of_ttvts(world, "draft")
    evidence = Evidence.objects.create(report=draft, kind="link", url="https://example.org/news")
    assert {w for w in EVERYONE if allowed(access_evidence, world[w], evidence.pk)} == {
        "admin",
        "coordinator",
        "rep_ttvts",
    }
    Report.objects.filter(pk=draft.pk).update(state="accepted")
    assert {w for w in EVERYONE if allowed(access_evidence, world[w], evidence.pk)} == {
        "admin",
        "coordinator",
        "rep_ttvts",
        "rep_tkgt",
        "observer",
    }
    assert {
        w for w in EVERYONE if allowed(access_evidence, world[w], evidence.pk, for_change=True)
    } == {"admin", "rep_ttvts"}


@pytest.mark.parametrize(
    ("function", "key"), [(access_period, "q1"), (access_indicator, "indicator")]
)
def test_access_period_and_indicator(world, function, key):
    world["indicator"] = IndicatorFactory(activity=world["quarter"])
    pk = world[key].pk
    assert {w for w in EVERYONE if allowed(function, world[w], pk)} == {
        "admin",
        "coordinator",
        "rep_ttvts",
        "rep_tkgt",
        "observer",
    }
    assert {w for w in EVERYONE if allowed(function, world[w], pk, for_change=True)} == {
        "admin",
        "coordinator",
    }


def test_access_deadline_request(world):
    request = deadline_change_request(
        obligation=world["ob_quarter_ttvts"],
        actor=world["rep_ttvts"],
        deadline_text="II квартал 2024 года",
        reason="Площадка на ремонте.",
    )
    assert {w for w in EVERYONE if allowed(access_deadline_request, world[w], request.pk)} == {
        "admin",
        "coordinator",
        "rep_ttvts",
        "observer",
    }
    deciders = {
        w
        for w in EVERYONE
        if allowed(access_deadline_request, world[w], request.pk, for_decision=True)
    }
    assert deciders == {"admin", "coordinator"}


def test_access_report_job_only_who_asked(world):
    job = ReportJob.objects.create(
        plan=world["plan"], period=world["q1"], requested_by=world["observer"]
    )
    assert {w for w in EVERYONE if allowed(access_report_job, world[w], job.pk)} == {
        "admin",
        "observer",
    }


def test_reports_on_removed_activities_stay_readable_but_take_nothing_new(world):
    from plans.models import Activity, PlanEdition

    report = report_of_ttvts(world, "accepted")
    edition = PlanEdition.objects.create(plan=world["plan"], number=2)
    Activity.all_objects.filter(pk=world["quarter"].pk).update(removed_in=edition)
    obligation, period = world["ob_quarter_ttvts"].pk, world["q1"].pk
    assert access_slot(world["observer"], obligation, period)[0].pk == obligation
    assert access_report(world["observer"], report.pk) == report
    with pytest.raises(PermissionDenied, match="исключено из плана"):
        access_slot(world["rep_ttvts"], obligation, period, for_change=True)
