"""digitalsocial.eu's addresses keep working: /org/368/polifactory, /project/251/campusinwatch
answer 301 to today's page of the row imported with that old id (404 unless it is published),
or of the record it was merged into."""

from django.http import Http404
from django.shortcuts import redirect

from organisations.models import Organisation
from projects.models import Project


def legacy_organisation(request, legacy_id):
    """digitalsocial.eu's /org/<id>/<name> keeps working: 301 to today's profile."""
    organisation = Organisation.objects.published().only("slug").filter(legacy_id=legacy_id)
    organisation = organisation.first() or Organisation.objects.merged_target(legacy_id=legacy_id)
    if organisation is None:
        raise Http404
    return redirect(organisation, permanent=True)


def legacy_project(request, legacy_id):
    """digitalsocial.eu's /project/<id>/<name> keeps working: 301 to today's page."""
    project = Project.objects.published().only("slug").filter(legacy_id=legacy_id).first()
    project = project or Project.objects.merged_target(legacy_id=legacy_id)
    if project is None:
        raise Http404
    return redirect(project, permanent=True)
