"""The showcase content of demo/data/*.json, created once.

Each file is a list of rows: a row's keys are the model's field names (dates as "2016-03-01"),
plus its links by name (`tags`, `networks`, vocabularies, `organisations`) and, for case studies,
the `project` by slug and the `organisation` by name. Every row is published. A file whose first
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


def _seeded(model, rows):
    return model.objects.filter(slug=rows[0]["slug"]).exists()


def _create(model, row, **extra):
    """A published row of `model` from a row of its file, each value read by its field."""
    fields = {name: model._meta.get_field(name).to_python(value) for name, value in row.items()}
    return model.objects.create(status=ModerationStatus.PUBLISHED, **fields, **extra)
