"""Sample execution data on the demo plan (documents.demo): quarters, indicators and reports.

`clusterplan load_demo_reports` fills the fourth quarter of 2023 as a real cluster would: the two
real colleges and a demo one report on what they owe, most reports accepted, one returned, one
still a draft, some organizations silent. The dashboards and the consolidated report then have
something to show. The texts are examples, not records of real events.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from orgs.models import UserRole
from plans.models import Obligation, Plan
from reporting.models import Indicator, Report, ReportingPeriod
from reporting.selectors import plan_grid
from reporting.services import (
    evidence_add_link,
    indicator_create,
    periods_generate,
    report_accept,
    report_return,
    report_submit,
)

TEXTS = {
    "2.1": "Проведены профессиональные пробы «Автомеханик» и «Оператор БПЛА» для учащихся 8–10 "
    "классов школ г. Томска; для 5–7 классов — игровая программа «Город мастеров».",
    "2.2": "Проведено родительское собрание о целевом обучении в двух школах; подготовлена памятка "
    "для законных представителей.",
    "2.3": "Разработан проект положения об индивидуальном учебном плане для обучающихся, "
    "совмещающих учёбу с работой; обсуждён на методическом совете.",
    "2.4": "Заключены соглашения о наставничестве с двумя предприятиями-партнёрами, закреплены "
    "наставники за студентами выпускных групп.",
    "2.5": "Собраны предложения работодателей к программам профессиональных модулей; изменения "
    "внесены в рабочие программы ПМ.02.",
    "2.6": "Вакансии предприятий отрасли с портала «Работа в России» размещены на стенде ЦСТВ и в "
    "группе колледжа; проведена консультация для выпускников.",
    "2.7": "Трое представителей работодателей прошли обучение экспертов регионального чемпионата.",
    "2.8": "Проведён отраслевой чемпионат по компетенции «Ремонт и обслуживание легковых "
    "автомобилей» с участием предприятий-партнёров.",
    "2.9": "Согласован с ЦОПП перечень из трёх коротких программ; набрана группа слушателей.",
    "2.10": "В экспертное сообщество демонстрационного экзамена включены два специалиста "
    "предприятий-партнёров.",
    "2.11": "Совместно с центром занятости организовано обучение безработных граждан по программе "
    "«Водитель погрузчика».",
    "2.12": "Проведена неделя безопасности дорожного движения, выпущен видеоролик социальной "
    "рекламы.",
    "2.13": "Внедрены профессионально ориентированные задания в курсы математики и физики первого "
    "курса.",
    "3.2": "Организованы профпробы в рамках проекта «Билет в будущее» для 4 школ района.",
    "3.3": "Опубликованы новости о работе кластера на сайте колледжа и в социальной сети.",
}
# What a second or third organization wrote on the same activity, so the rows read like real ones.
OTHER_TEXTS = {
    ("2.1", "ОГБПОУ «ТКГТ»"): "Проведены профпробы «Электромонтёр» и «Проводник пассажирского "
    "вагона» для 38 школьников; открыт профкласс на базе школы № 5.",
    ("2.1", "Демо: колледж 1"): "Организованы две профпробы по компетенции «Сварочные технологии» "
    "для учащихся 9-х классов.",
    ("2.2", "ОГБПОУ «ТКГТ»"): "Консультации о целевом обучении проведены на дне открытых дверей; "
    "заключено 6 договоров о целевом обучении.",
    ("2.2", "Демо: колледж 1"): "Информация о целевом обучении размещена на сайте и в чате "
    "родителей выпускных классов подшефных школ.",
    ("2.3", "ОГБПОУ «ТКГТ»"): "Подготовка модели отложена до выхода регионального порядка "
    "организации обучения по индивидуальному плану.",
    ("2.3", "Демо: колледж 1"): "Составлены индивидуальные учебные планы и графики аттестации "
    "для 12 работающих студентов.",
    ("2.12", "ОГБПОУ «ТКГТ»"): "Проведены классные часы и конкурс плакатов по безопасности "
    "дорожного движения, участвовало 210 студентов.",
    ("3.3", "ОГБПОУ «ТКГТ»"): "Материалы о кластере опубликованы на сайте техникума и в "
    "региональном отраслевом издании.",
}
INDICATORS = [
    # activity, name, unit, target, aggregation
    ("2.1", "Школьников, прошедших профессиональные пробы", "чел.", 300, "sum"),
    ("2.10", "Экспертов от работодателей", "чел.", 25, "latest"),
    ("3.3", "Публикаций о работе кластера", "шт.", 120, "sum"),
]
VALUES = {"2.1": 45, "2.10": 4, "3.3": 9}


@transaction.atomic
def demo_reports_load() -> int:
    """Periods, indicators and fourth-quarter reports on the demo plan; returns reports made."""
    plan = Plan.objects.filter(cluster__slug="transport").order_by("-window_start").first()
    if plan is None:
        raise ValueError("Сначала загрузите демо-данные: clusterplan load_demo.")
    coordinator = UserRole.objects.get(cluster=plan.cluster, kind="coordinator").user
    if not ReportingPeriod.objects.filter(plan=plan).exists():
        periods_generate(plan=plan, kind=ReportingPeriod.Kind.QUARTER, actor=coordinator)
    if Report.objects.filter(period__plan=plan).exists():
        return 0
    activities = {activity.number: activity for activity in plan.activities.all()}
    indicators = {}
    for number, name, unit, target, aggregation in INDICATORS:
        indicators[number] = Indicator.objects.filter(plan=plan, name=name).first() or (
            indicator_create(
                plan=plan,
                actor=coordinator,
                name=name,
                unit=unit,
                target=Decimal(target),
                aggregation=aggregation,
                activity=activities[number],
            )
        )
    q4 = ReportingPeriod.objects.get(plan=plan, start=date(2023, 10, 1))
    grid = plan_grid(plan=plan)
    reporters = {
        "ОГБПОУ «ТТВТС»": UserRole.objects.get(user__username="ttvts").user,
        "ОГБПОУ «ТКГТ»": UserRole.objects.get(user__username="tkgt").user,
        "Демо: колледж 1": None,
    }
    obligations = Obligation.objects.in_bulk([slot.obligation.id for slot in grid.slots(q4)])
    made = 0
    for slot in grid.slots(q4):
        name = grid.organizations[slot.obligation.organization_id]
        if name not in reporters:
            continue
        actor = reporters[name] or coordinator
        obligation = obligations[slot.obligation.id]
        number = slot.activity.number
        status, reason = "done", ""
        if slot.activity.deadline_text.startswith("В течение"):
            status = "in_progress"
        if name == "Демо: колледж 1" and number == "2.8":
            status, reason = "not_done", "Чемпионат перенесён работодателем на февраль 2024 года."
        if name == "ОГБПОУ «ТКГТ»" and number == "2.3":
            status, reason = "postponed", "Ждём утверждения регионального порядка."
        values = {}
        if number in indicators:
            values[indicators[number].pk] = Decimal(VALUES[number] + made % 3)
        version = 0
        if number in ("2.1", "3.3", "2.8"):
            evidence_add_link(
                obligation=obligation,
                period=q4,
                actor=actor,
                url=f"https://example.ru/news/{number.replace('.', '-')}",
                title=f"Новость на сайте «{name}»",
            )
            version = 1
        report = report_submit(
            obligation=obligation,
            period=q4,
            actor=actor,
            version=version,
            status=status,
            reason=reason,
            text=OTHER_TEXTS.get((number, name)) or TEXTS.get(number, "Работа ведётся по плану."),
            values=values,
        )
        made += 1
        if name == "ОГБПОУ «ТКГТ»" and number == "2.13":
            report_return(report=report, actor=coordinator, comment="Укажите, в каких группах.")
        elif not (name == "Демо: колледж 1" and number == "3.3"):
            report_accept(report=report, actor=coordinator)
    return made
