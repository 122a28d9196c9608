from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.office import download
from documents.access import access_plan_upload
from documents.forms import ExecutorMappingForm, PlanRevisionForm, PlanUploadForm
from documents.services import (
    plan_upload_confirm,
    plan_upload_create,
    plan_upload_reading_set,
    read_upload,
)
from orgs.access import access_cluster
from orgs.models import Organization
from orgs.services import executor_alias_set
from parsing.documents import CHOOSABLE_ROLES
from plans.access import access_plan
from plans.documents import export_plan_from_db, plan_to_docx, plan_to_pdf, plan_to_xlsx
from plans.forms import ActivityFilterForm
from plans.selectors import State, activity_queryset
from plans.services import plan_preview, plan_revision_preview


@login_required
def plan_upload(request, slug):
    cluster = access_cluster(request.user, slug, for_change=True)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan_upload = plan_upload_create(
                cluster=cluster,
                filename=upload.name,
                content=upload.read(),
                year_label=form.cleaned_data["year_label"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("documents:plan_upload_preview", pk=plan_upload.pk)
    return render(request, "documents/plan_upload.html", {"cluster": cluster, "form": form})


@login_required
def plan_revision_upload(request, pk):
    """A revised document of an existing plan, compared with it before anything is saved."""
    plan = access_plan(request.user, pk, for_change=True)
    form = PlanRevisionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan_upload = plan_upload_create(
                cluster=plan.cluster,
                plan=plan,
                filename=upload.name,
                content=upload.read(),
                year_label="",
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("documents:plan_upload_preview", pk=plan_upload.pk)
    return render(
        request,
        "documents/plan_revision_upload.html",
        {"plan": plan, "cluster": plan.cluster, "form": form},
    )


ROLE_LABELS = {
    "number": "номер",
    "title": "мероприятие",
    "executors": "исполнители",
    "deadline": "срок",
    "extra": "дополнительно",
    "skip": "не загружать",
}
HOW_LABELS = {
    "header": "по заголовку",
    "content": "по содержимому",
    "position": "по порядку столбцов",
    "choice": "выбрано вами",
}


def render_preview(request, upload, mapping_forms=None, status=200, reading_error=""):
    revision = None
    try:
        document = read_upload(upload)
        if upload.plan is not None:
            revision = plan_revision_preview(plan=upload.plan, document=document)
            preview = revision.preview
        else:
            preview = plan_preview(
                cluster=upload.cluster, document=document, year_label=upload.year_label or None
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        upload.delete()
        return redirect("documents:plan_upload", slug=upload.cluster.slug)
    mapping_forms = mapping_forms or {}
    forms = [
        mapping_forms.get(phrase)
        or ExecutorMappingForm(initial={"phrase": phrase}, cluster=upload.cluster, prefix=f"m{i}")
        for i, phrase in enumerate(preview.unresolved)
    ]
    return render(
        request,
        "documents/plan_upload_preview.html",
        {
            "cluster": upload.cluster,
            "upload": upload,
            "preview": preview,
            "revision": revision,
            "changes": revision.shown_changes() if revision else [],
            "mappings": list(zip(preview.unresolved, forms, strict=True)),
            "columns": [
                {
                    "reading": column,
                    "how": HOW_LABELS.get(column.how, column.how),
                    "choices": [(role, ROLE_LABELS[role]) for role in CHOOSABLE_ROLES],
                }
                for column in preview.document.columns
            ],
            "row_choices": upload.choices.get("rows", {}),
            "reading_error": reading_error,
        },
        status=status,
    )


@login_required
def plan_upload_preview(request, pk):
    upload = access_plan_upload(request.user, pk)
    return render_preview(request, upload)


@login_required
@require_POST
def plan_upload_map(request, pk):
    """Save the mapping of one unresolved executor phrase; it is remembered for later imports."""
    upload = access_plan_upload(request.user, pk)
    prefix = request.POST.get("prefix", "")
    form = ExecutorMappingForm(request.POST, cluster=upload.cluster, prefix=prefix)
    if form.is_valid():
        try:
            executor_alias_set(
                cluster=upload.cluster,
                phrase=form.cleaned_data["phrase"],
                organizations=list(form.cleaned_data["organizations"]),
            )
        except ValueError as error:
            form.add_error("organizations", str(error))
        else:
            messages.success(request, f"Исполнитель «{form.cleaned_data['phrase']}» сопоставлен.")
            return redirect("documents:plan_upload_preview", pk=upload.pk)
    phrase = form.data.get(f"{prefix}-phrase", "")
    return render_preview(request, upload, mapping_forms={phrase: form}, status=400)


@login_required
@require_POST
def plan_upload_reading(request, pk):
    """Re-read the upload with a person's corrections: column roles, a row's kind, the year."""
    upload = access_plan_upload(request.user, pk)
    columns = {}
    for name, role in request.POST.items():
        if name.startswith("col-") and name[4:].isdigit():
            index = int(name[4:])
            if role != request.POST.get(f"was-{index}"):
                columns[index] = role
    row = None
    if request.POST.get("row_key"):
        row = (request.POST["row_key"], request.POST.get("row_kind", ""))
    year_label = request.POST.get("year_label") if "year_label" in request.POST else None
    try:
        plan_upload_reading_set(upload=upload, columns=columns, row=row, year_label=year_label)
    except ValidationError as error:
        upload.refresh_from_db()
        return render_preview(request, upload, status=400, reading_error=" ".join(error.messages))
    if request.htmx:
        return render_preview(request, upload)
    return redirect("documents:plan_upload_preview", pk=upload.pk)


@login_required
@require_POST
def plan_upload_confirm_view(request, pk):
    upload = access_plan_upload(request.user, pk)
    try:
        plan = plan_upload_confirm(upload=upload, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:plan_upload_preview", pk=upload.pk)
    if upload.plan_id:
        edition = plan.editions.order_by("-number").only("pk", "number").first()
        messages.success(request, f"Редакция {edition.number} плана сохранена.")
        return redirect("plans:plan_edition_detail", pk=plan.pk, number=edition.number)
    messages.success(request, f"План «{plan.title}» сохранён.")
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_upload_discard(request, pk):
    upload = access_plan_upload(request.user, pk)
    slug, plan_id = upload.cluster.slug, upload.plan_id
    upload.delete()
    messages.info(request, "Загрузка отменена, ничего не сохранено.")
    if plan_id:
        return redirect("plans:plan_detail", pk=plan_id)
    return redirect("orgs:cluster_detail", slug=slug)


EXPORT_FORMATS = {"docx": plan_to_docx, "xlsx": plan_to_xlsx, "pdf": plan_to_pdf}


@login_required
def plan_export(request, pk, fmt):
    """The plan (or the rows the plan page's filters leave) in the official layout."""
    plan = access_plan(request.user, pk)
    render_document = EXPORT_FORMATS[fmt]
    organizations = list(
        Organization.objects.filter(memberships__cluster=plan.cluster).order_by("short_name")
    )
    form = ActivityFilterForm(request.GET, plan=plan, organizations=organizations)
    filters = form.filters()
    activities = (
        activity_queryset(plan=plan, filters=filters, today=timezone.localdate())
        .select_related("objective")
        .order_by("position")
    )
    marks = request.GET.get("marks") == "1"
    subtitle = form.describe()
    if marks:
        subtitle = " ".join(
            filter(None, [subtitle, f"Отметки о выполнении на {timezone.localdate():%d.%m.%Y}."])
        )
    data = render_document(
        export_plan_from_db(
            plan,
            activities,
            subtitle=subtitle,
            marks={a.pk: State(a.state).label for a in activities} if marks else None,
        )
    )
    filename = f"plan-{plan.year_label}{'-otbor' if form.describe() else ''}.{fmt}"
    return download(data, filename, fmt)
