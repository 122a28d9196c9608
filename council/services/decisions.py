"""Writes on decisions («РЕШИЛИ»): information, a vote, or assignments — never without a quorum."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from council.models import AgendaItem, Decision
from council.quorum import vote_adopted
from council.selectors.meetings import quorum_for
from council.services.common import lock_meeting, paragraphs

NO_QUORUM = "Решение нельзя записать как принятое без кворума."


def _votes(kind: str, votes: tuple[int | None, int | None, int | None], present: int):
    """The three counts (all or none), checked against those present; and whether adopted."""
    given = [value for value in votes if value is not None]
    if kind == Decision.Kind.INFO:
        if given:
            raise ValidationError(
                "Решение «принять к сведению» не голосуется — уберите числа голосов "
                "или выберите «решение голосованием»."
            )
        return (None, None, None), True
    if not given and kind == Decision.Kind.ASSIGNMENTS:
        return (None, None, None), True
    if len(given) != 3:
        raise ValidationError(
            {"votes_for": "Укажите число голосов «за», «против» и «воздержались» (можно 0)."}
        )
    if any(value < 0 for value in given):
        raise ValidationError({"votes_for": "Число голосов не может быть отрицательным."})
    if sum(given) > present:
        raise ValidationError(
            {
                "votes_for": f"Голосов ({sum(given)}) больше, чем присутствующих членов совета "
                f"({present})."
            }
        )
    return tuple(votes), vote_adopted(votes_for=votes[0], present=present)


@transaction.atomic
def decision_record(
    *,
    item: AgendaItem,
    actor,
    kind: str,
    text: str,
    votes_for: int | None = None,
    votes_against: int | None = None,
    votes_abstained: int | None = None,
) -> Decision:
    """Record a decision on the item, numbered after the item's last one («2.3»).

    Refused without a quorum as marked at that moment. A vote is adopted when «за» is more than
    half of the members present; a vote that fails is recorded as not adopted (the protocol says
    so) and can give no assignments.
    """
    meeting = lock_meeting(item.meeting)
    if kind not in Decision.Kind.values:
        raise ValidationError({"kind": "Выберите вид решения."})
    text = paragraphs(text)
    if not text:
        raise ValidationError({"text": "Запишите текст решения."})
    quorum = quorum_for(meeting)
    if not quorum.reached:
        raise ValidationError(f"{quorum.text} {NO_QUORUM}")
    (votes_for, votes_against, votes_abstained), adopted = _votes(
        kind, (votes_for, votes_against, votes_abstained), quorum.present
    )
    last = Decision.objects.filter(item=item).aggregate(last=Max("position"))["last"]
    decision = Decision(
        item=item,
        position=(last or 0) + 1,
        kind=kind,
        text=text,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstained=votes_abstained,
        adopted=adopted,
        present_count=quorum.present,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    decision.full_clean(exclude=["recorded_by"])
    decision.save()
    return decision


@transaction.atomic
def decision_remove(*, decision: Decision, actor) -> None:
    """Delete a decision recorded by mistake, while it has no assignments; later ones move up."""
    lock_meeting(decision.item.meeting)
    if decision.assignments.exists():
        raise ValidationError(
            f"По решению {decision.number} уже даны поручения, они на контроле — удалить "
            "решение нельзя. Снимите поручения с контроля, если они даны ошибочно."
        )
    item = decision.item
    decision.delete()
    for position, later in enumerate(
        Decision.objects.filter(item=item).order_by("position"), start=1
    ):
        if later.position != position:
            later.position = position
            later.save(update_fields=["position"])
