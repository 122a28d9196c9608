from datetime import date

from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument


def plan_document(
    activities_per_objective=(2, 1),
    *,
    executors="Руководители ПОО",
    deadline="октябрь 2023 года",
    year="2023-2024",
):
    """A small plan document as a reader would return it."""
    objectives = []
    for objective_number, count in enumerate(activities_per_objective, start=1):
        rows = tuple(
            ActivityRow(
                number=f"{objective_number}.{n}",
                title=f"Мероприятие {objective_number}.{n}",
                executors=executors,
                deadline_text=deadline,
            )
            for n in range(1, count + 1)
        )
        objectives.append(
            ObjectiveRow(str(objective_number), f"Задача номер {objective_number}", rows)
        )
    return PlanDocument(
        title=f"План работы кластера на {year} учебный год",
        approved_by="Председатель Координационного совета И.И. Иванов",
        edition_date=date(2023, 6, 2),
        plan_year=year,
        objectives=tuple(objectives),
        approver_position="Председатель Координационного совета",
        approver_name="И.И. Иванов",
    )
