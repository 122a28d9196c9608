from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from config import profile
from config.api import api_docs, api_not_found, api_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("today.urls")),
    path("", include("orgs.urls")),
    path("", include("plans.urls")),
    path("", include("documents.urls")),
    path("", include("reporting.urls")),
    path("", include("council.urls")),
    path("", include("events.urls")),
    path("profile/", profile.profile, name="profile"),
    path("profile/tokens/", profile.api_token_new, name="api_token_create"),
    path(
        "profile/tokens/<int:pk>/revoke/",
        profile.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("profile/calendar/", profile.calendar_token_new, name="calendar_token_reset"),
    path("", include("audit.urls")),
    path("api/v1/", api_urls()),
    re_path(r"^api/docs/?$", api_docs, name="api_docs"),
    re_path(r"^api/", api_not_found),
    path("feeds/", include("plans.feed_urls")),
]
handler400 = "ops.views.bad_request"
