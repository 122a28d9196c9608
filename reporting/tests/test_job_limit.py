"""A user may have only REPORT_JOBS_PER_USER consolidated-report jobs queued or running at once;
one more is refused with a Russian message and nothing queued."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting.models import ReportJob
from reporting.services import report_job_create
from reporting.tests.test_consolidated import reported

__all__ = ["reported"]


def ask(reported, actor):
    return report_job_create(plan=reported["plan"], period=reported["q1"], actor=actor)


def test_jobs_over_the_limit_are_refused_per_user(reported, settings):
    settings.REPORT_JOBS_PER_USER = 2
    first = ask(reported, reported["coordinator"])
    ask(reported, reported["coordinator"])
    with pytest.raises(ValidationError, match="не больше 2 одновременно"):
        ask(reported, reported["coordinator"])
    ask(reported, reported["observer"])  # another user has a limit of their own
    ReportJob.objects.filter(pk=first.pk).update(state=ReportJob.State.DONE)
    ask(reported, reported["coordinator"])  # a finished job frees its place
    assert ReportJob.objects.filter(requested_by=reported["coordinator"]).count() == 3


def test_the_page_says_so_in_russian(client, reported, settings):
    settings.REPORT_JOBS_PER_USER = 1
    settings.REPORT_IMMEDIATE_OBLIGATIONS = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(reported["observer"])
    url = reverse("reporting:consolidated_new", args=[reported["plan"].pk])
    data = {"period": reported["q1"].pk, "year_to_date": "0", "organization": "", "format": "docx"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400
    assert "не больше 1 одновременно" in response.content.decode()
    assert ReportJob.objects.count() == 1
