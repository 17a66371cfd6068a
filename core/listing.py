"""What makes the directory's lists cost the same at 100,000 rows as at 1,000.

- Counts and facet counts read every matching row, so they are cached per set of filters under
  the data versions they were computed from (core/versions.py): pages 1, 2, … of the same
  filters count nothing, and any change to the data shows on the next request.
- Deep pages do not skip rows with OFFSET (which reads every row before the page): the first
  key of every page is computed once per version and filters, then a page is one index seek.
- Facets over tags read the link table alone, then the names of the top few.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html

SUMMARY_SECONDS = 600
# Up to this many rows are skipped with OFFSET; deeper pages seek from a cached page key.
OFFSET_LIMIT = 2400
BOUNDARY_CHUNK = 500
# A list of at most this many rows is paged from all its ids (DirectoryPaginator.page): asked
# for 24 of so few, the walk along the name index reads a quarter of it or more. (Of more rows,
# as a country with a common tag has, the walk finds its 24 sooner than the ids are gathered.)
FEW_ROWS = 100


def cache_key(*parts):
    return "listing:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached(parts, versions, compute, timeout=SUMMARY_SECONDS):
    """compute(), cached under `parts` and the data versions; not cached when it depends on
    no data versions (versions is None)."""
    if versions is None:
        return compute()
    key = cache_key(*parts, versions)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def ids_sql(queryset):
    """(sql, params) selecting the ids of `queryset`, for use inside `IN (…)`. A queryset that
    can match nothing (`.none()`, a keyword with no usable word) compiles to no SQL at all, so it
    becomes a subquery that returns no row instead of an error."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT NULL::bigint WHERE false", ()


def top_links(base, link_model, limit):
    """[(slug, name, count)] of the `limit` tags (or networks) most used by the rows of `base`,
    counted on the link table alone: one query, however many rows there are."""
    tag_field = link_model._meta.get_field("tag")
    object_field = link_model._meta.get_field("content_object")
    base_sql, params = ids_sql(base)
    sql = f"""
        SELECT t.slug, t.name, c.n FROM (
            SELECT l.{tag_field.column} AS tag_id, count(*) AS n
              FROM {link_model._meta.db_table} l
             WHERE l.{object_field.column} IN ({base_sql})
             GROUP BY l.{tag_field.column}
             ORDER BY n DESC, l.{tag_field.column}
             LIMIT %s
        ) c JOIN {tag_field.related_model._meta.db_table} t ON t.id = c.tag_id
        ORDER BY c.n DESC, t.name
    """  # noqa: S608 - table and column names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [tuple(row) for row in cursor.fetchall()]


class DirectoryPaginator(Paginator):
    """The site's one paginator. It is told its count where that is known already (cached
    with the facets, or capped by search) so it never counts again, and it reaches deep pages
    of the default order (name, then id) with an index seek instead of OFFSET. Pages past the
    first, and every page of a list of few rows, are read as their ids first, then the rows."""

    def __init__(self, object_list, per_page, count=None, boundaries=None):
        super().__init__(object_list, per_page)
        self.known_count = count
        self.boundaries = boundaries

    @cached_property
    def count(self):
        return super().count if self.known_count is None else self.known_count

    def page(self, number):
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        ids = self.object_list.values_list("pk", flat=True)
        if self.known_count is not None and self.known_count <= FEW_ROWS:
            # All their ids, in order (a join from the filter's own index, then a sort), then
            # the page's rows. Asked for the first 24 at once, the database walks the name
            # index expecting a filter's rows spread evenly: 280 ms at 100,000 organisations
            # for a tag that only one of them has.
            return self._page(number, lambda: list(ids)[offset : offset + self.per_page])
        if offset == 0:
            return super().page(number)
        if self.boundaries is None or offset <= OFFSET_LIMIT:
            # The ids first (the rows skipped are read for their ids alone), then the page's
            # rows: a subquery in the select list (the tag chips) would run for every row
            # skipped, 40 ms on page 100 instead of 1.5.
            return self._page(number, lambda: list(ids[offset : offset + self.per_page]))
        name, pk = self.boundaries.first_key_of_page(number)
        table = self.object_list.model._meta.db_table
        # A row comparison, so that the (status, name, id) index serves the seek directly.
        seek = RawSQL(  # noqa: S611 - the table name comes from the model, values are parameters
            f'("{table}"."name", "{table}"."id") >= (%s, %s)', (name, pk), BooleanField()
        )
        rows = list(self.object_list.filter(seek)[: self.per_page])
        return Page(rows, number, self)

    def _page(self, number, page_ids):
        """Page `number`, its rows those of page_ids() in that order, both read when the page's
        rows are first asked for (a view may want only its numbers, as search's does)."""

        def rows():
            ids = page_ids()
            found = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
            return [found[pk] for pk in ids if pk in found]

        return Page(SimpleLazyObject(rows), number, self)


class PageBoundaries:
    """The (name, id) of the first row of every page of a list in its default order, computed
    in one pass per data version and set of filters, cached in chunks."""

    def __init__(self, queryset, per_page, versions, filters):
        self.queryset = queryset
        self.per_page = per_page
        self.versions = versions
        self.filters = filters

    def _key(self, chunk):
        label = self.queryset.model._meta.label
        return cache_key("bounds", label, self.filters, self.versions, self.per_page, chunk)

    def first_key_of_page(self, number):
        chunk, index = divmod(number - 1, BOUNDARY_CHUNK)
        keys = cache.get(self._key(chunk))
        if keys is None:
            keys = self._compute_and_store()[chunk]
        return keys[index]

    def _compute_and_store(self):
        table = self.queryset.model._meta.db_table
        base_sql, params = ids_sql(self.queryset)
        sql = f"""
            SELECT name, id FROM (
                SELECT o.name, o.id, row_number() OVER (ORDER BY o.name, o.id) AS position
                  FROM {table} o WHERE o.id IN ({base_sql})
            ) ranked WHERE (position - 1) %% %s = 0 ORDER BY position
        """  # noqa: S608 - names come from the model, values are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, self.per_page])
            keys = [tuple(row) for row in cursor.fetchall()]
        chunks = [keys[i : i + BOUNDARY_CHUNK] for i in range(0, len(keys), BOUNDARY_CHUNK)]
        cache.set_many({self._key(i): c for i, c in enumerate(chunks)}, SUMMARY_SECONDS)
        return chunks


def directory_page(request, results, count, versions, filters, seekable):
    """The requested page of `results` (whatever garbage `page` holds: page 1, or the last)."""
    per_page = settings.DIRECTORY_PAGE_SIZE
    boundaries = None
    if seekable and versions is not None and count > OFFSET_LIMIT:
        boundaries = PageBoundaries(results, per_page, versions, filters)
    return paginate(request, results, per_page, count, boundaries)


def paginate(request, results, per_page=None, count=None, boundaries=None):
    """The page `?page=` asks for (page 1 for garbage, the last one past the end)."""
    paginator = DirectoryPaginator(
        results, per_page or settings.DIRECTORY_PAGE_SIZE, count, boundaries
    )
    return paginator.get_page(request.GET.get("page"))


def page_links(page):
    """The page numbers a list shows under its results: 1 … 4 5 [6] 7 8 … 40."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


def render_directory(request, template, directory, noun=None, **extra):
    """A list page of `directory` (a FacetedFilterSet): the requested page, its links, the
    active filters and their facets; htmx gets the #directory partial alone. Given `noun`
    ("Organisations"), the title names the filters and htmx answers carry it too."""
    page = directory.page(request)
    context = {
        "page": page,
        "page_range": page_links(page),
        "filters": directory.active,
        "facets": directory.summary["facets"],
        **extra,
    }
    if noun is not None:
        context.update(chips=directory.chips(), title=directory.title(noun))
    if not request.htmx:
        return render(request, template, context)
    response = render(request, template + "#directory", context)
    return with_title(response, context["title"]) if noun is not None else response


def with_title(response, title):
    """An htmx answer of a list's results, led by the page's new <title> (htmx takes a <title>
    at the top of a fragment into the document's), so the tab says what the list shows."""
    response.content = format_html("<title>{} · {}</title>", title, settings.SITE_NAME).encode() + (
        response.content
    )
    return response
