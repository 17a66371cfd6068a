from django.urls import path

from alerts import views
from alerts.feeds import NewestMatchesFeed
from core.http import conditional_on

app_name = "alerts"

urlpatterns = [
    path("new/", views.new, name="new"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "feed/<slug:kind>/",
        conditional_on("organisations", "projects", "tags")(NewestMatchesFeed()),
        name="feed",
    ),
]
