from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from documents.access import access_plan_upload
from documents.forms import ExecutorMappingForm, PlanUploadForm
from documents.services import plan_upload_confirm, plan_upload_create, read_upload
from orgs.access import access_cluster
from orgs.services import executor_alias_set
from plans.services import plan_preview


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
            return redirect("plan_upload_preview", pk=plan_upload.pk)
    return render(request, "documents/plan_upload.html", {"cluster": cluster, "form": form})


def render_preview(request, upload, mapping_forms=None, status=200):
    try:
        preview = plan_preview(
            cluster=upload.cluster,
            document=read_upload(upload),
            year_label=upload.year_label or None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        upload.delete()
        return redirect("plan_upload", slug=upload.cluster.slug)
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
            "mappings": list(zip(preview.unresolved, forms, strict=True)),
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
            return redirect("plan_upload_preview", pk=upload.pk)
    phrase = form.data.get(f"{prefix}-phrase", "")
    return render_preview(request, upload, mapping_forms={phrase: form}, status=400)


@login_required
@require_POST
def plan_upload_confirm_view(request, pk):
    upload = access_plan_upload(request.user, pk)
    try:
        plan = plan_upload_confirm(upload=upload, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plan_upload_preview", pk=upload.pk)
    messages.success(request, f"План «{plan.title}» сохранён.")
    return redirect("plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_upload_discard(request, pk):
    upload = access_plan_upload(request.user, pk)
    slug = upload.cluster.slug
    upload.delete()
    messages.info(request, "Загрузка отменена, ничего не сохранено.")
    return redirect("cluster_detail", slug=slug)
