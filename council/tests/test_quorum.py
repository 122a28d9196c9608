"""The quorum and vote rules as tables (pure Python, no database)."""

import pytest

from council.quorum import Quorum, plural, vote_adopted, votes_line


@pytest.mark.parametrize(
    ("total", "present", "percent", "strict", "needed", "reached"),
    [
        pytest.param(7, 4, 50, True, 4, True, id="seven_four_is_more_than_half"),
        pytest.param(7, 3, 50, True, 4, False, id="seven_three_is_not"),
        pytest.param(8, 4, 50, True, 5, False, id="eight_half_is_not_more_than_half"),
        pytest.param(8, 4, 50, False, 4, True, id="eight_half_inclusive"),
        pytest.param(9, 6, 66, True, 6, True, id="two_thirds_strict"),
        pytest.param(9, 5, 66, True, 6, False, id="two_thirds_strict_short"),
        pytest.param(10, 7, 67, False, 7, True, id="inclusive_rounds_up"),
        pytest.param(3, 3, 100, False, 3, True, id="everyone"),
        pytest.param(1, 1, 50, True, 1, True, id="single_member"),
        pytest.param(0, 0, 50, True, 1, False, id="no_members_no_quorum"),
    ],
)
def test_quorum(total, present, percent, strict, needed, reached):
    quorum = Quorum(total=total, present=present, percent=percent, strict=strict)
    assert quorum.needed == needed
    assert quorum.reached is reached


def test_quorum_words():
    assert Quorum(7, 5).text == (
        "Кворум есть: присутствуют 5 из 7 членов совета (нужно не меньше 4)."
    )
    assert Quorum(21, 1).text == (
        "Кворума нет: присутствует 1 из 21 члена совета, а нужно не меньше 11 "
        "(больше половины членов совета)."
    )
    assert "не меньше 60 % членов совета" in Quorum(10, 2, 60, False).text
    assert Quorum(0, 0).text.startswith("В совете на дату заседания нет ни одного члена")


@pytest.mark.parametrize(
    ("votes_for", "present", "adopted"),
    [(4, 7, True), (3, 7, False), (3, 6, False), (4, 6, True), (5, 6, True), (0, 1, False)],
)
def test_vote_adopted_when_for_is_more_than_half_of_those_present(votes_for, present, adopted):
    assert vote_adopted(votes_for=votes_for, present=present) is adopted


def test_votes_line_and_plural():
    assert votes_line(5, 0, 1) == "Голосовали: «за» — 5, «против» — 0, «воздержались» — 1"
    assert [plural(n, "член", "члена", "членов") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "член",
        "члена",
        "членов",
        "членов",
        "член",
        "члена",
        "членов",
    ]
