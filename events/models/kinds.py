from django.db import models

from orgs.models import Cluster

# code, name, is a professional trial, participants are named (with consent)
DEFAULT_KINDS = [
    ("game_program", "Игровая программа", False, False),
    ("trial", "Профессиональная проба", True, False),
    ("prof_class", "Занятие профессионального класса", False, False),
    ("road_safety", "Школа безопасности дорожного движения", False, False),
    ("championship", "Чемпионат", False, True),
    ("open_day", "День открытых дверей", False, False),
    ("parents_meeting", "Родительское собрание", False, False),
    ("master_class", "Мастер-класс", False, False),
    ("excursion", "Экскурсия", False, False),
    ("other", "Другое", False, False),
]


class EventKind(models.Model):
    """A kind of event in one cluster: «Профессиональная проба», «Игровая программа»…

    Every cluster starts with the usual list (a data migration and `event_kinds_ensure` seed it);
    its coordinators add their own («Профпроба «Билет в будущее»»). `is_trial` makes a kind count
    as a professional trial in indicators; `named_participants` marks the rare kind whose
    participants must be recorded by name (a championship's competitors), with consent.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="event_kinds")
    code = models.SlugField("код", max_length=50)
    name = models.CharField("название", max_length=100)
    is_trial = models.BooleanField(
        "профессиональная проба",
        default=False,
        help_text="Мероприятия этого вида считаются в показателе «профессиональные пробы».",
    )
    named_participants = models.BooleanField(
        "участники поимённо",
        default=False,
        help_text="Как в чемпионате: участников записывают по имени и организации с согласием.",
    )
    position = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "вид мероприятия"
        verbose_name_plural = "виды мероприятий"
        ordering = ["cluster", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="event_kind_unique_code"),
            models.UniqueConstraint(fields=["cluster", "name"], name="event_kind_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
