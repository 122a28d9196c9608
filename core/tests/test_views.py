"""The shared view glue: a service's refusal lands where a person reads it, nothing else changes."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.views import action_submit, error_text, form_errors, form_submit


class TitleForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(required=False)


def request(method="post", data=None):
    made = getattr(RequestFactory(), method)("/", data or {})
    made.session = {}
    made._messages = FallbackStorage(made)
    return made


def texts(made):
    return [str(message) for message in get_messages(made)]


def refuse(field=None):
    def service(*_args):
        if field:
            raise ValidationError({field: "Такое название уже есть."})
        raise ValidationError("План утверждён — менять его нельзя.")

    return service


def test_error_text_joins_every_message():
    assert error_text(ValidationError(["Первое.", "Второе."])) == "Первое. Второе."


@pytest.mark.parametrize(
    ("error", "field", "expected"),
    [
        (ValidationError({"title": "Слишком длинно."}), "title", ["Слишком длинно."]),
        (ValidationError({"unknown": "Не то поле."}), "__all__", ["Не то поле."]),
        (ValidationError("Нельзя."), "__all__", ["Нельзя."]),
    ],
    ids=["named_field", "unknown_field_to_form", "plain_to_form"],
)
def test_form_errors_put_the_refusal_where_it_belongs(error, field, expected):
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    form_errors(form, error)
    assert form.errors[field] == expected


def test_form_submit_runs_the_service_then_says_so_and_redirects():
    made = request(data={"title": "Новое"})
    seen = []
    response = form_submit(
        made,
        TitleForm(made.POST),
        lambda data: seen.append(data["title"]) or 7,
        success=lambda result: f"Сохранено: {result}.",
        next_url=lambda result: f"/things/{result}/",
    )
    assert seen == ["Новое"]
    assert (response.status_code, response.url) == (302, "/things/7/")
    assert texts(made) == ["Сохранено: 7."]


def test_form_submit_keeps_the_form_on_a_refusal_and_on_a_get():
    made = request(data={"title": "Новое"})
    form = TitleForm(made.POST)
    assert form_submit(made, form, refuse("title"), next_url="/x/") is None
    assert form.errors["title"] == ["Такое название уже есть."]
    assert texts(made) == []
    called = []
    assert form_submit(request("get"), TitleForm(), called.append, next_url="/x/") is None
    assert called == []


def test_form_submit_does_not_call_the_service_with_an_invalid_form():
    made = request(data={"title": ""})
    called = []
    assert form_submit(made, TitleForm(made.POST), called.append, next_url="/x/") is None
    assert called == []


def test_action_submit_reports_success_or_refusal_as_a_message():
    made = request()
    response = action_submit(made, lambda: None, success="Готово.", next_url="/done/")
    assert (response.url, texts(made)) == ("/done/", ["Готово."])
    made = request()
    response = action_submit(
        made, refuse(), success="Готово.", next_url=lambda r: f"/{r}/", failure_url="/back/"
    )
    assert (response.url, texts(made)) == ("/back/", ["План утверждён — менять его нельзя."])


def test_action_submit_needs_a_plain_failure_address_for_a_computed_next():
    with pytest.raises(TypeError):
        action_submit(request(), refuse(), next_url=lambda r: "/x/")
