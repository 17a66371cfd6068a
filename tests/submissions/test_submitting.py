"""What every kind of submitted record does alike (organisations, projects): each test runs
once per kind (the `kind` fixture, tests/submissions/kinds.py). What only one kind has is
in test_organisations.py and test_projects.py."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.models import ModerationStatus
from submissions.models import SiteSettings, SubmissionDraft
from tests.html import assert_no_live_script
from tests.submissions.kinds import queued_email_count, send_queued_emails
from tests.uploads import png

pytestmark = pytest.mark.django_db


# --- submitting -------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_sign_in(client, kind):
    response = client.get(kind.create_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(kind.create_url, kind.valid_data()).status_code == 302
    assert not kind.model.objects.exists()


def test_a_submission_is_pending_and_only_its_owner_sees_it(signed_in, user, client, kind):
    response = signed_in.post(kind.create_url, kind.valid_data(logo=png()))
    record = kind.model.objects.get()
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    assert record.status == ModerationStatus.PENDING
    assert record.owner == user and record.created_by == user
    assert record.description == kind.stored_description
    assert record.logo.name.endswith(".png")
    assert record.logo.name.startswith(f"{kind.model._meta.model_name}s/logos/")

    page = signed_in.get(record.get_absolute_url()).content.decode()
    assert "Waiting for approval." in page
    assert f'href="{record.get_edit_url()}"' in page

    # Nobody else sees it: not the public, not another signed-in person, not the list.
    signed_in.logout()
    assert client.get(record.get_absolute_url()).status_code == 404
    assert record.name not in client.get(kind.list_url).content.decode()
    searched = client.get(kind.list_url, {"q": record.name.split()[0].lower()})
    assert record.get_absolute_url() not in searched.content.decode()


def test_a_published_page_shows_no_banner_to_the_public(client, user, kind):
    record = kind.factory(owner=user)
    assert "banner-pending" not in client.get(record.get_absolute_url()).content.decode()
    client.force_login(user)
    owner_view = client.get(record.get_absolute_url()).content.decode()
    assert f'href="{record.get_edit_url()}"' in owner_view


def test_the_pending_page_shows_to_owner_member_and_staff_only(
    client, people, kind, django_assert_max_num_queries
):
    record = kind.factory(status=ModerationStatus.PENDING, owner=people["owner"])
    record.members.add(people["member"])
    expected = {"owner": 200, "member": 200, "staff": 200, "stranger": 404}
    for who, status in expected.items():
        client.force_login(people[who])
        # The data versions (for the ETag), the session, the person, the record and its
        # prefetched relations, and for a member the membership check.
        with django_assert_max_num_queries(11):
            response = client.get(record.get_absolute_url())
        assert response.status_code == status
        if status == 200:
            assert "Waiting for approval." in response.content.decode()
    client.logout()
    assert client.get(record.get_absolute_url()).status_code == 404


def test_approval_publishes_and_emails_the_owner(client, user, staff_user, kind):
    record = kind.factory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    queue = client.get(kind.changelist_url, {"queue": "waiting"})
    assert record.name in queue.content.decode()
    client.post(
        kind.changelist_url, {"action": "approve_selected", "_selected_action": [record.pk]}
    )
    record.refresh_from_db()
    assert record.status == ModerationStatus.PUBLISHED
    assert record.reviewed_by == staff_user
    assert queued_email_count() == 1
    send_queued_emails()
    assert mail.outbox[0].to == [user.email]
    assert "approved and published" in mail.outbox[0].body
    assert f'{kind.name} "{record.name}"' in mail.outbox[0].body
    assert record.get_absolute_url() in mail.outbox[0].body
    client.logout()
    assert client.get(record.get_absolute_url()).status_code == 200


def test_rejection_needs_a_reason_and_sends_it(client, user, staff_user, kind):
    record = kind.factory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    selected = {"action": "reject_selected", "_selected_action": [record.pk]}
    confirm = client.post(kind.changelist_url, selected)
    assert "Reason, sent to the owner" in confirm.content.decode()
    empty = client.post(kind.changelist_url, selected | {"reason": ""})
    assert "Say why" in empty.content.decode()
    client.post(kind.changelist_url, selected | {"reason": "Please describe what you do."})
    record.refresh_from_db()
    assert record.status == ModerationStatus.REJECTED
    assert record.rejection_reason == "Please describe what you do."
    send_queued_emails()
    assert "Please describe what you do." in mail.outbox[0].body
    assert record.get_edit_url() in mail.outbox[0].body

    # The owner still sees it, with the reason; changing it sends it back to the queue.
    client.force_login(user)
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Not published." in page and "Please describe what you do." in page
    client.post(record.get_edit_url(), kind.valid_data(name=record.name, region="Elsewhere"))
    record.refresh_from_db()
    assert record.status == ModerationStatus.PENDING


def test_close_matches_are_shown_before_saving(signed_in, kind):
    kind.factory(name="Polifactory", region="Milan", website="https://www.polifactory.it")
    response = signed_in.post(kind.create_url, kind.valid_data(name="PoliFactory Milano"))
    content = response.content.decode()
    assert "Is this yours?" in content and "Polifactory" in content and "Milan" in content
    assert kind.model.objects.count() == 1
    assert 'value="PoliFactory Milano"' in content  # what was typed is kept

    same_domain = signed_in.post(
        kind.create_url, kind.valid_data(name="Another name", website="http://polifactory.it/a")
    )
    assert "Is this yours?" in same_domain.content.decode()

    signed_in.post(kind.create_url, kind.valid_data(name="PoliFactory Milano", not_a_duplicate="1"))
    assert kind.model.objects.filter(name="PoliFactory Milano").exists()


def test_duplicates_are_looked_for_among_what_the_person_may_see(signed_in, user, kind):
    kind.factory(name="Hidden Twin", status=ModerationStatus.PENDING)  # someone else's
    kind.factory(name="Rejected Twin", status=ModerationStatus.REJECTED, owner=user)
    # Someone else's pending record is not revealed; a rejected one is no match.
    hidden = kind.valid_data(name="Hidden Twin", website="https://hidden.example.org")
    assert signed_in.post(kind.create_url, hidden).status_code == 302
    rejected = kind.valid_data(name="Rejected Twin", website="https://rejected.example.org")
    assert signed_in.post(kind.create_url, rejected).status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("short_description", "", "This field is required."),
        ("short_description", "x" * 141, "140 characters or fewer"),
        ("country", "", "This field is required."),
        ("country", "ZZ", "Select a valid choice."),
        ("region", "", "This field is required."),
        ("region", "x" * 121, "Ensure this value has at most 120 characters"),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("website", "ftp://example.org", "Enter a valid URL."),
        ("start_date", "yesterday", "Enter a valid date."),
        ("licence", "", "Tick the box to agree"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_what_was_typed_is_kept(
    signed_in, kind, field, value, message
):
    data = kind.valid_data(name="Typed <script>alert(1)</script> name") | {field: value}
    response = signed_in.post(kind.create_url, data)
    assert_refused_at_the_field(response, kind, field, message)


def assert_refused_at_the_field(response, kind, field, message):
    content = response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert response.status_code == 200
    assert "There is a problem" in content
    # At the field: inside the field's own group, and linked from the summary.
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert f'href="#{form[field].auto_id}"' in content
    assert kind.typed_description in content  # other values kept
    assert_no_live_script(content)
    assert not kind.model.objects.exists()


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.svg"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.png"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "logo.gif"),
        (b"%PDF-1.4 not an image", "logo.jpg"),
    ],
)
@pytest.mark.parametrize("field", ["logo", "header_image"])
def test_images_are_checked_by_content(signed_in, kind, payload, name, field):
    upload = io.BytesIO(payload)
    upload.name = name
    response = signed_in.post(kind.create_url, kind.valid_data(**{field: upload}))
    assert "Upload a PNG, JPEG or WebP image" in " ".join(response.context["form"].errors[field])
    assert not kind.model.objects.exists()


def test_an_image_over_5_mb_is_refused(signed_in, kind):
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024))
    upload.name = "big.png"
    response = signed_in.post(kind.create_url, kind.valid_data(logo=upload))
    assert "5 MB or smaller" in " ".join(response.context["form"].errors["logo"])
    assert not kind.model.objects.exists()


def test_script_in_every_text_field_is_harmless_on_the_pending_page(signed_in, kind):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    signed_in.post(
        kind.create_url,
        kind.valid_data(
            name=f"Evil {hostile}",
            short_description="Fine <b onmouseover=alert(1)>summary</b>",
            description=f"Text {hostile} [link](javascript:alert(1))",
            social_impact=f"Impact {hostile} <a href='javascript:alert(1)'>x</a>",
            region=hostile[:100],
            tags=f"tag {hostile}",
            networks=f"net {hostile}",
        ),
    )
    record = kind.model.objects.get()
    assert "<script" not in record.description and "javascript:" not in record.description
    assert "onerror" not in record.description
    assert_no_live_script(signed_in.get(record.get_absolute_url()).content)
    assert_no_live_script(signed_in.get(record.get_edit_url()).content)


def test_the_honeypot_stops_scripted_posts(signed_in, user, kind):
    response = signed_in.post(kind.create_url, kind.valid_data(contact_url="http://spam.example"))
    assert response.status_code == 400
    assert "We could not accept this form." in response.content.decode()
    assert not kind.model.objects.exists()
    record = kind.factory(owner=user)
    edit = signed_in.post(record.get_edit_url(), kind.valid_data(contact_url="x", name="Spam"))
    assert edit.status_code == 400
    record.refresh_from_db()
    assert record.name != "Spam"


def test_a_person_is_limited_to_ten_submissions_an_hour(signed_in, kind):
    for n in range(10):
        data = kind.valid_data(name=f"Lab number {n} {'x' * n}", not_a_duplicate="1")
        signed_in.post(kind.create_url, data)
    assert kind.model.objects.count() == 10
    response = signed_in.post(
        kind.create_url, kind.valid_data(name="One too many", not_a_duplicate="1")
    )
    assert response.status_code == 429
    assert 'value="One too many"' in response.content.decode()
    assert kind.model.objects.count() == 10


def test_csrf_is_required(user, kind):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(kind.create_url, kind.valid_data()).status_code == 403
    record = kind.factory(owner=user)
    assert client.post(record.get_edit_url(), kind.valid_data(name="No token")).status_code == 403
    assert client.post(kind.invite_url(record), {"email": "a@example.org"}).status_code == 403
    assert kind.model.objects.count() == 1 and not queued_email_count()


# --- editing: the permission matrix ---------------------------------------------------------

MATRIX = [
    ("anonymous", "published", 302),
    ("anonymous", "pending", 302),
    ("stranger", "published", 403),
    ("stranger", "pending", 404),
    ("stranger", "rejected", 404),
    ("owner", "published", 200),
    ("owner", "pending", 200),
    ("owner", "rejected", 200),
    ("member", "published", 200),
    ("member", "pending", 200),
    ("staff", "published", 200),
    ("staff", "pending", 200),
    ("staff without permissions", "published", 403),
    ("staff without permissions", "pending", 404),
]


@pytest.mark.parametrize(("who", "status", "expected"), MATRIX)
def test_edit_permissions(client, people, kind, who, status, expected):
    record = kind.factory(status=status, owner=people["owner"])
    record.members.add(people["member"])
    if who in people:
        client.force_login(people[who])
    url = record.get_edit_url()
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(url, kind.valid_data(name="Taken over"))
    record.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302 and record.name == "Taken over"
    else:
        assert response.status_code == expected and record.name != "Taken over"


@pytest.mark.parametrize(("who", "status", "expected"), MATRIX)
def test_invite_permissions(client, people, kind, who, status, expected):
    record = kind.factory(status=status, owner=people["owner"])
    record.members.add(people["member"])
    if who in people:
        client.force_login(people[who])
    response = client.post(kind.invite_url(record), {"email": "friend@example.org"})
    if expected == 200:
        assert response.status_code == 302 and response["Location"] == record.get_edit_url()
        # Only a published record (its name reviewed) sends invitations.
        assert queued_email_count() == (1 if status == "published" else 0)
    else:
        assert response.status_code == expected
        assert not queued_email_count()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("stranger", 200), ("owner", 200), ("member", 200), ("staff", 200)],
)
def test_create_permissions(client, people, kind, who, expected):
    if who in people:
        client.force_login(people[who])
    response = client.get(kind.create_url)
    assert response.status_code == expected
    response = client.post(kind.create_url, kind.valid_data(name=f"By {who}"))
    if expected == 200:
        assert response.status_code == 302
        record = kind.model.objects.get(name=f"By {who}")
        assert record.owner == people[who] and record.status == ModerationStatus.PENDING
    else:
        assert response["Location"].startswith(reverse("account_login"))
        assert not kind.model.objects.exists()


def test_changing_a_published_name_goes_back_to_review_but_stays_visible(client, user, kind):
    record = kind.factory(owner=user)
    client.force_login(user)
    client.post(record.get_edit_url(), kind.valid_data(name="New name"))
    record.refresh_from_db()
    assert record.is_published and record.review_requested_at is not None
    assert kind.model.objects.awaiting_review().filter(pk=record.pk).exists()
    client.logout()
    assert client.get(record.get_absolute_url()).status_code == 200
    assert "New name" in client.get(kind.list_url).content.decode()

    # A change to other fields does not ask for review again.
    other = kind.factory(owner=user, name="Steady", short_description="Old")
    client.force_login(user)
    client.post(
        other.get_edit_url(),
        kind.valid_data(
            name="Steady", short_description="New summary", description=other.description
        ),
    )
    other.refresh_from_db()
    assert other.short_description == "New summary" and other.review_requested_at is None


def test_changing_a_published_description_goes_back_to_review(client, user, kind):
    record = kind.factory(owner=user, name="Steady")
    client.force_login(user)
    client.post(record.get_edit_url(), kind.valid_data(name="Steady", description="All new."))
    record.refresh_from_db()
    assert record.is_published and record.review_requested_at is not None


# --- the submissions switch --------------------------------------------------------------------

CLOSED_MESSAGE = (
    "Thank you for your interest in joining Europe's network of digital social innovation. "
    "We regret to inform you that, due to a technical issue, we can't currently accept new "
    "projects and organisations. We're working as quickly as we can to get this fixed and look "
    "forward to seeing your work on the platform soon! In the meantime, please do sign up to our "
    "newsletter through the homepage, and if you have any questions drop us a line at "
    '<a href="mailto:team@dsi.example">team@dsi.example</a>.'
)


def test_closed_submissions_answer_503_with_the_message_and_the_newsletter(
    client, user, kind, closed
):
    for who in (None, user):
        if who:
            client.force_login(who)
        response = client.get(kind.create_url)
        content = response.content.decode().replace("&#x27;", "'")
        assert response.status_code == 503
        assert response["Retry-After"] == "3600"
        assert CLOSED_MESSAGE in content
        assert 'name="source" value="maintenance"' in content


def test_the_message_is_edited_in_the_admin(client, staff_user, kind):
    client.force_login(staff_user)
    change = reverse("admin:submissions_sitesettings_change", args=[SiteSettings.current().pk])
    assert client.get(reverse("admin:submissions_sitesettings_changelist"))["Location"] == change
    form = {
        "closed_message": "Back on Monday; write to {contact_email}.",
        "contact_email": "ops@dsi.example",
    }
    assert client.post(change, form).status_code == 302  # submissions_open unticked
    client.logout()
    response = client.get(kind.create_url)
    assert response.status_code == 503
    assert (
        'Back on Monday; write to <a href="mailto:ops@dsi.example">ops@dsi.example</a>.'
        in response.content.decode()
    )


def test_while_closed_editing_goes_on(client, user, kind, closed):
    record = kind.factory(owner=user)
    client.force_login(user)
    assert client.get(record.get_edit_url()).status_code == 200
    client.post(record.get_edit_url(), kind.valid_data(name=record.name, region="Turin"))
    record.refresh_from_db()
    assert record.region == "Turin"


def test_environment_switch_wins_over_the_admin(client, settings, kind):
    settings.SUBMISSIONS_OPEN = False
    assert SiteSettings.current().submissions_open  # the admin says open…
    assert client.get(kind.create_url).status_code == 503  # …the environment says closed


def test_a_form_posted_after_closing_loses_nothing(signed_in, user, kind, closed):
    data = kind.valid_data(name="Typed while open")
    response = signed_in.post(kind.create_url, data)
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert CLOSED_MESSAGE in content
    assert 'value="Typed while open"' in content
    assert f'value="{data["short_description"]}"' in content
    assert kind.typed_description in content
    assert not kind.model.objects.exists()
    assert SubmissionDraft.objects.filter(user=user, form=kind.model._meta.model_name).exists()

    closed.submissions_open = True
    closed.save()
    resumed = signed_in.get(kind.create_url).content.decode()
    assert "We filled in the form with the draft you started." in resumed
    assert 'value="Typed while open"' in resumed
    signed_in.post(kind.create_url, data)
    assert kind.model.objects.filter(name="Typed while open", status="pending").exists()
    assert not SubmissionDraft.objects.exists()


def test_an_anonymous_post_while_closed_goes_to_sign_in(client, kind, closed):
    response = client.post(kind.create_url, kind.valid_data())
    assert response.status_code == 302
    assert not SubmissionDraft.objects.exists() and not kind.model.objects.exists()


def test_while_closed_the_rest_of_the_site_works(client, staff_user, closed):
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(name="Polifactory")
    assert client.get("/").status_code == 200
    assert client.get(reverse("organisations:list"), {"q": "poli"}).status_code == 200
    found = client.get(reverse("search:results"), {"q": "poli"}).content.decode()
    assert "/organisations/organisation-" in found  # Polifactory, its name marked up
    assert client.get(reverse("account_login")).status_code == 200
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "reader@example.org", "consent": "on", "source": "maintenance"},
    )
    assert response.status_code in (200, 302)
    client.force_login(staff_user)
    assert client.get(reverse("admin:index")).status_code == 200


# --- co-editors ----------------------------------------------------------------------------


def test_owner_invites_a_co_editor_who_accepts(client, user, django_user_model, kind):
    record = kind.factory(owner=user)
    client.force_login(user)
    bad = client.post(kind.invite_url(record), {"email": "not an email"}, follow=True)
    assert "Enter a valid email address" in bad.content.decode()
    client.post(kind.invite_url(record), {"email": "Friend@Example.org"})
    send_queued_emails()
    assert f'edit "{record.name}"' in mail.outbox[0].body
    link = re.search(r"http://\S+(/invitations/\S+/)", mail.outbox[0].body)[1]

    # Someone else who gets hold of the link cannot use it.
    intruder = django_user_model.objects.create_user(email="intruder@example.org", password="x")
    client.force_login(intruder)
    assert "sent to another email address" in client.get(link).content.decode()
    client.post(link)
    assert not record.can_edit(intruder)

    friend = django_user_model.objects.create_user(email="friend@example.org", password="x")
    client.force_login(friend)
    assert client.get(link).status_code == 200  # GET changes nothing
    assert not record.can_edit(friend)
    response = client.post(link)
    assert response["Location"] == record.get_edit_url()
    assert record.can_edit(friend)
    assert "friend@example.org" in client.get(record.get_edit_url()).content.decode()
    assert "used already" in client.get(link).content.decode()


def test_links_of_invitations_sent_before_the_move_keep_working(client, user, kind):
    record = kind.factory(owner=user)
    client.force_login(user)
    client.post(kind.invite_url(record), {"email": "friend@example.org"})
    send_queued_emails()
    token = re.search(r"/invitations/(\S+)/", mail.outbox[0].body)[1]
    old = client.get(f"/accounts/invitations/{token}/")
    assert old.status_code == 301 and old["Location"] == f"/invitations/{token}/"


def test_invite_answers_only_post(client, user, kind):
    record = kind.factory(owner=user)
    client.force_login(user)
    assert client.get(kind.invite_url(record)).status_code == 405


# --- what the forms say (issue 10) -----------------------------------------------------------


def test_the_error_summary_names_and_links_each_field_and_takes_the_focus(signed_in, kind):
    data = kind.valid_data(name="", short_description="", region="")
    content = signed_in.post(kind.create_url, data).content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', content, re.S)[0]
    assert "autofocus" in summary.split(">")[0]
    form_labels = {
        "name": "Name of the",
        "short_description": "One-line summary",
        "region": "City or region",
    }
    for field, label in form_labels.items():
        link = re.search(rf'<a href="#id_{field}">([^<]*)</a>', summary)
        assert link, field
        assert label in link[1] and "This field is required." in link[1]
    # Three different lines, not "This field is required." three times.
    assert len(set(re.findall(r"<li>(.*?)</li>", summary))) == 3


def test_empty_choices_read_one_way(signed_in, kind):
    content = signed_in.get(kind.create_url).content.decode()
    empties = re.findall(r'<option value=""[^>]*>([^<]*)</option>', content)
    assert empties and set(empties) == {"Choose one"}
    assert "---------" not in content


def test_the_date_hint_names_no_format_the_date_picker_does_not_show(signed_in, kind):
    content = signed_in.get(kind.create_url).content.decode()
    assert 'type="date"' in content
    hint = re.search(r'id="id_start_date_helptext">([^<]*)<', content)[1]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", hint)
