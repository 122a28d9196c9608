"""The quorum and vote rules, in plain Python (no database), so each edge is a table test.

Quorum: of the members whose term covers the meeting date, more than `percent` % are present
(strict, the default: more than half) or at least `percent` % (inclusive). A vote is adopted when
«за» is more than half of those present — abstaining counts as not supporting, as councils'
regulations usually say.
"""

from __future__ import annotations

from dataclasses import dataclass


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a number: 1 член, 2 члена, 5 членов."""
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


@dataclass(frozen=True)
class Quorum:
    total: int  # members on the council on the meeting date
    present: int  # members present in person or through a substitute
    percent: int = 50
    strict: bool = True

    @property
    def needed(self) -> int:
        """The fewest members present that make a quorum."""
        share = self.total * self.percent
        if self.strict:
            return share // 100 + 1
        return max(1, -(-share // 100))

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.present >= self.needed

    @property
    def rule(self) -> str:
        if self.percent == 50 and self.strict:
            return "больше половины членов совета"
        return f"{'больше' if self.strict else 'не меньше'} {self.percent} % членов совета"

    @property
    def text(self) -> str:
        """«Кворум есть: присутствуют 6 из 9 членов совета (нужно не меньше 5).»"""
        if self.total == 0:
            return "В совете на дату заседания нет ни одного члена — добавьте членов совета."
        members = plural(self.total, "члена", "членов", "членов")
        verb = (
            "присутствует"
            if self.present % 10 == 1 and self.present % 100 != 11
            else "присутствуют"
        )
        counts = f"{verb} {self.present} из {self.total} {members} совета"
        if self.reached:
            return f"Кворум есть: {counts} (нужно не меньше {self.needed})."
        return f"Кворума нет: {counts}, а нужно не меньше {self.needed} ({self.rule})."


def vote_adopted(*, votes_for: int, present: int) -> bool:
    """Adopted when «за» is more than half of those present."""
    return 2 * votes_for > present


def votes_line(votes_for: int, votes_against: int, votes_abstained: int) -> str:
    return (
        f"Голосовали: «за» — {votes_for}, «против» — {votes_against}, "
        f"«воздержались» — {votes_abstained}"
    )
