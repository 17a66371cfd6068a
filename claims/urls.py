from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("<str:kind>/<slug:slug>/", views.claim, name="claim"),
]
