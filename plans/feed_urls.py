"""Private calendar feeds, mounted at `/feeds/`; the first path part is the user's calendar key."""

from django.urls import path

from plans import feeds

app_name = "feeds"

urlpatterns = [
    path("<str:token>/plans/<int:pk>.ics", feeds.plan_feed, name="plan_feed"),
    path(
        "<str:token>/organizations/<slug:slug>/<int:pk>.ics",
        feeds.organization_feed,
        name="organization_feed",
    ),
]
