"""Split an executors cell («ОГБПОУ «ТКГТ» Руководители ПОО») into phrases and name the groups.

Real cells list organizations and roles with or without separators: «Руководители ПОО
Предприятия-партнеры», «Координационный совет Руководители ПОО», «ОГБПОУ «ТТВТС», руководители ПОО».
Known group phrases are found wherever they stand; quoted names («ТТВТС», "ТКГТ") with an optional
legal form before them are named organizations; what is left, split at commas, semicolons and «и», is
returned as a phrase without a group for the caller to look up (by name or a remembered alias).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class ExecutorGroup(enum.StrEnum):
    """Role phrases that stand for a set of organizations of the cluster."""

    COLLEGES = "colleges"  # руководители ПОО, их заместители, руководители ЦСТВ ПОО
    CLUSTER_MEMBERS = "cluster_members"  # представители кластера
    PARTNER_ENTERPRISES = "partner_enterprises"  # предприятия-партнёры
    COPP = "copp"  # ЦОПП
    EMPLOYMENT_CENTERS = "employment_centers"  # центры занятости населения, ЦЗН
    COUNCIL = "council"  # Координационный совет и его председатель


@dataclass(frozen=True)
class ExecutorPhrase:
    text: str
    group: ExecutorGroup | None  # None: a named organization or an unknown phrase


_W = r"[а-яёА-ЯЁ]*"
# Longer phrases first: «руководители ЦСТВ ПОО» must win over «руководители ПОО».
_GROUP_PATTERNS: tuple[tuple[str, ExecutorGroup], ...] = (
    (rf"председател{_W}\s+координационн{_W}\s+совет{_W}", ExecutorGroup.COUNCIL),
    (rf"координационн{_W}\s+совет{_W}", ExecutorGroup.COUNCIL),
    (rf"заместител{_W}\s+руководител{_W}\s+ПОО", ExecutorGroup.COLLEGES),
    (rf"руководител{_W}\s+ЦСТВ\s+ПОО", ExecutorGroup.COLLEGES),
    (rf"руководител{_W}\s+ПОО", ExecutorGroup.COLLEGES),
    (rf"представител{_W}\s+кластера", ExecutorGroup.CLUSTER_MEMBERS),
    (rf"участник{_W}\s+кластера", ExecutorGroup.CLUSTER_MEMBERS),
    (
        rf"(?:предприяти{_W}|организаци{_W})\s*[-–—]\s*партн[её]р{_W}",
        ExecutorGroup.PARTNER_ENTERPRISES,
    ),
    (rf"промышленн{_W}\s+партн[её]р{_W}", ExecutorGroup.PARTNER_ENTERPRISES),
    (rf"центр{_W}\s+занятости(?:\s+населения)?", ExecutorGroup.EMPLOYMENT_CENTERS),
    (r"\bЦЗН\b", ExecutorGroup.EMPLOYMENT_CENTERS),
    (r"\bЦОПП\b", ExecutorGroup.COPP),
    (r"\bПОО\b", ExecutorGroup.COLLEGES),
)
_GROUP_RE = [(re.compile(pattern, re.IGNORECASE), group) for pattern, group in _GROUP_PATTERNS]

# An optional legal form (ОГБПОУ, ООО, АО…) followed by a quoted name.
_QUOTED_NAME_RE = re.compile(r"(?:\b[А-ЯЁA-Z]{2,8}\s+)?[«\"“„][^«»\"“”„]+[»\"”“]")
_LEFTOVER_SPLIT_RE = re.compile(r"[,;\n]+|\s+и\s+")
_LEGAL_FORMS = (
    "ОГБПОУ ОГАПОУ ОГБОУ ОГАОУ ОГКУ ОГБУ ОГАУ ГБПОУ ГАПОУ ГБОУ ГАОУ ГКУ ГБУ ГАУ ФГБОУ ФГАОУ "
    "МБОУ МАОУ МКОУ МОУ МБУ МАУ ООО ОАО ЗАО ПАО АО ФГУП МУП ГУП ИП НКО АНО"
).split()
_LEGAL_FORM_RE = re.compile(r"\b(?:" + "|".join(_LEGAL_FORMS) + r")\b", re.IGNORECASE)


def split_executors(text: str) -> tuple[ExecutorPhrase, ...]:
    """Phrases of an executors cell in the order they are written."""
    text = " ".join(text.split())
    found: list[tuple[int, int, ExecutorPhrase]] = []
    taken = [False] * len(text)

    def claim(match: re.Match[str], group: ExecutorGroup | None) -> None:
        start, end = match.span()
        if any(taken[start:end]):
            return
        taken[start:end] = [True] * (end - start)
        found.append((start, end, ExecutorPhrase(match.group().strip(), group)))

    for match in _QUOTED_NAME_RE.finditer(text):
        claim(match, None)
    for regex, group in _GROUP_RE:
        for match in regex.finditer(text):
            claim(match, group)

    leftover = "".join(" " if taken[i] else char for i, char in enumerate(text))
    position = 0
    for piece in _LEFTOVER_SPLIT_RE.split(leftover):
        position = leftover.find(piece, position)
        cleaned = piece.strip(" .,;:-–—()")
        if re.search(r"\w", cleaned):
            found.append((position, position + len(piece), ExecutorPhrase(cleaned, None)))
        position += len(piece)
    found.sort(key=lambda item: item[0])
    return tuple(phrase for _, _, phrase in found)


def normalize_name(name: str) -> str:
    """A key for comparing organization names: «ОГБПОУ «ТТВТС»», "ТТВТС" and ттвтс are one."""
    name = name.replace("ё", "е").replace("Ё", "Е")
    name = _LEGAL_FORM_RE.sub(" ", name)
    name = re.sub(r"[«»\"“”„'`.]", " ", name)
    return " ".join(name.lower().split())
