"""ClusterPlan benchmarks: `make bench`.

Prints, for each measurement, the median wall time over several runs, the peak Python memory of one
run (tracemalloc: C libraries such as lxml are not traced, so the process peak is printed last) and
the ratio to a baseline measured in the same run on the same machine, so the figures can be compared
across machines. Runs on a throwaway SQLite database (or DATABASE_URL).

    plan reading     seed DOCX read by ClusterPlan  vs  python-docx merely opening it
    plan import      1,000-activity DOCX read + previewed + saved  vs  the seed's
    plan export      DOCX, XLSX, PDF of the seed and of 1,000 activities  vs  the seed's DOCX
    API list         10,000 activities: the first page, filtered  vs  the API's cluster list
    plan page        1,000 activities, 50 organizations (the page shows 100 rows, like Redmine's
                     100-row issue list: 150–250 ms there)  vs  the sign-in page, Django's floor
"""

import io
import itertools
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import ROOT, measure, row, setup_django

WORKDIR = setup_django("clusterplan-bench-")

import docx  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core.services import api_token_create  # noqa: E402
from documents.demo import demo_load  # noqa: E402
from documents.export import export_plan_from_db, plan_to_docx, plan_to_pdf, plan_to_xlsx  # noqa: E402
from orgs.models import Cluster, Membership, Organization, UserRole  # noqa: E402
from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument, read_plan  # noqa: E402
from plans.models import Plan  # noqa: E402
from plans.services import plan_import, plan_preview  # noqa: E402

SEED_DOCX = ROOT / "seed" / "plan-transport-cluster-2023-2024.docx"
EXECUTORS = [
    "ОГБПОУ «ТТВТС», руководители ПОО",
    "Представители кластера",
    "Заместители руководителей ПОО",
    "Руководители ПОО Предприятия-партнеры",
    "Руководители ПОО ЦОПП",
    "ОГБПОУ «ТКГТ» Руководители ПОО",
    "Бенч: колледж 7",
    "Бенч: предприятие 3, Бенч: колледж 11",
]
DEADLINES = [
    "октябрь 2023 года",
    "В течение года",
    "IV квартал 2023 года",
    "октябрь-ноябрь 2023 года",
    "В течение учебного года",
    "до 15 декабря 2023 г.",
    "ежемесячно",
    "По мере необходимости",
    "I полугодие 2024 года",
    "25.10.2023",
]


def generated_plan_docx(activity_count: int) -> bytes:
    """A plan document shaped like the seed: 20 objectives, numbered activities, four columns."""
    document = docx.Document()
    document.add_paragraph("Утверждаю\nПредседатель Координационного совета\nЮ.В. Дроздов")
    document.add_paragraph("(в редакции от «02» июня 2023 г.)")
    document.add_paragraph("План работы тестового кластера на 2023 – 2024 учебный год").runs[
        0
    ].bold = True
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells,
        ["№ п/п", "Наименование мероприятия", "Исполнители", "Срок исполнения"],
        strict=True,
    ):
        cell.text = title
    per_objective = activity_count // 20
    for n in range(activity_count):
        objective, number = divmod(n, per_objective)
        if number == 0:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[3])
            merged.text = f"Задача {objective + 1}. Направление работы номер {objective + 1}"
            merged.paragraphs[0].runs[0].bold = True
        cells = table.add_row().cells
        cells[0].text = f"{objective + 1}.{number + 1}"
        cells[
            1
        ].text = f"Мероприятие {objective + 1}.{number + 1}: организация и проведение работы с участием предприятий-партнёров"
        cells[2].text = EXECUTORS[n % len(EXECUTORS)]
        cells[3].text = DEADLINES[n % len(DEADLINES)]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    demo_load()
    cluster = Cluster.objects.get(slug="transport")
    for n in range(1, 51 - cluster.memberships.count()):
        kind = Organization.Kind.ENTERPRISE if n % 3 == 0 else Organization.Kind.COLLEGE
        label = "предприятие" if kind == Organization.Kind.ENTERPRISE else "колледж"
        organization = Organization.objects.create(
            short_name=f"Бенч: {label} {n}", full_name=f"Бенч: {label} {n}", kind=kind, is_demo=True
        )
        Membership.objects.create(cluster=cluster, organization=organization)
    print(
        f"ClusterPlan benchmarks — database: {connection.vendor}, organizations in cluster: "
        f"{cluster.memberships.count()}, Python {sys.version.split()[0]}"
    )
    print(f"{'measurement':58} {'median':>12} {'peak mem':>12} {'ratio':>8}")

    seed = SEED_DOCX.read_bytes()
    open_only, open_peak = measure(lambda: docx.Document(io.BytesIO(seed)), 20)
    row("baseline: python-docx opens the seed DOCX", open_only, open_peak)
    seconds, peak = measure(lambda: read_plan(seed, SEED_DOCX.name), 20)
    row("read the seed DOCX (17 activities)", seconds, peak, open_only)

    big = generated_plan_docx(1000)
    seconds_read, peak = measure(lambda: read_plan(big, "plan-1000.docx"), 3)
    row("read a generated DOCX (1,000 activities)", seconds_read, peak, open_only)
    coordinator = UserRole.objects.get(cluster=cluster, kind=UserRole.Kind.COORDINATOR).user

    imports = itertools.count()

    def import_as_new(document):
        """Import under a title of its own each time: deleting the previous copy would time
        Django's cascade over every table that points at a plan, not the import."""
        title = f"{document.title} ({next(imports)})"
        plan_import(cluster=cluster, document=replace(document, title=title), actor=coordinator)

    def import_seed():
        import_as_new(read_plan(seed, "seed.docx"))

    seed_import, seed_peak = measure(import_seed, 5)
    row("read + import the seed DOCX", seed_import, seed_peak)

    def import_big():
        document = read_plan(big, "plan-1000.docx")
        plan_preview(cluster=cluster, document=document)
        import_as_new(document)

    seconds, peak = measure(import_big, 3)
    row(
        "read + preview + import 1,000 activities", seconds, peak, seed_import, "ratio: vs the seed"
    )

    plan = Plan.objects.filter(title__startswith="План работы тестового").latest("pk")
    seed_plan = Plan.objects.filter(title__startswith="План работы образовательно").latest("pk")
    seed_export = export_plan_from_db(seed_plan)
    big_export = export_plan_from_db(plan)
    docx_seed, docx_seed_peak = measure(lambda: plan_to_docx(seed_export), 5)
    row("export the seed plan: DOCX", docx_seed, docx_seed_peak)
    for name, render, repeat in (("XLSX", plan_to_xlsx, 5), ("PDF", plan_to_pdf, 3)):
        seconds, peak = measure(lambda render=render: render(seed_export), repeat)
        row(f"export the seed plan: {name}", seconds, peak, docx_seed, "ratio: vs seed DOCX")
    for name, render, repeat in (
        ("DOCX", plan_to_docx, 3),
        ("XLSX", plan_to_xlsx, 3),
        ("PDF", plan_to_pdf, 1),
    ):
        seconds, peak = measure(lambda render=render: render(big_export), repeat)
        row(f"export 1,000 activities: {name}", seconds, peak, docx_seed, "ratio: vs seed DOCX")

    client = Client()
    client.force_login(coordinator)
    login_client = Client()

    def get(c, url):
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)

    floor, floor_peak = measure(lambda: get(login_client, "/login/"), 30)
    row("baseline: the sign-in page", floor, floor_peak)
    pages = [
        ("plan page, 1,000 activities (first 100 rows)", f"/plans/{plan.pk}/"),
        (
            "plan page filtered by organization",
            f"/plans/{plan.pk}/?organization={Organization.objects.get(short_name='ОГБПОУ «ТТВТС»').pk}",
        ),
        ("plan page, text search «проведение»", f"/plans/{plan.pk}/?q=проведение"),
        ("timeline, 1,000 bars", f"/plans/{plan.pk}/timeline/"),
        (
            "organization page (what it owes)",
            f"/clusters/transport/organizations/{Organization.objects.get(short_name='ОГБПОУ «ТТВТС»').pk}/",
        ),
        ("cluster page, 50 organizations", "/clusters/transport/"),
    ]
    for name, url in pages:
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        query_count = len(queries)  # read now: the next request resets the query log
        seconds, peak = measure(lambda url=url: get(client, url), 15)
        row(name, seconds, peak, floor, f"{query_count} queries")
    api_benchmarks(cluster, coordinator)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Process peak resident memory over the whole run: {max_rss:.0f} MiB")
    print("Reference: Redmine serves a 100-row issue list in about 150–250 ms on this machine.")


def api_benchmarks(cluster, coordinator):
    """The REST API's activity list on a plan of 10,000 activities: first page, then filtered."""
    # The generated organizations: their names hold no group words («ЦОПП», «предприятия-партнёры»)
    # that the executors reader would take for a group.
    organizations = list(
        Organization.objects.filter(memberships__cluster=cluster, short_name__startswith="Бенч")
    )
    rows = tuple(
        ActivityRow(
            number=f"{n // 500 + 1}.{n % 500 + 1}",
            title=f"Мероприятие {n}: организация и проведение работы",
            executors=organizations[n % len(organizations)].short_name,
            deadline_text=DEADLINES[n % len(DEADLINES)],
        )
        for n in range(10_000)
    )
    objectives = tuple(
        ObjectiveRow(str(k + 1), f"Задача {k + 1}", rows[k * 500 : (k + 1) * 500])
        for k in range(20)
    )
    document = PlanDocument(
        title="План работы большого кластера на 2023 – 2024 учебный год",
        approved_by="",
        edition_date=None,
        plan_year="2023-2024",
        objectives=objectives,
    )
    started = time.perf_counter()
    plan = plan_import(cluster=cluster, document=document, actor=coordinator)
    print(
        f"{'(set-up) import 10,000 activities':58} {(time.perf_counter() - started) * 1000:9.1f} ms"
    )
    _, raw_key = api_token_create(user=coordinator, name="bench")
    client = Client(headers={"Authorization": f"Bearer {raw_key}"})
    college = organizations[0]  # one of the generated executors: about one activity in 40
    base = f"/api/v1/plans/{plan.pk}/activities"

    def get(url, params):
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])

    floor, floor_peak = measure(lambda: get("/api/v1/clusters", {}), 20)
    row("baseline: API cluster list", floor, floor_peak)
    cases = [
        ("API activities of 10,000: first page of 100", {"limit": 100}),
        ("API activities, filtered by organization", {"limit": 100, "organization": college.pk}),
        (
            "API activities, state + due range + order",
            {
                "limit": 100,
                "state": "overdue",
                "due_from": "2023-10-01",
                "due_to": "2023-12-31",
                "ordering": "-deadline_end",
            },
        ),
        ("API activities, text search", {"limit": 100, "q": "мероприятие 99"}),
    ]
    for name, params in cases:
        with CaptureQueriesContext(connection) as queries:
            get(base, params)
        query_count = len(queries)
        seconds, peak = measure(lambda params=params: get(base, params), 10)
        row(name, seconds, peak, floor, f"{query_count} queries")
    print("Reference: Redmine's JSON API answers a 100-issue list in about 350 ms on this machine.")


if __name__ == "__main__":
    main()
