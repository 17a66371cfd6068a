import pytest

from submissions.models import SiteSettings
from tests.submissions.kinds import KINDS


@pytest.fixture(params=KINDS, ids=lambda kind: kind.name)
def kind(request):
    """Each kind of record people submit: the tests that take it run once for each."""
    return request.param


@pytest.fixture
def people(django_user_model, user, staff_user):
    member = django_user_model.objects.create_user(email="member@example.org", password="x")
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    # Staff in the admin's sense, with no permission on any record: no power on the site.
    bare_staff = django_user_model.objects.create_user(
        email="bare-staff@example.org", password="x", is_staff=True
    )
    return {
        "owner": user,
        "member": member,
        "stranger": stranger,
        "staff": staff_user,
        "staff without permissions": bare_staff,
    }


@pytest.fixture
def closed():
    site = SiteSettings.current()
    site.submissions_open = False
    site.contact_email = "team@dsi.example"
    site.save()
    return site
