from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.listing import page_links, paginate
from search.engine import KINDS, KINDS_BY_KEY, find

MAX_QUERY_LENGTH = 200  # as the search boxes' maxlength
OVERLAY_MIN_LENGTH = 2


def clean_query(value):
    """What was typed, on one line, without control characters, at most 200 characters."""
    text = " ".join((value or "").split())
    return "".join(char for char in text if char.isprintable())[:MAX_QUERY_LENGTH].strip()


@require_safe
@vary_on_headers("HX-Request")
def results(request):
    """/search/?q=…: five of each type; with &type=…, every result of that type, page by page."""
    q = clean_query(request.GET.get("q"))
    kind = KINDS_BY_KEY.get(request.GET.get("type", ""))
    context = {"q": q, "kind": kind, "kinds": KINDS, "groups": [], "page": None}
    if q:
        groups = find(q)
        context["groups"] = groups
        if kind:
            group = next(g for g in groups if g.kind is kind)
            # Told the capped count already read, so it never counts again.
            page = paginate(request, group.rows(), count=group.browsable_count)
            group.fetch(page.start_index() - 1 if group.count else 0, page.end_index())
            context.update(
                group=group,
                page=page,
                page_range=page_links(page),
            )
        else:
            for group in groups:
                group.fetch()
    template = "search/results.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_safe
def overlay(request):
    """/search/overlay/?q=…: the header box's results as you type (an htmx fragment)."""
    q = clean_query(request.GET.get("q"))
    if len(q) < OVERLAY_MIN_LENGTH:
        return HttpResponse("")  # an empty panel: the overlay closes
    groups = find(q)
    for group in groups:
        group.fetch()
    return render(request, "search/results.html#overlay", {"q": q, "groups": groups})
