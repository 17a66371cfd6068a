from django.conf import settings
from django.db.models import Count, Max
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from casestudies.models import CaseStudy
from core.http import conditional_on
from core.listing import cached
from core.versions import data_versions
from opendata import exports, murmurations, records
from opendata.exports import DATASETS, FORMATS, LICENCE_URL
from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project

FILTERS = {"organisations": OrganisationFilter, "projects": ProjectFilter}
MODELS = {"organisations": Organisation, "projects": Project}


def licensed(response):
    """Every open-data answer states its licence, and may be read from any web page."""
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@conditional_on("organisations", "projects", "tags")
def export(request, dataset, fmt):
    """/export/organisations.csv?country=IT&tag=fablab: the published records the list page
    with the same filters shows, every one of them, streamed. Filter values that are not
    valid are ignored, as on the list page."""
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    data = DATASETS[dataset]
    model = MODELS[dataset]
    directory = FILTERS[dataset](request.GET, queryset=model.objects.published(), request=request)
    queryset = directory.qs  # the valid filters applied, as on the list page
    content_type, writer = FORMATS[fmt]
    body = (chunk.encode() for chunk in writer(data.rows(queryset), data))
    response = StreamingHttpResponse(body, content_type=content_type)
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="dsi-{dataset}.{fmt}"'
    return licensed(response)


@conditional_on("organisations", "projects", "tags")
def murmurations_profile(request, slug):
    """An organisation as a Murmurations profile (organizations_schema-v1.0.0)."""
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    profile = murmurations.profile(organisation, request)
    return licensed(JsonResponse(profile, json_dumps_params={"ensure_ascii": False}))


def _counts():
    """Rows and the latest change of every dataset: one query each."""
    return {
        name: model.objects.published()
        .order_by()
        .aggregate(rows=Count("pk"), last=Max("updated_at"))
        for name, model in (
            ("organisations", Organisation),
            ("projects", Project),
            ("casestudies", CaseStudy),
            ("posts", Post),
        )
    }


VERSIONS = ("organisations", "projects", "casestudies", "posts", "tags")


@conditional_on(*VERSIONS, per_minute=True)
def open_data(request):
    # Counted once per data version (and minute: posts come out when their time comes).
    minute = timezone.now().strftime("%Y%m%d%H%M")
    counts = cached(("open-data", minute), data_versions(*VERSIONS, request=request), _counts)
    example = Organisation.objects.published().only("slug", "country").order_by("name", "id")
    example = example.exclude(country="").first()
    export_url = reverse("opendata:export", kwargs={"dataset": "organisations", "fmt": "csv"})
    limit, window = settings.API_RATE_LIMIT
    context = {
        "counts": counts,
        "formats": list(FORMATS),
        "offset": f"{records.EXPORT_ID_OFFSET:,}",
        "example_url": export_url + (f"?country={example.country.code}" if example else ""),
        "murmurations_url": example
        and reverse("opendata:murmurations", kwargs={"slug": example.slug}),
        "docs_url": reverse("api:openapi-view"),
        "schema_url": reverse("api:openapi-json"),
        "rate_limit": limit,
        "rate_window": window,
        "licence_url": LICENCE_URL,
        "licence_name": exports.LICENCE_NAME,
        "credit": exports.CREDIT,
    }
    return render(request, "opendata/page.html", context)
