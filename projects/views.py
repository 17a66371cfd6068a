from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.vary import vary_on_headers

from core.http import conditional_on
from core.listing import render_directory
from core.models import ModerationStatus
from core.schema import absolute, place
from core.text import web_url
from projects.filters import ProjectFilter
from projects.models import Project


@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on("projects", "tags")
def project_list(request):
    directory = ProjectFilter(request.GET, queryset=Project.objects.published(), request=request)
    return render_directory(request, "projects/list.html", directory, gettext("Projects"))


@conditional_on("projects", "organisations", "tags")
def project_detail(request, slug):
    # Published for everyone; pending or rejected only for its owner, editors and staff.
    project = Project.objects.visible_to(request.user).for_profile().filter(slug=slug).first()
    if project is None or project.status == ModerationStatus.MERGED:
        # A record merged into another: its address leads there.
        survivor = Project.objects.merged_target(slug=slug)
        if survivor is None:
            raise Http404
        return redirect(survivor, permanent=True)
    project.prefetch_vocabularies()
    involved = [(o, project.other_projects_of(o)) for o in project.organisations.all()]
    context = {
        "project": project,
        "involved": involved,
        "can_edit": project.can_edit(request.user),
        "project_json_ld": schema_org(project, request),
    }
    return render(request, "projects/detail.html", context)


def schema_org(project, request):
    """The page as a schema.org Project (an Organization for a planned aim)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": project.name,
        "url": absolute(project.get_absolute_url()),
    }
    if project.summary:
        data["description"] = project.summary
    if web_url(project.website):
        data["sameAs"] = [web_url(project.website)]
    if project.logo:
        data["logo"] = absolute(project.logo.url)
    if project.start_date:
        data["foundingDate"] = project.start_date.isoformat()
    if project.end_date:
        data["dissolutionDate"] = project.end_date.isoformat()
    data |= place(project)
    keywords = [
        *(x.name for x in project.focus.all()),
        *(x.name for x in project.areas_of_impact.all()),
        *(x.name for x in project.technologies.all()),
        *(tag["name"] for tag in project.tag_chips),
    ]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    organisations = [
        {
            "@type": "Organization",
            "name": o.name,
            "url": absolute(o.get_absolute_url()),
        }
        for o in project.organisations.all()
    ]
    if organisations:
        data["member"] = organisations
    return data
