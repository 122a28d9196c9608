"""Floors: what a page costs at the least — its minimal SQL (one indexed query for the rows it
shows) and a bare table, with no access checks, filters form, states or layout. A page's time over
its floor's, measured alternately through the same server, is the price of everything else."""

from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt

PER_PAGE = 100


def _table(rows) -> HttpResponse:
    cells = "".join(
        "<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    return HttpResponse(f"<!doctype html><table>{cells}</table>")


def _rows(sql: str, params) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _offset(request) -> int:
    return (max(1, int(request.GET.get("page", 1))) - 1) * PER_PAGE


def plan(request, pk):
    organization = request.GET.get("organization")
    if organization:
        sql = (
            "SELECT a.number, a.title, a.executors_text, a.deadline_text FROM plans_activity a "
            "WHERE a.plan_id = %s AND a.removed_in_id IS NULL AND EXISTS (SELECT 1 FROM "
            "plans_obligation o WHERE o.activity_id = a.id AND o.organization_id = %s AND "
            "o.removed_in_id IS NULL) ORDER BY a.position LIMIT %s OFFSET %s"
        )
        params = [pk, int(organization), PER_PAGE, _offset(request)]
    else:
        sql = (
            "SELECT number, title, executors_text, deadline_text FROM plans_activity "
            "WHERE plan_id = %s AND removed_in_id IS NULL ORDER BY position LIMIT %s OFFSET %s"
        )
        params = [pk, PER_PAGE, _offset(request)]
    return _table(_rows(sql, params))


def organization(request, pk):
    return _table(
        _rows(
            "SELECT a.number, a.title, a.deadline_text, o.role FROM plans_obligation o JOIN "
            "plans_activity a ON a.id = o.activity_id WHERE o.organization_id = %s AND "
            "o.removed_in_id IS NULL AND a.removed_in_id IS NULL ORDER BY a.plan_id, a.position "
            "LIMIT %s",
            [pk, PER_PAGE],
        )
    )


def dashboard(request, pk):
    """The dashboard's figures: reports of the plan's latest period counted by state."""
    return _table(
        _rows(
            "SELECT r.state, count(*) FROM reporting_report r WHERE r.period_id = (SELECT id FROM "
            "reporting_reportingperiod WHERE plan_id = %s ORDER BY start DESC LIMIT 1) "
            "GROUP BY r.state",
            [pk],
        )
    )


def api(request, pk):
    rows = _rows(
        "SELECT id, number, title, executors_text, deadline_text, deadline_start, deadline_end "
        "FROM plans_activity WHERE plan_id = %s AND removed_in_id IS NULL ORDER BY position "
        "LIMIT %s",
        [pk, PER_PAGE],
    )
    names = ["id", "number", "title", "executors", "deadline_text", "start", "end"]
    return JsonResponse({"items": [dict(zip(names, row, strict=True)) for row in rows]})


@csrf_exempt
def edit(request, pk):
    """One edit at the least: the row's new title written in a transaction, then a redirect."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_activity SET title = %s WHERE id = %s", [request.POST["title"], pk]
        )
    response = HttpResponse(status=302)
    response["Location"] = f"/activities/{pk}/"
    return response
