"""What the benchmark needs to know about a seeded database, printed as one JSON line.

Run by bench/run.py as `python -m bench.sample` with DATABASE_URL pointing at a benchmark
database: row counts (for the reuse marker) and samples of slugs, names, countries and tags from
which the harness builds many distinct URLs per page kind. The sample is deterministic for a
given database and seed.
"""

import argparse
import json
import os
import random
import sys


def _published_ids(queryset, rng, count):
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    return rng.sample(ids, min(count, len(ids)))


def collect(count, seed):
    from django.apps import apps
    from django.conf import settings
    from django.db.models import Count

    from organisations.models import (
        Organisation,
        OrganisationSize,
        OrganisationType,
        TopicTaggedOrganisation,
    )

    rng = random.Random(seed)
    organisations = Organisation.objects.published()
    profile_ids = _published_ids(organisations, rng, count)
    by_id = dict(organisations.filter(pk__in=profile_ids).values_list("pk", "slug"))
    name_ids = _published_ids(organisations, rng, count)
    names = dict(organisations.filter(pk__in=name_ids).values_list("pk", "name"))
    tag_links = TopicTaggedOrganisation.objects.filter(content_object__in=organisations)
    data = {
        "page_size": settings.DIRECTORY_PAGE_SIZE,
        "counts": {
            "organisations": Organisation.objects.count(),
            "organisation_tag_links": TopicTaggedOrganisation.objects.count(),
        },
        "published_organisations": organisations.count(),
        "organisation_slugs": [by_id[pk] for pk in profile_ids if pk in by_id],
        "organisation_names": [names[pk] for pk in name_ids if pk in names],
        "countries": [
            [c, n]
            for c, n in organisations.exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("id"))
            .order_by("-n", "country")
        ],
        "regions": [
            [r, n]
            for r, n in organisations.exclude(region="")
            .order_by()
            .values_list("region")
            .annotate(n=Count("id"))
            .order_by("-n", "region")[:60]
        ],
        "tags": [
            [slug, name, n]
            for slug, name, n in tag_links.order_by()
            .values_list("tag__slug", "tag__name")
            .annotate(n=Count("id"))
            .order_by("-n", "tag__slug")
        ],
        "country_tag_pairs": [
            [c, t, n]
            for c, t, n in tag_links.exclude(content_object__country="")
            .order_by()
            .values_list("content_object__country", "tag__slug")
            .annotate(n=Count("id"))
            .order_by("content_object__country", "tag__slug")
        ],
        "organisation_types": list(OrganisationType.values),
        "organisation_sizes": list(OrganisationSize.values),
        "published_projects": 0,
        "project_slugs": [],
    }
    if apps.is_installed("projects"):
        from projects.models import Project

        projects = Project.objects.published()
        project_ids = _published_ids(projects, rng, count)
        slugs = dict(projects.filter(pk__in=project_ids).values_list("pk", "slug"))
        data["counts"]["projects"] = Project.objects.count()
        data["published_projects"] = projects.count()
        data["project_slugs"] = [slugs[pk] for pk in project_ids if pk in slugs]
    data.update(calendar_sample(rng, count, data["counts"]))
    return data


def calendar_sample(rng, count, counts):
    """Events and funding calls: their counts, and slugs of published ones to open."""
    from django.utils import timezone

    from events.models import Event
    from funding.models import Opportunity, OpportunityType

    events = Event.objects.published()
    calls = Opportunity.objects.published()
    counts["events"] = Event.objects.count()
    counts["funding_calls"] = Opportunity.objects.count()
    event_ids = _published_ids(events, rng, count)
    call_ids = _published_ids(calls, rng, count)
    event_slugs = dict(events.filter(pk__in=event_ids).values_list("pk", "slug"))
    call_slugs = dict(calls.filter(pk__in=call_ids).values_list("pk", "slug"))
    upcoming = events.upcoming(timezone.now())
    return {
        "event_slugs": [event_slugs[pk] for pk in event_ids if pk in event_slugs],
        "event_countries": sorted(
            set(upcoming.exclude(country="").values_list("country", flat=True).distinct())
        ),
        "funding_slugs": [call_slugs[pk] for pk in call_ids if pk in call_slugs],
        "funding_types": sorted(OpportunityType.objects.values_list("slug", flat=True)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000, help="slugs and names to sample")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsi_directory.settings")
    import django

    django.setup()
    sys.stdout.write("BENCH_SAMPLE " + json.dumps(collect(args.count, args.seed)) + "\n")


if __name__ == "__main__":
    main()
