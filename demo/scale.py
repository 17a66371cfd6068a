"""Organisations and projects in bulk, for the benchmarks: `seed_demo --organisations N
--projects N`. The rows are generated from the words of demo/data/generator.json with a seeded
random generator, so a given count always gives the same rows. They are written with COPY,
BATCH_SIZE rows per transaction, links before the rows they link (the foreign keys are checked at
commit): the row's BEFORE INSERT trigger then builds its search vector, tags included, once,
instead of the link triggers rewriting every new row a second time. A million organisations and
a million projects take minutes, not hours.
"""

import datetime
import itertools
import random

from django.db import transaction
from taggit.models import Tag

from core.bulk import copy_instances, copy_rows, reserve_ids
from core.models import ModerationStatus, NetworkTag
from core.slugs import unique_slug
from demo.showcase import read
from events.models import Attendance, Event, TaggedEvent
from funding.models import Opportunity, OpportunityType, TaggedOpportunity
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    OrganisationSize,
    OrganisationType,
    TopicTaggedOrganisation,
)
from projects.models import (
    AreaOfImpact,
    DsiFocus,
    NetworkTaggedProject,
    Project,
    ProjectState,
    Technology,
    TopicTaggedProject,
)

BATCH_SIZE = 20_000
TAG_SLUG_LENGTH = 90  # taggit's Tag.slug holds 100: room for "-2", "-3", …


def words():
    """The generator's words: topics, networks, name parts and (country, city) pairs."""
    return read("generator")


def tags(model, names):
    """The tag rows for `names`, created where missing (case-insensitively, as taggit does)."""
    existing = {t.name.lower(): t for t in model.objects.filter(name__in=names)}
    missing = [n for n in dict.fromkeys(names) if n.lower() not in existing]
    taken = set(model.objects.values_list("slug", flat=True))
    new = []
    for name in missing:
        slug = unique_slug(name, taken, fallback="tag", max_length=TAG_SLUG_LENGTH)
        taken.add(slug)
        new.append(model(name=name, slug=slug))
    model.objects.bulk_create(new)
    return {t.name.lower(): t for t in model.objects.filter(name__in=names)}


class _Slugs:
    """Free slugs for generated rows of `model`: every slug in use is read once, not per row."""

    def __init__(self, model):
        self.taken = set(model.objects.values_list("slug", flat=True)) | model.reserved_slugs
        self.fallback = model._meta.model_name

    def __call__(self, name):
        slug = unique_slug(name, self.taken, fallback=self.fallback)
        self.taken.add(slug)
        return slug


def _load(objects, links):
    """One batch in one transaction: `links` ((model, columns, rows) of each link table)
    first, then `objects`, unsaved instances whose primary keys are set."""
    with transaction.atomic():
        for model, columns, rows in links:
            copy_rows(model._meta.db_table, columns, rows)
        copy_instances(objects)


def _batches(model, count, batch_size, progress):
    """(ids, numbers) per batch: `count` reserved primary keys of `model`, and row numbers
    that go on from the rows already there (they make the generated names unique)."""
    start = model.objects.count()
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        first = start + created
        yield reserve_ids(model, size), range(first, first + size)
        created += size
        if progress:
            progress(created, count)


def _ids(rows):
    return [row.pk for row in rows]


def seed_organisations(count, tags_each=5, batch_size=BATCH_SIZE, seed=1, progress=None):
    """`count` published organisations with `tags_each` topic tags, about a third in a
    network."""
    pool = words()
    rng = random.Random(seed)
    topics = _ids(tags(Tag, pool["topics"]).values())
    networks = _ids(tags(NetworkTag, pool["networks"]).values())
    types, sizes = OrganisationType.values, OrganisationSize.values
    names = itertools.cycle(itertools.product(*pool["organisation_name_parts"]))
    slug = _Slugs(Organisation)
    for ids, numbers in _batches(Organisation, count, batch_size, progress):
        rows, topic_links, network_links = [], [], []
        for pk, i in zip(ids, numbers, strict=True):
            country, city = rng.choice(pool["cities"])
            first, second = next(names)
            name = f"{first} {second} {city} {i}"
            rows.append(
                Organisation(
                    pk=pk,
                    name=name,
                    slug=slug(name),
                    status=ModerationStatus.PUBLISHED,
                    short_description=f"A {second.lower()} for {rng.choice(pool['topics'])} in "
                    f"{city}.",
                    description=f"{name} brings people together around "
                    f"{rng.choice(pool['topics'])} and {rng.choice(pool['topics'])} in {city}.",
                    organisation_type=rng.choice(types),
                    size=rng.choice(sizes),
                    country=country,
                    region=city,
                )
            )
            topic_links += [(pk, t) for t in rng.sample(topics, tags_each)]
            if rng.random() < 0.3:
                network_links.append((pk, rng.choice(networks)))
        tag_columns = ("content_object_id", "tag_id")
        _load(
            rows,
            [
                (TopicTaggedOrganisation, tag_columns, topic_links),
                (NetworkTaggedOrganisation, tag_columns, network_links),
            ],
        )
    return count


def seed_projects(count, tags_each=5, batch_size=BATCH_SIZE, seed=1, progress=None):
    """`count` published projects with `tags_each` topic tags, vocabulary entries and links to
    existing organisations."""
    pool = words()
    rng = random.Random(seed)
    topics = _ids(tags(Tag, pool["topics"]).values())
    networks = _ids(tags(NetworkTag, pool["networks"]).values())
    focus = list(DsiFocus.objects.values_list("pk", flat=True))
    areas = list(AreaOfImpact.objects.values_list("pk", flat=True))
    technologies = list(Technology.objects.values_list("pk", flat=True))
    organisations = list(Organisation.objects.published().values_list("pk", flat=True))
    names = itertools.cycle(itertools.product(*pool["project_name_parts"]))
    states = ProjectState.values
    slug = _Slugs(Project)
    for ids, numbers in _batches(Project, count, batch_size, progress):
        rows, topic_links, network_links = [], [], []
        focus_links, area_links, technology_links, organisation_links = [], [], [], []
        for pk, i in zip(ids, numbers, strict=True):
            country, city = rng.choice(pool["cities"])
            first, second = next(names)
            name = f"{first} {second} {city} {i}"
            started = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
            state = rng.choice(states)
            rows.append(
                Project(
                    pk=pk,
                    name=name,
                    slug=slug(name),
                    status=ModerationStatus.PUBLISHED,
                    short_description=f"A {second.lower()} for {rng.choice(pool['topics'])} in "
                    f"{city}.",
                    description=f"{name} works on {rng.choice(pool['topics'])} and "
                    f"{rng.choice(pool['topics'])} with people in {city}.",
                    state=state,
                    start_date=started,
                    end_date=started + datetime.timedelta(days=rng.randrange(200, 1500))
                    if state == ProjectState.CLOSED
                    else None,
                    country=country,
                    region=city,
                )
            )
            topic_links += [(pk, t) for t in rng.sample(topics, tags_each)]
            if rng.random() < 0.2:
                network_links.append((pk, rng.choice(networks)))
            focus_links += [(pk, f) for f in rng.sample(focus, rng.randint(1, 2))]
            area_links += [(pk, a) for a in rng.sample(areas, rng.randint(1, 3))]
            technology_links += [(pk, t) for t in rng.sample(technologies, rng.randint(1, 3))]
            if organisations:
                partners = min(len(organisations), rng.randint(1, 3))
                organisation_links += [(pk, o) for o in rng.sample(organisations, partners)]
        tag_columns = ("content_object_id", "tag_id")
        _load(
            rows,
            [
                (TopicTaggedProject, tag_columns, topic_links),
                (NetworkTaggedProject, tag_columns, network_links),
                (Project.focus.through, ("project_id", "dsifocus_id"), focus_links),
                (Project.areas_of_impact.through, ("project_id", "areaofimpact_id"), area_links),
                (Project.technologies.through, ("project_id", "technology_id"), technology_links),
                (
                    Project.organisations.through,
                    ("project_id", "organisation_id"),
                    organisation_links,
                ),
            ],
        )
    return count


def seed_events(count, tags_each=3, batch_size=BATCH_SIZE, seed=1, progress=None):
    """`count` published events, half over and half to come, some organised by an existing
    organisation, with `tags_each` topic tags."""
    pool = words()
    rng = random.Random(seed)
    topics = _ids(tags(Tag, pool["topics"]).values())
    organisers = list(Organisation.objects.published().values_list("pk", flat=True)[:10000])
    attendance = Attendance.values
    today = datetime.datetime.now(datetime.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    slug = _Slugs(Event)

    def event(pk, i):
        country, city = rng.choice(pool["cities"])
        topic = rng.choice(pool["topics"])
        name = f"{topic.capitalize()} meet-up {city} {i}"
        starts = today + datetime.timedelta(days=rng.randrange(-720, 720))
        return Event(
            pk=pk,
            name=name,
            slug=slug(name),
            status=ModerationStatus.PUBLISHED,
            summary=f"An evening on {topic} in {city}.",
            description=f"People working on {topic} in {city} meet, show and talk.",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=rng.choice((2, 3, 8, 32))),
            attendance=rng.choice(attendance),
            venue=f"{city} community hall",
            region=city,
            country=country,
            organiser_id=rng.choice(organisers) if organisers and rng.random() < 0.5 else None,
        )

    def pick_tags():
        return rng.sample(topics, tags_each)

    return _tagged_in_batches(Event, TaggedEvent, event, pick_tags, count, batch_size, progress)


def seed_funding_calls(count, tags_each=3, batch_size=BATCH_SIZE, seed=1, progress=None):
    """`count` published funding calls, a third closed, of every type."""
    pool = words()
    rng = random.Random(seed)
    topics = _ids(tags(Tag, pool["topics"]).values())
    kinds = list(OpportunityType.objects.values_list("pk", flat=True))
    countries = sorted({c for c, _ in pool["cities"]})
    org_types = OrganisationType.values
    now = datetime.datetime.now(datetime.UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    slug = _Slugs(Opportunity)

    def call(pk, i):
        topic = rng.choice(pool["topics"])
        name = f"Fund for {topic} {i}"
        closes = now + datetime.timedelta(days=rng.randrange(-180, 360))
        return Opportunity(
            pk=pk,
            name=name,
            slug=slug(name),
            status=ModerationStatus.PUBLISHED,
            summary=f"Grants for work on {topic}.",
            description=f"Money for projects that use {topic} for the common good.",
            funder_name=f"{topic.capitalize()} Foundation",
            kind_id=rng.choice(kinds),
            amount=f"up to €{rng.choice((10, 25, 50, 100))},000",
            eligible_countries=rng.sample(countries, rng.choice((0, 0, 1, 3))),
            eligible_organisation_types=rng.sample(org_types, rng.choice((0, 0, 1, 2))),
            opens_at=closes - datetime.timedelta(days=90),
            closes_at=closes,
        )

    def pick_tags():
        return rng.sample(topics, tags_each)

    return _tagged_in_batches(
        Opportunity, TaggedOpportunity, call, pick_tags, count, batch_size, progress
    )


def _tagged_in_batches(model, link_model, make, pick_tags, count, batch_size, progress):
    """`count` rows of `model`, each made by make(pk, number) and linked in `link_model` to
    the tags pick_tags() gives."""
    for ids, numbers in _batches(model, count, batch_size, progress):
        rows = [make(pk, i) for pk, i in zip(ids, numbers, strict=True)]
        links = [(row.pk, tag) for row in rows for tag in pick_tags()]
        _load(rows, [(link_model, ("content_object_id", "tag_id"), links)])
    return count
