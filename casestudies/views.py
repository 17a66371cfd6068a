from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from casestudies.models import CaseStudy
from core.http import conditional_on
from core.listing import page_links, paginate
from core.schema import absolute


@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on("casestudies", "tags")
def case_study_list(request):
    results = CaseStudy.objects.published().for_listing()
    page = paginate(request, results)
    context = {
        "page": page,
        "page_range": page_links(page),
    }
    template = "casestudies/list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@conditional_on("casestudies", "projects", "organisations", "tags")
def case_study_detail(request, slug):
    case_study = get_object_or_404(CaseStudy.objects.published().for_page(), slug=slug)
    # The linked project and organisation show only while they are published themselves.
    project = case_study.project if case_study.project and case_study.project.is_published else None
    organisation = (
        case_study.organisation
        if case_study.organisation and case_study.organisation.is_published
        else None
    )
    context = {
        "case_study": case_study,
        "project": project,
        "organisation": organisation,
        "case_study_json_ld": schema_org(case_study, project, organisation, request),
    }
    return render(request, "casestudies/detail.html", context)


def schema_org(case_study, project, organisation, request):
    """The case study as a schema.org Article."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case_study.title,
        "url": absolute(case_study.get_absolute_url()),
        "dateModified": case_study.updated_at.isoformat(),
    }
    if case_study.summary:
        data["description"] = case_study.summary
    image = case_study.header_image or case_study.card_image
    if image:
        data["image"] = absolute(image.url)
    about = []
    if project:
        about.append(
            {
                "@type": "Project",
                "name": project.name,
                "url": absolute(project.get_absolute_url()),
            }
        )
    if organisation:
        about.append(
            {
                "@type": "Organization",
                "name": organisation.name,
                "url": absolute(organisation.get_absolute_url()),
            }
        )
    if about:
        data["about"] = about
    tags = [t.name for t in case_study.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data
