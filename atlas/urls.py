from django.urls import path

from atlas import views

app_name = "atlas"

urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("network/", views.network_view, name="network"),
]
