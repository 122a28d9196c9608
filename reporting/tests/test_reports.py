"""Writing, submitting and reviewing reports; every version kept; optimistic locking."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from reporting.models import Report, ReportVersion
from reporting.services import (
    EditConflict,
    report_accept,
    report_return,
    report_save,
    report_submit,
)
from reporting.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
Status = Report.Status


def save(world, **fields):
    fields.setdefault("version", 0)
    return report_save(
        obligation=world["ob_quarter_ttvts"], period=world["q1"], actor=world["rep_ttvts"], **fields
    )


def test_a_draft_is_created_then_saved_over_its_own_version(world):
    report = save(world, status=Status.IN_PROGRESS, text="Начали набор групп.")
    assert (report.state, report.version, report.text) == ("draft", 1, "Начали набор групп.")
    report = save(world, version=1, status=Status.DONE, text="Провели 4 пробы.")
    assert (report.version, report.status, report.text) == (2, "done", "Провели 4 пробы.")


def test_two_people_editing_at_once_the_second_save_is_refused_and_nothing_is_lost(world):
    save(world, text="Первая версия.")  # both opened the form at version 1
    save(world, version=1, text="Правка Анны.")
    with pytest.raises(EditConflict) as refused:
        save(world, version=1, text="Правка Бориса.")
    message = str(refused.value)
    assert "уже изменил(а)" in message
    assert "Ваши изменения не сохранены" in message
    report = Report.objects.get()
    assert (report.text, report.version) == ("Правка Анны.", 2)


def test_a_save_that_would_overwrite_nothing_is_not_a_conflict(world):
    """The form's own autosave landed a moment before its submit: same words, no conflict."""
    save(world, text="Начало.")
    save(world, version=1, status=Status.DONE, text="Провели 4 пробы.")  # the autosave
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=1,
        status=Status.DONE,
        text="Провели 4 пробы.",
    )
    assert report.state == Report.State.SUBMITTED


def test_two_people_starting_the_same_report(world):
    save(world, text="Первым начал.")
    with pytest.raises(EditConflict):
        save(world, version=0, text="Тоже начал.")
    assert Report.objects.get().text == "Первым начал."


def test_submit_requires_a_status_a_reason_for_not_done_and_postponed_and_a_text(world):
    with pytest.raises(ValidationError) as error:
        report_submit(
            obligation=world["ob_quarter_ttvts"],
            period=world["q1"],
            actor=world["rep_ttvts"],
            version=0,
            status=Status.POSTPONED,
        )
    assert "укажите причину" in error.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as error:
        report_submit(
            obligation=world["ob_quarter_ttvts"],
            period=world["q1"],
            actor=world["rep_ttvts"],
            version=0,
            status=Status.DONE,
        )
    assert error.value.message_dict["text"] == ["Опишите, что сделано за период."]
    assert not Report.objects.exists()  # a refused submission writes nothing


def test_nothing_to_report_only_for_as_needed_activities(world):
    report = report_submit(
        obligation=world["ob_as_needed"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status=Status.NOTHING,
    )
    assert report.state == Report.State.SUBMITTED
    with pytest.raises(ValidationError, match="только мероприятиям «по мере"):
        save(world, status=Status.NOTHING)


def test_every_submission_is_a_version_and_the_review_is_recorded(world):
    indicator = IndicatorFactory(activity=world["quarter"], name="Участников проб", unit="чел.")
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status=Status.DONE,
        text="Провели 4 пробы.",
        values={indicator.pk: Decimal(40)},
    )
    assert (report.state, report.version) == ("submitted", 2)
    with pytest.raises(ValidationError, match="изменить его сейчас нельзя"):
        save(world, version=report.version, text="после отправки")

    report_return(report=report, actor=world["coordinator"], comment="Приложите приказ.")
    report.refresh_from_db()
    assert (report.state, report.review_comment) == ("returned", "Приложите приказ.")
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=report.version,
        status=Status.DONE,
        text="Провели 4 пробы, приказ № 12.",
        values={indicator.pk: Decimal(42)},
    )
    report_accept(report=report, actor=world["coordinator"])
    versions = list(ReportVersion.objects.order_by("number"))
    assert [(v.number, v.decision, v.snapshot["text"]) for v in versions] == [
        (1, "returned", "Провели 4 пробы."),
        (2, "accepted", "Провели 4 пробы, приказ № 12."),
    ]
    assert versions[0].snapshot["values"][0]["value"] == "40.00"
    assert versions[0].comment == "Приложите приказ."
    assert Report.objects.get().values.get().value == Decimal(42)


def test_return_needs_a_comment_and_a_decision_is_made_once(world):
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status=Status.IN_PROGRESS,
        text="Идёт набор.",
    )
    with pytest.raises(ValidationError, match="что нужно исправить"):
        report_return(report=report, actor=world["coordinator"], comment=" ")
    report_accept(report=report, actor=world["coordinator"])
    with pytest.raises(ValidationError, match="решение по нему уже принято"):
        report_accept(report=report, actor=world["coordinator"])


def test_the_organization_hears_about_the_decision(world, django_capture_on_commit_callbacks):
    world["rep_ttvts"].email = "ttvts@college.test"
    world["rep_ttvts"].save()
    report = report_submit(
        obligation=world["ob_quarter_ttvts"],
        period=world["q1"],
        actor=world["rep_ttvts"],
        version=0,
        status=Status.IN_PROGRESS,
        text="Идёт набор.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=report, actor=world["coordinator"], comment="Уточните число групп.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ttvts@college.test"]
    assert "возвращён на доработку" in mail.outbox[0].subject
    assert "Уточните число групп." in mail.outbox[0].body


def test_values_must_be_the_activitys_manual_indicators(world):
    other = IndicatorFactory(activity=world["second_half"])
    with pytest.raises(ValidationError, match="не относится к этому мероприятию"):
        save(world, values={other.pk: Decimal(1)})
