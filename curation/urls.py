from django.urls import path

from curation import views

app_name = "curation"

urlpatterns = [
    path("<str:kind>/<slug:slug>/", views.report, name="report"),
]
