"""The whole cycle on the seed plan: periods → three organizations report (one returned and
resubmitted) → the coordinator accepts → the consolidated DOCX holds each text in its row."""

import io
from collections import Counter

import docx
import pytest
from django.urls import reverse

from documents.demo import demo_load
from orgs.models import Organization, UserRole
from orgs.tests.factories import UserFactory
from plans.models import Plan
from reporting.models import Report, ReportingPeriod, ReportJob
from reporting.selectors import plan_grid

pytestmark = pytest.mark.django_db


def texts_of(row) -> str:
    return "\n".join(paragraph.text for paragraph in row.cells[4].paragraphs)


def test_whole_cycle_on_the_seed_plan(client, immediate_tasks):
    demo_load()
    plan = Plan.objects.get()
    users = {role.user.username: role.user for role in UserRole.objects.select_related("user")}
    college = Organization.objects.get(short_name="Демо: колледж 1")
    users["college1"] = UserFactory(username="college1", first_name="Представитель колледжа 1")
    UserRole.objects.create(
        user=users["college1"], cluster=plan.cluster, kind="representative", organization=college
    )

    # 1. The coordinator makes the quarters.
    client.force_login(users["coordinator"])
    client.post(reverse("reporting:period_generate", args=[plan.pk]), {"kind": "quarter"})
    q4 = ReportingPeriod.objects.get(plan=plan, title="IV квартал 2023 года")
    assert ReportingPeriod.objects.filter(plan=plan).count() == 5

    # 2. Three organizations report on everything they owe for the fourth quarter.
    grid = plan_grid(plan=plan)
    plans_for = {
        "ttvts": ("ОГБПОУ «ТТВТС»", "done"),
        "tkgt": ("ОГБПОУ «ТКГТ»", "in_progress"),
        "college1": ("Демо: колледж 1", "done"),
    }
    written = {}  # (activity number, organization) → (status, text)
    for username, (name, status) in plans_for.items():
        client.force_login(users[username])
        slots = [
            s for s in grid.slots(q4) if grid.organizations[s.obligation.organization_id] == name
        ]
        assert slots, name
        for index, slot in enumerate(slots):
            url_args = [slot.obligation.id, q4.pk]
            this_status = "not_done" if username == "college1" and index == 0 else status
            text = (
                f"{name}: по мероприятию {slot.activity.number} за IV квартал сделано {index + 1}."
            )
            client.post(
                reverse("reporting:report_save", args=url_args),
                {"version": 0, "status": this_status, "text": "черновик"},
                HTTP_HX_REQUEST="true",
            )
            response = client.post(
                reverse("reporting:report_submit", args=url_args),
                {
                    "version": 1,
                    "status": this_status,
                    "text": text,
                    "reason": "Не выделено помещение." if this_status == "not_done" else "",
                },
            )
            assert response.status_code == 302, response.content.decode()[:2000]
            written[(slot.activity.number, name)] = (this_status, text)

    # 3. The coordinator returns one of ТКГТ's reports; ТКГТ fixes and resubmits it.
    returned = Report.objects.filter(obligation__organization__short_name="ОГБПОУ «ТКГТ»").first()
    client.force_login(users["coordinator"])
    client.post(
        reverse("reporting:report_review", args=[returned.pk]),
        {"decision": "return", "comment": "Укажите число участников."},
    )
    client.force_login(users["tkgt"])
    page = client.get(
        reverse("reporting:report_page", args=[returned.obligation_id, q4.pk])
    ).content.decode()
    assert "Укажите число участников." in page
    returned.refresh_from_db()
    fixed = f"ОГБПОУ «ТКГТ»: по мероприятию {returned.obligation.activity.number} — исправлено, 35 участников."
    client.post(
        reverse("reporting:report_submit", args=[returned.obligation_id, q4.pk]),
        {"version": returned.version, "status": "done", "text": fixed},
    )
    written[(returned.obligation.activity.number, "ОГБПОУ «ТКГТ»")] = ("done", fixed)
    assert returned.versions.count() == 2

    # 4. The coordinator accepts everything on review.
    client.force_login(users["coordinator"])
    for report in Report.objects.filter(state="submitted"):
        client.post(reverse("reporting:report_review", args=[report.pk]), {"decision": "accept"})
    assert Report.objects.filter(state="accepted").count() == len(written)

    # 5. One click: the consolidated DOCX for the quarter.
    response = client.post(
        reverse("reporting:consolidated_new", args=[plan.pk]),
        {"period": q4.pk, "year_to_date": "0", "organization": "", "format": "docx"},
    )
    job = ReportJob.objects.get()
    assert response.url == reverse("reporting:report_job_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "Отчёт готов." in page
    download = client.get(reverse("reporting:report_job_download", args=[job.pk]))
    data = b"".join(download.streaming_content)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Отчёт о выполнении плана работы" in text
    assert "за IV квартал 2023 года (01.10.2023 – 31.12.2023)" in text

    rows = {
        row.cells[0].text: row
        for row in document.tables[-1].rows[1:]
        if row.cells[0].text != row.cells[4].text
    }
    for (number, name), (_status, body) in written.items():
        cell = texts_of(rows[number])
        assert name in cell, (number, name)
        assert body in cell, (number, name)
    old_text = f"{plans_for['tkgt'][0]}: по мероприятию {returned.obligation.activity.number} за IV квартал"
    assert old_text not in texts_of(rows[returned.obligation.activity.number])  # the fixed one only
    assert "Причина: Не выделено помещение." in "\n".join(texts_of(r) for r in rows.values())

    # 6. The summary counts match what was accepted, and who did not report.
    expected_slots = grid.slots(q4)
    statuses = Counter(status for status, _ in written.values())
    summary = {row.cells[0].text: int(row.cells[1].text) for row in document.tables[0].rows[1:]}
    assert summary["выполнено"] == statuses["done"]
    assert summary["в работе"] == statuses["in_progress"]
    assert summary["не выполнено"] == statuses["not_done"] == 1
    assert summary["нет принятого отчёта"] == len(expected_slots) - len(written)
    assert summary["Всего"] == len(expected_slots)
