import pytest

from orgs.models import ExecutorAlias, Organization
from orgs.services import ExecutorDirectory, executor_alias_set
from orgs.tests.factories import ClusterFactory, OrganizationFactory, member

pytestmark = pytest.mark.django_db
Kind = Organization.Kind


@pytest.fixture
def cluster():
    cluster = ClusterFactory()
    member(cluster, short_name="Координационный совет", kind=Kind.COUNCIL)
    member(cluster, short_name="ОГБПОУ «ТТВТС»", kind=Kind.COLLEGE)
    member(cluster, short_name="ОГБПОУ «ТКГТ»", kind=Kind.COLLEGE)
    member(cluster, short_name="Завод", kind=Kind.ENTERPRISE)
    member(cluster, short_name="ЦОПП ТО", kind=Kind.COPP)
    member(cluster, short_name="ЦЗН Томска", kind=Kind.EMPLOYMENT_CENTER)
    return cluster


def names(resolution):
    return [(org.short_name, is_lead) for org, is_lead, _ in resolution.assignments]


@pytest.mark.parametrize(
    ("executors", "expected"),
    [
        ("председатель Координационного совета", [("Координационный совет", True)]),
        (
            "ОГБПОУ «ТТВТС», руководители ПОО",
            [("ОГБПОУ «ТТВТС»", True), ("ОГБПОУ «ТКГТ»", False)],
        ),
        (
            "Руководители ПОО Предприятия-партнеры",
            [("ОГБПОУ «ТКГТ»", True), ("ОГБПОУ «ТТВТС»", True), ("Завод", False)],
        ),
        (
            "Руководители ПОО ЦОПП",
            [("ОГБПОУ «ТКГТ»", True), ("ОГБПОУ «ТТВТС»", True), ("ЦОПП ТО", False)],
        ),
        ("центры занятости", [("ЦЗН Томска", True)]),
        (
            "Представители кластера",
            [
                ("Завод", True),
                ("ОГБПОУ «ТКГТ»", True),
                ("ОГБПОУ «ТТВТС»", True),
                ("ЦЗН Томска", True),
                ("ЦОПП ТО", True),
            ],
        ),
        ("ТКГТ", [("ОГБПОУ «ТКГТ»", True)]),
        ('"ТТВТС"', [("ОГБПОУ «ТТВТС»", True)]),
    ],
)
def test_executor_phrases_resolve_to_cluster_organizations(cluster, executors, expected):
    resolution = ExecutorDirectory(cluster).resolve(executors)
    assert names(resolution) == expected
    assert resolution.unresolved == []


def test_unknown_phrase_is_reported_not_dropped(cluster):
    resolution = ExecutorDirectory(cluster).resolve("ОГБПОУ «ТКГТ», департамент образования")
    assert names(resolution) == [("ОГБПОУ «ТКГТ»", True)]
    assert resolution.unresolved == ["департамент образования"]


def test_group_without_such_organizations_is_unresolved():
    cluster = ClusterFactory()
    member(cluster, kind=Kind.COLLEGE)
    assert ExecutorDirectory(cluster).resolve("ЦОПП").unresolved == ["ЦОПП"]


def test_organization_outside_cluster_does_not_resolve(cluster):
    OrganizationFactory(short_name="ОГБПОУ «ЧУЖОЙ»")
    assert ExecutorDirectory(cluster).resolve("ОГБПОУ «ЧУЖОЙ»").unresolved == ["ОГБПОУ «ЧУЖОЙ»"]


def test_remembered_alias_resolves_next_time(cluster):
    directory = ExecutorDirectory(cluster)
    assert directory.resolve("департамент образования").unresolved
    tkgt = Organization.objects.get(short_name="ОГБПОУ «ТКГТ»")
    executor_alias_set(cluster=cluster, phrase="Департамент образования", organizations=[tkgt])
    resolution = ExecutorDirectory(cluster).resolve("департамент  образования")
    assert names(resolution) == [("ОГБПОУ «ТКГТ»", True)]
    assert ExecutorAlias.objects.get().phrase == "Департамент образования"


def test_alias_refuses_organization_of_another_cluster(cluster):
    stranger = OrganizationFactory()
    with pytest.raises(ValueError, match="не входит в кластер"):
        executor_alias_set(cluster=cluster, phrase="кто-то", organizations=[stranger])
    assert not ExecutorAlias.objects.exists()
