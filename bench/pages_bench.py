"""Pages at scale, over HTTP, beside floors measured in the same run: `make bench` (or
`.venv/bin/python bench/pages_bench.py --scale plan|national|both`).

Two datasets on PostgreSQL (the machine's server, 127.0.0.1:5432), each built once and kept between
runs in a database of its own (rebuilt when DATASET_VERSION changes or with --rebuild):

    plan      one cluster, 50 organizations, a plan of 10,000 activities (about 20,000
              obligations), four quarters and 60,000 reports in every state, 50 editions of a
              second plan beside a plan of one edition
    national  100 clusters, 3,000 organizations, 100,000 activities, 200,000 obligations,
              five periods each, 1,000,000 reports

gunicorn (one sync worker, production settings, DEBUG off) serves the project and, under /bench/,
the floors (bench/floors.py): bare Django views that run the page's minimal SQL — one indexed
query for the rows shown — and render nothing but a table. Each page and its floor are requested
alternately over one keep-alive connection; the script prints median, p95, the ratio of medians,
the page's query count (the same URL run once in this process with a query log) and the peak
traced memory of that in-process run; at the end the worker's peak resident memory.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
PG = "postgres://postgres@127.0.0.1:5432/"
DATASET_VERSION = "2026-12-04.1"  # bump when build() changes what it makes
SCALES = {
    "plan": {"clusters": 1, "organizations": 50, "activities": 10_000, "periods": 4, "share": 0.75},
    # A few seconds to build: to try the script itself, not to measure.
    "smoke": {"clusters": 1, "organizations": 10, "activities": 300, "periods": 4, "share": 0.75},
    "national": {
        "clusters": 100,
        "organizations": 30,
        "activities": 1_000,
        "periods": 5,
        "share": 1.0,
    },
}
DEADLINES = [
    "октябрь 2023 года",
    "В течение года",
    "IV квартал 2023 года",
    "до 15 декабря 2023 г.",
    "ежемесячно",
    "По мере необходимости",
    "I полугодие 2024 года",
    "25.10.2023",
    "май 2024 года",
    "II квартал 2024 года",
]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: str, workdir: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": PG + database,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_LOGLEVEL": "warning",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def database_ready(database: str) -> bool:
    """The dataset is there and was built by this version of the builder."""
    probe = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            "select version from bench_dataset",
        ],
        capture_output=True,
        text=True,
    )
    return probe.returncode == 0 and probe.stdout.strip() == DATASET_VERSION


def recreate_database(database: str) -> None:
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)


# -- building a dataset (in this process, through the services where rules live) -------------------


def build(scale: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    shape = SCALES[scale]
    started = time.perf_counter()
    for n in range(shape["clusters"]):
        build_cluster(n, shape)
        if (n + 1) % 10 == 0:
            print(
                f"  built {n + 1} of {shape['clusters']} clusters, {time.perf_counter() - started:.0f} s"
            )
    if scale in ("plan", "smoke"):
        build_editions()
    refresh_derived()
    with connection.cursor() as cursor:
        cursor.execute("create table bench_dataset (version text)")
        cursor.execute("insert into bench_dataset values (%s)", [DATASET_VERSION])
        cursor.execute("analyze")
    print(f"  (set-up) dataset «{scale}» built in {time.perf_counter() - started:.0f} s")


def build_cluster(n: int, shape: dict) -> None:
    from django.contrib.auth import get_user_model

    from orgs.models import Cluster, Membership, Organization, UserRole
    from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument
    from plans.services import plan_import

    cluster = Cluster.objects.create(
        slug=f"bench-{n}", name=f"Кластер {n}", short_name=f"Кластер {n}", industry="Транспорт"
    )
    organizations = Organization.objects.bulk_create(
        Organization(
            short_name=f"Бенч {n}: колледж {k}",
            full_name=f"Бенч {n}: колледж {k}",
            kind=Organization.Kind.COLLEGE,
            is_demo=True,
        )
        for k in range(shape["organizations"])
    )
    Membership.objects.bulk_create(
        Membership(cluster=cluster, organization=organization) for organization in organizations
    )
    User = get_user_model()
    coordinator = User.objects.create_user(f"coordinator-{n}", password=None)
    UserRole.objects.create(user=coordinator, cluster=cluster, kind=UserRole.Kind.COORDINATOR)
    count = shape["activities"]
    per_objective = max(1, count // 20)
    rows = [
        ActivityRow(
            number=f"{i // per_objective + 1}.{i % per_objective + 1}",
            title=f"Мероприятие {i}: организация и проведение работы с предприятиями",
            executors=", ".join(
                organizations[(i + j * 7) % len(organizations)].short_name for j in range(2)
            ),
            deadline_text=DEADLINES[i % len(DEADLINES)],
        )
        for i in range(count)
    ]
    document = PlanDocument(
        title=f"План работы кластера {n} на 2023 – 2024 учебный год",
        approved_by="",
        edition_date=None,
        plan_year="2023-2024",
        objectives=tuple(
            ObjectiveRow(
                str(k + 1),
                f"Задача {k + 1}",
                tuple(rows[k * per_objective : (k + 1) * per_objective]),
            )
            for k in range((count + per_objective - 1) // per_objective)
        ),
    )
    plan = plan_import(cluster=cluster, document=document, actor=coordinator)
    build_reports(plan, shape, coordinator)


def build_reports(plan, shape: dict, reviewer) -> None:
    """Periods of the plan's year and reports in every state for `share` of obligation × period."""
    from django.utils import timezone

    from plans.models import Obligation
    from reporting.models import Report, ReportingPeriod

    start = plan.window_start
    length = (plan.window_end - start).days // shape["periods"]
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            plan=plan,
            title=f"Период {k + 1}",
            start=start + timedelta(days=k * length),
            end=start + timedelta(days=(k + 1) * length - 1),
            due_date=start + timedelta(days=(k + 1) * length + 9),
        )
        for k in range(shape["periods"])
    )
    obligations = list(Obligation.objects.filter(activity__plan=plan).values_list("pk", flat=True))
    states = [
        (Report.State.ACCEPTED, Report.Status.DONE),
        (Report.State.ACCEPTED, Report.Status.IN_PROGRESS),
        (Report.State.SUBMITTED, Report.Status.DONE),
        (Report.State.DRAFT, Report.Status.IN_PROGRESS),
        (Report.State.RETURNED, Report.Status.DONE),
        (Report.State.ACCEPTED, Report.Status.NOT_DONE),
    ]
    now = timezone.now()
    batch = []
    for index, obligation_id in enumerate(obligations):
        for k, period in enumerate(periods):
            if (index * 7 + k) % 100 >= shape["share"] * 100:
                continue
            state, status = states[(index + k) % len(states)]
            reviewed = state in (Report.State.ACCEPTED, Report.State.RETURNED)
            batch.append(
                Report(
                    obligation_id=obligation_id,
                    period=period,
                    state=state,
                    status=status,
                    reason="Перенесено по решению совета"
                    if status == Report.Status.NOT_DONE
                    else "",
                    text="Проведено, отчёт приложен.",
                    submitted_at=now if state != Report.State.DRAFT else None,
                    reviewed_at=now if reviewed else None,
                    reviewed_by=reviewer if reviewed else None,
                )
            )
            if len(batch) >= 5000:
                Report.objects.bulk_create(batch)
                batch = []
    Report.objects.bulk_create(batch)


def build_editions() -> None:
    """A plan of 100 activities with 50 editions (49 edits) beside one with its first only."""
    from orgs.models import Cluster, UserRole
    from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument
    from plans.models import Activity
    from plans.services import activity_update, plan_import

    cluster = Cluster.objects.get(slug="bench-0")
    coordinator = (
        UserRole.objects.filter(cluster=cluster, kind=UserRole.Kind.COORDINATOR).first().user
    )
    executor = cluster.memberships.first().organization.short_name
    for title in ("План с одной редакцией", "План с пятьюдесятью редакциями"):
        rows = tuple(
            ActivityRow(str(i + 1), f"Мероприятие {i + 1}", executor, "IV квартал 2023 года")
            for i in range(100)
        )
        plan_import(
            cluster=cluster,
            document=PlanDocument(
                title=f"{title} на 2023 – 2024 учебный год",
                approved_by="",
                edition_date=None,
                plan_year="2023-2024",
                objectives=(ObjectiveRow("1", "Задача 1", rows),),
            ),
            actor=coordinator,
        )
    many = cluster.plans.get(title__startswith="План с пятьюдесятью")
    activity = Activity.objects.filter(plan=many).order_by("position").first()
    for k in range(49):
        activity_update(
            activity=activity,
            actor=coordinator,
            **edit_fields(activity, f"Мероприятие 1, уточнение {k + 1}"),
        )
        activity.refresh_from_db()


def edit_fields(activity, title: str) -> dict:
    """The keyword arguments of one edit: a new title, everything else as it is."""
    return {
        "number": activity.number,
        "title": title,
        "executors_text": activity.executors_text,
        "deadline_text": activity.deadline_text,
    }


def refresh_derived() -> None:
    """Reports were bulk-inserted past the services: recompute what plans keeps from them (the
    execution columns the plan pages filter and count by), as `clusterplan refresh_execution`."""
    from django.core.management import call_command

    call_command("refresh_execution", verbosity=0)


# -- measuring over HTTP ---------------------------------------------------------------------------


class Browser:
    """One keep-alive connection with a signed-in session."""

    def __init__(self, port: int, session_key: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {"sessionid": session_key}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text


def timed(browser: Browser, method: str, path: str, body=None) -> float:
    payload = body() if callable(body) else body  # made before the clock starts (a form GET)
    started = time.perf_counter()
    status, text = browser.request(method, path, payload)
    elapsed = time.perf_counter() - started
    if status not in (200, 302):
        raise SystemExit(f"{method} {path} answered {status}: {text[:300]}")
    return elapsed


def in_process(path: str, user, method="get", data=None) -> tuple[int, float]:
    """The page's queries and peak traced memory, run once in this process with a query log."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    getattr(client, method)(path, data)  # warm
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert response.status_code in (200, 302), (path, response.status_code)
    return len(queries), peak


def compare(browser, name, page, floor, *, user, repeat, method="GET", body=None, floor_body=None):
    """Page and floor alternately; prints both and the ratio of medians."""
    page_times, floor_times = [], []
    timed(browser, method, page, body)
    timed(browser, method, floor, floor_body)
    for _ in range(repeat):
        page_times.append(timed(browser, method, page, body))
        floor_times.append(timed(browser, method, floor, floor_body))
    queries, peak = in_process(
        page, user, method.lower(), dict(re.findall(r"([^=&]+)=([^&]*)", body())) if body else None
    )
    line(name, page_times, queries, peak, statistics.median(floor_times))
    line(
        "  floor: " + floor.split("?")[0].removeprefix("/bench/floor/"), floor_times, 1, None, None
    )
    return statistics.median(page_times), statistics.median(floor_times)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def line(name, times, queries, peak, floor_median):
    median = statistics.median(times)
    ratio = f"{median / floor_median:6.2f}×" if floor_median else "       "
    memory = f"{peak:7.1f} MiB" if peak is not None else "           "
    print(
        f"{name:52} {median * 1000:8.1f} ms  p95 {p95(times) * 1000:8.1f} ms  "
        f"{queries if queries is not None else '':>3} q  {memory}  {ratio}"
    )


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(  # the backend that loads users (not axes' guard)
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def measure_scale(scale: str, port: int, repeat: int) -> None:
    from django.contrib.auth import get_user_model

    from orgs.models import Cluster, Organization
    from plans.models import Activity, Plan

    User = get_user_model()
    cluster = Cluster.objects.get(slug="bench-0")
    user = User.objects.get(username="coordinator-0")
    user.is_superuser = False
    browser = Browser(port, session_for(user))
    plan = Plan.objects.filter(cluster=cluster, title__startswith="План работы кластера").get()
    organization = Organization.objects.filter(memberships__cluster=cluster).order_by("pk")[3]
    activities = Activity.objects.filter(plan=plan).count()
    print(
        f"\n{scale}: {Cluster.objects.count()} clusters, {Organization.objects.count()} organizations, "
        f"{Activity.objects.count()} activities ({activities} in the plan measured), "
        f"{count_reports()} reports"
    )
    print(f"{'page':52} {'median':>11}  {'p95':>15}  {'q':>5}  {'peak mem':>11}  {'ratio':>7}")
    compare(
        browser,
        "plan page (first 100 rows)",
        f"/plans/{plan.pk}/",
        f"/bench/floor/plan/{plan.pk}/",
        user=user,
        repeat=repeat,
    )
    compare(
        browser,
        "plan page, filtered by organization",
        f"/plans/{plan.pk}/?organization={organization.pk}",
        f"/bench/floor/plan/{plan.pk}/?organization={organization.pk}",
        user=user,
        repeat=repeat,
    )
    last = (activities + 99) // 100
    compare(
        browser,
        f"plan page, last page ({last})",
        f"/plans/{plan.pk}/?page={last}",
        f"/bench/floor/plan/{plan.pk}/?page={last}",
        user=user,
        repeat=repeat,
    )
    compare(
        browser,
        "organization page",
        f"/clusters/{cluster.slug}/organizations/{organization.pk}/",
        f"/bench/floor/organization/{organization.pk}/",
        user=user,
        repeat=repeat,
    )
    compare(
        browser,
        "execution dashboard",
        f"/clusters/{cluster.slug}/execution/",
        f"/bench/floor/dashboard/{plan.pk}/",
        user=user,
        repeat=repeat,
    )
    token = api_token(user)
    api = Browser(port, "")
    api_headers(api, token)
    compare(
        api,
        "API activities, first 100",
        f"/api/v1/plans/{plan.pk}/activities?limit=100",
        f"/bench/floor/api/{plan.pk}/",
        user=user,
        repeat=repeat,
    )
    activity = Activity.objects.filter(plan=plan).order_by("position").first()
    edit = f"/activities/{activity.pk}/edit/"
    counter = iter(range(10**6))

    def edit_body() -> str:
        from urllib.parse import urlencode

        _, form = browser.request("GET", edit)
        token_match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        fields = edit_fields(
            Activity.objects.get(pk=activity.pk), f"Мероприятие, правка {next(counter)}"
        )
        return urlencode({"csrfmiddlewaretoken": token_match[1] if token_match else "", **fields})

    compare(
        browser,
        "one edit (POST, a new edition)",
        edit,
        f"/bench/floor/edit/{activity.pk}/",
        user=user,
        repeat=max(5, repeat // 3),
        method="POST",
        body=edit_body,
        floor_body="title=x",
    )
    if scale in ("plan", "smoke"):
        one = Plan.objects.get(title__startswith="План с одной редакцией")
        many = Plan.objects.get(title__startswith="План с пятьюдесятью")
        compare(
            browser,
            f"editions page, {many.editions.count()} editions",
            f"/plans/{many.pk}/editions/",
            f"/plans/{one.pk}/editions/",
            user=user,
            repeat=repeat,
        )
        print("  (the floor of the editions page is the same page of a plan with one edition)")


def count_reports() -> int:
    from reporting.models import Report

    return Report.objects.count()


def api_token(user) -> str:
    from core.services import api_token_create

    return api_token_create(user=user, name=f"bench {secrets.token_hex(4)}")[1]


def api_headers(browser: Browser, token: str) -> None:
    original = browser.request

    def request(method, path, body=None):
        browser.connection.putrequest(method, path, skip_host=True)
        browser.connection.putheader("Host", "127.0.0.1")
        browser.connection.putheader("Authorization", f"Bearer {token}")
        browser.connection.endheaders()
        response = browser.connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")

    browser.request = request  # type: ignore[method-assign]
    del original


def worker_peak_rss(server: subprocess.Popen) -> str:
    peaks = []
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        if f"PPid:\t{server.pid}\n" in status:
            found = re.search(r"VmHWM:\s+(\d+) kB", status)
            if found:
                peaks.append(int(found[1]) / 1024)
    return f"{max(peaks):.0f} MiB" if peaks else "unknown"


def run_scale(scale: str, *, rebuild: bool, repeat: int) -> None:
    import tempfile

    database = f"clusterplan_bench_{scale}"
    workdir = Path(tempfile.mkdtemp(prefix=f"clusterplan-pages-{scale}-"))
    port = free_port()
    env = environment(database, workdir, port)
    os.environ.update(env)
    import django

    django.setup()
    fresh = rebuild or not database_ready(database)
    if fresh:
        print(f"(set-up) building dataset «{scale}» in database {database} (kept for later runs)…")
        recreate_database(database)
        build(scale)
    else:
        print(
            f"(set-up) dataset «{scale}» found in database {database} (version {DATASET_VERSION})"
        )
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0)
    if pending:  # a migration since the build may have added what plans keeps from reports
        refresh_derived()
    call_command("collectstatic", interactive=False, verbosity=0)
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--workers",
            "1",
            "--timeout",
            "120",
            "bench.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, server, workdir)
        measure_scale(scale, port, repeat)
        print(f"gunicorn worker's peak resident memory: {worker_peak_rss(server)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def wait_for(port: int, server: subprocess.Popen, workdir: Path) -> None:
    """Until the server answers (a condition, not a fixed wait), at most a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped:\n" + (workdir / "gunicorn.log").read_text()[-2000:])
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/login/", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["plan", "national", "both", "smoke"], default="both")
    parser.add_argument("--rebuild", action="store_true", help="build the datasets again")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page and floor")
    args = parser.parse_args()
    if args.scale == "both":
        # One process per dataset: Django is set up once per process, on that dataset's database.
        for scale in ("plan", "national"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--scale",
                    scale,
                    "--repeat",
                    str(args.repeat),
                    *(["--rebuild"] if args.rebuild else []),
                ],
                check=True,
            )
        return
    print(
        f"ClusterPlan pages at scale — PostgreSQL, Python {sys.version.split()[0]}, {date.today()}"
    )
    run_scale(args.scale, rebuild=args.rebuild, repeat=args.repeat)


if __name__ == "__main__":
    main()
