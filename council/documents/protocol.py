"""What a protocol prints, as frozen data, and the wording every format shares.

The renderers (`protocol_docx`, `protocol_pdf`) take a `Protocol` and return bytes, so they are
tested without the database; `protocol_from_meeting` builds one from the stored meeting in the
fixed number of queries of `selectors.meetings.meeting_page`.

The layout is the customary one: «ПРОТОКОЛ № 3» / «заседания Координационного совета …», the date
on the left and the city on the right, the form and place, Председатель, Секретарь, Присутствовали
(members present by name and organization, with the quorum), Приглашённые, ПОВЕСТКА ДНЯ numbered,
then per item «1. СЛУШАЛИ: …», «ВЫСТУПИЛИ: …», «РЕШИЛИ:» with decisions 1.1, 1.2 … (the vote
«Голосовали: «за» — 5, «против» — 0, «воздержались» — 1» and assignments «Ответственные: …;
срок: …»), and the signature lines of the chair and the secretary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.office import clean
from council.models import Decision, Meeting
from council.quorum import votes_line
from council.selectors.meetings import MeetingPage, meeting_page

SIGNATURE_BLANK = "_______________"


@dataclass(frozen=True)
class ProtocolPerson:
    name: str
    organization: str
    note: str = ""  # «замещает члена совета: И.И. Иванова» for a substitute

    @property
    def line(self) -> str:
        text = f"{self.name} — {self.organization}" if self.organization else self.name
        return f"{text} ({self.note})" if self.note else text


@dataclass(frozen=True)
class ProtocolAssignment:
    text: str
    executors: str
    deadline: str
    plan_note: str = ""  # «Включено в план работы: мероприятие 2.13.»

    @property
    def control_line(self) -> str:
        return f"Ответственные: {self.executors}; срок: {self.deadline}."


@dataclass(frozen=True)
class ProtocolDecision:
    number: str
    text: str
    votes: str = ""  # «Голосовали: «за» — 5, …»
    result: str = ""  # «Решение принято.»
    assignments: tuple[ProtocolAssignment, ...] = ()


@dataclass(frozen=True)
class ProtocolItem:
    number: int
    title: str
    speaker: str
    heard: str
    spoke: str
    decisions: tuple[ProtocolDecision, ...]

    @property
    def heard_text(self) -> str:
        """«Ю.В. Дроздов, председатель совета — о выполнении плана…» (speaker, then what was heard)."""
        parts = [part for part in (self.speaker, self.heard) if part]
        return " — ".join(parts) or "—"

    @property
    def agenda_line(self) -> str:
        title = " ".join(self.title.split())
        return f"{title} (докладчик — {self.speaker})" if self.speaker else title


@dataclass(frozen=True)
class Protocol:
    number: int
    day: date
    time: str
    city: str
    council_name: str  # genitive: «Координационного совета образовательно-отраслевого …»
    format_line: str
    chair: str
    chair_position: str
    secretary: str
    secretary_position: str
    present: tuple[ProtocolPerson, ...]
    members_total: int
    quorum_line: str
    invited: tuple[str, ...]
    items: tuple[ProtocolItem, ...]
    is_draft: bool = False

    @property
    def title(self) -> str:
        return f"ПРОТОКОЛ № {self.number}"

    @property
    def subtitle(self) -> str:
        return f"заседания {self.council_name}"

    @property
    def date_text(self) -> str:
        return f"{self.day:%d.%m.%Y}"

    @property
    def present_heading(self) -> str:
        return f"Присутствовали члены Координационного совета ({len(self.present)} из {self.members_total}):"

    def decision_lines(self) -> list[str]:
        """Every decision as «N.M. text», in protocol order (what a reader checks first)."""
        return [f"{d.number}. {d.text}" for item in self.items for d in item.decisions]


def lower_first(text: str) -> str:
    """«Председатель Координационного совета» → «председатель …» after a comma; «ЦОПП» stays."""
    text = clean(text).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _format_line(meeting: Meeting) -> str:
    if meeting.format == Meeting.Format.CORRESPONDENCE:
        return "Форма проведения: заочное голосование (опросным порядком)."
    if meeting.format == Meeting.Format.ONLINE:
        where = f" Подключение: {meeting.link}." if meeting.link else ""
        place = f" Место: {meeting.place}." if meeting.place else ""
        return f"Форма проведения: дистанционное заседание (видеоконференция).{place}{where}"
    place = f" Место проведения: {meeting.place}." if meeting.place else ""
    return f"Форма проведения: очное заседание.{place}"


def _executors(assignment) -> str:
    co = sorted(assignment.co_executors.all(), key=lambda o: o.short_name.casefold())
    if not co:
        return assignment.lead.short_name
    others = ", ".join(o.short_name for o in co)
    return f"{assignment.lead.short_name} (ответственный исполнитель), {others}"


def _decision(decision: Decision) -> ProtocolDecision:
    votes = ""
    if decision.has_votes:
        votes = votes_line(decision.votes_for, decision.votes_against, decision.votes_abstained)
    result = ""
    if decision.kind != Decision.Kind.INFO and decision.has_votes:
        result = "Решение принято." if decision.adopted else "Решение не принято."
    assignments = tuple(
        ProtocolAssignment(
            text=clean(a.text),
            executors=clean(_executors(a)),
            deadline=clean(a.deadline_text),
            plan_note=(
                f"Включено в план работы: мероприятие {a.activity.number}."
                if a.in_work_plan and a.activity.number
                else ""
            ),
        )
        for a in decision.assignments.all()
    )
    return ProtocolDecision(
        number=f"{decision.item.position}.{decision.position}",
        text=clean(decision.text),
        votes=votes,
        result=result,
        assignments=assignments,
    )


def protocol_from_page(page: MeetingPage) -> Protocol:
    meeting = page.meeting
    council = meeting.council
    present = []
    for row in page.present:
        attendance, member = row.attendance, row.member
        if attendance.presence == attendance.Presence.SUBSTITUTE and attendance.substitute:
            present.append(
                ProtocolPerson(
                    clean(attendance.substitute.full_name),
                    clean(member.organization.short_name),
                    f"замещает члена совета: {clean(member.person.full_name)}",
                )
            )
        else:
            present.append(
                ProtocolPerson(
                    clean(member.person.full_name), clean(member.organization.short_name)
                )
            )
    quorum = page.quorum
    quorum_line = "Кворум имеется." if quorum.reached else "Кворума нет."
    items = tuple(
        ProtocolItem(
            number=item.position,
            title=clean(item.title),
            speaker=clean(item.speaker),
            heard=clean(item.heard),
            spoke=clean(item.spoke),
            decisions=tuple(_decision(d) for d in item.decisions.all()),
        )
        for item in page.items
    )
    local = timezone.localtime(meeting.starts_at)
    city = council.city
    return Protocol(
        number=meeting.number,
        day=local.date(),
        time=f"{local:%H:%M}",
        city=f"г. {city}" if city and not city.startswith("г.") else city,
        council_name=clean(council.name_genitive),
        format_line=clean(_format_line(meeting)),
        chair=clean(meeting.chair.full_name) if meeting.chair else "",
        chair_position=lower_first(meeting.chair.position) if meeting.chair else "",
        secretary=clean(meeting.secretary.full_name) if meeting.secretary else "",
        secretary_position=lower_first(meeting.secretary.position) if meeting.secretary else "",
        present=tuple(present),
        members_total=quorum.total,
        quorum_line=quorum_line,
        invited=tuple(clean(line) for line in meeting.invited_text.splitlines() if line.strip()),
        items=items,
        is_draft=meeting.status == Meeting.Status.PLANNED,
    )


def protocol_from_meeting(meeting: Meeting) -> Protocol:
    return protocol_from_page(meeting_page(meeting))


def protocol_filename(protocol: Protocol, extension: str) -> str:
    return f"protokol-{protocol.number}-{protocol.day:%Y-%m-%d}.{extension}"
