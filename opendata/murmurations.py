"""An organisation as a Murmurations profile (organizations_schema-v1.0.0), so that the index of
the wider social and solidarity economy can find the directory's organisations."""

from django.urls import reverse

from core.text import plain_text, web_url
from opendata.records import PUBLISHED

SCHEMA = "organizations_schema-v1.0.0"
# What links an organisation to a project it is involved with (schema.org's vocabulary).
MEMBER_OF = "https://schema.org/memberOf"


def profile(organisation, request):
    """The profile: name, primary_url, tags, place and the organisation's published projects.
    Three queries: tags, networks and projects."""
    page = request.build_absolute_uri(organisation.get_absolute_url())
    data = {
        "linked_schemas": [SCHEMA],
        "name": organisation.name,
        "primary_url": web_url(organisation.website) or page,
        "tags": [
            *(tag.name for tag in organisation.tags.all()),
            *(network.name for network in organisation.networks.all()),
        ],
        "urls": [{"name": "DSI Directory", "url": page}],
    }
    description = organisation.short_description or plain_text(organisation.description)[:500]
    if description:
        data["description"] = description
    if organisation.country:
        data["country_iso_3166"] = organisation.country.code
    if organisation.latitude is not None and organisation.longitude is not None:
        data["geolocation"] = {
            "lat": float(organisation.latitude),
            "lon": float(organisation.longitude),
        }
    if organisation.logo:
        data["image"] = request.build_absolute_uri(organisation.logo.url)
    projects = organisation.projects.filter(status=PUBLISHED).only("slug").order_by("name", "id")
    data["relationships"] = [
        {
            "predicate_url": MEMBER_OF,
            "object_url": request.build_absolute_uri(
                reverse("projects:detail", kwargs={"slug": project.slug})
            ),
        }
        for project in projects
    ]
    return data
