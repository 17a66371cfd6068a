from django.urls import path

from blog import feeds, views

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("<slug:slug>/", views.post_detail, name="detail"),
]
