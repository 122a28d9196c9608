"""Execution benchmarks: `.venv/bin/python bench/reporting_bench.py`.

Same style as the other benchmarks (bench/common.py): the median wall time over several runs, the peak Python memory of one
run (tracemalloc; C libraries such as lxml and WeasyPrint's are not traced) and the ratio to a
baseline measured in the same run on the same machine. A throwaway SQLite database (or
DATABASE_URL) holds a generated cluster: 30 organizations, a plan of 200 activities, four quarters
and reports in every state (about 70 % of the expected ones started, half of those accepted).

    dashboard pages   the execution dashboard, report lists, an organization's to-do
                      vs  the sign-in page, Django's floor
    consolidated      the year-to-date report read from the database, then rendered as DOCX, XLSX
                      and PDF  vs  the official plan's own DOCX export of the same 200 activities
"""

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import measure, row, setup_django

WORKDIR = setup_django("clusterplan-reporting-bench-")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.documents import export_plan_from_db, plan_to_docx  # noqa: E402
from reporting.consolidated import RENDERERS, build_consolidated  # noqa: E402
from reporting.models import Report  # noqa: E402
from reporting.tests.factories import build_cluster  # noqa: E402

ORGANIZATIONS, ACTIVITIES = 30, 200


def main():
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"(database and static files set up in {time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    world = build_cluster(organizations=ORGANIZATIONS, activities=ACTIVITIES, slug="bench")
    built = time.perf_counter() - started
    plan, periods = world["plan"], world["periods"]
    obligations = plan.activities.values("obligations").count()
    print(
        f"ClusterPlan reporting benchmarks — database: {connection.vendor}, Python "
        f"{sys.version.split()[0]}\n"
        f"cluster: {ORGANIZATIONS} organizations, {ACTIVITIES} activities, {obligations} "
        f"obligations, {len(periods)} periods, {Report.objects.count()} reports "
        f"(generated in {built:.1f} s)"
    )
    print(f"{'measurement':58} {'median':>12} {'peak mem':>12} {'ratio':>8}")

    client = Client()
    client.force_login(world["coordinator"])
    login_client = Client()

    def get(c, url):
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    floor, floor_peak = measure(lambda: get(login_client, "/login/"), 30)
    row("baseline: the sign-in page", floor, floor_peak)
    organization = world["organizations"][0].pk
    q2 = periods[1].pk
    pages = [
        ("dashboard, II quarter (matrix 200 × 30)", f"/clusters/bench/execution/?period={q2}"),
        (
            "dashboard filtered by organization",
            f"/clusters/bench/execution/?period={q2}&organization={organization}",
        ),
        (
            "reports behind a number (not submitted)",
            f"/clusters/bench/execution/reports/?period={q2}&state=not_submitted",
        ),
        ("overdue reports, all periods", "/clusters/bench/execution/reports/?overdue=1"),
        (
            "an organization's to-do for the period",
            f"/clusters/bench/organizations/{organization}/reports/?period={q2}",
        ),
    ]
    for name, url in pages:
        with CaptureQueriesContext(connection) as queries:
            size = len(get(client, url).content)
        query_count = len(queries)
        seconds, peak = measure(lambda url=url: get(client, url), 9)
        row(name, seconds, peak, floor, f"{query_count} queries, {size // 1024} KiB")

    baseline, baseline_peak = measure(lambda: plan_to_docx(export_plan_from_db(plan)), 5)
    row("baseline: the plan's official DOCX export (200 rows)", baseline, baseline_peak)
    last = periods[-1]

    def build():
        return build_consolidated(plan=plan, period=last, year_to_date=True, base_url="https://x")

    with CaptureQueriesContext(connection) as queries:
        report = build()
    seconds, peak = measure(build, 5)
    row(
        "consolidated, year to date: read and assemble",
        seconds,
        peak,
        baseline,
        f"{len(queries)} queries, {sum(len(r.notes) for r in report.rows)} notes",
    )
    for fmt, render in RENDERERS.items():
        repeat = 1 if fmt == "pdf" else 3  # WeasyPrint lays out every page: seconds, not ms
        seconds, peak = measure(lambda render=render: render(build()), repeat)
        row(
            f"consolidated, year to date: built + rendered as {fmt.upper()}",
            seconds,
            peak,
            baseline,
        )
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Process peak resident memory over the whole run: {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
