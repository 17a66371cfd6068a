"""The showcase content of demo/data/*.json, created once.

Each file is a list of rows: a row's keys are the model's field names (dates as "2016-03-01"),
plus its links by name (`tags`, `networks`, vocabularies, `organisations`) and, for case studies,
the `project` by slug and the `organisation` by name. Events and funding calls give their dates
in days from today (`starts_in_days`, `closes_in_days`), so that some are always upcoming and
some past, open and closed. Every row is published. A file whose first
row's slug is already taken has been seeded before, and is left alone.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from blog.models import Post
from casestudies.models import CaseStudy
from core.models import ModerationStatus
from events.models import Event, all_day_span
from funding.models import Opportunity, OpportunityType
from organisations.models import Organisation
from projects.models import AreaOfImpact, DsiFocus, Project, Technology

DATA = Path(__file__).resolve().parent / "data"


def read(name):
    """The rows of demo/data/<name>.json."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


def seed_showcase():
    """Every kind of showcase content, organisations first: {kind: rows created}."""
    return {
        "organisations": seed_organisations(),
        "projects": seed_projects(),
        "case studies": seed_case_studies(),
        "posts": seed_posts(),
        "events": seed_events(),
        "funding calls": seed_funding(),
    }


@transaction.atomic
def seed_organisations():
    """Polifactory and its neighbours; 0 when they are there already."""
    rows = read("organisations")
    if _seeded(Organisation, rows):
        return 0
    for row in rows:
        row = dict(row)
        tags, networks = row.pop("tags"), row.pop("networks")
        organisation = _create(Organisation, row)
        organisation.tags.add(*tags)
        if networks:
            organisation.networks.add(*networks)
    return len(rows)


@transaction.atomic
def seed_projects():
    """The showcase projects, linked to the showcase organisations by name."""
    rows = read("projects")
    if _seeded(Project, rows):
        return 0
    for row in rows:
        row = dict(row)
        links = {
            name: row.pop(name)
            for name in ("focus", "areas_of_impact", "technologies", "organisations", "tags")
        }
        networks = row.pop("networks")
        project = _create(Project, row)
        project.focus.set(DsiFocus.objects.filter(name__in=links["focus"]))
        project.areas_of_impact.set(AreaOfImpact.objects.filter(name__in=links["areas_of_impact"]))
        project.technologies.set(Technology.objects.filter(name__in=links["technologies"]))
        project.organisations.set(Organisation.objects.filter(name__in=links["organisations"]))
        project.tags.add(*links["tags"])
        if networks:
            project.networks.add(*networks)
    return len(rows)


@transaction.atomic
def seed_case_studies():
    """The case studies, featured on the home page in the order of their `position`."""
    rows = read("casestudies")
    if _seeded(CaseStudy, rows):
        return 0
    projects = Project.objects.in_bulk([row["project"] for row in rows], field_name="slug")
    organisations = {
        o.name: o for o in Organisation.objects.filter(name__in=[r["organisation"] for r in rows])
    }
    for row in rows:
        row = dict(row)
        areas, tags = row.pop("areas_of_impact"), row.pop("tags")
        project, organisation = row.pop("project"), row.pop("organisation")
        case_study = _create(
            CaseStudy,
            row,
            project=projects.get(project),
            organisation=organisations.get(organisation),
        )
        case_study.areas_of_impact.set(AreaOfImpact.objects.filter(name__in=areas))
        case_study.tags.add(*tags)
    return len(rows)


@transaction.atomic
def seed_posts():
    """A few News & blogs posts, published `days_ago` days before today."""
    rows = read("posts")
    if _seeded(Post, rows):
        return 0
    now = timezone.now()
    for row in rows:
        row = dict(row)
        tags, days_ago = row.pop("tags"), row.pop("days_ago")
        post = _create(Post, row, published_at=now - datetime.timedelta(days=days_ago))
        post.tags.add(*tags)
    return len(rows)


def _local_day(days, tz):
    return (timezone.now().astimezone(tz) + datetime.timedelta(days=days)).date()


def _at(day, clock, tz):
    return datetime.datetime.combine(day, datetime.time.fromisoformat(clock), tzinfo=tz)


@transaction.atomic
def seed_events():
    """Events upcoming, in progress and past, by their organisers' names."""
    rows = read("events")
    if _seeded(Event, rows):
        return 0
    organisers = _organisations_named(row["organiser"] for row in rows)
    for row in rows:
        row = dict(row)
        tags, organiser = row.pop("tags"), row.pop("organiser")
        days, length = row.pop("starts_in_days"), row.pop("days")
        start_time, end_time = row.pop("start_time", None), row.pop("end_time", None)
        event = Event(time_zone=row["time_zone"])
        first = _local_day(days, event.zone)
        last = first + datetime.timedelta(days=length - 1)
        if row["all_day"]:
            starts, ends = all_day_span(first, last, event.zone)
        else:
            starts, ends = _at(first, start_time, event.zone), _at(last, end_time, event.zone)
        event = _create(Event, row, starts_at=starts, ends_at=ends)
        event.organiser = organisers.get(organiser)
        event.save(update_fields=["organiser"])
        event.tags.add(*tags)
    return len(rows)


@transaction.atomic
def seed_funding():
    """Funding calls open and closed, by the slug of their type."""
    rows = read("funding")
    if _seeded(Opportunity, rows):
        return 0
    funders = _organisations_named(row["funder"] for row in rows if row["funder"])
    for row in rows:
        row = dict(row)
        tags, funder, kind = row.pop("tags"), row.pop("funder"), row.pop("kind")
        opens_in, closes_in = row.pop("opens_in_days"), row.pop("closes_in_days")
        closes_time = row.pop("closes_time")
        call = Opportunity(time_zone=row["time_zone"])
        opens = None
        if opens_in is not None:
            opens = _at(_local_day(opens_in, call.zone), "09:00", call.zone)
        closes = _at(_local_day(closes_in, call.zone), closes_time, call.zone)
        call = _create(
            Opportunity,
            row,
            kind=_opportunity_type(kind),
            funder=funders.get(funder),
            opens_at=opens,
            closes_at=closes,
        )
        call.tags.add(*tags)
    return len(rows)


def _opportunity_type(slug):
    """The type seeded by funding's migration; made again where a test flushed the table."""
    found, _ = OpportunityType.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    return found


def _organisations_named(names):
    return {o.name: o for o in Organisation.objects.filter(name__in=set(names))}


def _seeded(model, rows):
    return model.objects.filter(slug=rows[0]["slug"]).exists()


def _create(model, row, **extra):
    """A published row of `model` from a row of its file, each value read by its field."""
    fields = {name: model._meta.get_field(name).to_python(value) for name, value in row.items()}
    return model.objects.create(status=ModerationStatus.PUBLISHED, **fields, **extra)
