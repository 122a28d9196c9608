from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from today.selectors import LIST_LIMIT, my_tasks


@login_required
def my_tasks_view(request):
    """«Мои задачи», the page after sign-in: what the person must do, per cluster and role."""
    entries = my_tasks(user=request.user, today=timezone.localdate(), now=timezone.now())
    return render(
        request,
        "today/tasks.html",
        {
            "entries": entries,
            "limit": LIST_LIMIT,
            "today": timezone.localdate(),
            "cluster": entries[0].cluster if len(entries) == 1 else None,
        },
    )
