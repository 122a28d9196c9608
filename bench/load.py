"""Load and fault proof: `make load`.

What it does, all on this machine (127.0.0.1 only), bounded in requests and time:

1. A private PostgreSQL cluster in a temporary folder (its own port; the machine's shared server,
   which other people's tests use, is never restarted — `--shared-server` uses it instead and
   restarts it with pg_ctlcluster), a database with the demo installation, a generated plan of
   300 activities and 50 users (coordinators, representatives, observers).
2. gunicorn with production settings (DEBUG=0, deploy/gunicorn.conf.py), 3 workers.
3. Load: 50 simulated users (threads) sign in, then browse the plan page (with filters and pages),
   the timeline, the cluster, organization and execution pages, an activity; every fifth action of
   a coordinator edits an activity (GET the form, POST a new title). At most --requests requests
   and --seconds seconds. Prints throughput, p50/p95/p99 latency, errors by kind, and checks that
   every edit the server acknowledged is in the database (lost writes: 0).
4. Fault: the database restarted under load. Prints what users got while it was down (503 with a
   Russian page, never a traceback), how long until pages came back, and lost writes again.
5. Fault: the background worker killed (SIGKILL) in the middle of a task: nothing half-written,
   the task stays RUNNING until `recover_tasks` marks it FAILED (or requeues it, and it then runs
   in full).

A full disk is proven by ops/tests/test_faults.py (storage refusing with ENOSPC → a Russian 507).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
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
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CLIENT_IP_HEADER": "X-Real-IP",
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


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    at: float
    seconds: float
    status: int
    label: str
    error: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    budget: int = 0
    deadline: float = 0.0
    tracebacks: int = 0
    acknowledged: list[str] = field(default_factory=list)

    def take(self) -> bool:
        with self.lock:
            if self.budget <= 0 or time.monotonic() > self.deadline:
                return False
            self.budget -= 1
            return True

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Browser:
    """One simulated person: cookies, CSRF token, an address of their own (X-Real-IP)."""

    def __init__(self, port: int, address: str, recorder: Recorder):
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}
        self.recorder = recorder

    def request(self, method, path, label, form=None, *, budget=True):
        if budget and not self.recorder.take():
            raise StopIteration
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Real-IP": self.address,
            "User-Agent": "clusterplan-load",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        started = time.monotonic()
        status, text, error = 0, "", ""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            status = response.status
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                for name, morsel in cookie.items():
                    self.cookies[name] = morsel.value
            connection.close()
        except OSError as exc:
            error = type(exc).__name__
        elapsed = time.monotonic() - started
        if "Traceback" in text or 'File "/' in text:
            with self.recorder.lock:
                self.recorder.tracebacks += 1
        self.recorder.add(Sample(started, elapsed, status, label, error))
        return status, text

    def csrf(self, text: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def sign_in(self, username: str) -> bool:
        _, page = self.request("GET", "/login/", "login form", budget=False)
        status, _ = self.request(
            "POST",
            "/login/",
            "sign in",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf(page)},
            budget=False,
        )
        return status == 302


def user_loop(browser: Browser, username: str, kind: str, world: dict, seed: int) -> None:
    rng = random.Random(seed)
    plan = world["plans"][-1]
    slug = world["cluster"]
    pages = [
        (f"/plans/{plan}/", "plan page"),
        (f"/plans/{plan}/?page=2", "plan page"),
        (
            f"/plans/{plan}/?q=%D0%BC%D0%B5%D1%80%D0%BE%D0%BF%D1%80%D0%B8%D1%8F%D1%82%D0%B8%D0%B5+2",
            "plan page",
        ),
        (f"/plans/{plan}/timeline/", "timeline"),
        (f"/clusters/{slug}/", "cluster"),
        (f"/clusters/{slug}/execution/", "execution dashboard"),
    ]
    try:
        while True:
            if kind == "coordinator" and rng.random() < 0.2:
                activity = rng.choice(world["activities"])
                status, form_page = browser.request(
                    "GET", f"/activities/{activity}/edit/", "edit form"
                )
                if status != 200:
                    continue
                marker = f"[load {username}-{secrets.token_hex(4)}]"
                fields = dict(
                    re.findall(
                        r'name="(number|executors_text|deadline_text)"[^>]*value="([^"]*)"',
                        form_page,
                    )
                )
                title = f"Мероприятие под нагрузкой {marker}"
                status, _ = browser.request(
                    "POST",
                    f"/activities/{activity}/edit/",
                    "activity edit (write)",
                    {
                        "csrfmiddlewaretoken": browser.csrf(form_page),
                        "number": fields.get("number", ""),
                        "title": title,
                        "executors_text": html_unescape(fields.get("executors_text", "")),
                        "deadline_text": html_unescape(fields.get("deadline_text", "")),
                        "note": "нагрузочный тест",
                    },
                )
                if status == 302:
                    with browser.recorder.lock:
                        browser.recorder.acknowledged.append(marker)
                continue
            roll = rng.random()
            if roll < 0.15:
                organization = rng.choice(world["organizations"])
                browser.request(
                    "GET", f"/clusters/{slug}/organizations/{organization}/", "organization"
                )
            elif roll < 0.25:
                browser.request(
                    "GET", f"/activities/{rng.choice(world['activities'])}/", "activity"
                )
            else:
                path, label = rng.choice(pages)
                browser.request("GET", path, label)
    except StopIteration:
        return


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def sign_in_all(port, world, users) -> list[tuple[Browser, str, str]]:
    """Every simulated user signs in once (with a real password hash: not part of the figures)."""
    signing = Recorder(budget=0, deadline=0)
    browsers = []
    for index, (username, kind) in enumerate(world["users"][:users]):
        browser = Browser(port, f"10.20.{index // 250}.{index % 250 + 1}", signing)
        if not browser.sign_in(username):
            raise SystemExit(f"sign-in failed for {username}")
        browsers.append((browser, username, kind))
    return browsers


def drive(browsers, world, *, budget, seconds, during=None) -> Recorder:
    recorder = Recorder(budget=budget, deadline=time.monotonic() + seconds)
    for browser, _, _ in browsers:
        browser.recorder = recorder
    threads = [
        threading.Thread(
            target=user_loop, args=(browser, username, kind, world, index), daemon=True
        )
        for index, (browser, username, kind) in enumerate(browsers)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if during is not None:
        during(started)
    for thread in threads:
        thread.join(timeout=max(1.0, recorder.deadline + 40 - time.monotonic()))
    return recorder


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def report(title: str, recorder: Recorder) -> None:
    samples = recorder.samples
    if not samples:
        print(f"{title}: no requests")
        return
    span = max(s.at + s.seconds for s in samples) - min(s.at for s in samples)
    times = [s.seconds * 1000 for s in samples]
    statuses = Counter(s.status if not s.error else s.error for s in samples)
    errors = sum(1 for s in samples if s.error or s.status >= 500)
    print(f"\n{title}")
    print(f"  requests            {len(samples)} in {span:.1f} s → {len(samples) / span:.1f} req/s")
    print(
        f"  latency ms          p50 {percentile(times, 0.5):.0f} · p95 {percentile(times, 0.95):.0f}"
        f" · p99 {percentile(times, 0.99):.0f} · max {max(times):.0f}"
    )
    print(f"  statuses            {dict(sorted(statuses.items(), key=str))}")
    print(f"  errors (5xx, socket) {errors}; pages with a traceback: {recorder.tracebacks}")
    by_label = Counter(s.label for s in samples)
    medians = {
        label: statistics.median(s.seconds * 1000 for s in samples if s.label == label)
        for label in by_label
    }
    for label, count in by_label.most_common():
        print(f"    {label:24} {count:5}  p50 {medians[label]:.0f} ms")


def lost_writes(acknowledged: list[str]) -> tuple[int, int]:
    """Acknowledged edits missing from the database: each made an edition and an audit entry."""
    from auditlog.models import LogEntry

    from plans.models import PlanEdition

    missing = 0
    for marker in acknowledged:
        in_editions = PlanEdition.objects.filter(
            changes__icontains=marker.split()[-1].rstrip("]")
        ).exists()
        in_trail = LogEntry.objects.filter(
            changes__icontains=marker.split()[-1].rstrip("]")
        ).exists()
        if not (in_editions and in_trail):
            missing += 1
    return len(acknowledged), missing


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
    parser.add_argument(
        "--requests", type=int, default=4000, help="request budget of the load phase"
    )
    parser.add_argument("--seconds", type=int, default=60, help="time cap of the load phase")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--shared-server", action="store_true", help="use and restart 127.0.0.1:5432"
    )
    parser.add_argument("--skip-faults", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="clusterplan-load-"))
    postgres = (SharedPostgres if args.shared_server else PrivatePostgres)(workdir)
    gunicorn = None
    try:
        postgres.start()
        name = getattr(postgres, "name", "clusterplan_load")
        postgres.createdb(name)
        port = free_port()
        env = installation_env(postgres.url(name), workdir, port)
        env["GUNICORN_WORKERS"] = str(args.workers)
        print(
            f"PostgreSQL on port {postgres.port}, gunicorn on 127.0.0.1:{port} ({args.workers} workers)"
        )
        world = prepare(env)
        print(
            f"Data: {len(world['plans'])} plans, {len(world['activities'])} activities in the big one, "
            f"{len(world['users'])} users"
        )
        server_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
        gunicorn = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "config.wsgi:application",
            ],
            env=env,
            cwd=ROOT,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(300):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/login/", headers={"X-Forwarded-Proto": "https"})
                probe.getresponse().read()
                break
            except OSError:
                if gunicorn.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not answer in 30 s")

        started = time.monotonic()
        browsers = sign_in_all(port, world, args.users)
        print(f"{len(browsers)} users signed in ({time.monotonic() - started:.1f} s)")
        recorder = drive(browsers, world, budget=args.requests, seconds=args.seconds)
        report(
            f"Load: {args.users} users, at most {args.requests} requests / {args.seconds} s",
            recorder,
        )
        total, missing = lost_writes(recorder.acknowledged)
        print(f"  writes acknowledged {total}, lost {missing}")

        if not args.skip_faults:
            restart_times = {}

            def restart_database(started):
                time.sleep(5)
                restart_times["begin"] = time.monotonic()
                postgres.restart()
                restart_times["end"] = time.monotonic()

            recorder = drive(browsers, world, budget=2000, seconds=30, during=restart_database)
            report(
                "Fault: the database restarted under load (pg_ctl restart -m fast, at 5 s)",
                recorder,
            )
            after = [s for s in recorder.samples if s.at >= restart_times["end"]]
            first_ok = min((s.at + s.seconds for s in after if s.status == 200), default=None)
            failed = [s for s in recorder.samples if s.status >= 500 or s.error]
            if failed:
                window = (
                    min(s.at for s in failed) - restart_times["begin"],
                    max(s.at + s.seconds for s in failed) - restart_times["begin"],
                )
                print(
                    f"  failures from {window[0]:+.1f} s to {window[1]:+.1f} s after the restart began"
                )
            print(
                f"  restart took {restart_times['end'] - restart_times['begin']:.1f} s; "
                f"failed requests {len(failed)} ({dict(Counter(s.status or s.error for s in failed))}); "
                + (
                    f"pages served again {first_ok - restart_times['end']:.2f} s after it"
                    if first_ok
                    else "no recovery!"
                )
            )
            from django.db import connections

            connections.close_all()
            total, missing = lost_writes(recorder.acknowledged)
            print(f"  writes acknowledged {total}, lost {missing}")
            worker_drill(env, workdir)
        server_log.flush()
        logged = (workdir / "gunicorn.log").read_text(errors="replace")
        print(
            f"\nServer log: {logged.count('Service Unavailable:')} answered 503 (database), "
            f"{logged.count('Internal Server Error:')} logged as errors; tracebacks stay in the log."
        )
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:
            pass
        postgres.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
