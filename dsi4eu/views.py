"""digitalsocial.eu's addresses keep working: /org/368/polifactory, /project/251/campusinwatch
answer 301 to today's page of the row imported with that old id (404 unless it is published)."""

from django.shortcuts import get_object_or_404, redirect

from organisations.models import Organisation
from projects.models import Project


def legacy_organisation(request, legacy_id):
    """digitalsocial.eu's /org/<id>/<name> keeps working: 301 to today's profile."""
    organisation = get_object_or_404(
        Organisation.objects.published().only("slug"), legacy_id=legacy_id
    )
    return redirect(organisation, permanent=True)


def legacy_project(request, legacy_id):
    """digitalsocial.eu's /project/<id>/<name> keeps working: 301 to today's page."""
    project = get_object_or_404(Project.objects.published().only("slug"), legacy_id=legacy_id)
    return redirect(project, permanent=True)
