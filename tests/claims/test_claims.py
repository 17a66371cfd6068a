"""Claiming an owner-less record: granted at once when a verified email is at the website's
domain, else staff grant or refuse it in the admin; every decision emailed through the outbox;
the claimant then owns the record (edits, invites). Permissions for anonymous, stranger, owner
and staff."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from claims.models import Claim, domains_match
from core.models import ModerationStatus
from mail.models import OutboundEmail
from tests.claims.factories import ClaimFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def claim_url(record, kind="organisations"):
    return reverse("claims:claim", args=[kind, record.slug])


def person(django_user_model, email, verified=True):
    user = django_user_model.objects.create_user(email=email, password="a long passphrase 42")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.mark.parametrize(
    ("email_domain", "site", "expected"),
    [
        ("polimi.it", "polimi.it", True),
        ("polimi.it", "polifactory.polimi.it", True),
        ("mail.waag.org", "waag.org", True),
        ("gmail.com", "gmail.com", False),  # anyone has one
        ("example.org", "example.com", False),
        ("facebook.com", "facebook.com", False),  # a page there proves nothing
        ("ample.org", "example.org", False),  # a suffix of letters is not a subdomain
        ("", "example.org", False),
    ],
)
def test_domains_match(email_domain, site, expected):
    assert domains_match(email_domain, site) is expected


def test_the_profile_offers_a_claim_only_where_nobody_owns_it(client, user):
    orphan = OrganisationFactory(website="https://fablab.example.org")
    owned = OrganisationFactory(owner=user)
    project = ProjectFactory()
    assert claim_url(orphan) in client.get(orphan.get_absolute_url()).content.decode()
    assert "Is this yours?" in client.get(orphan.get_absolute_url()).content.decode()
    assert claim_url(owned) not in client.get(owned.get_absolute_url()).content.decode()
    page = client.get(project.get_absolute_url()).content.decode()
    assert claim_url(project, "projects") in page


def test_anonymous_people_are_asked_to_sign_in(client):
    orphan = OrganisationFactory()
    response = client.post(claim_url(orphan), {"note": "mine"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Claim.objects.exists()


def test_a_matching_verified_domain_grants_the_claim_at_once(
    client, django_user_model, django_assert_max_num_queries
):
    orphan = OrganisationFactory(name="Fab Lab", website="https://www.fablab.example.org/about")
    ada = person(django_user_model, "ada@fablab.example.org")
    client.force_login(ada)
    with django_assert_max_num_queries(6):
        assert client.get(claim_url(orphan)).status_code == 200
    response = client.post(claim_url(orphan), {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == orphan.get_edit_url()
    orphan.refresh_from_db()
    assert orphan.owner == ada
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.GRANTED and claim.matched_email == ada.email
    email = OutboundEmail.objects.get()
    assert email.to == [ada.email] and "is yours" in email.subject
    # Now theirs: they edit it and invite co-editors.
    assert client.get(orphan.get_edit_url()).status_code == 200
    invited = client.post(orphan.get_invite_url(), {"email": "colleague@example.org"})
    assert invited.status_code == 302
    assert orphan.invitations().filter(email="colleague@example.org").exists()
    # And the profile no longer offers it.
    assert claim_url(orphan) not in client.get(orphan.get_absolute_url()).content.decode()


def test_an_unverified_address_does_not_grant(client, django_user_model):
    orphan = OrganisationFactory(website="https://fablab.example.org")
    ada = person(django_user_model, "ada@fablab.example.org", verified=False)
    client.force_login(ada)
    client.post(claim_url(orphan), {"note": "I run it"})
    orphan.refresh_from_db()
    assert orphan.owner is None
    assert Claim.objects.get().status == Claim.Status.PENDING


def test_another_domain_waits_for_staff_who_grant_it(client, django_user_model, staff_user):
    orphan = OrganisationFactory(website="https://fablab.example.org")
    bob = person(django_user_model, "bob@gmail.com")
    client.force_login(bob)
    response = client.post(claim_url(orphan), {"note": "I am its director"})
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.status == Claim.Status.PENDING and claim.note == "I am its director"
    orphan.refresh_from_db()
    assert orphan.owner is None
    assert OutboundEmail.objects.count() == 0
    # A second claim by the same person is the same claim.
    client.post(claim_url(orphan), {"note": "again"})
    assert Claim.objects.count() == 1
    assert "You claimed it on" in client.get(claim_url(orphan)).content.decode()
    # The stranger cannot edit yet.
    assert client.get(orphan.get_edit_url()).status_code == 403

    staff = client.__class__()
    staff.force_login(staff_user)
    changelist = reverse("admin:claims_claim_changelist")
    assert staff.get(changelist).status_code == 200
    staff.post(changelist, {"action": "grant_selected", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    orphan.refresh_from_db()
    assert claim.status == Claim.Status.GRANTED and claim.decided_by == staff_user
    assert orphan.owner == bob
    assert OutboundEmail.objects.get().to == [bob.email]
    assert client.get(orphan.get_edit_url()).status_code == 200


def test_staff_refuse_with_a_reason_that_is_emailed(client, staff_user):
    claim = ClaimFactory()
    client.force_login(staff_user)
    changelist = reverse("admin:claims_claim_changelist")
    asked = client.post(changelist, {"action": "refuse_selected", "_selected_action": [claim.pk]})
    assert asked.status_code == 200 and "Refuse and send the reason" in asked.content.decode()
    # No reason: asked again, nothing decided.
    client.post(
        changelist, {"action": "refuse_selected", "_selected_action": [claim.pk], "reason": ""}
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING
    client.post(
        changelist,
        {
            "action": "refuse_selected",
            "_selected_action": [claim.pk],
            "reason": "We could not reach the organisation.",
        },
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REFUSED
    email = OutboundEmail.objects.get()
    assert "We could not reach the organisation." in email.body_text
    claim.record.refresh_from_db()
    assert claim.record.owner is None


def test_people_who_are_not_staff_never_reach_the_queue(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302  # to the admin's sign-in


def test_a_record_with_an_owner_cannot_be_claimed(client, user, django_user_model):
    owner = person(django_user_model, "owner@fablab.example.org")
    owned = OrganisationFactory(owner=owner, website="https://fablab.example.org")
    thief = person(django_user_model, "thief@fablab.example.org")
    client.force_login(thief)
    page = client.get(claim_url(owned))
    assert "has an owner already" in page.content.decode()
    client.post(claim_url(owned), {"note": ""})
    owned.refresh_from_db()
    assert owned.owner == owner and not Claim.objects.exists()
    client.force_login(owner)
    assert "yours already" in client.get(claim_url(owned)).content.decode()


def test_only_published_records_of_known_kinds_can_be_claimed(client, user):
    hidden = OrganisationFactory(status=ModerationStatus.PENDING)
    client.force_login(user)
    assert client.get(claim_url(hidden)).status_code == 404
    assert client.get(reverse("claims:claim", args=["users", "x"])).status_code == 404
    assert client.post(claim_url(hidden), {"note": ""}).status_code == 404


def test_bad_input_is_refused_at_the_field(client, user):
    orphan = OrganisationFactory()
    client.force_login(user)
    response = client.post(claim_url(orphan), {"note": "x" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not Claim.objects.exists()


def test_claims_are_rate_limited(client, user, settings):
    client.force_login(user)
    for _ in range(10):
        client.post(claim_url(OrganisationFactory()), {"note": ""})
    response = client.post(claim_url(OrganisationFactory()), {"note": ""})
    assert response.status_code == 429
    assert Claim.objects.count() == 10


def test_your_account_lists_owned_co_edited_submitted_and_claimed(
    client, user, django_assert_max_num_queries
):
    submitted = OrganisationFactory(
        name="Mine Pending", owner=user, created_by=user, status=ModerationStatus.PENDING
    )
    claimed_owned = ProjectFactory(name="Claimed Project", owner=user)
    helping = OrganisationFactory(name="Helping Out")
    helping.members.add(user)
    waiting = ClaimFactory(record=OrganisationFactory(name="Waiting Claim"), user=user)
    client.force_login(user)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("accounts:profile")).content.decode()
    assert "Mine Pending" in page and "(submitted by you)" in page and "Pending review" in page
    assert "Claimed Project" in page and claimed_owned.get_edit_url() in page
    assert "Helping Out" in page and helping.get_edit_url() in page
    assert "Waiting Claim" in page and waiting.get_status_display() in page
    assert submitted.get_edit_url() in page
