from django.http import Http404

from documents.models import PlanUpload
from orgs.access import User, can_manage_cluster


def access_plan_upload(user: User, upload_id: int) -> PlanUpload:
    """An upload is seen only by those who may import into its cluster."""
    upload = PlanUpload.objects.select_related("cluster").filter(pk=upload_id).first()
    if upload is None or not can_manage_cluster(user, upload.cluster):
        raise Http404("Загруженный документ не найден.")
    return upload
