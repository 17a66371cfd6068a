"""Organisations like this one, projects like this one: the six closest records, each with the
reasons in plain words. One query (suggestions/signals.py), cached under the data versions it
reads, so a profile seen again costs nothing and any change to the data shows at once."""

from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from core.listing import cached
from core.prepared import execute_prepared
from core.versions import data_versions
from organisations.models import NetworkTaggedOrganisation, Organisation, TopicTaggedOrganisation
from projects.models import NetworkTaggedProject, Project, TopicTaggedProject
from suggestions import signals

# What the suggestions read: every table behind them bumps one of these.
VERSIONS = ("organisations", "projects", "tags")
TAGS_NAMED = 3


@dataclass
class Suggestion:
    """One suggested record, as the list shows it (plain values: it is cached)."""

    name: str
    url: str
    summary: str
    place: str
    reasons: list = field(default_factory=list)


def _tag_link(through, record_column="content_object_id"):
    tag = through._meta.get_field("tag")
    return signals.TagLink(
        table=through._meta.db_table,
        record=through._meta.get_field("content_object").column,
        tag=tag.column,
        names=tag.related_model._meta.db_table,
    )


def _tables(record_model, networks, tags):
    membership = Project.organisations.through
    vocabularies = []
    for kind, name in (
        ("focus", "focus"),
        ("impact", "areas_of_impact"),
        ("technology", "technologies"),
    ):
        through = Project._meta.get_field(name).remote_field.through
        entry = Project._meta.get_field(name).related_model
        vocabularies.append(
            signals.VocabularyLink(
                kind=kind,
                table=through._meta.db_table,
                project=through._meta.get_field("project").column,
                entry=through._meta.get_field(entry._meta.model_name).column,
                names=entry._meta.db_table,
            )
        )
    return signals.Tables(
        record=record_model._meta.db_table,
        organisation=Organisation._meta.db_table,
        project=Project._meta.db_table,
        membership=membership._meta.db_table,
        membership_project=membership._meta.get_field("project").column,
        membership_organisation=membership._meta.get_field("organisation").column,
        networks=_tag_link(networks),
        tags=_tag_link(tags),
        vocabularies=tuple(vocabularies),
    )


@cache
def _sql(kind):
    if kind == "organisations":
        tables = _tables(Organisation, NetworkTaggedOrganisation, TopicTaggedOrganisation)
        return signals.organisations_sql(tables)
    tables = _tables(Project, NetworkTaggedProject, TopicTaggedProject)
    return signals.projects_sql(tables)


def organisations_like(organisation, request=None):
    return _suggestions("organisations", organisation, request)


def projects_like(project, request=None):
    return _suggestions("projects", project, request)


def _suggestions(kind, record, request):
    versions = data_versions(*VERSIONS, request=request)
    return cached(
        ("suggestions", kind, record.pk),
        versions,
        lambda: [_suggestion(kind, record, row) for row in _rows(kind, record.pk)],
    )


def _rows(kind, pk):
    with connection.cursor() as cursor:
        # Planned once per connection: the planning of these CTEs costs as much as running them.
        execute_prepared(cursor, f"suggestions_{kind}", _sql(kind), {"me": pk})
        columns = [column.name for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _suggestion(kind, record, row):
    place = ", ".join(
        part
        for part in [row["region"], countries.name(row["country"]) if row["country"] else ""]
        if part
    )
    return Suggestion(
        name=row["name"],
        url=reverse(f"{kind}:detail", kwargs={"slug": row["slug"]}),
        summary=row["short_description"],
        place=place,
        reasons=reasons(kind, record, row),
    )


def _names(names, limit=TAGS_NAMED):
    shown = ", ".join(names[:limit])
    return shown + ("…" if len(names) > limit else "")


def reasons(kind, record, row):
    """Why a row is suggested, strongest first, in plain words."""
    found = []
    n = row["shared_n"]
    if n and kind == "organisations":
        found.append(
            ngettext(
                "works on %(n)d project with %(name)s", "works on %(n)d projects with %(name)s", n
            )
            % {"n": n, "name": record.name}
        )
    elif n:
        found.append(
            ngettext("%(n)d organisation in common", "%(n)d organisations in common", n) % {"n": n}
        )
    if row.get("partners_of_partners_n") and not n:
        found.append(
            ngettext(
                "works with %(n)d partner of %(name)s",
                "works with %(n)d partners of %(name)s",
                row["partners_of_partners_n"],
            )
            % {"n": row["partners_of_partners_n"], "name": record.name}
        )
    if row["networks_n"]:
        found.append(_("also in %(networks)s") % {"networks": _names(row["networks_names"])})
    if row["tags_n"]:
        found.append(
            ngettext("shares %(n)d tag: %(tags)s", "shares %(n)d tags: %(tags)s", row["tags_n"])
            % {"n": row["tags_n"], "tags": _names(row["tags_names"])}
        )
    if row["vocabularies_n"]:
        by_kind = {}
        for entry in sorted(row["vocabularies_names"]):
            vocabulary, _colon, name = entry.partition(":")
            by_kind.setdefault(vocabulary, []).append(name)
        if "focus" in by_kind:
            found.append(_("same DSI focus: %(names)s") % {"names": _names(by_kind["focus"])})
        if "impact" in by_kind:
            found.append(_("same area of impact: %(names)s") % {"names": _names(by_kind["impact"])})
        if "technology" in by_kind and len(found) < 3:
            found.append(
                _("same technologies: %(names)s") % {"names": _names(by_kind["technology"])}
            )
    if row["same_city"]:
        found.append(_("also in %(city)s") % {"city": row["region"].strip()})
    elif row["same_country"] and not found:
        found.append(_("also in %(country)s") % {"country": countries.name(row["country"])})
    if not found or (row["likeness"] > 0.05 and len(found) < 2):
        found.append(_("a similar description"))
    return found[:3]
