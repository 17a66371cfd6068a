from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from search.engine import KINDS, KINDS_BY_KEY, find

MAX_QUERY_LENGTH = 200  # as the search boxes' maxlength
OVERLAY_MIN_LENGTH = 2


def clean_query(value):
    """What was typed, on one line, without control characters, at most 200 characters."""
    text = " ".join((value or "").split())
    return "".join(char for char in text if char.isprintable())[:MAX_QUERY_LENGTH].strip()


class CountedPaginator(Paginator):
    """A paginator told its count (the capped count already read), so it never counts again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


@require_safe
@vary_on_headers("HX-Request")
def results(request):
    """/search/?q=…: four groups of five; with &type=…, every result of that type, page by page."""
    q = clean_query(request.GET.get("q"))
    kind = KINDS_BY_KEY.get(request.GET.get("type", ""))
    context = {"q": q, "kind": kind, "kinds": KINDS, "groups": [], "page": None}
    if q:
        groups = find(q)
        context["groups"] = groups
        if kind:
            group = next(g for g in groups if g.kind is kind)
            paginator = CountedPaginator(
                group.rows(), settings.DIRECTORY_PAGE_SIZE, group.browsable_count
            )
            page = paginator.get_page(request.GET.get("page"))
            group.fetch(page.start_index() - 1 if group.count else 0, page.end_index())
            context.update(
                group=group,
                page=page,
                page_range=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
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
