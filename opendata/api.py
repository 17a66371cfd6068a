"""The read API (/api/): organisations, projects, case studies and posts, with an OpenAPI 3
document (/api/openapi.json) and its interactive docs (/api/docs), served from our own static
files (django-ninja's, `ninja` being an installed app).

- Lists take the list pages' filters (the same FilterSets) and `page` / `page_size`; details are
  read by slug. Only published records and public fields, as in the exports.
- The changes feed: `?updated_since=<ISO 8601 time>` on a list gives what changed since then,
  oldest change first, withdrawn records (unpublished, rejected or deleted) included as
  `{"withdrawn": true}` so that a mirror drops them. Follow `next` until it is null, then keep
  the time of the last change for the next poll.
- Anonymous and read-only; rate-limited per IP address (429 with Retry-After); open to every web
  page (CORS) for GET. Bad input is a 400 with a JSON body saying what is wrong, never a 500.

Why django-ninja: DESIGN.md names it, it writes OpenAPI 3 from the type hints we would write
anyway, and it ships Swagger UI's files, served by WhiteNoise like ours (no CDN). DRF would
bring serializers, a second settings tree and drf-spectacular with a sidecar for the same result.
"""

import datetime
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, InvalidPage
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.docs import Swagger

from blog.filters import PostFilter
from blog.models import Post
from casestudies.models import CaseStudy
from core.listing import OFFSET_LIMIT, DirectoryPaginator, PageBoundaries, cached
from core.ratelimit import client_ip, over_limit
from core.versions import data_versions
from opendata import exports, records
from opendata.models import Withdrawal
from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project

MAX_PAGE_SIZE = 100


class DirectoryAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET"
        return response


def _api_description():
    return gettext(
        "Read-only, anonymous access to Europe's directory of digital social innovation: "
        "organisations, projects, case studies and News & blogs. Content licence: "
        "[%(licence)s](%(licence_url)s); credit: %(credit)s. "
        "Lists take the list pages' filters, `page` and `page_size` (at most "
        "%(max_page_size)s). `updated_since` (ISO 8601) turns a list into its changes feed: what "
        "changed since, oldest first, withdrawn records included so that mirrors drop them. "
        "Follow `next` until it is null."
    ) % {
        "licence": exports.LICENCE_NAME,
        "licence_url": exports.LICENCE_URL,
        "credit": exports.CREDIT,
        "max_page_size": MAX_PAGE_SIZE,
    }


api = DirectoryAPI(
    title=_("DSI Directory API"),
    version="1",
    description=lazy(_api_description, str)(),
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# --- Errors: always JSON, never a 500 for what a client sent ----------------------------------


class BadRequest(HttpError):
    def __init__(self, message, errors=None):
        super().__init__(400, message)
        self.errors = errors or {}


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    errors = {}
    for error in exc.errors:
        name = str(error.get("loc", ["", "?"])[-1])
        errors.setdefault(name, []).append(error.get("msg", "invalid"))
    return api.create_response(
        request, {"detail": "Invalid parameters.", "errors": errors}, status=400
    )


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=400)


class TooManyRequests(Exception):
    pass


@api.exception_handler(TooManyRequests)
def too_many_requests(request, exc):
    limit, window = settings.API_RATE_LIMIT
    response = api.create_response(
        request,
        {"detail": f"Too many requests: at most {limit} every {window} seconds. Try again later."},
        status=429,
    )
    response["Retry-After"] = str(window)
    return response


def count_request(request):
    limit, window = settings.API_RATE_LIMIT
    if over_limit("api", client_ip(request), limit, window):
        raise TooManyRequests


# --- Schemas -----------------------------------------------------------------------------------


class Page(Schema):
    page: int
    page_size: int
    count: int
    next: str | None
    previous: str | None
    licence: str


class Withdrawn(Schema):
    id: int
    slug: str
    updated_at: datetime.datetime
    withdrawn: Literal[True]


class OrganisationOut(Schema):
    id: int
    slug: str
    url: str
    name: str
    short_description: str
    description: str
    website: str
    country: str
    country_name: str
    region: str
    address: str
    latitude: float | None
    longitude: float | None
    organisation_type: str
    organisation_type_name: str
    size: str
    size_name: str
    start_date: datetime.date | None
    tags: list[str]
    networks: list[str]
    projects: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    withdrawn: Literal[False] = False


class ProjectOut(Schema):
    id: int
    slug: str
    url: str
    name: str
    short_description: str
    description: str
    social_impact: str
    website: str
    state: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    country: str
    country_name: str
    region: str
    latitude: float | None
    longitude: float | None
    focus: list[str]
    areas_of_impact: list[str]
    technologies: list[str]
    tags: list[str]
    networks: list[str]
    organisations: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    withdrawn: Literal[False] = False


class CaseStudyOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    intro: str
    body: str
    country: str
    region: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    call_to_action_url: str
    call_to_action_label: str
    project: str | None
    organisation: str | None
    areas_of_impact: list[str]
    tags: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    withdrawn: Literal[False] = False


class PostOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    category: str
    author: str
    summary: str
    body: str
    published_at: datetime.datetime
    tags: list[str]
    updated_at: datetime.datetime
    withdrawn: Literal[False] = False


class OrganisationPage(Page):
    results: list[OrganisationOut | Withdrawn]


class ProjectPage(Page):
    results: list[ProjectOut | Withdrawn]


class CaseStudyPage(Page):
    results: list[CaseStudyOut | Withdrawn]


class PostPage(Page):
    results: list[PostOut | Withdrawn]


class Paging(Schema):
    page: int = 1
    page_size: int = settings.DIRECTORY_PAGE_SIZE
    updated_since: str | None = None
    after: int | None = None


class OrganisationQuery(Paging):
    q: str | None = None
    country: str | None = None
    type: str | None = None
    size: str | None = None
    tag: str | None = None
    network: str | None = None
    letter: str | None = None


class ProjectQuery(Paging):
    q: str | None = None
    country: str | None = None
    focus: str | None = None
    impact: str | None = None
    technology: str | None = None
    tag: str | None = None
    state: str | None = None


class PostQuery(Paging):
    category: str | None = None


# --- Records as the API writes them -----------------------------------------------------------


def _url(request, record):
    return request.build_absolute_uri(record.get_absolute_url())


def _country_name(code):
    from django_countries import countries

    return str(countries.name(code)) if code else ""


def _float(value):
    return float(value) if value is not None else None


def organisation_items(request, rows):
    links = records.organisation_links([row.pk for row in rows])
    return [
        {
            "id": records.export_id(o.pk, o.legacy_id),
            "slug": o.slug,
            "url": _url(request, o),
            "name": o.name,
            "short_description": o.short_description,
            "description": o.description,
            "website": o.website,
            "country": o.country.code or "",
            "country_name": _country_name(o.country.code),
            "region": o.region,
            "address": o.address,
            "latitude": _float(o.latitude),
            "longitude": _float(o.longitude),
            "organisation_type": o.organisation_type,
            "organisation_type_name": exports.TYPE_NAMES.get(o.organisation_type, ""),
            "size": o.size,
            "size_name": exports.SIZE_NAMES.get(o.size, ""),
            "start_date": o.start_date,
            "tags": links.tags[o.pk],
            "networks": [name for _id, name in links.networks[o.pk]],
            "projects": [slug for _id, slug in links.partners[o.pk]],
            "created_at": o.created_at,
            "updated_at": o.updated_at,
        }
        for o in rows
    ]


def project_items(request, rows):
    links = records.project_links([row.pk for row in rows])
    return [
        {
            "id": records.export_id(p.pk, p.legacy_id),
            "slug": p.slug,
            "url": _url(request, p),
            "name": p.name,
            "short_description": p.short_description,
            "description": p.description,
            "social_impact": p.social_impact,
            "website": p.website,
            "state": p.state,
            "start_date": p.start_date,
            "end_date": p.end_date,
            "country": p.country.code or "",
            "country_name": _country_name(p.country.code),
            "region": p.region,
            "latitude": _float(p.latitude),
            "longitude": _float(p.longitude),
            "focus": [name for _id, name in links.focus[p.pk]],
            "areas_of_impact": [name for _id, name in links.impact[p.pk]],
            "technologies": [name for _id, name in links.technology[p.pk]],
            "tags": links.tags[p.pk],
            "networks": [name for _id, name in links.networks[p.pk]],
            "organisations": [slug for _id, slug in links.partners[p.pk]],
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        }
        for p in rows
    ]


def _published_slug(record):
    return record.slug if record is not None and record.is_published else None


def case_study_items(request, rows):
    return [
        {
            "id": records.export_id(c.pk, c.legacy_id),
            "slug": c.slug,
            "url": _url(request, c),
            "title": c.title,
            "intro": c.intro,
            "body": c.body,
            "country": c.country.code or "",
            "region": c.region,
            "start_date": c.start_date,
            "end_date": c.end_date,
            "call_to_action_url": c.call_to_action_url,
            "call_to_action_label": c.call_to_action_label,
            "project": _published_slug(c.project),
            "organisation": _published_slug(c.organisation),
            "areas_of_impact": [a.name for a in c.areas_of_impact.all()],
            "tags": [t.name for t in c.tags.all()],
            "created_at": c.created_at,
            "updated_at": c.updated_at,
        }
        for c in rows
    ]


def post_items(request, rows):
    return [
        {
            "id": records.export_id(p.pk, p.legacy_id),
            "slug": p.slug,
            "url": _url(request, p),
            "title": p.title,
            "category": p.category,
            "author": p.byline,
            "summary": p.summary,
            "body": p.body,
            "published_at": p.published_at,
            "tags": [t.name for t in p.tags.all()],
            "updated_at": max(p.updated_at, p.published_at),
        }
        for p in rows
    ]


# --- Kinds: what each list reads ------------------------------------------------------------


class Kind:
    def __init__(self, name, model, filters, versions, rows, items, seekable=False):
        self.name = name  # the data version and Withdrawal kind: "organisations"
        self.model = model
        self.filters = filters  # the list page's FilterSet, or None
        self.versions = versions
        self.rows = rows  # the published queryset, with what items() reads
        self.items = items  # (request, rows) → dicts
        self.seekable = seekable  # listed by (name, id): deep pages seek

    def changed(self, queryset):
        """The queryset with `changed_at`: when a reader last saw it change."""
        return queryset.annotate(changed_at=F("updated_at"))


class PostKind(Kind):
    def changed(self, queryset):
        # A post scheduled for later appears when its time comes, with no write at all.
        return queryset.annotate(changed_at=Greatest("updated_at", "published_at"))


ORGANISATIONS = Kind(
    "organisations",
    Organisation,
    OrganisationFilter,
    ("organisations", "projects", "tags"),
    lambda: records.organisations(),
    organisation_items,
    seekable=True,
)
PROJECTS = Kind(
    "projects",
    Project,
    ProjectFilter,
    ("projects", "organisations", "tags"),
    lambda: records.projects(),
    project_items,
    seekable=True,
)
CASE_STUDIES = Kind(
    "casestudies",
    CaseStudy,
    None,
    ("casestudies", "projects", "organisations", "tags"),
    lambda: (
        CaseStudy.objects.published()
        .select_related("project", "organisation")
        .only(
            *(f.name for f in CaseStudy._meta.concrete_fields if f.name != "search_vector"),
            "project__slug",
            "project__status",
            "organisation__slug",
            "organisation__status",
        )
        .prefetch_related("areas_of_impact", "tags")
    ),
    case_study_items,
)
POSTS = PostKind(
    "posts",
    Post,
    PostFilter,
    ("posts", "tags"),
    lambda: (
        Post.objects.published()
        .select_related("author")
        .only(
            *(f.name for f in Post._meta.concrete_fields if f.name != "search_vector"),
            "author__name",
        )
        .prefetch_related("tags")
    ),
    post_items,
)


def since(value):
    """An aware datetime from an ISO 8601 time or date ("2026-01-31", "2026-01-31T10:00:00Z");
    a time without offset is UTC. BadRequest for anything else."""
    text = value.strip().replace(" ", "+")  # a "+" not percent-encoded arrives as a space
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            moment = day and datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(
            "updated_since is not an ISO 8601 date or time.",
            {"updated_since": ["Give a time such as 2026-01-31T10:00:00Z or a date."]},
        )
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _link(request, **changes):
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")


def _check_paging(params):
    if params.page_size < 1 or params.page_size > MAX_PAGE_SIZE:
        raise BadRequest(
            f"page_size must be between 1 and {MAX_PAGE_SIZE}.",
            {"page_size": [f"Between 1 and {MAX_PAGE_SIZE}."]},
        )
    if params.page < 1:
        raise BadRequest("page must be 1 or more.", {"page": ["1 or more."]})
    if params.after is not None and not 0 <= params.after < 2**63:
        raise BadRequest("after is not a record of the feed.", {"after": ["Use the next link."]})


def _filtered(kind, request, params):
    """The published rows the list page with these filters shows, its active filters and how to
    count the rows (the filter set's way: the facet cube where it can); BadRequest for a filter
    value it would ignore (the API says so instead)."""
    base = kind.rows()
    if kind.filters is None:
        return base, (), base.count
    data = {
        name: value
        for name, value in params.dict().items()
        if name in kind.filters.base_filters and value is not None
    }
    directory = kind.filters(data, queryset=base, request=request)
    if not directory.form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in directory.form.errors.items()}
        raise BadRequest("Invalid filter values.", errors)
    return directory.qs, directory.active_key, directory.result_count


def list_records(kind, request, params):
    count_request(request)
    _check_paging(params)
    results, active, count_results = _filtered(kind, request, params)
    if params.updated_since is not None:
        return _changes(kind, request, params, results)
    if params.after is not None:
        raise BadRequest("after goes with updated_since.", {"after": ["Only with updated_since."]})
    versions = data_versions(*kind.versions, request=request)
    label = kind.model._meta.label
    count = cached(("api-count", label, active), versions, count_results)
    in_default_order = "q" not in dict(active)
    if in_default_order:
        results = results.order_by(*kind.model._meta.ordering)
    boundaries = None
    if kind.seekable and in_default_order and count > OFFSET_LIMIT:
        boundaries = PageBoundaries(results, params.page_size, versions, ("api", active))
    paginator = DirectoryPaginator(results, params.page_size, count, boundaries)
    try:
        page = paginator.page(params.page)
    except EmptyPage:
        if params.page == 1:  # nothing matches: an empty first page
            page = None
        else:
            raise BadRequest(
                f"There is no page {params.page}: the last is {paginator.num_pages}.",
                {"page": [f"At most {paginator.num_pages}."]},
            ) from None
    except InvalidPage as error:
        raise BadRequest(str(error), {"page": [str(error)]}) from None
    rows = list(page.object_list) if page else []
    return {
        "page": params.page,
        "page_size": params.page_size,
        "count": count,
        "next": _link(request, page=params.page + 1) if page and page.has_next() else None,
        "previous": _link(request, page=params.page - 1) if page and page.has_previous() else None,
        "licence": exports.LICENCE_URL,
        "results": kind.items(request, rows),
    }


def _changes(kind, request, params, results):
    """What changed since `updated_since` (after the record `after` at that very time), oldest
    change first: records changed and records withdrawn, in one order."""
    moment = since(params.updated_since)
    after = params.after if params.after is not None else -1
    later = Q(changed_at__gt=moment) | Q(changed_at=moment, pk__gt=after)
    if params.after is None:
        later = Q(changed_at__gte=moment)
    changed = (
        kind.changed(results.order_by())
        .annotate(key=F("pk"), gone=Value(False))
        .filter(later)
        .values_list("changed_at", "key", "gone")
    )
    gone = (
        Withdrawal.objects.filter(kind=kind.name)
        .annotate(changed_at=F("withdrawn_at"), key=F("record_id"), gone=Value(True))
        .filter(
            Q(changed_at__gte=moment)
            if params.after is None
            else Q(changed_at__gt=moment) | Q(changed_at=moment, record_id__gt=after)
        )
        .order_by()
        .values_list("changed_at", "key", "gone")
    )
    # A filtered feed lists every withdrawal too: a withdrawn record no longer has the fields
    # the filter would test, and a mirror simply drops the ids it never had.
    both = changed.union(gone, all=True).order_by("changed_at", "key")
    window = list(both[: params.page_size + 1])
    more, window = len(window) > params.page_size, window[: params.page_size]
    live_ids = [pk for _at, pk, withdrawn in window if not withdrawn]
    live = {row.pk: row for row in kind.rows().filter(pk__in=live_ids)}
    present = [live[pk] for pk in live_ids if pk in live]  # gone meanwhile: left out
    items = dict(zip([row.pk for row in present], kind.items(request, present), strict=True))
    gone_ids = [pk for _at, pk, withdrawn in window if withdrawn]
    tombstones = {
        w.record_id: w
        for w in Withdrawal.objects.filter(kind=kind.name, record_id__in=gone_ids).only(
            "record_id", "legacy_id", "slug", "withdrawn_at"
        )
    }
    results_out = []
    for _at, pk, withdrawn in window:
        if withdrawn and pk in tombstones:
            w = tombstones[pk]
            results_out.append(
                {
                    "id": records.export_id(pk, w.legacy_id),
                    "slug": w.slug,
                    "updated_at": w.withdrawn_at,
                    "withdrawn": True,
                }
            )
        elif not withdrawn and pk in items:
            results_out.append(items[pk])
    last_at, last_pk = (window[-1][0], window[-1][1]) if window else (None, None)
    return {
        "page": 1,
        "page_size": params.page_size,
        "count": len(results_out),
        "next": (
            _link(request, updated_since=last_at.isoformat(), after=str(last_pk), page=None)
            if more
            else None
        ),
        "previous": None,
        "licence": exports.LICENCE_URL,
        "results": results_out,
    }


def detail(kind, request, slug):
    count_request(request)
    record = get_object_or_404(kind.rows(), slug=slug)
    return kind.items(request, [record])[0]


ERRORS = {400: Error, 404: Error, 429: Error}


@api.get("/organisations", response={200: OrganisationPage, **ERRORS}, tags=["organisations"])
def list_organisations(request, params: Query[OrganisationQuery]):
    """Published organisations, A–Z (best match first with `q`), or the changes feed."""
    return list_records(ORGANISATIONS, request, params)


@api.get("/organisations/{slug}", response={200: OrganisationOut, **ERRORS}, tags=["organisations"])
def get_organisation(request, slug: str):
    return detail(ORGANISATIONS, request, slug)


@api.get("/projects", response={200: ProjectPage, **ERRORS}, tags=["projects"])
def list_projects(request, params: Query[ProjectQuery]):
    """Published projects, A–Z (best match first with `q`), or the changes feed."""
    return list_records(PROJECTS, request, params)


@api.get("/projects/{slug}", response={200: ProjectOut, **ERRORS}, tags=["projects"])
def get_project(request, slug: str):
    return detail(PROJECTS, request, slug)


@api.get("/case-studies", response={200: CaseStudyPage, **ERRORS}, tags=["case studies"])
def list_case_studies(request, params: Query[Paging]):
    """Published case studies, newest first, or the changes feed."""
    return list_records(CASE_STUDIES, request, params)


@api.get("/case-studies/{slug}", response={200: CaseStudyOut, **ERRORS}, tags=["case studies"])
def get_case_study(request, slug: str):
    return detail(CASE_STUDIES, request, slug)


@api.get("/posts", response={200: PostPage, **ERRORS}, tags=["News & blogs"])
def list_posts(request, params: Query[PostQuery]):
    """Published News & blogs, newest first, or the changes feed."""
    return list_records(POSTS, request, params)


@api.get("/posts/{slug}", response={200: PostOut, **ERRORS}, tags=["News & blogs"])
def get_post(request, slug: str):
    return detail(POSTS, request, slug)
