"""The users of `make load`, for locust (bench/load.py starts it headless).

The world (users, plans, activities) comes from the JSON file named by LOAD_WORLD; every edit the
server acknowledged (a redirect after the POST) is appended to LOAD_ACKNOWLEDGED, so load.py can
look for each in the database afterwards (a write acknowledged and then missing is a lost write).

Two kinds of users: `Member` thinks between pages as a college deputy head does (LOAD_THINK, by
default 2–8 s); `Stress` never pauses. An answer other than the page (or, for an edit, its
redirect) is a failure — except 503 while LOAD_OUTAGE_OK is set, the one answer we promise while the
database is down (ops/middleware.py).
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import secrets
import threading
from pathlib import Path

from locust import HttpUser, between, constant, task

WORLD = json.loads(Path(os.environ["LOAD_WORLD"]).read_text(encoding="utf-8"))
ACKNOWLEDGED = os.environ["LOAD_ACKNOWLEDGED"]
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "2,8").split(","))
OUTAGE_OK = os.environ.get("LOAD_OUTAGE_OK") == "1"
_accounts = itertools.cycle(WORLD["users"])
_lock = threading.Lock()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIELDS = re.compile(r'name="(number|executors_text|deadline_text)"[^>]*value="([^"]*)"')


def _acknowledge(marker: str) -> None:
    with _lock, open(ACKNOWLEDGED, "a", encoding="utf-8") as out:
        out.write(marker + "\n")


class Member(HttpUser):
    wait_time = between(*THINK)
    abstract = False

    def on_start(self) -> None:
        with _lock:
            self.username, self.kind = next(_accounts)
        self.rng = random.Random(self.username)
        self.signed_in = False
        self._sign_in()

    def _sign_in(self) -> bool:
        """Sign in (again, after a refused attempt: a user whose sign-in met the database outage
        tries once more on their next page, as a person would)."""
        page = self._get("/login/", "sign-in form")
        token = CSRF.search(page)
        if not token:
            return False
        with self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": WORLD["password"],
                "csrfmiddlewaretoken": token[1],
            },
            name="sign in",
            allow_redirects=False,
            headers=self._referer("/login/"),
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
                self.signed_in = True
            elif response.status_code == 503 and OUTAGE_OK:
                response.success()
            else:
                response.failure(f"{response.status_code}")
        return self.signed_in

    def _referer(self, path: str) -> dict[str, str]:
        """Django checks the Referer of a POST on a secure site: HAProxy says https, as nginx
        would after TLS, so the form's address is given as https."""
        return {"Referer": "https://" + self.host.split("://", 1)[-1] + path}

    def _get(self, path: str, name: str) -> str:
        if not self.signed_in and path != "/login/" and not self._sign_in():
            return ""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 200:
                response.success()
                return response.text
            if response.status_code == 503 and OUTAGE_OK:
                response.success()  # the promised answer while the database is down
                return ""
            response.failure(f"{response.status_code}")
            return ""

    @task(6)
    def plan_page(self) -> None:
        plan = WORLD["plans"][-1]
        path = self.rng.choice(
            [f"/plans/{plan}/", f"/plans/{plan}/?page=2", f"/plans/{plan}/?q=мероприятие+2"]
        )
        self._get(path, "plan page")

    @task(1)
    def timeline(self) -> None:
        self._get(f"/plans/{WORLD['plans'][-1]}/timeline/", "timeline")

    @task(2)
    def cluster_pages(self) -> None:
        slug = WORLD["cluster"]
        path, name = self.rng.choice(
            [(f"/clusters/{slug}/", "cluster"), (f"/clusters/{slug}/execution/", "dashboard")]
        )
        self._get(path, name)

    @task(2)
    def organization(self) -> None:
        organization = self.rng.choice(WORLD["organizations"])
        self._get(f"/clusters/{WORLD['cluster']}/organizations/{organization}/", "organization")

    @task(2)
    def activity(self) -> None:
        self._get(f"/activities/{self.rng.choice(WORLD['activities'])}/", "activity")

    @task(2)
    def edit(self) -> None:
        """Coordinators change an activity's title; the marker is looked for afterwards."""
        if self.kind != "coordinator":
            return
        path = f"/activities/{self.rng.choice(WORLD['activities'])}/edit/"
        form = self._get(path, "edit form")
        token = CSRF.search(form)
        if not token:
            return
        fields = {name: html.unescape(value) for name, value in FIELDS.findall(form)}
        marker = f"load-{self.username}-{secrets.token_hex(4)}"
        with self.client.post(
            path,
            {
                "csrfmiddlewaretoken": token[1],
                "number": fields.get("number", ""),
                "title": f"Мероприятие под нагрузкой [{marker}]",
                "executors_text": fields.get("executors_text", ""),
                "deadline_text": fields.get("deadline_text", ""),
                "note": "нагрузочный тест",
            },
            name="edit (write)",
            allow_redirects=False,
            headers=self._referer(path),
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/login/" not in response.headers.get(
                "Location", ""
            ):
                response.success()  # the activity's page: the server says the edit is saved
                _acknowledge(marker)
            elif response.status_code == 503 and OUTAGE_OK:
                response.success()
            else:
                response.failure(f"{response.status_code}")


class Stress(Member):
    """The same pages with no pause at all: how much the servers take."""

    wait_time = constant(0)
