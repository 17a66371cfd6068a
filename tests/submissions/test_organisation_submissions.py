import io
import re

import pytest
from django.core import mail
from django.urls import reverse

from core.models import ModerationStatus
from core.submissions import SiteSettings, SubmissionDraft
from mail.models import OutboundEmail
from mail.tasks import send_email
from organisations.models import Organisation
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.uploads import png

pytestmark = pytest.mark.django_db

CREATE = reverse("organisations:create")


def valid_data(**overrides):
    return {
        "name": "Officina Aperta",
        "organisation_type": "grassroots",
        "size": "0-5",
        "short_description": "A neighbourhood makerspace in Turin.",
        "country": "IT",
        "region": "Turin",
        "address": "",
        "description": "We **repair** things together.",
        "website": "https://officina.example.org",
        "tags": "repair, makerspace",
        "networks": "FabLab Network",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


# --- submitting -------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(CREATE, valid_data()).status_code == 302
    assert not Organisation.objects.exists()


def test_a_submission_is_pending_and_only_its_owner_sees_it(signed_in, user, client):
    response = signed_in.post(CREATE, valid_data(logo=png()))
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.status == ModerationStatus.PENDING
    assert organisation.owner == user and organisation.created_by == user
    assert organisation.description == "<p>We <strong>repair</strong> things together.</p>"
    assert sorted(organisation.tags.names()) == ["makerspace", "repair"]
    assert organisation.logo.name.endswith(".png")

    page = signed_in.get(organisation.get_absolute_url()).content.decode()
    assert "Waiting for approval." in page

    # Nobody else sees it: not the public, not another signed-in person, not the list.
    signed_in.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert "Officina Aperta" not in client.get(reverse("organisations:list")).content.decode()


def test_approval_publishes_and_emails_the_owner(client, user, staff_user):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:organisations_organisation_changelist")
    queue = client.get(changelist, {"queue": "waiting"})
    assert organisation.name in queue.content.decode()
    client.post(changelist, {"action": "approve_selected", "_selected_action": [organisation.pk]})
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.PUBLISHED
    assert organisation.reviewed_by == staff_user
    email = OutboundEmail.objects.get()
    send_email(email.pk)
    assert mail.outbox[0].to == [user.email]
    assert "approved and published" in mail.outbox[0].body
    assert organisation.get_absolute_url() in mail.outbox[0].body


def test_rejection_needs_a_reason_and_sends_it(client, user, staff_user):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:organisations_organisation_changelist")
    selected = {"action": "reject_selected", "_selected_action": [organisation.pk]}
    confirm = client.post(changelist, selected)
    assert "Reason, sent to the owner" in confirm.content.decode()
    empty = client.post(changelist, selected | {"reason": ""})
    assert "Say why" in empty.content.decode()
    client.post(changelist, selected | {"reason": "Please describe what you do."})
    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.REJECTED
    assert organisation.rejection_reason == "Please describe what you do."
    send_email(OutboundEmail.objects.get().pk)
    assert "Please describe what you do." in mail.outbox[0].body


def test_close_matches_are_shown_before_saving(signed_in):
    OrganisationFactory(name="Polifactory", region="Milan", website="https://www.polifactory.it")
    response = signed_in.post(CREATE, valid_data(name="PoliFactory Milano"))
    content = response.content.decode()
    assert "Is this yours?" in content and "Polifactory" in content
    assert Organisation.objects.count() == 1
    assert 'value="PoliFactory Milano"' in content  # what was typed is kept

    same_domain = signed_in.post(
        CREATE, valid_data(name="Another name", website="http://polifactory.it/about")
    )
    assert "Is this yours?" in same_domain.content.decode()

    signed_in.post(CREATE, valid_data(name="PoliFactory Milano", not_a_duplicate="1"))
    assert Organisation.objects.filter(name="PoliFactory Milano").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("organisation_type", "", "This field is required."),
        ("organisation_type", "cartel", "Select a valid choice."),
        ("short_description", "x" * 141, "140 characters or fewer"),
        ("country", "", "This field is required."),
        ("country", "ZZ", "Select a valid choice."),
        ("region", "", "This field is required."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("website", "ftp://example.org", "Enter a valid URL."),
        ("start_date", "yesterday", "Enter a valid date."),
        ("licence", "", "Tick the box to agree"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_what_was_typed_is_kept(
    signed_in, field, value, message
):
    data = valid_data(name="Typed <script>alert(1)</script> name") | {field: value}
    response = signed_in.post(CREATE, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert message in content
    assert "We **repair** things together." in content  # other values kept
    assert_no_live_script(content)
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.svg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.png"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "logo.gif"),
        (b"%PDF-1.4 not an image", "logo.jpg"),
    ],
)
def test_images_are_checked_by_content(signed_in, payload, name):
    upload = io.BytesIO(payload)
    upload.name = name
    response = signed_in.post(CREATE, valid_data(logo=upload))
    assert "Upload a PNG, JPEG or WebP image" in response.content.decode()
    assert not Organisation.objects.exists()


def test_script_in_every_text_field_is_harmless_on_the_pending_page(signed_in):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    signed_in.post(
        CREATE,
        valid_data(
            name=f"Evil {hostile}",
            short_description="Fine <b onmouseover=alert(1)>summary</b>",
            description=f"Text {hostile} [link](javascript:alert(1))",
            region=hostile,
            tags=f"tag {hostile}",
        ),
    )
    organisation = Organisation.objects.get()
    assert "<script" not in organisation.description
    assert "javascript:" not in organisation.description
    assert_no_live_script(signed_in.get(organisation.get_absolute_url()).content)


def test_the_honeypot_stops_scripted_posts(signed_in):
    response = signed_in.post(CREATE, valid_data(contact_url="http://spam.example"))
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_a_person_is_limited_to_ten_submissions_an_hour(signed_in):
    for n in range(10):
        signed_in.post(CREATE, valid_data(name=f"Lab number {n} {'x' * n}", not_a_duplicate="1"))
    assert Organisation.objects.count() == 10
    response = signed_in.post(CREATE, valid_data(name="One too many", not_a_duplicate="1"))
    assert response.status_code == 429
    assert 'value="One too many"' in response.content.decode()
    assert Organisation.objects.count() == 10


def test_csrf_is_required(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(CREATE, valid_data()).status_code == 403
    assert not Organisation.objects.exists()


# --- editing: the permission matrix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("anonymous", "published", 302),
        ("anonymous", "pending", 302),
        ("stranger", "published", 403),
        ("stranger", "pending", 404),
        ("owner", "published", 200),
        ("owner", "pending", 200),
        ("member", "published", 200),
        ("staff", "pending", 200),
    ],
)
def test_edit_permissions(client, django_user_model, user, staff_user, who, status, expected):
    organisation = OrganisationFactory(status=status, owner=user)
    member = django_user_model.objects.create_user(email="member@example.org", password="x")
    organisation.members.add(member)
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    people = {"owner": user, "member": member, "stranger": stranger, "staff": staff_user}
    if who in people:
        client.force_login(people[who])
    url = organisation.get_edit_url()
    assert client.get(url).status_code == expected
    response = client.post(url, valid_data(name="Taken over"))
    organisation.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302 and organisation.name == "Taken over"
    else:
        assert response.status_code == expected and organisation.name != "Taken over"


def test_changing_a_published_name_goes_back_to_review_but_stays_visible(client, user):
    organisation = OrganisationFactory(owner=user)
    client.force_login(user)
    client.post(organisation.get_edit_url(), valid_data(name="New name"))
    organisation.refresh_from_db()
    assert organisation.is_published and organisation.review_requested_at is not None
    assert Organisation.objects.awaiting_review().filter(pk=organisation.pk).exists()
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 200

    # A change to other fields does not ask for review again.
    other = OrganisationFactory(owner=user, name="Steady", short_description="Old")
    client.force_login(user)
    client.post(
        other.get_edit_url(),
        valid_data(name="Steady", short_description="New summary", description=other.description),
    )
    other.refresh_from_db()
    assert other.short_description == "New summary" and other.review_requested_at is None


# --- the submissions switch --------------------------------------------------------------------


@pytest.fixture
def closed():
    site = SiteSettings.current()
    site.submissions_open = False
    site.contact_email = "team@dsi.example"
    site.save()
    return site


def test_closed_submissions_answer_503_with_the_message_and_the_newsletter(client, user, closed):
    for who in (None, user):
        if who:
            client.force_login(who)
        response = client.get(CREATE)
        content = response.content.decode()
        assert response.status_code == 503
        assert response["Retry-After"] == "3600"
        assert (
            "Thank you for your interest in joining Europe's network of digital social innovation."
            in content.replace("&#x27;", "'")
        )
        assert '<a href="mailto:team@dsi.example">team@dsi.example</a>' in content
        assert 'name="source" value="maintenance"' in content


def test_environment_switch_wins_over_the_admin(client, settings):
    settings.SUBMISSIONS_OPEN = False
    assert SiteSettings.current().submissions_open  # the admin says open…
    assert client.get(CREATE).status_code == 503  # …the environment says closed


def test_a_form_posted_after_closing_loses_nothing(signed_in, user, closed):
    response = signed_in.post(CREATE, valid_data(name="Typed while open"))
    content = response.content.decode()
    assert response.status_code == 503
    assert "Thank you for your interest" in content
    assert 'value="Typed while open"' in content
    assert "A neighbourhood makerspace in Turin." in content
    assert not Organisation.objects.exists()
    assert SubmissionDraft.objects.filter(user=user).exists()

    closed.submissions_open = True
    closed.save()
    resumed = signed_in.get(CREATE).content.decode()
    assert "We filled in the form with the draft you started." in resumed
    assert 'value="Typed while open"' in resumed
    signed_in.post(CREATE, valid_data(name="Typed while open"))
    assert Organisation.objects.filter(name="Typed while open", status="pending").exists()
    assert not SubmissionDraft.objects.exists()


def test_while_closed_the_rest_of_the_site_works(client, staff_user, closed):
    OrganisationFactory(name="Polifactory")
    assert client.get("/").status_code == 200
    assert client.get(reverse("organisations:list"), {"q": "poli"}).status_code == 200
    found = client.get(reverse("search:results"), {"q": "poli"}).content.decode()
    assert "/organisations/organisation-" in found  # Polifactory, its name marked up
    assert client.get("/organisations/organisation-0000/").status_code in (200, 404)
    assert client.get(reverse("account_login")).status_code == 200
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "reader@example.org", "consent": "on", "source": "maintenance"},
    )
    assert response.status_code in (200, 302)
    client.force_login(staff_user)
    assert client.get(reverse("admin:index")).status_code == 200


# --- co-editors ----------------------------------------------------------------------------


def test_owner_invites_a_co_editor_who_accepts(client, user, django_user_model):
    organisation = OrganisationFactory(owner=user)
    client.force_login(user)
    invite = reverse("organisations:invite", args=[organisation.slug])
    bad = client.post(invite, {"email": "not an email"}, follow=True)
    assert "Enter a valid email address" in bad.content.decode()
    client.post(invite, {"email": "Friend@Example.org"})
    send_email(OutboundEmail.objects.get().pk)
    link = re.search(r"http://\S+(/accounts/invitations/\S+/)", mail.outbox[0].body)[1]

    # Someone else who gets hold of the link cannot use it.
    intruder = django_user_model.objects.create_user(email="intruder@example.org", password="x")
    client.force_login(intruder)
    assert "sent to another email address" in client.get(link).content.decode()
    client.post(link)
    assert not organisation.can_edit(intruder)

    friend = django_user_model.objects.create_user(email="friend@example.org", password="x")
    client.force_login(friend)
    assert client.get(link).status_code == 200  # GET changes nothing
    assert not organisation.can_edit(friend)
    response = client.post(link)
    assert response["Location"] == organisation.get_edit_url()
    assert organisation.can_edit(friend)
    assert "used already" in client.get(link).content.decode()


def test_strangers_cannot_invite(client, user, django_user_model):
    organisation = OrganisationFactory(owner=user)
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    client.force_login(stranger)
    invite = reverse("organisations:invite", args=[organisation.slug])
    assert client.post(invite, {"email": "a@example.org"}).status_code == 403
    assert client.get(invite).status_code == 405
    assert not OutboundEmail.objects.exists()
