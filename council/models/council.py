from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from orgs.models import Cluster, Organization, Person
from plans.models import Activity


class Council(models.Model):
    """The Coordination Council of a cluster: its name for the protocol and its quorum rule.

    One per cluster, made on first use. The quorum rule counts the members whose term covers the
    meeting date: by default a meeting has a quorum when more than half of them are present
    (`quorum_percent` = 50, `quorum_strict`); «inclusive» means «at least that percent».
    `organization` is the council as an organization of the cluster (kind «council»): it owes plan
    activity 1.1 «Проведение заседаний Координационного совета» and meetings held count for it.
    """

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="council")
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="совет как организация кластера",
    )
    name_genitive = models.CharField(
        "название в родительном падеже",
        max_length=500,
        help_text="Как в протоколе после слов «заседания»: «Координационного совета "
        "образовательно-отраслевого кластера транспорта».",
    )
    city = models.CharField(
        "город", max_length=100, blank=True, help_text="Пишется в протоколе: «г. Томск»."
    )
    quorum_percent = models.PositiveSmallIntegerField(
        "кворум, % членов совета",
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    quorum_strict = models.BooleanField(
        "строго больше",
        default=True,
        help_text="Отмечено — нужно больше указанной доли (по умолчанию: больше половины); "
        "снято — не меньше её.",
    )
    meetings_activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="мероприятие плана «Проведение заседаний»",
        help_text="Пусто — мероприятие плана работы, которое называется «Проведение заседаний "
        "Координационного совета».",
    )

    class Meta:
        verbose_name = "координационный совет"
        verbose_name_plural = "координационные советы"
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1, quorum_percent__lte=100)
                & ~Q(quorum_percent=100, quorum_strict=True),
                name="council_quorum_percent_possible",
            )
        ]

    def __str__(self) -> str:
        return f"Координационный совет: {self.cluster}"


class CouncilMember(models.Model):
    """A person on the council for a term, for an organization, in a role; with a substitute.

    A member whose term is over stays in the table (old protocols name them); who is on the council
    on a given day is decided by the term. The substitute may attend in the member's place and then
    counts towards the quorum.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", "председатель"
        DEPUTY_CHAIR = "deputy_chair", "заместитель председателя"
        SECRETARY = "secretary", "секретарь"
        MEMBER = "member", "член совета"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="council_memberships", verbose_name="ФИО"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="организация"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField("в совете с")
    term_end = models.DateField("по", null=True, blank=True)
    substitute = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="замещающий",
    )

    ROLE_ORDER = {Role.CHAIR: 0, Role.DEPUTY_CHAIR: 1, Role.SECRETARY: 2, Role.MEMBER: 3}

    class Meta:
        verbose_name = "член совета"
        verbose_name_plural = "члены совета"
        ordering = ["council", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person", "term_start"], name="council_member_unique_term"
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="council_member_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def serves_on(self, day) -> bool:
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)
