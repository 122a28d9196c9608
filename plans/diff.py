"""What changed between two editions of a plan: activities added, removed, changed, unchanged.

Pure Python on purpose: this module imports nothing from Django (nor from the models), so the
comparison is tested as tables of rows. The caller turns activities (or the rows of an uploaded
document) into `DiffRow`s, keyed by its own id, and gets one `RowChange` per activity.

Rows are matched by content, not only by number, each old and each new row at most once:

1. the same normalised title (case, «ё», punctuation and spacing ignored);
2. the same number and titles at least 60 % similar (`title_similarity`);
3. among the rest, the most similar pairs first, at least 75 % similar.

So a reworded activity is CHANGED, not removed and added, and two activities that swapped numbers
are each matched to itself (renumbered), though each number now points at the other title. A
matched pair is CHANGED when a field differs once runs of spaces and line breaks are collapsed
(re-importing a document must not show changes); any other difference, even a dot or a letter's
case, is a change.

The result is in the new edition's order; a removed row comes right after the row that preceded
it in the old edition (at the top if nothing preceded it).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME_NUMBER_SIMILARITY = 0.6
REWORDED_SIMILARITY = 0.75
FIELDS = ("number", "title", "executors", "deadline_text", "objective")


@dataclass(frozen=True)
class DiffRow:
    """One activity of an edition, as the comparison sees it."""

    key: int | str  # the caller's id (activity pk or row index)
    number: str  # «2.8»
    title: str
    executors: str
    deadline_text: str
    objective: str  # objective number or title, to detect moves between objectives


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FieldChange:
    field: str  # one of FIELDS
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """One activity: `old` is None when ADDED, `new` is None when REMOVED; `fields` lists what
    differs for CHANGED (in the order of FIELDS) and is empty otherwise."""

    kind: ChangeKind
    old: DiffRow | None
    new: DiffRow | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def renumbered(self) -> bool:
        return any(change.field == "number" for change in self.fields)

    @property
    def moved(self) -> bool:
        """Moved to another objective."""
        return any(change.field == "objective" for change in self.fields)


def normalise_title(title: str) -> str:
    """Case-folded, «ё» as «е», punctuation as spaces, one space between words."""
    folded = title.casefold().replace("ё", "е")
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def title_similarity(old: str, new: str) -> float:
    """0..1: difflib's ratio of the normalised titles."""
    return _similarity(normalise_title(old), normalise_title(new))


def diff_rows(old: Sequence[DiffRow], new: Sequence[DiffRow]) -> list[RowChange]:
    """Every row of both editions once: matched pairs (CHANGED / UNCHANGED), ADDED, REMOVED."""
    pairs = _match(old, new)  # new index → old index
    matched_old = set(pairs.values())

    # Removed rows follow the nearest matched row before them in the old order (-1: the top).
    after: dict[int, list[int]] = {}
    anchor = -1
    old_to_new = {o: n for n, o in pairs.items()}
    for o in range(len(old)):
        if o in matched_old:
            anchor = old_to_new[o]
        else:
            after.setdefault(anchor, []).append(o)

    result = [RowChange(ChangeKind.REMOVED, old[o], None) for o in after.get(-1, [])]
    for n, row in enumerate(new):
        if n in pairs:
            result.append(_compare(old[pairs[n]], row))
        else:
            result.append(RowChange(ChangeKind.ADDED, None, row))
        result.extend(RowChange(ChangeKind.REMOVED, old[o], None) for o in after.get(n, []))
    return result


# --- Matching ------------------------------------------------------------------------------------


def _match(old: Sequence[DiffRow], new: Sequence[DiffRow]) -> dict[int, int]:
    """new index → old index, by the three rules of the module docstring."""
    old_titles = [normalise_title(row.title) for row in old]
    new_titles = [normalise_title(row.title) for row in new]
    pairs: dict[int, int] = {}
    free_old = list(range(len(old)))

    def take(n: int, o: int) -> None:
        pairs[n] = o
        free_old.remove(o)

    # 1. The same title; among equal titles the same number, then the same objective, then the
    #    first in the old order.
    for n, row in enumerate(new):
        same = [o for o in free_old if old_titles[o] == new_titles[n]]
        if same:
            take(n, min(same, key=lambda o: _closeness(old[o], row)))

    # 2. The same number and a similar title.
    for n, row in enumerate(new):
        if n in pairs:
            continue
        candidates = [
            (_similarity(old_titles[o], new_titles[n]), -o, o)
            for o in free_old
            if _number(old[o].number) == _number(row.number) and _number(row.number)
        ]
        best = max(candidates, default=None)
        if best and best[0] >= SAME_NUMBER_SIMILARITY:
            take(n, best[2])

    # 3. The most similar of the rest, best pairs first. difflib's ratio is slow on long titles
    #    (about a millisecond), so pairs whose longest common subsequence already rules out the
    #    threshold are skipped: ratio = 2·matched / total, and the matched blocks are a common
    #    subsequence.
    rest = list(free_old)
    packed = _Packed([old_titles[o] for o in rest])
    scored = []
    for n in range(len(new)):
        if n in pairs:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(new_titles[n])  # difflib caches what it learns about seq2
        for o, common in zip(rest, packed.lcs_lengths(new_titles[n]), strict=True):
            total = len(old_titles[o]) + len(new_titles[n])
            if 2 * common < REWORDED_SIMILARITY * total:
                continue
            matcher.set_seq1(old_titles[o])
            if (ratio := matcher.ratio()) >= REWORDED_SIMILARITY:
                scored.append((-ratio, _closeness(old[o], new[n]), o, n))
    for _, _, o, n in sorted(scored):
        if n not in pairs and o in free_old:
            take(n, o)
    return pairs


class _Packed:
    """Texts side by side in one integer's bits, for the bit-parallel longest common subsequence
    (Allison–Dix, Hyyrö) of one other text with all of them at once. A zero guard bit after each
    text keeps one text's carries out of the next."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.spans: list[tuple[int, int]] = []  # (first bit, length) of each text
        positions: dict[str, list[int]] = {}
        offset = 0
        for text in texts:
            self.spans.append((offset, len(text)))
            for index, char in enumerate(text):
                positions.setdefault(char, []).append(offset + index)
            offset += len(text) + 1
        self.masks = {char: _bits(found, offset) for char, found in positions.items()}
        self.data = sum(((1 << length) - 1) << first for first, length in self.spans)

    def lcs_lengths(self, other: str) -> list[int]:
        """For each text, the length of its longest common subsequence with `other`."""
        v = self.data  # a 0 bit in a text's span: one more character of the subsequence
        for char in other:
            u = v & self.masks.get(char, 0)
            v = ((v + u) | (v - u)) & self.data
        return [
            length - ((v >> first) & ((1 << length) - 1)).bit_count()
            for first, length in self.spans
        ]


def _bits(positions: list[int], size: int) -> int:
    """An integer with the bits at `positions` set."""
    buffer = bytearray(size // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _similarity(old_title: str, new_title: str) -> float:
    return SequenceMatcher(None, old_title, new_title, autojunk=False).ratio()


def _closeness(old: DiffRow, new: DiffRow) -> tuple[bool, bool]:
    """Sorts first (False < True) the same number, then the same objective."""
    return _number(old.number) != _number(new.number), _text(old.objective) != _text(new.objective)


# --- Comparing -----------------------------------------------------------------------------------


def _text(value: str) -> str:
    return " ".join(value.split())


def _number(value: str) -> str:
    """«2.8.» and « 2.8» are «2.8»."""
    return _text(value).rstrip(".")


def _values(row: DiffRow) -> tuple[str, ...]:
    """The compared fields of a row, in the order of FIELDS."""
    return row.number, row.title, row.executors, row.deadline_text, row.objective


def _compare(old: DiffRow, new: DiffRow) -> RowChange:
    fields = tuple(
        FieldChange(field, before, after)
        for field, before, after in zip(FIELDS, _values(old), _values(new), strict=True)
        if (_number if field == "number" else _text)(before)
        != (_number if field == "number" else _text)(after)
    )
    return RowChange(ChangeKind.CHANGED if fields else ChangeKind.UNCHANGED, old, new, fields)
