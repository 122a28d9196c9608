"""The public registration form against robots and spam: the signed form token and its minimum fill
time, the sum after repeated posts, the rate limit on the client address, and an e-mail that
repeats nothing the submitter typed but the school's name."""

import re
import time

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse

from events.forms import guard
from events.models import GroupRegistration
from events.tests.factories import form_token, world
from events.tests.test_public import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return world()


def url(w):
    return reverse("events:event_public", args=[w["cluster"].slug, w["event"].pk])


def post(client, w, address="10.1.1.1", **changes):
    return client.post(url(w), form_data(w["slot"], **changes), REMOTE_ADDR=address)


def page_token(response) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def refused(response, message):
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_post_without_a_valid_token_is_refused(client, w):
    refused(post(client, w, form_token=None), guard.STALE)
    refused(post(client, w, form_token="garbage"), guard.STALE)
    forged = signing.dumps({"e": w["event"].pk, "t": 0, "n": "x"}, salt="another-salt")
    refused(post(client, w, form_token=forged), guard.STALE)
    other_event = world()["event"]
    refused(post(client, w, form_token=form_token(other_event)), guard.STALE)
    assert not GroupRegistration.objects.exists()


def test_a_stale_token_is_refused(client, w, settings):
    old = form_token(w["event"], seconds_ago=settings.EVENT_FORM_MAX_AGE * 3600 + 60)
    refused(post(client, w, form_token=old), guard.STALE)
    assert not GroupRegistration.objects.exists()


def test_a_form_sent_faster_than_a_person_fills_it_is_refused_then_accepted(client, w, settings):
    settings.EVENT_FORM_MIN_SECONDS = 3
    start = float(int(time.time()))  # whole seconds: tokens keep whole seconds
    with time_machine.travel(start, tick=False):
        token = page_token(client.get(url(w)))
    with time_machine.travel(start + 1, tick=False):
        response = post(client, w, form_token=token)
    refused(response, "Форма отправлена слишком быстро")
    assert not GroupRegistration.objects.exists()
    # The page shown again keeps the first token's time: 3.5 s after the page was first shown
    # (2.5 s after the refusal) the same person's second press goes through.
    with time_machine.travel(start + 3.5, tick=False):
        assert post(client, w, form_token=page_token(response)).status_code == 302
    assert GroupRegistration.objects.count() == 1


def test_a_token_is_good_for_one_post(client, w):
    token = form_token(w["event"])
    assert post(client, w, form_token=token, grade=8).status_code == 302
    refused(post(client, w, form_token=token, grade=9), guard.REUSED)
    assert GroupRegistration.objects.count() == 1


def test_repeated_posts_from_one_address_must_solve_a_sum(client, w, settings):
    settings.EVENT_CHALLENGE_AFTER = 2
    for grade in (8, 9):
        assert post(client, w, grade=grade).status_code == 302
    page = client.get(url(w), REMOTE_ADDR="10.1.1.1")
    assert "Сколько будет" in page.content.decode()
    # Another address is not asked.
    assert "Сколько будет" not in client.get(url(w), REMOTE_ADDR="10.2.2.2").content.decode()

    refused(post(client, w, grade=10), guard.SOLVE)  # an old token without a sum
    challenged = form_token(w["event"], challenge=True)
    terms = guard.read(challenged, event_id=w["event"].pk).terms
    refused(post(client, w, grade=10, form_token=challenged, answer=sum(terms) + 1), guard.WRONG)
    fresh = form_token(w["event"], challenge=True)
    answer = sum(guard.read(fresh, event_id=w["event"].pk).terms)
    assert post(client, w, grade=10, form_token=fresh, answer=answer).status_code == 302
    assert GroupRegistration.objects.count() == 3


def test_the_sum_in_a_token_cannot_be_changed(client, w, settings):
    settings.EVENT_CHALLENGE_AFTER = 0
    token = form_token(w["event"], challenge=True)
    payload = signing.loads(token, salt=guard.SALT)
    payload["q"] = [1, 1]
    parts = token.split(":")
    parts[0] = signing.dumps(payload, salt=guard.SALT).split(":")[0]
    tampered = ":".join(parts)
    refused(post(client, w, form_token=tampered, answer=2), guard.STALE)
    assert not GroupRegistration.objects.exists()


def test_the_limit_counts_per_client_address_behind_the_proxy(client, w, settings):
    """Behind nginx every request comes from 127.0.0.1; the limit keys on X-Real-IP, as the audit
    trail does, so one noisy visitor does not lock out the others."""
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.EVENT_REGISTRATION_RATE = 2
    settings.EVENT_CHALLENGE_AFTER = 100

    def from_(address, grade):
        data = form_data(w["slot"], grade=grade, school_name=f"Школа {address}")
        return client.post(url(w), data, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=address)

    assert from_("203.0.113.7", 8).status_code == 302
    assert from_("203.0.113.7", 9).status_code == 302
    assert from_("203.0.113.7", 10).status_code == 429
    assert from_("198.51.100.9", 8).status_code == 302
    assert GroupRegistration.objects.count() == 3


def test_the_confirmation_repeats_only_the_school_name_made_harmless(
    client, w, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://plan.example.ru"
    spam = "СОШ № 5 http://spam.example/buy\nЗВОНИТЕ spam@mail.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            w,
            school_name=spam,
            municipality="Купите-на-spam.example",
            teacher_name="Выигрыш 1000000 руб",
            pupils=17,
        )
    assert response.status_code == 302
    registration = GroupRegistration.objects.get()
    (message,) = mail.outbox
    text = message.subject + "\n" + message.body
    assert "СОШ № 5 http[:]//spam[.]example/buy ЗВОНИТЕ spam[at]mail[.]example" in text
    for typed in ("http://spam", "spam.example", "Выигрыш", "Купите", "учеников: 17"):
        assert typed not in text
    assert reverse("events:event_registration_status", args=[registration.token]) in text
    assert text.count("https:") == 1  # the link to the registration only


def test_links_in_e_mails_use_site_url(client, w, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://plan.example.ru"
    with django_capture_on_commit_callbacks(execute=True):
        post(client, w)
    assert "https://plan.example.ru/public/registrations/" in mail.outbox[0].body
    assert "localhost" not in mail.outbox[0].body
