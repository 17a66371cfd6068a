from django.urls import path

from submissions import views
from submissions.switch import submission_entry_point

app_name = "submissions"

urlpatterns = [
    path("<uuid:token>/", views.accept_invitation, name="invitation"),
]


def submission_urls(model, form_class, lede):
    """The add, edit and invite pages of `model`, for its app's URLs (before "<slug>/")."""
    options = {"model": model, "form_class": form_class, "lede": lede}
    create = views.SubmissionCreateView.as_view(**options)
    return [
        path("new/", submission_entry_point(create), name="create"),
        path("<slug:slug>/edit/", views.SubmissionUpdateView.as_view(**options), name="edit"),
        path("<slug:slug>/invite/", views.InviteView.as_view(model=model), name="invite"),
    ]
