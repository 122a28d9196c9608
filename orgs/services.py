"""Writes on organizations, and the resolution of executor phrases into organizations."""

from dataclasses import dataclass, field

from django.db import transaction

from orgs.models import Cluster, ExecutorAlias, Organization
from parsing.executors import ExecutorGroup, normalize_name, split_executors

Kind = Organization.Kind

# Which organizations of the cluster each role phrase stands for.
GROUP_KINDS: dict[ExecutorGroup, set[str] | None] = {
    ExecutorGroup.COLLEGES: {Kind.COLLEGE},
    ExecutorGroup.PARTNER_ENTERPRISES: {Kind.ENTERPRISE},
    ExecutorGroup.COPP: {Kind.COPP},
    ExecutorGroup.EMPLOYMENT_CENTERS: {Kind.EMPLOYMENT_CENTER},
    ExecutorGroup.COUNCIL: {Kind.COUNCIL},
    ExecutorGroup.CLUSTER_MEMBERS: None,  # every member except the council itself
}


@dataclass
class Resolution:
    """What an executors cell names: (organization, is_lead, phrase) and the phrases not understood."""

    assignments: list[tuple[Organization, bool, str]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


class ExecutorDirectory:
    """The cluster's organizations and remembered aliases, loaded once for a whole import.

    Executor phrases resolve in this order: a remembered alias (a human's mapping wins), a group
    phrase («руководители ПОО»), an organization's short or full name in any spelling.
    """

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.organizations = list(
            Organization.objects.filter(memberships__cluster=cluster).order_by("short_name")
        )
        self.by_name: dict[str, Organization] = {}
        for organization in self.organizations:
            self.by_name[normalize_name(organization.short_name)] = organization
            self.by_name.setdefault(normalize_name(organization.full_name), organization)
        self.aliases: dict[str, list[Organization]] = {}
        for alias in ExecutorAlias.objects.filter(cluster=cluster).prefetch_related(
            "organizations"
        ):
            self.aliases[alias.normalized] = list(alias.organizations.all())

    def organizations_for(self, phrase: str, group: ExecutorGroup | None) -> list[Organization]:
        alias = self.aliases.get(normalize_name(phrase))
        if alias is not None:
            return alias
        if group is not None:
            kinds = GROUP_KINDS[group]
            return [
                org
                for org in self.organizations
                if (org.kind in kinds if kinds is not None else org.kind != Kind.COUNCIL)
            ]
        found = self.by_name.get(normalize_name(phrase))
        return [found] if found else []

    def resolve(self, executors_text: str) -> Resolution:
        """Organizations of the first phrase lead; the others are co-executors."""
        resolution = Resolution()
        seen: set[int] = set()
        phrases = split_executors(executors_text)
        for index, phrase in enumerate(phrases):
            organizations = self.organizations_for(phrase.text, phrase.group)
            if not organizations:
                resolution.unresolved.append(phrase.text)
            for organization in organizations:
                if organization.pk not in seen:
                    seen.add(organization.pk)
                    resolution.assignments.append((organization, index == 0, phrase.text))
        return resolution


@transaction.atomic
def executor_alias_set(
    *, cluster: Cluster, phrase: str, organizations: list[Organization]
) -> ExecutorAlias:
    """Remember that `phrase` in this cluster's plans means these organizations."""
    if not organizations:
        raise ValueError("Выберите хотя бы одну организацию.")
    foreign = [org for org in organizations if not org.memberships.filter(cluster=cluster).exists()]
    if foreign:
        raise ValueError(f"Организация «{foreign[0]}» не входит в кластер.")
    alias, _ = ExecutorAlias.objects.update_or_create(
        cluster=cluster, normalized=normalize_name(phrase), defaults={"phrase": phrase}
    )
    alias.full_clean()
    alias.organizations.set(organizations)
    return alias
