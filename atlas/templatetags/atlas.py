"""The atlas on other pages: the locator map of a profile; the network's lookups."""

from django import template
from django.templatetags.static import static

from atlas import geography, neighbourhood

register = template.Library()

LOCATOR_ASPECT = 1.5


@register.filter
def get(mapping, key):
    return mapping.get(key)


@register.inclusion_tag("atlas/locator.html")
def locator_map(record, kind="organisations"):
    """A small map of the record's country, and a dot at its city where it has coordinates:
    from the same shapes as /map/, no query."""
    shape = geography.countries().get(record.country.code or "")
    point = None
    if record.latitude is not None and record.longitude is not None:
        point = geography.project(record.longitude, record.latitude)
    if shape is None:
        return {"shown": False}
    # Small countries are shown with their neighbours around them.
    x, y, w, h = shape["box"]
    grow = max(0.0, 250 - max(w, h)) / 2
    box = (x - grow, y - grow, w + 2 * grow, h + 2 * grow)
    width = max(box[2], box[3] * LOCATOR_ASPECT)
    return {
        "shown": True,
        "record": record,
        "code": record.country.code,
        "kind": kind,
        "shapes_url": static(geography.SHAPES_FILE),
        "view_box": geography.view_box(box, pad=0.15, aspect=LOCATOR_ASPECT),
        "point": point,
        "dot": round(width * 0.025, 1),
    }


@register.inclusion_tag("atlas/neighbourhood.html", takes_context=True)
def neighbourhood_map(context, record, *related):
    """The record's neighbourhood, drawn from what the page has read, no query:
    {% neighbourhood_map organisation projects partners %} (its projects, with their
    organisation_ids, and its partners) or {% neighbourhood_map project involved %}."""
    found = neighbourhood.neighbourhood(record, *related, request=context.get("request"))
    return {
        "record": record,
        "is_organisation": record._meta.model_name == "organisation",
        "found": found,
        "drawing": found.drawing,
    }
