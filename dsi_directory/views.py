"""Pages that bring several apps together: glue, so it lives in the project package."""

from django.shortcuts import render

from organisations.models import Organisation


def home(request):
    published = Organisation.objects.published()
    context = {
        "organisation_count": published.count(),
        "latest_organisations": published.for_listing().order_by("-created_at", "-id")[:6],
    }
    return render(request, "home.html", context)
