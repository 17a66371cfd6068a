"""The public records, read in batches with their links: what the exports and the API write.

Only published records and their public fields are ever read here (never an email, an owner or a
moderation note), and a link is shown only where the record at its other end is published too.
Each batch costs the same few queries, however many rows and links it holds: the rows, then one
query per kind of link for the whole batch.

Ids: `export_id()` is the DSI4EU id of an imported record (its `legacy_id`), so that the old
platform's consumers keep their ids, and EXPORT_ID_OFFSET + our primary key otherwise: stable and
never reused (primary keys are not), and above every id the old platform gave out.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from core.models import ModerationStatus
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    TopicTaggedOrganisation,
)
from projects.models import NetworkTaggedProject, Project, TopicTaggedProject

EXPORT_ID_OFFSET = 1_000_000_000
BATCH_SIZE = 1000
PUBLISHED = ModerationStatus.PUBLISHED


def export_id(pk, legacy_id):
    """The id a record has in the exports and the API."""
    return legacy_id if legacy_id is not None else EXPORT_ID_OFFSET + pk


@dataclass
class Links:
    """The links of a batch of records, by record id."""

    tags: dict = field(default_factory=lambda: defaultdict(list))  # id → [name]
    networks: dict = field(default_factory=lambda: defaultdict(list))  # id → [(id, name)]
    partners: dict = field(default_factory=lambda: defaultdict(list))  # id → [(export id, slug)]
    focus: dict = field(default_factory=lambda: defaultdict(list))  # id → [(id, name)]
    impact: dict = field(default_factory=lambda: defaultdict(list))
    technology: dict = field(default_factory=lambda: defaultdict(list))


def after(table, name, pk):
    """Rows after (name, id) in the lists' order: one seek on the (status, name, id) index."""
    return RawSQL(  # noqa: S611 - the table name comes from the model, values are parameters
        f'("{table}"."name", "{table}"."id") > (%s, %s)', (name, pk), BooleanField()
    )


def batches(queryset, links, fields, size=BATCH_SIZE):
    """(rows, Links) for every batch of `queryset` (published rows) A–Z, each row a dict of
    `fields` and "id", each batch read with a seek from the last: no OFFSET, no long
    transaction, no whole table in memory."""
    table = queryset.model._meta.db_table
    rows = queryset.order_by("name", "id").values("id", *fields)
    last = None
    while True:
        page = rows if last is None else rows.filter(after(table, *last))
        batch = list(page[:size])
        if not batch:
            return
        yield batch, links([row["id"] for row in batch])
        if len(batch) < size:
            return
        last = (batch[-1]["name"], batch[-1]["id"])


def _names(through, ids, own="content_object_id"):
    """{record id: [tag name]} from a taggit link table, A–Z."""
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{own}__in": ids})
        .order_by("tag__name")
        .values_list(own, "tag__name")
    )
    for pk, name in rows:
        found[pk].append(name)
    return found


def _pairs(through, ids, own, target, order="name"):
    """{record id: [(target id, target name)]} from a link table."""
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{own}__in": ids})
        .order_by(f"{target}__{order}", f"{target}__name")
        .values_list(own, f"{target}_id", f"{target}__name")
    )
    for pk, target_id, name in rows:
        found[pk].append((target_id, name))
    return found


def _partners(through, ids, own, other):
    """{record id: [(export id, slug)]} of the published records at the other end."""
    found = defaultdict(list)
    rows = (
        through.objects.filter(**{f"{own}__in": ids, f"{other}__status": PUBLISHED})
        .order_by(f"{other}__name", f"{other}_id")
        .values_list(own, f"{other}_id", f"{other}__legacy_id", f"{other}__slug")
    )
    for pk, other_id, legacy, slug in rows:
        found[pk].append((export_id(other_id, legacy), slug))
    return found


ORGANISATION_FIELDS = (
    "slug", "legacy_id", "name", "short_description", "description", "website", "country",
    "region", "latitude", "longitude", "address", "organisation_type", "size", "start_date",
    "created_at", "updated_at",
)  # fmt: skip

PROJECT_FIELDS = (
    "slug", "legacy_id", "name", "short_description", "description", "social_impact", "website",
    "state", "start_date", "end_date", "country", "region", "latitude", "longitude",
    "created_at", "updated_at",
)  # fmt: skip


def organisations(queryset=None):
    """The published organisations of `queryset` (all of them by default), public fields only."""
    queryset = Organisation.objects.published() if queryset is None else queryset
    return queryset.only(*ORGANISATION_FIELDS)


def projects(queryset=None):
    queryset = Project.objects.published() if queryset is None else queryset
    return queryset.only(*PROJECT_FIELDS)


def organisation_links(ids):
    """Tags, networks and published projects of these organisations: three queries."""
    return Links(
        tags=_names(TopicTaggedOrganisation, ids),
        networks=_pairs(NetworkTaggedOrganisation, ids, "content_object_id", "tag"),
        partners=_partners(Project.organisations.through, ids, "organisation_id", "project"),
    )


def project_links(ids):
    """Tags, networks, vocabularies and published organisations of these projects: six queries."""
    return Links(
        tags=_names(TopicTaggedProject, ids),
        networks=_pairs(NetworkTaggedProject, ids, "content_object_id", "tag"),
        partners=_partners(Project.organisations.through, ids, "project_id", "organisation"),
        focus=_pairs(Project.focus.through, ids, "project_id", "dsifocus", "position"),
        impact=_pairs(
            Project.areas_of_impact.through, ids, "project_id", "areaofimpact", "position"
        ),
        technology=_pairs(
            Project.technologies.through, ids, "project_id", "technology", "position"
        ),
    )
