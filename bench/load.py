"""Load and fault proof: `make load`.

What it does, all on this machine (127.0.0.1 only), bounded in requests and time:

1. A private PostgreSQL cluster in a temporary folder (its own port; the machine's shared server,
   which other people's tests use, is never restarted — `--shared-server` uses it instead and
   restarts it with pg_ctlcluster), a database with the demo installation, a generated plan of
   300 activities and 50 users (coordinators, representatives, observers).
2. The two-server layout of docs/deploy.md on one machine: two gunicorn instances (production
   settings, deploy/gunicorn.conf.py, 2 workers each) on their own ports behind HAProxy
   (health checks, retries of idempotent requests, redispatch to the other server).
3. Load with locust (bench/locustfile.py), headless, in phases: 50 members who think 2–8 s between
   pages (sign in, plan page with filters and pages, timeline, cluster, dashboard, organization,
   activity; coordinators edit activities); then 20 users who never pause (stress).
   Each phase prints requests, failures, median / p95 / p99 and requests per second, and checks
   that every edit the server acknowledged is in the database (lost writes: 0).
4. Fault: one gunicorn instance killed (SIGKILL, master and workers) in the middle of a phase; the
   other serves on.
5. Fault: the database restarted under load: while it is down users get the promised 503 page
   (never a 500 or a traceback), and pages must come back within 30 s of the restart.
6. Fault: the background worker killed (SIGKILL) in the middle of a task: nothing half-written,
   the task stays RUNNING until `recover_tasks` marks it FAILED (or requeues it, and it then runs
   in full).

The run exits non-zero when any request failed unexpectedly, any acknowledged write is lost, or
the service did not recover within 30 s of the database restart.

A full disk is proven by ops/tests/test_faults.py (storage refusing with ENOSPC → a Russian 507).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
PASSWORD = "load-test-password-2024"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_detached(command) -> None:
    """Run a command that starts a server: the server inherits stdout/stderr, so capturing them
    would wait for the server to exit. Output goes to /dev/null (the server logs to its own file)."""
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({result.returncode})")


def run(command, env=None, check=True, **kwargs):
    result = subprocess.run(command, env=env, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result


# --- PostgreSQL ---------------------------------------------------------------------------------


def pg_bin(name: str) -> str:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parts[-3]
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PostgreSQL")
    return found


class PrivatePostgres:
    """A throwaway PostgreSQL cluster: initdb in a temporary folder, its own port, trust auth."""

    def __init__(self, workdir: Path):
        self.dir = workdir / "pgdata"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> None:
        os.chmod(self.dir.parent, 0o777)
        run([*self.as_user, pg_bin("initdb"), "-D", self.dir, "-A", "trust", "-U", "postgres"])
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=100"
        )
        run(
            [
                *self.as_user,
                pg_bin("pg_ctl"),
                "-D",
                self.dir,
                "-o",
                options,
                "-w",
                "-l",
                self.dir / "log",
                "start",
            ]
        )

    def restart(self) -> None:
        command = [*self.as_user, pg_bin("pg_ctl"), "-D", self.dir, "-m", "fast", "-w"]
        run_detached([*command, "-l", self.dir / "log", "restart"])

    def stop(self) -> None:
        run(
            [*self.as_user, pg_bin("pg_ctl"), "-D", self.dir, "-m", "immediate", "stop"],
            check=False,
        )

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def createdb(self, name: str) -> None:
        run([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name])


class SharedPostgres(PrivatePostgres):
    """The machine's server (127.0.0.1:5432); restarting it disturbs everyone using it."""

    def __init__(self, workdir: Path):
        self.port = 5432
        self.version = sorted(os.listdir("/etc/postgresql"))[-1]
        self.name = f"clusterplan_load_{os.getpid()}"

    def start(self) -> None:
        pass

    def restart(self) -> None:
        run_detached(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, "main", "restart"]
        )

    def stop(self) -> None:
        run(
            [
                pg_bin("dropdb"),
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "--if-exists",
                "--force",
                self.name,
            ],
            check=False,
        )


# --- the installation ---------------------------------------------------------------------------


def installation_env(database_url: str, workdir: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://plan.example.ru",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CLIENT_IP_HEADER": "X-Real-IP",
        # HAProxy stands where nginx terminates TLS: it says https in X-Forwarded-Proto, but the
        # load users speak plain HTTP to it on 127.0.0.1, so cookies may not require TLS here.
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "",
        "GUNICORN_LOGLEVEL": "warning",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def prepare(env: dict[str, str]) -> dict:
    cli = [str(VENV_BIN / "python"), "-m", "config.cli"]
    run([*cli, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    run([*cli, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT)
    # Everything else through the ORM, in this process, against the same database.
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from documents.demo import demo_load
    from orgs.models import Cluster, Organization, UserRole
    from plans.models import Plan
    from plans.services import plan_import
    from plans.tests.factories import plan_document

    demo_load()
    cluster = Cluster.objects.get(slug="transport")
    User = get_user_model()
    admin = User.objects.get(username="admin")
    big = plan_import(
        cluster=cluster,
        document=plan_document((60, 60, 60, 60, 60), year="2024-2025"),
        actor=admin,
        source_filename="generated-300.docx",
    )
    organizations = list(Organization.objects.filter(memberships__cluster=cluster, kind="college"))
    users = []
    for number in range(50):
        kind = ("coordinator", "representative", "representative", "observer", "representative")[
            number % 5
        ]
        user = User.objects.create_user(f"load{number:02d}", password=PASSWORD)
        UserRole.objects.create(
            user=user,
            cluster=cluster,
            kind=kind,
            organization=organizations[number % len(organizations)]
            if kind == "representative"
            else None,
        )
        users.append((user.username, kind))
    plans = list(Plan.objects.filter(cluster=cluster).values_list("pk", flat=True))
    activities = list(big.activities.values_list("pk", flat=True))
    return {
        "cluster": cluster.slug,
        "plans": plans,
        "activities": activities,
        "organizations": [org.pk for org in organizations],
        "users": users,
    }


# --- servers ----------------------------------------------------------------------------------


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    """One app server; in its own process group, so killing it takes its workers too."""
    return subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "config.wsgi:application",
        ],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
        cwd=ROOT,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


HAPROXY = """global
    maxconn 500
defaults
    mode http
    timeout connect 2s
    timeout queue 30s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 502
    option http-buffer-request
frontend web
    bind 127.0.0.1:{front}
    http-request set-header X-Real-IP %[src]
    http-request set-header X-Forwarded-Proto https
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /login/
    http-check send hdr Host 127.0.0.1 hdr X-Forwarded-Proto https
    # A busy sync worker answers a check late, not never: checks wait behind the requests, so they
    # get a long timeout; a dead server is found at once by the connection errors it causes
    # (observe layer4: marked down after a few), and the refused request is retried on the other.
    # Requests queue in HAProxy (maxconn = workers) instead of piling onto a listen backlog.
    timeout check 30s
    default-server inter 2s fall 3 rise 2 maxconn {workers} observe layer4 error-limit 3 on-error mark-down
    server one 127.0.0.1:{one} check
    server two 127.0.0.1:{two} check
"""


def start_haproxy(workdir: Path, front: int, one: int, two: int, workers: int) -> subprocess.Popen:
    config = workdir / "haproxy.cfg"
    config.write_text(HAPROXY.format(front=front, one=one, two=two, workers=workers))
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return subprocess.Popen(
        [haproxy, "-db", "-f", str(config)],
        stdout=open(workdir / "haproxy.log", "w"),
        stderr=subprocess.STDOUT,
    )


LOGS: Path | None = None  # the work folder, for the logs shown when a server does not start


def wait_until_served(port: int, processes: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise SystemExit("a server stopped while starting; see its log in the work folder")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request(
                "GET", "/login/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
            )
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    logs = (
        "".join(
            f"\n--- {log.name}\n" + log.read_text(errors="replace")[-1500:]
            for log in sorted(LOGS.glob("*.log"))
        )
        if LOGS
        else ""
    )
    raise SystemExit(f"nothing answered on port {port} within {seconds:.0f} s{logs}")


# --- load phases (locust) -------------------------------------------------------------------------


@dataclass
class Phase:
    title: str
    requests: int = 0
    failures: int = 0
    median: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    rps: float = 0.0
    failed_by_kind: dict[str, int] = field(default_factory=dict)
    acknowledged: list[str] = field(default_factory=list)
    lost: int = 0


def run_locust(
    title,
    *,
    host,
    world_file,
    workdir,
    user_class,
    users,
    seconds,
    think="2,8",
    outage_ok=False,
    during=None,
) -> Phase:
    """locust headless for `seconds`; `during(start_time)` runs beside it in a thread."""
    import csv

    prefix = workdir / f"locust-{secrets.token_hex(3)}"
    acknowledged = workdir / f"{prefix.name}-acknowledged.txt"
    acknowledged.touch()
    env = {
        **os.environ,
        "LOAD_WORLD": str(world_file),
        "LOAD_ACKNOWLEDGED": str(acknowledged),
        "LOAD_THINK": think,
        "LOAD_OUTAGE_OK": "1" if outage_ok else "0",
    }
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        user_class,
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--stop-timeout",
        "10",
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / f"{prefix.name}.log", "w"),  # noqa: SIM115 (the child keeps it)
    )
    helper = None
    if during is not None:
        helper = threading.Thread(target=during, args=(started,), daemon=True)
        helper.start()
    process.wait(timeout=seconds + 120)
    if helper is not None:
        helper.join(timeout=120)
    phase = Phase(title)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                phase.requests = int(row["Request Count"])
                phase.failures = int(row["Failure Count"])
                phase.median = float(row["Median Response Time"] or 0)
                phase.p95 = float(row["95%"] or 0)
                phase.p99 = float(row["99%"] or 0)
                phase.rps = float(row["Requests/s"] or 0)
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures, encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                key = f"{row['Name']}: {row['Error'][:80]}"
                phase.failed_by_kind[key] = phase.failed_by_kind.get(key, 0) + int(
                    row["Occurrences"]
                )
    phase.acknowledged = acknowledged.read_text(encoding="utf-8").split()
    from django.db import connections

    connections.close_all()
    phase.lost = lost_writes(phase.acknowledged)
    return phase


def print_phase(phase: Phase) -> None:
    print(f"\n{phase.title}")
    print(
        f"  requests {phase.requests}, failed {phase.failures}, {phase.rps:.1f} per second; "
        f"median {phase.median:.0f} ms, p95 {phase.p95:.0f} ms, p99 {phase.p99:.0f} ms"
    )
    for kind, count in sorted(phase.failed_by_kind.items()):
        print(f"    {count} × {kind}")
    print(f"  writes acknowledged {len(phase.acknowledged)}, lost {phase.lost}")


def lost_writes(acknowledged: list[str]) -> int:
    """Acknowledged edits missing from the database: each made an edition and an audit entry."""
    from auditlog.models import LogEntry

    from plans.models import Activity, PlanEdition

    missing = []
    for marker in acknowledged:
        found = (
            Activity.all_objects.filter(title__contains=marker).exists()
            or PlanEdition.objects.filter(changes__icontains=marker).exists()
        ) and LogEntry.objects.filter(changes__icontains=marker).exists()
        if not found:
            missing.append(marker)
    if missing:
        print(f"  missing: {', '.join(missing[:5])}")
    return len(missing)


def signed_in_probe(port: int, path: str):
    """A GET with a coordinator's session (made in the database), for watching recovery."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="admin")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookie = f"sessionid={session.session_key}"

    def probe() -> int:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request(
                "GET",
                path,
                headers={"Host": "127.0.0.1", "Cookie": cookie, "X-Forwarded-Proto": "https"},
            )
            return connection.getresponse().status
        except OSError:
            return 0

    return probe


# --- the worker killed mid-task ---------------------------------------------------------------------


def worker_drill(env: dict[str, str], workdir: Path) -> None:
    from django.db import connections

    from ops.tests.tasks import slow_write
    from orgs.models import Organization

    cli = [str(VENV_BIN / "python"), "-m", "config.cli"]

    def status_of(result_id):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.get(pk=result_id).status

    def kill_mid_task(worker_id):
        tag = secrets.token_hex(4)
        started = workdir / f"started-{tag}"
        result = slow_write.enqueue(tag=tag, rows=8, pause=0.3, started_file=str(started))
        worker = subprocess.Popen(
            [
                *cli,
                "db_worker",
                "--worker-id",
                worker_id,
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        connections.close_all()
        rows = Organization.objects.filter(short_name__contains=f"{tag}-").count()
        return result.id, tag, rows

    print(
        "\nFault: the background worker killed (SIGKILL) in the middle of a task (8 rows, one transaction)"
    )
    task_id, tag, rows = kill_mid_task("load-worker-1")
    print(f"  after the kill: {rows} of 8 rows written, task status {status_of(task_id)}")
    run([*cli, "recover_tasks", "--worker-id", "load-worker-1"], env=env, cwd=ROOT)
    print(f"  recover_tasks --worker-id: task status {status_of(task_id)}, rows {rows}")
    task_id, tag, rows = kill_mid_task("load-worker-2")
    run([*cli, "recover_tasks", "--worker-id", "load-worker-2", "--requeue"], env=env, cwd=ROOT)
    run([*cli, "db_worker", "--batch", "--no-reload", "--no-startup-delay"], env=env, cwd=ROOT)
    rows_after = Organization.objects.filter(short_name__contains=f"{tag}-").count()
    print(
        f"  recover_tasks --requeue, then a worker: task status {status_of(task_id)}, rows {rows_after} of 8"
    )


# --- main ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="length of each load phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument(
        "--shared-server", action="store_true", help="use and restart 127.0.0.1:5432"
    )
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()

    global LOGS
    workdir = Path(tempfile.mkdtemp(prefix="clusterplan-load-"))
    LOGS = workdir
    postgres = (SharedPostgres if args.shared_server else PrivatePostgres)(workdir)
    servers: dict[str, subprocess.Popen] = {}
    problems: list[str] = []
    try:
        postgres.start()
        name = getattr(postgres, "name", "clusterplan_load")
        postgres.createdb(name)
        front, one, two = free_port(), free_port(), free_port()
        env = installation_env(postgres.url(name), workdir, front)
        world = prepare(env)
        world["password"] = PASSWORD
        world_file = workdir / "world.json"
        world_file.write_text(json.dumps(world, ensure_ascii=False))
        servers["one"] = start_gunicorn(env, one, args.workers, workdir / "gunicorn-one.log")
        servers["two"] = start_gunicorn(env, two, args.workers, workdir / "gunicorn-two.log")
        wait_until_served(one, list(servers.values()))
        wait_until_served(two, list(servers.values()))
        servers["haproxy"] = start_haproxy(workdir, front, one, two, args.workers)
        wait_until_served(front, list(servers.values()))
        host = f"http://127.0.0.1:{front}"
        print(
            f"PostgreSQL on port {postgres.port}; HAProxy on {front} → gunicorn on {one} and {two} "
            f"({args.workers} workers each). Data: {len(world['activities'])} activities in the big "
            f"plan, {len(world['users'])} users"
        )
        phase = dict(host=host, world_file=world_file, workdir=workdir)

        def judge(result: Phase, *, allowed_failures: int = 0) -> None:
            print_phase(result)
            if result.failures > allowed_failures:
                problems.append(f"{result.title}: {result.failures} requests failed")
            if result.lost:
                problems.append(f"{result.title}: {result.lost} acknowledged writes lost")
            if not result.requests:
                problems.append(f"{result.title}: no requests were made")

        judge(
            run_locust(
                f"Load: {args.users} members thinking 2–8 s between pages",
                user_class="Member",
                users=args.users,
                seconds=args.seconds,
                **phase,
            )
        )
        judge(
            run_locust(
                "Stress: 20 users, no pauses",
                user_class="Stress",
                users=20,
                seconds=max(20, args.seconds // 2),
                **phase,
            )
        )
        if not args.skip_faults:
            killed = {}

            def kill_one(started):
                time.sleep(max(0.0, started + 10 - time.monotonic()))
                os.killpg(servers["one"].pid, signal.SIGKILL)
                killed["at"] = time.monotonic() - started

            result = run_locust(
                f"Fault: gunicorn «one» killed (SIGKILL) 10 s into {args.users} busy members",
                user_class="Member",
                users=args.users,
                seconds=40,
                think="0.5,2",
                during=kill_one,
                **phase,
            )
            judge(result)
            servers["one"].wait(timeout=30)
            print(f"  killed at {killed.get('at', 0):.1f} s; «two» served the rest")

            probe = signed_in_probe(front, f"/plans/{world['plans'][-1]}/")
            outage = {}

            def restart_database(started):
                time.sleep(max(0.0, started + 5 - time.monotonic()))
                outage["begin"] = time.monotonic()
                postgres.restart()
                outage["end"] = time.monotonic()
                while time.monotonic() < outage["end"] + 60:
                    if probe() == 200:
                        outage["served"] = time.monotonic()
                        return
                    time.sleep(0.1)

            result = run_locust(
                "Fault: the database restarted under load (pg_ctl restart -m fast, at 5 s)",
                user_class="Member",
                users=args.users,
                seconds=40,
                think="0.5,2",
                outage_ok=True,
                during=restart_database,
                **phase,
            )
            judge(result)
            recovered = outage.get("served")
            if recovered is None:
                problems.append("the service did not recover within 60 s of the database restart")
                print("  pages did not come back!")
            else:
                back = recovered - outage["end"]
                print(
                    f"  restart took {outage['end'] - outage['begin']:.1f} s; pages served again "
                    f"{back:.2f} s after it (while down: the 503 page, counted as expected)"
                )
                if back > 30:
                    problems.append(
                        f"recovery took {back:.0f} s after the database restart (> 30 s)"
                    )
            worker_drill(env, workdir)
        logged = "".join(
            (workdir / f"gunicorn-{name}.log").read_text(errors="replace")
            for name in ("one", "two")
        )
        # Django logs «Internal Server Error» before ops' middleware replaces a database failure's
        # 500 with the 503 page (and says so: «… answered database: …»); the rest are real 500s.
        internal = logged.count("Internal Server Error:")
        replaced = logged.count(" answered database:") + logged.count(" answered disk_full:")
        print(
            f"\nServer logs: {replaced} database failures answered with the 503 page, "
            f"{internal - replaced} other internal errors."
        )
        if internal > replaced:
            problems.append(f"the servers answered {internal - replaced} requests with a 500")
    finally:
        for process in servers.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError):
                    process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        postgres.stop()
        if problems:
            print(f"\nLogs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("\nPassed: no unexpected failure, no lost write, recovery within 30 s.")


if __name__ == "__main__":
    main()
