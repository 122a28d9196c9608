import pytest

from parsing.executors import ExecutorGroup as G
from parsing.executors import ExecutorPhrase as P
from parsing.executors import normalize_name, split_executors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "председатель Координационного совета",
            [P("председатель Координационного совета", G.COUNCIL)],
            id="council_chair",
        ),
        pytest.param(
            "ОГБПОУ «ТТВТС», руководители ПОО",
            [P("ОГБПОУ «ТТВТС»", None), P("руководители ПОО", G.COLLEGES)],
            id="named_then_group_with_comma",
        ),
        pytest.param(
            "Руководители ПОО Предприятия-партнеры",
            [P("Руководители ПОО", G.COLLEGES), P("Предприятия-партнеры", G.PARTNER_ENTERPRISES)],
            id="two_groups_without_separator",
        ),
        pytest.param(
            "ОГБПОУ «ТКГТ» Руководители ПОО",
            [P("ОГБПОУ «ТКГТ»", None), P("Руководители ПОО", G.COLLEGES)],
            id="named_then_group_without_separator",
        ),
        pytest.param(
            "Координационный совет Руководители ПОО",
            [P("Координационный совет", G.COUNCIL), P("Руководители ПОО", G.COLLEGES)],
            id="council_and_colleges",
        ),
        pytest.param(
            "Заместители руководителей ПОО",
            [P("Заместители руководителей ПОО", G.COLLEGES)],
            id="deputies",
        ),
        pytest.param(
            "руководители ЦСТВ ПОО", [P("руководители ЦСТВ ПОО", G.COLLEGES)], id="graduate_centers"
        ),
        pytest.param(
            "Руководители ПОО, представители кластера",
            [P("Руководители ПОО", G.COLLEGES), P("представители кластера", G.CLUSTER_MEMBERS)],
            id="colleges_and_members",
        ),
        pytest.param(
            "Руководители ПОО ЦОПП",
            [P("Руководители ПОО", G.COLLEGES), P("ЦОПП", G.COPP)],
            id="colleges_and_copp",
        ),
        pytest.param(
            "центры занятости населения",
            [P("центры занятости населения", G.EMPLOYMENT_CENTERS)],
            id="employment_centers",
        ),
        pytest.param(
            'ТТВТС, ООО "Томскавтотранс" и департамент образования',
            [P("ТТВТС", None), P('ООО "Томскавтотранс"', None), P("департамент образования", None)],
            id="unknown_phrases_kept",
        ),
        pytest.param("", [], id="empty"),
        pytest.param(" ,; ", [], id="only_separators"),
    ],
)
def test_split_executors(text: str, expected: list[P]) -> None:
    assert list(split_executors(text)) == expected


@pytest.mark.parametrize(
    "spelling",
    ["ОГБПОУ «ТТВТС»", "«ТТВТС»", "ТТВТС", '"ТТВТС"', "огбпоу ттвтс", "ОГБПОУ “ТТВТС”"],
)
def test_normalize_name_ignores_quotes_case_and_legal_form(spelling: str) -> None:
    assert normalize_name(spelling) == "ттвтс"
