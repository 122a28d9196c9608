"""Plan activity 1.1 «Проведение заседаний Координационного совета» is fed by meetings held: an
indicator of that activity takes its values from the `council.meetings_held` source."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from council.models import Council
from council.selectors.activity import meetings_activity_for
from council.sources import MEETINGS_HELD
from reporting.models import Indicator
from reporting.services import indicator_create

INDICATOR_NAME = "Проведено заседаний Координационного совета"


@transaction.atomic
def meetings_indicator_ensure(*, council: Council, day: date, actor) -> Indicator | None:
    """The meetings indicator of the meetings activity of the plan year covering `day`, made once.

    None when that plan has no such activity. An indicator already fed by the source, or one the
    coordinator made under the same name, is left as it is.
    """
    activity = meetings_activity_for(council, day)
    if activity is None:
        return None
    existing = Indicator.objects.filter(activity=activity, source=MEETINGS_HELD).first()
    existing = (
        existing
        or Indicator.objects.filter(
            plan=activity.plan, activity=activity, name=INDICATOR_NAME
        ).first()
    )
    if existing is not None:
        return existing
    return indicator_create(
        plan=activity.plan,
        actor=actor,
        name=INDICATOR_NAME,
        activity=activity,
        unit="ед.",
        source=MEETINGS_HELD,
    )
