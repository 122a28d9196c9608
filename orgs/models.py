"""Clusters, the organizations in them, people, and who may do what.

A cluster joins colleges, enterprises, the regional ЦОПП, employment centers and schools around one
industry. An organization may belong to several clusters (Membership). Access is given per cluster by
UserRole: a coordinator runs the cluster, a representative acts for one organization, an observer reads.
"""

from django.conf import settings
from django.db import models


class Cluster(models.Model):
    """An educational-industrial cluster (образовательно-отраслевой кластер)."""

    name = models.CharField("название", max_length=300)
    short_name = models.CharField("краткое название", max_length=100)
    slug = models.SlugField("адрес", unique=True)
    region = models.CharField("регион", max_length=100, blank=True)
    industry = models.CharField("отрасль", max_length=100, blank=True)

    class Meta:
        verbose_name = "кластер"
        verbose_name_plural = "кластеры"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Organization(models.Model):
    """A member or partner of clusters: a college (ПОО), an enterprise, ЦОПП, an employment center…"""

    class Kind(models.TextChoices):
        COLLEGE = "college", "ПОО"
        ENTERPRISE = "enterprise", "предприятие"
        COPP = "copp", "ЦОПП"
        EMPLOYMENT_CENTER = "employment_center", "центр занятости"
        SCHOOL = "school", "школа"
        AUTHORITY = "authority", "орган власти"
        COUNCIL = "council", "координационный совет"
        OTHER = "other", "другое"

    full_name = models.CharField("полное название", max_length=500)
    short_name = models.CharField("краткое название", max_length=200, unique=True)
    kind = models.CharField("тип", max_length=20, choices=Kind.choices)
    is_demo = models.BooleanField(
        "демонстрационная",
        default=False,
        help_text="Пример для демонстрации, не реальная организация.",
    )

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Membership(models.Model):
    """An organization's place in a cluster."""

    class Role(models.TextChoices):
        LEAD_COLLEGE = "lead_college", "базовая ПОО"
        MEMBER = "member", "участник"
        PARTNER = "partner", "партнёр"

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("роль", max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = "участие в кластере"
        verbose_name_plural = "участие в кластерах"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organization"], name="membership_unique_per_cluster"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} в {self.cluster} ({self.get_role_display()})"


class Person(models.Model):
    """Someone who works in an organization: a head of college, a deputy, a council chair."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField("ФИО", max_length=200)
    position = models.CharField("должность", max_length=300, blank=True)
    email = models.EmailField("e-mail", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = "сотрудник"
        verbose_name_plural = "сотрудники"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class UserRole(models.Model):
    """What a user may do in one cluster (DESIGN §3). Administrators are Django superusers."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", "координатор"
        REPRESENTATIVE = "representative", "представитель организации"
        OBSERVER = "observer", "наблюдатель"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cluster_roles"
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="user_roles")
    kind = models.CharField("роль", max_length=20, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="user_roles",
        help_text="Для представителя — организация, от имени которой он отчитывается.",
    )

    class Meta:
        verbose_name = "роль пользователя"
        verbose_name_plural = "роли пользователей"
        constraints = [
            models.UniqueConstraint(fields=["user", "cluster"], name="user_role_one_per_cluster"),
            models.CheckConstraint(
                condition=~models.Q(kind="representative") | models.Q(organization__isnull=False),
                name="user_role_representative_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} в {self.cluster}"


class ExecutorAlias(models.Model):
    """A phrase from an executors cell mapped by a human to organizations; remembered per cluster.

    «ТТВТС» or «Томский техникум» may not match any organization's name; once a coordinator maps it
    during an import, every later import of the cluster resolves it the same way.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="executor_aliases")
    phrase = models.CharField("как написано в плане", max_length=300)
    normalized = models.CharField(max_length=300, editable=False)
    organizations = models.ManyToManyField(Organization, related_name="aliases")

    class Meta:
        verbose_name = "сопоставление исполнителя"
        verbose_name_plural = "сопоставления исполнителей"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "normalized"], name="executor_alias_unique_phrase"
            )
        ]

    def __str__(self) -> str:
        return self.phrase
