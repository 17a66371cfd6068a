"""Staff powers on the site are the admin's permissions, no wider."""

import pytest
from django.contrib.auth.models import Permission

from core.models import ModerationStatus
from tests.organisations.factories import OrganisationFactory
from tests.submissions.kinds import KINDS

pytestmark = pytest.mark.django_db


def staff_with(django_user_model, *codenames):
    person = django_user_model.objects.create_user(
        email=f"staff-{'-'.join(codenames) or 'none'}@example.org", password="x", is_staff=True
    )
    person.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return person


def test_staff_who_may_change_edit_on_the_site_too(client, django_user_model):
    record = OrganisationFactory(status=ModerationStatus.PENDING)
    client.force_login(staff_with(django_user_model, "change_organisation"))
    assert client.get(record.get_edit_url()).status_code == 200


def test_staff_who_may_only_view_see_pending_records_but_cannot_edit(client, django_user_model):
    record = OrganisationFactory(status=ModerationStatus.PENDING)
    client.force_login(staff_with(django_user_model, "view_organisation"))
    assert client.get(record.get_absolute_url()).status_code == 200
    assert client.get(record.get_edit_url()).status_code == 403


def test_approving_needs_the_moderate_permission(client, django_user_model):
    record = OrganisationFactory(status=ModerationStatus.PENDING)
    editor = staff_with(django_user_model, "view_organisation", "change_organisation")
    client.force_login(editor)
    changelist = KINDS[0].changelist_url
    page = client.get(changelist).content.decode()
    assert "approve_selected" not in page
    client.post(changelist, {"action": "approve_selected", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.status == ModerationStatus.PENDING

    moderator = staff_with(
        django_user_model, "view_organisation", "change_organisation", "moderate_organisation"
    )
    client.force_login(moderator)
    assert "approve_selected" in client.get(changelist).content.decode()
    client.post(changelist, {"action": "approve_selected", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.status == ModerationStatus.PUBLISHED
