from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.vary import vary_on_headers

from core.http import conditional_on
from core.listing import page_links, with_title
from core.models import ModerationStatus
from core.schema import absolute, place
from core.text import web_url
from organisations.filters import LETTERS, OrganisationFilter
from organisations.models import Organisation


@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on("organisations", "tags")
def organisation_list(request):
    directory = OrganisationFilter(
        request.GET, queryset=Organisation.objects.published(), request=request
    )
    page = directory.page(request)
    context = {
        "page": page,
        "page_range": page_links(page),
        "filters": directory.active,
        "facets": directory.summary["facets"],
        "chips": directory.chips(),
        "title": directory.title("Organisations"),
        "letters": LETTERS,
    }
    template = "organisations/list.html"
    if request.htmx:
        return with_title(render(request, template + "#directory", context), context["title"])
    return render(request, template, context)


@conditional_on("organisations", "projects", "tags")
def organisation_detail(request, slug):
    organisation = (
        Organisation.objects.visible_to(request.user).for_profile().filter(slug=slug).first()
    )
    if organisation is None or organisation.status == ModerationStatus.MERGED:
        # A record merged into another: its address leads there.
        survivor = Organisation.objects.merged_target(slug=slug)
        if survivor is None:
            raise Http404
        return redirect(survivor, permanent=True)
    # One query each, however many projects and partners there are.
    projects = (
        organisation.published_projects()
        .only("slug", "name", "short_description", "country", "region")
        .order_by("name", "id")
    )
    partners = organisation.partners().only(
        "slug", "name", "short_description", "country", "region"
    )
    context = {
        "organisation": organisation,
        "can_edit": organisation.can_edit(request.user),
        "projects": list(projects),
        "partners": list(partners),
        "organisation_json_ld": schema_org(organisation, request),
    }
    return render(request, "organisations/detail.html", context)


def schema_org(organisation, request):
    """The profile as a schema.org Organization, for search engines and link previews."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
    }
    if organisation.summary:
        data["description"] = organisation.summary
    same_as = [
        web_url(u) for u in [organisation.website, *(x.url for x in organisation.links.all())]
    ]
    if any(same_as):
        data["sameAs"] = [url for url in same_as if url]
    if organisation.logo:
        data["logo"] = absolute(organisation.logo.url)
    data |= place(organisation)
    if organisation.start_date:
        data["foundingDate"] = organisation.start_date.isoformat()
    return data
