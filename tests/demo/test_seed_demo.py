"""`manage.py seed_demo`: showcase content for the journeys, and bulk rows for benchmarks."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from blog.models import Post
from casestudies.models import CaseStudy
from demo import showcase
from organisations.models import Organisation, TopicTaggedOrganisation
from projects.models import Project

pytestmark = pytest.mark.django_db


def test_showcase_links_everything_for_the_journey(client):
    call_command("seed_demo", verbosity=0)
    poli = Organisation.objects.get(slug="polifactory")
    assert poli.published_projects().count() >= 2
    assert poli.partners().count() >= 3
    featured = list(CaseStudy.objects.featured())
    assert [c.position for c in featured] == sorted(c.position for c in featured)
    assert len(featured) == 3
    first = featured[0]
    assert first.project.organisations.filter(pk=poli.pk).exists()
    assert Post.objects.published().count() >= 3
    # home → the first featured case study → its project → an organisation → back
    home = client.get("/").content.decode()
    assert f'href="{first.get_absolute_url()}"' in home
    story = client.get(first.get_absolute_url()).content.decode()
    assert f'href="{first.project.get_absolute_url()}"' in story
    page = client.get(first.project.get_absolute_url()).content.decode()
    assert f'href="{poli.get_absolute_url()}"' in page
    profile = client.get(poli.get_absolute_url()).content.decode()
    assert "Polifactory is involved with:" in profile
    assert f'href="{first.project.get_absolute_url()}"' in profile
    # Twice is harmless.
    counts = (Organisation.objects.count(), Project.objects.count(), CaseStudy.objects.count())
    call_command("seed_demo", verbosity=0)
    assert counts == (
        Organisation.objects.count(),
        Project.objects.count(),
        CaseStudy.objects.count(),
    )


def test_bulk_projects_scale_like_organisations():
    call_command("seed_demo", organisations=50, projects=120, stdout=io.StringIO())
    showcase_projects = len(showcase.read("projects"))
    assert Project.objects.count() == showcase_projects + 120
    assert Project.objects.published().count() == showcase_projects + 120
    bulk = Project.objects.order_by("-id")[:120].values("pk")
    assert Project.tags.through.objects.filter(content_object__in=bulk).count() == 5 * 120
    links = Project.organisations.through.objects.filter(project__in=bulk)
    assert 120 <= links.count() <= 3 * 120
    assert Project.focus.through.objects.filter(project__in=bulk).count() >= 120
    assert Project.areas_of_impact.through.objects.filter(project__in=bulk).count() >= 120
    assert Project.technologies.through.objects.filter(project__in=bulk).count() >= 120


@pytest.mark.django_db(transaction=True)
def test_bulk_seeding_leaves_the_tables_analysed():
    """The planner knows the new rows at once (ANALYZE), autovacuum or not. (No bulk projects:
    an earlier transactional test may have flushed the vocabularies they draw from.)"""
    call_command("seed_demo", organisations=40, stdout=io.StringIO())

    def estimated(table):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            return cursor.fetchone()[0]

    assert estimated(Organisation._meta.db_table) == Organisation.objects.count()
    assert estimated(Project._meta.db_table) == Project.objects.count()
    links = TopicTaggedOrganisation.objects.count()
    assert estimated(TopicTaggedOrganisation._meta.db_table) == links > 5 * 40
    assert estimated("taggit_tag") > 0


def test_if_empty_leaves_a_database_with_content_alone():
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    Organisation.objects.filter(slug="polifactory").delete()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "nothing seeded" in out.getvalue()
    assert not Organisation.objects.filter(slug="polifactory").exists()


def test_bulk_events_and_funding_calls_are_published_and_tagged():
    from events.models import Event
    from funding.models import Opportunity

    before = (Event.objects.count(), Opportunity.objects.count())
    call_command("seed_demo", organisations=20, events=30, funding_calls=12, stdout=io.StringIO())
    showcase_events = len(showcase.read("events"))
    showcase_calls = len(showcase.read("funding"))
    assert Event.objects.count() == before[0] + showcase_events + 30
    assert Opportunity.objects.count() == before[1] + showcase_calls + 12
    bulk_events = Event.objects.order_by("-id")[:30]
    assert {e.status for e in bulk_events} == {"published"}
    assert Event.tags.through.objects.filter(content_object__in=bulk_events).count() == 3 * 30
    bulk_calls = Opportunity.objects.order_by("-id")[:12]
    assert Opportunity.tags.through.objects.filter(content_object__in=bulk_calls).count() == 36
    # Some to come and some over, as the lists show them.
    assert Event.objects.published().upcoming().exists()
    assert Event.objects.published().past().exists()


def test_bulk_rows_are_searchable_by_their_tags_and_logged_as_published():
    """Written with COPY, links first: each row's search vector, built once by its insert
    trigger, is what the triggers would build after any later edit (tags and vocabularies
    included), and the publication log (alerts) has every new row."""
    call_command("seed_demo", organisations=30, projects=30, stdout=io.StringIO())
    with connection.cursor() as cursor:
        for table in ("organisations_organisation", "projects_project"):
            cursor.execute(
                f"SELECT count(*) FROM {table} r "  # noqa: S608 - the two tables named above
                f"WHERE search_vector IS DISTINCT FROM {table}_search_vector(r)"
            )
            assert cursor.fetchone()[0] == 0, table
        cursor.execute(
            "SELECT count(*) FROM alerts_publication WHERE kind = 'organisations' "
            "AND record_id IN (SELECT id FROM organisations_organisation)"
        )
        assert cursor.fetchone()[0] == Organisation.objects.count()
    bulk = Organisation.objects.order_by("-id").first()
    tag = bulk.tags.order_by("name").first().name
    assert bulk in Organisation.objects.search(tag, ranked=False)
    # Later rows get the next ids: the sequence was moved on, not bypassed.
    later = Organisation.objects.create(name="After the seed", slug="after-the-seed")
    assert later.pk > bulk.pk
