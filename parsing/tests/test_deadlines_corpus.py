"""The deadline reader on real phrases: every row of corpus/deadline_phrases.tsv.

No phrase may be read to a date other than the expected one (a wrong date is worse than no date),
and at least 98 % of the phrases must be read as expected. A phrase expected `unparsed` counts as
read only when its note says it is not a date.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from parsing.deadlines import Deadline, DeadlineKind, Every, PlanWindow, parse_deadline

CORPUS = Path(__file__).parent / "corpus" / "deadline_phrases.tsv"
REQUIRED_RATE = 0.98


@dataclass(frozen=True)
class Row:
    line: int
    phrase: str
    window: PlanWindow
    kind: DeadlineKind
    start: date | None
    end: date | None
    every: Every | None
    reason: str
    source: str
    note: str

    @property
    def not_a_date(self) -> bool:
        return self.kind is DeadlineKind.UNPARSED and self.note.startswith("not a date")


def window_of(label: str) -> PlanWindow:
    if ".." in label:
        first, last = label.split("..")
        return PlanWindow(date.fromisoformat(first), date.fromisoformat(last))
    return PlanWindow.from_label(label)


def load_rows() -> list[Row]:
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    reader = csv.DictReader(
        (line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True
    )
    rows = []
    for (line_no, _), record in zip(numbered[1:], reader, strict=True):
        kind = DeadlineKind(record["kind"])
        extra = record["every_or_reason"]
        rows.append(
            Row(
                line=line_no,
                phrase=record["phrase"],
                window=window_of(record["window"]),
                kind=kind,
                start=date.fromisoformat(record["start"]) if record["start"] else None,
                end=date.fromisoformat(record["end"]) if record["end"] else None,
                every=Every(extra) if kind is DeadlineKind.RECURRING else None,
                reason=extra if kind is DeadlineKind.UNPARSED else "",
                source=record["source"],
                note=record["note"] or "",
            )
        )
    return rows


ROWS = load_rows()


def verdict(row: Row, result: Deadline) -> str:
    """«read», «missed» (unparsed, or a refusal of a phrase that is a date) or «wrong»."""
    if result.kind is DeadlineKind.UNPARSED:
        if row.kind is DeadlineKind.UNPARSED:
            assert result.reason is not None and row.reason in result.reason, (row, result)
            return "read" if row.not_a_date else "missed"
        return "missed"
    got = (result.kind, result.start, result.end, result.every)
    return "read" if got == (row.kind, row.start, row.end, row.every) else "wrong"


def test_corpus_rows_are_distinct_real_phrases_with_sources() -> None:
    phrases = [row.phrase for row in ROWS]
    assert len(set(phrases)) == len(phrases), "a phrase is listed twice"
    assert all(row.source.startswith(("http://", "https://")) for row in ROWS)
    assert all(row.note for row in ROWS if row.kind is DeadlineKind.UNPARSED)


@pytest.mark.parametrize("row", ROWS, ids=[f"line{row.line}" for row in ROWS])
def test_no_corpus_phrase_is_read_to_a_wrong_date(row: Row) -> None:
    result = parse_deadline(row.phrase, row.window)

    assert verdict(row, result) != "wrong", (
        f"«{row.phrase}» in {row.window.label}: expected {row.kind.value} {row.start}..{row.end}, "
        f"read {result.kind.value} {result.start}..{result.end} {result.every or ''}"
    )


def test_the_reader_reads_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    verdicts = [verdict(row, parse_deadline(row.phrase, row.window)) for row in ROWS]

    read = verdicts.count("read")
    rate = read / len(ROWS)
    with capsys.disabled():
        print(
            f"\ndeadline corpus: {len(ROWS)} phrases, {read} read ({rate:.1%}), "
            f"{verdicts.count('missed')} not read, {verdicts.count('wrong')} wrong"
        )
    missed = [row.phrase for row, v in zip(ROWS, verdicts, strict=True) if v == "missed"]
    assert rate >= REQUIRED_RATE, f"read {rate:.1%}; not read: {missed}"
