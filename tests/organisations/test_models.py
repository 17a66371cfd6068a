import pytest

from core.models import ModerationStatus
from organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_name_and_kept_unique():
    first = Organisation.objects.create(name="FabLab Catania")
    second = Organisation.objects.create(name="FabLab Catania")
    assert (first.slug, second.slug) == ("fablab-catania", "fablab-catania-2")
    first.name = "FabLab Catania renamed"
    first.save()
    assert first.slug == "fablab-catania"  # stable: old links keep working


def test_published_queryset_is_the_only_public_rule():
    OrganisationFactory(status=ModerationStatus.PUBLISHED, name="A")
    for status in ("draft", "pending", "rejected"):
        OrganisationFactory(status=status)
    assert [o.name for o in Organisation.objects.published()] == ["A"]


def test_publish_and_unpublish_are_transitions(staff_user):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING)
    organisation.publish(by=staff_user)
    organisation.refresh_from_db()
    assert organisation.is_published and organisation.updated_by == staff_user
    organisation.unpublish(by=staff_user)
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.DRAFT


def test_summary_falls_back_to_the_description():
    organisation = OrganisationFactory(short_description="", description="<p>" + "word " * 60)
    assert organisation.summary.endswith("…")
    assert len(organisation.summary) <= 160
    assert "<p>" not in organisation.summary


def test_markdown_descriptions_are_rendered_and_cleaned():
    organisation = OrganisationFactory(description="We **make** things.\n\n- one\n- two")
    organisation.refresh_from_db()
    assert organisation.description.startswith("<p>We <strong>make</strong> things.</p>")
    assert "<li>one</li>" in organisation.description
