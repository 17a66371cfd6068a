"""Project submissions: the organisations' behaviour (tests/submissions/
test_organisation_submissions.py) for projects, plus what only projects have: dates, the
vocabularies and the organisations involved."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.models import ModerationStatus
from core.submissions import SiteSettings, SubmissionDraft
from mail.models import OutboundEmail
from mail.tasks import send_email
from projects.models import AreaOfImpact, DsiFocus, Project, Technology
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory
from tests.uploads import png

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")


def pks(model, *slugs):
    return [str(pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def valid_data(**overrides):
    return {
        "name": "Aria Pulita",
        "short_description": "Citizens measure the air of their street.",
        "state": "live",
        "start_date": "2016-03-01",
        "end_date": "",
        "country": "IT",
        "region": "Milan",
        "description": "Sensors on **balconies** across the city.",
        "social_impact": "Two streets became *low-traffic* zones.",
        "website": "https://aria.example.org",
        "focus": pks(DsiFocus, "open-data", "open-hardware"),
        "areas_of_impact": pks(AreaOfImpact, "health-and-care"),
        "technologies": pks(Technology, "sensors-and-internet-of-things"),
        "organisations": "",
        "tags": "air quality, sensors",
        "networks": "Making Sense",
        "licence": "on",
        "contact_url": "",
        **overrides,
    }


# --- the form ---------------------------------------------------------------------------------


def test_the_form_has_its_sections_and_the_vocabularies_in_their_order(signed_in):
    response = signed_in.get(CREATE)
    content = response.content.decode()
    assert response.status_code == 200
    for legend in (
        "What it is", "Where it is", "Description and social impact", "Focus",
        "Organisations involved", "Tags", "Images", "Licence",
    ):  # fmt: skip
        assert f"<legend>{legend}</legend>" in content
    focus = [content.index(name) for name in DsiFocus.objects.values_list("name", flat=True)]
    assert focus == sorted(focus) and len(focus) == 4
    assert "Capturing, sharing, analysing and using open data" in content
    areas = [content.index(f" {a.name}</label>") for a in AreaOfImpact.objects.all()]
    assert areas == sorted(areas) and len(areas) == 10
    assert content.count('name="technologies"') == 18
    assert "CC BY-NC-SA 4.0" in content
    assert 'name="contact_url"' in content  # the honeypot, hidden from people
    assert '<select name="organisations"' not in content  # no list of every organisation


def test_the_form_page_has_a_fixed_query_count(signed_in, django_assert_max_num_queries):
    OrganisationFactory.create_batch(30)
    signed_in.get(CREATE)  # the site settings row is made once, then read from the cache
    # The session, the person, their draft, and one query per vocabulary.
    with django_assert_max_num_queries(6):
        assert signed_in.get(CREATE).status_code == 200


def test_the_edit_page_has_a_fixed_query_count(client, user, django_assert_max_num_queries):
    project = ProjectFactory(
        owner=user,
        tags=["a", "b", "c"],
        focus=["Open data"],
        organisations=OrganisationFactory.create_batch(10),
    )
    client.force_login(user)
    client.get(project.get_edit_url())  # the site settings row is made once
    with django_assert_max_num_queries(14):
        assert client.get(project.get_edit_url()).status_code == 200


# --- submitting -------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.post(CREATE, valid_data()).status_code == 302
    assert not Project.objects.exists()


def test_a_submission_is_pending_and_only_its_owner_sees_it(signed_in, user, client):
    polifactory = OrganisationFactory(name="Polifactory", slug="polifactory")
    data = valid_data(
        logo=png(),
        header_image=png((300, 100), "header.png"),
        organisations=f"Polifactory\n{OrganisationFactory(name='Other Lab').get_absolute_url()}",
    )
    response = signed_in.post(CREATE, data)
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.status == ModerationStatus.PENDING
    assert project.owner == user and project.created_by == user
    assert project.description == "<p>Sensors on <strong>balconies</strong> across the city.</p>"
    assert project.social_impact == "<p>Two streets became <em>low-traffic</em> zones.</p>"
    assert str(project.start_date) == "2016-03-01" and project.end_date is None
    assert sorted(project.focus.values_list("slug", flat=True)) == ["open-data", "open-hardware"]
    assert list(project.areas_of_impact.values_list("slug", flat=True)) == ["health-and-care"]
    assert project.technologies.count() == 1
    assert sorted(project.organisations.values_list("name", flat=True)) == [
        "Other Lab",
        "Polifactory",
    ]
    assert polifactory.projects.get() == project
    assert sorted(project.tags.names()) == ["air quality", "sensors"]
    assert list(project.networks.names()) == ["Making Sense"]
    assert project.logo.name.endswith(".png") and project.header_image.name.endswith(".png")

    page = signed_in.get(project.get_absolute_url()).content.decode()
    assert "Waiting for approval." in page
    assert f'href="{project.get_edit_url()}"' in page

    # Nobody else sees it: not the public, not another signed-in person, not the list.
    signed_in.logout()
    assert client.get(project.get_absolute_url()).status_code == 404
    assert "Aria Pulita" not in client.get(reverse("projects:list")).content.decode()
    assert "Aria Pulita" not in client.get(reverse("projects:list"), {"q": "aria"}).content.decode()


def test_the_pending_page_shows_to_owner_member_and_staff_only(
    client, user, staff_user, django_user_model, django_assert_max_num_queries
):
    project = ProjectFactory(status=ModerationStatus.PENDING, owner=user)
    member = django_user_model.objects.create_user(email="member@example.org", password="x")
    project.members.add(member)
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    for person, expected in ((user, 200), (member, 200), (staff_user, 200), (stranger, 404)):
        client.force_login(person)
        # The data versions (for the ETag), the session, the person, the project and its six
        # prefetched relations, and for a member the membership check.
        with django_assert_max_num_queries(11):
            response = client.get(project.get_absolute_url())
        assert response.status_code == expected
        if expected == 200:
            assert "Waiting for approval." in response.content.decode()
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 404


def test_a_published_page_shows_no_banner_to_the_public(client, user):
    project = ProjectFactory(owner=user)
    content = client.get(project.get_absolute_url()).content.decode()
    assert "banner-pending" not in content
    client.force_login(user)
    owner_view = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{project.get_edit_url()}"' in owner_view


def test_approval_publishes_and_emails_the_owner(client, user, staff_user):
    project = ProjectFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:projects_project_changelist")
    queue = client.get(changelist, {"queue": "waiting"})
    assert project.name in queue.content.decode()
    client.post(changelist, {"action": "approve_selected", "_selected_action": [project.pk]})
    project.refresh_from_db()
    assert project.status == ModerationStatus.PUBLISHED
    assert project.reviewed_by == staff_user
    email = OutboundEmail.objects.get()
    send_email(email.pk)
    assert mail.outbox[0].to == [user.email]
    assert "approved and published" in mail.outbox[0].body
    assert f'project "{project.name}"' in mail.outbox[0].body
    assert project.get_absolute_url() in mail.outbox[0].body
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 200


def test_rejection_needs_a_reason_and_sends_it(client, user, staff_user):
    project = ProjectFactory(status=ModerationStatus.PENDING, owner=user)
    client.force_login(staff_user)
    changelist = reverse("admin:projects_project_changelist")
    selected = {"action": "reject_selected", "_selected_action": [project.pk]}
    confirm = client.post(changelist, selected)
    assert "Reason, sent to the owner" in confirm.content.decode()
    empty = client.post(changelist, selected | {"reason": ""})
    assert "Say why" in empty.content.decode()
    client.post(changelist, selected | {"reason": "Please describe the social impact."})
    project.refresh_from_db()
    assert project.status == ModerationStatus.REJECTED
    assert project.rejection_reason == "Please describe the social impact."
    send_email(OutboundEmail.objects.get().pk)
    assert "Please describe the social impact." in mail.outbox[0].body
    assert project.get_edit_url() in mail.outbox[0].body

    # The owner still sees it, with the reason; changing it sends it back to the queue.
    client.force_login(user)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Not published." in page and "Please describe the social impact." in page
    client.post(project.get_edit_url(), valid_data(name=project.name, social_impact="More."))
    project.refresh_from_db()
    assert project.status == ModerationStatus.PENDING


def test_close_matches_are_shown_before_saving(signed_in):
    ProjectFactory(name="Making Sense", region="Barcelona", website="https://making-sense.eu")
    response = signed_in.post(CREATE, valid_data(name="Making Sense EU"))
    content = response.content.decode()
    assert "Is this yours?" in content and "Making Sense" in content and "Barcelona" in content
    assert Project.objects.count() == 1
    assert 'value="Making Sense EU"' in content  # what was typed is kept

    same_domain = signed_in.post(
        CREATE, valid_data(name="Another name", website="http://www.making-sense.eu/about")
    )
    assert "Is this yours?" in same_domain.content.decode()

    signed_in.post(CREATE, valid_data(name="Making Sense EU", not_a_duplicate="1"))
    assert Project.objects.filter(name="Making Sense EU").exists()


def test_duplicates_are_looked_for_among_what_the_person_may_see(signed_in, user):
    ProjectFactory(name="Hidden Twin", status=ModerationStatus.PENDING)  # someone else's
    ProjectFactory(name="Rejected Twin", status=ModerationStatus.REJECTED, owner=user)
    # Someone else's pending project is not revealed; a rejected one is no match.
    hidden = valid_data(name="Hidden Twin", website="https://hidden.example.org")
    assert signed_in.post(CREATE, hidden).status_code == 302
    rejected = valid_data(name="Rejected Twin", website="https://rejected.example.org")
    assert signed_in.post(CREATE, rejected).status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("short_description", "", "This field is required."),
        ("short_description", "x" * 141, "140 characters or fewer"),
        ("state", "", "This field is required."),
        ("state", "paused", "Select a valid choice."),
        ("start_date", "yesterday", "Enter a valid date."),
        ("end_date", "2015-01-01", "The end date cannot be before the start date."),
        ("end_date", "31/02/2020", "Enter a valid date."),
        ("country", "", "This field is required."),
        ("country", "ZZ", "Select a valid choice."),
        ("region", "", "This field is required."),
        ("region", "x" * 121, "Ensure this value has at most 120 characters"),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("website", "ftp://example.org", "Enter a valid URL."),
        ("focus", ["999999"], "Select a valid choice."),
        ("focus", ["open-data"], "is not a valid value"),
        ("areas_of_impact", ["999999"], "Select a valid choice."),
        ("technologies", ["-1"], "Select a valid choice."),
        ("organisations", "No Such Organisation", "No published organisation is called"),
        ("organisations", "\n".join(f"Org {n}" for n in range(51)), "at most 50"),
        ("licence", "", "Tick the box to agree"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_what_was_typed_is_kept(
    signed_in, field, value, message
):
    data = valid_data(name="Typed <script>alert(1)</script> name") | {field: value}
    response = signed_in.post(CREATE, data)
    content = response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert response.status_code == 200
    assert "There is a problem" in content
    # At the field: inside the field's own group, and linked from the summary.
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert f'href="#{form[field].auto_id}"' in content
    assert "Sensors on **balconies** across the city." in content  # other values kept
    assert 'value="Citizens measure the air of their street."' in content or field == (
        "short_description"
    )
    assert_no_live_script(content)
    assert not Project.objects.exists()


def test_a_name_of_an_unpublished_organisation_is_refused_and_close_ones_suggested(signed_in):
    OrganisationFactory(name="Hidden Lab", status=ModerationStatus.PENDING)
    OrganisationFactory(name="Polifactory", slug="polifactory")
    response = signed_in.post(CREATE, valid_data(organisations="Hidden Lab\nPolifactori"))
    errors = response.context["form"].errors["organisations"]
    assert any("“Hidden Lab”" in e for e in errors)
    assert any("Did you mean: Polifactory (/organisations/polifactory/)" in e for e in errors)
    assert "Polifactori" in response.content.decode()  # kept as typed
    assert not Project.objects.exists()


def test_organisations_are_named_by_name_slug_or_address_in_any_case(signed_in):
    OrganisationFactory(name="Polifactory", slug="polifactory")
    OrganisationFactory(name="Waag", slug="waag")
    OrganisationFactory(name="Nesta", slug="nesta")
    data = valid_data(
        organisations="POLIFACTORY\nwaag\nhttps://digitalsocial.eu/organisations/nesta/\nWaag"
    )
    assert signed_in.post(CREATE, data).status_code == 302
    names = Project.objects.get().organisations.values_list("name", flat=True)
    assert sorted(names) == ["Nesta", "Polifactory", "Waag"]


def test_two_organisations_with_one_name_ask_for_the_address(signed_in):
    OrganisationFactory(name="Fab Lab", slug="fab-lab")
    OrganisationFactory(name="Fab Lab", slug="fab-lab-2")
    response = signed_in.post(CREATE, valid_data(organisations="Fab Lab"))
    errors = " ".join(response.context["form"].errors["organisations"])
    assert "More than one organisation is called “Fab Lab”" in errors
    assert "/organisations/fab-lab-2/" in errors
    assert signed_in.post(CREATE, valid_data(organisations="fab-lab-2")).status_code == 302
    assert Project.objects.get().organisations.get().slug == "fab-lab-2"


def test_naming_more_organisations_costs_no_more_queries(signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    orgs = OrganisationFactory.create_batch(41)
    signed_in.get(CREATE)  # the site settings row is made once
    counts = []
    for name, named in (("One partner", orgs[:1]), ("Forty partners", orgs[1:])):
        partners = "\n".join(o.name for o in named)
        data = valid_data(name=name, organisations=partners, not_a_duplicate="1")
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.post(CREATE, data).status_code == 302
        counts.append(len(queries))
    assert counts[1] <= counts[0]  # (the second finds its tags made already)
    assert Project.objects.get(name="Forty partners").organisations.count() == 40


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
def test_images_are_checked_by_content(signed_in, payload, name, field):
    upload = io.BytesIO(payload)
    upload.name = name
    response = signed_in.post(CREATE, valid_data(**{field: upload}))
    assert "Upload a PNG, JPEG or WebP image" in " ".join(response.context["form"].errors[field])
    assert not Project.objects.exists()


def test_an_image_over_5_mb_is_refused(signed_in):
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024))
    upload.name = "big.png"
    response = signed_in.post(CREATE, valid_data(logo=upload))
    assert "5 MB or smaller" in " ".join(response.context["form"].errors["logo"])
    assert not Project.objects.exists()


def test_script_in_every_text_field_is_harmless_on_the_pending_page(signed_in):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    signed_in.post(
        CREATE,
        valid_data(
            name=f"Evil {hostile}",
            short_description="Fine <b onmouseover=alert(1)>summary</b>",
            description=f"Text {hostile} [link](javascript:alert(1))",
            social_impact=f"Impact {hostile} <a href='javascript:alert(1)'>x</a>",
            region=hostile[:100],
            tags=f"tag {hostile}",
            networks=f"net {hostile}",
        ),
    )
    project = Project.objects.get()
    for text in (project.description, project.social_impact):
        assert "<script" not in text and "javascript:" not in text and "onerror" not in text
    assert_no_live_script(signed_in.get(project.get_absolute_url()).content)
    assert_no_live_script(signed_in.get(project.get_edit_url()).content)


def test_the_honeypot_stops_scripted_posts(signed_in, user):
    response = signed_in.post(CREATE, valid_data(contact_url="http://spam.example"))
    assert response.status_code == 400
    assert "We could not accept this form." in response.content.decode()
    assert not Project.objects.exists()
    project = ProjectFactory(owner=user)
    edit = signed_in.post(project.get_edit_url(), valid_data(contact_url="x", name="Spam"))
    assert edit.status_code == 400
    project.refresh_from_db()
    assert project.name != "Spam"


def test_a_person_is_limited_to_ten_submissions_an_hour(signed_in):
    for n in range(10):
        signed_in.post(CREATE, valid_data(name=f"Lab number {n} {'x' * n}", not_a_duplicate="1"))
    assert Project.objects.count() == 10
    response = signed_in.post(CREATE, valid_data(name="One too many", not_a_duplicate="1"))
    assert response.status_code == 429
    assert 'value="One too many"' in response.content.decode()
    assert Project.objects.count() == 10


def test_the_limit_counts_organisations_and_projects_together(signed_in):
    organisation = {
        "name": "Officina", "organisation_type": "grassroots", "short_description": "A lab.",
        "country": "IT", "region": "Turin", "licence": "on", "not_a_duplicate": "1",
    }  # fmt: skip
    for n in range(10):
        organisation["name"] = f"Officina {n} {'x' * n}"
        assert signed_in.post(reverse("organisations:create"), organisation).status_code == 302
    assert signed_in.post(CREATE, valid_data()).status_code == 429
    assert not Project.objects.exists()


def test_csrf_is_required(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(CREATE, valid_data()).status_code == 403
    project = ProjectFactory(owner=user)
    assert client.post(project.get_edit_url(), valid_data(name="No token")).status_code == 403
    invite = reverse("projects:invite", args=[project.slug])
    assert client.post(invite, {"email": "a@example.org"}).status_code == 403
    assert Project.objects.count() == 1 and not OutboundEmail.objects.exists()


# --- editing: the permission matrix ---------------------------------------------------------


@pytest.fixture
def people(django_user_model, user, staff_user):
    member = django_user_model.objects.create_user(email="member@example.org", password="x")
    stranger = django_user_model.objects.create_user(email="stranger@example.org", password="x")
    return {"owner": user, "member": member, "stranger": stranger, "staff": staff_user}


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
]


@pytest.mark.parametrize(("who", "status", "expected"), MATRIX)
def test_edit_permissions(client, people, who, status, expected):
    project = ProjectFactory(status=status, owner=people["owner"])
    project.members.add(people["member"])
    if who in people:
        client.force_login(people[who])
    url = project.get_edit_url()
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(url, valid_data(name="Taken over"))
    project.refresh_from_db()
    if expected == 200:
        assert response.status_code == 302 and project.name == "Taken over"
    else:
        assert response.status_code == expected and project.name != "Taken over"


@pytest.mark.parametrize(("who", "status", "expected"), MATRIX)
def test_invite_permissions(client, people, who, status, expected):
    project = ProjectFactory(status=status, owner=people["owner"])
    project.members.add(people["member"])
    if who in people:
        client.force_login(people[who])
    invite = reverse("projects:invite", args=[project.slug])
    response = client.post(invite, {"email": "friend@example.org"})
    if expected == 200:
        assert response.status_code == 302 and response["Location"] == project.get_edit_url()
        assert OutboundEmail.objects.count() == 1
    else:
        assert response.status_code == expected
        assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("stranger", 200), ("owner", 200), ("member", 200), ("staff", 200)],
)
def test_create_permissions(client, people, who, expected):
    if who in people:
        client.force_login(people[who])
    response = client.get(CREATE)
    assert response.status_code == expected
    response = client.post(CREATE, valid_data(name=f"By {who}"))
    if expected == 200:
        assert response.status_code == 302
        project = Project.objects.get(name=f"By {who}")
        assert project.owner == people[who] and project.status == ModerationStatus.PENDING
    else:
        assert response["Location"].startswith(reverse("account_login"))
        assert not Project.objects.exists()


def test_the_edit_form_is_filled_in_with_what_is_stored(client, user):
    polifactory = OrganisationFactory(name="Polifactory")
    hidden = OrganisationFactory(name="Hidden Partner", status=ModerationStatus.DRAFT)
    project = ProjectFactory(
        owner=user, focus=["Open data"], tags=["sensors"], organisations=[polifactory, hidden]
    )
    client.force_login(user)
    content = client.get(project.get_edit_url()).content.decode()
    assert f'value="{project.name}"' in content
    assert "Polifactory</textarea>" in content
    assert "Hidden Partner" not in content  # nobody here may see it…
    assert "I confirm I may share" not in content  # agreed when it was first sent
    focus = DsiFocus.objects.get(slug="open-data")
    assert re.search(rf'value="{focus.pk}"[^>]*checked', content)
    # …and saving the form as it is keeps it linked.
    data = valid_data(
        name=project.name,
        description=project.description,
        focus=[str(focus.pk)],
        organisations="Polifactory",
    )
    assert client.post(project.get_edit_url(), data).status_code == 302
    assert sorted(project.organisations.values_list("name", flat=True)) == [
        "Hidden Partner",
        "Polifactory",
    ]


def test_changing_a_published_name_goes_back_to_review_but_stays_visible(client, user):
    project = ProjectFactory(owner=user)
    client.force_login(user)
    client.post(project.get_edit_url(), valid_data(name="New name"))
    project.refresh_from_db()
    assert project.is_published and project.review_requested_at is not None
    assert Project.objects.awaiting_review().filter(pk=project.pk).exists()
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 200
    assert "New name" in client.get(reverse("projects:list")).content.decode()

    # A change to other fields does not ask for review again.
    other = ProjectFactory(owner=user, name="Steady", short_description="Old")
    client.force_login(user)
    client.post(
        other.get_edit_url(),
        valid_data(name="Steady", short_description="New summary", description=other.description),
    )
    other.refresh_from_db()
    assert other.short_description == "New summary" and other.review_requested_at is None


def test_changing_a_published_description_goes_back_to_review(client, user):
    project = ProjectFactory(owner=user, name="Steady")
    client.force_login(user)
    client.post(project.get_edit_url(), valid_data(name="Steady", description="All new."))
    project.refresh_from_db()
    assert project.is_published and project.review_requested_at is not None


# --- the submissions switch --------------------------------------------------------------------


@pytest.fixture
def closed():
    site = SiteSettings.current()
    site.submissions_open = False
    site.contact_email = "team@dsi.example"
    site.save()
    return site


CLOSED_MESSAGE = (
    "Thank you for your interest in joining Europe's network of digital social innovation. "
    "We regret to inform you that, due to a technical issue, we can't currently accept new "
    "projects and organisations. We're working as quickly as we can to get this fixed and look "
    "forward to seeing your work on the platform soon! In the meantime, please do sign up to our "
    "newsletter through the homepage, and if you have any questions drop us a line at "
    '<a href="mailto:team@dsi.example">team@dsi.example</a>.'
)


def test_closed_submissions_answer_503_with_the_message_and_the_newsletter(client, user, closed):
    for who in (None, user):
        if who:
            client.force_login(who)
        response = client.get(CREATE)
        content = response.content.decode().replace("&#x27;", "'")
        assert response.status_code == 503
        assert response["Retry-After"] == "3600"
        assert CLOSED_MESSAGE in content
        assert 'name="source" value="maintenance"' in content


def test_while_closed_editing_goes_on(client, user, closed):
    project = ProjectFactory(owner=user)
    client.force_login(user)
    assert client.get(project.get_edit_url()).status_code == 200
    client.post(project.get_edit_url(), valid_data(name=project.name, region="Turin"))
    project.refresh_from_db()
    assert project.region == "Turin"


def test_environment_switch_wins_over_the_admin(client, settings):
    settings.SUBMISSIONS_OPEN = False
    assert SiteSettings.current().submissions_open  # the admin says open…
    assert client.get(CREATE).status_code == 503  # …the environment says closed


def test_a_form_posted_after_closing_loses_nothing(signed_in, user, closed):
    OrganisationFactory(name="Polifactory")
    data = valid_data(name="Typed while open", organisations="Polifactory", end_date="2019-12-31")
    response = signed_in.post(CREATE, data)
    content = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert CLOSED_MESSAGE in content
    assert 'value="Typed while open"' in content
    assert 'value="Citizens measure the air of their street."' in content
    assert "Two streets became *low-traffic* zones." in content
    assert "Polifactory</textarea>" in content
    assert 'value="2019-12-31"' in content
    for pk in data["focus"]:
        assert re.search(rf'name="focus" value="{pk}"[^>]*checked', content)
    assert not Project.objects.exists()
    assert SubmissionDraft.objects.filter(user=user, form="project").exists()

    closed.submissions_open = True
    closed.save()
    resumed = signed_in.get(CREATE).content.decode()
    assert "We filled in the form with the draft you started." in resumed
    assert 'value="Typed while open"' in resumed
    for pk in data["focus"]:
        assert re.search(rf'name="focus" value="{pk}"[^>]*checked', resumed)
    signed_in.post(CREATE, data)
    project = Project.objects.get(name="Typed while open", status="pending")
    assert project.organisations.get().name == "Polifactory"
    assert not SubmissionDraft.objects.exists()


def test_an_anonymous_post_while_closed_goes_to_sign_in(client, closed):
    response = client.post(CREATE, valid_data())
    assert response.status_code == 302
    assert not SubmissionDraft.objects.exists() and not Project.objects.exists()


# --- co-editors ----------------------------------------------------------------------------


def test_owner_invites_a_co_editor_who_accepts(client, user, django_user_model):
    project = ProjectFactory(owner=user)
    client.force_login(user)
    invite = reverse("projects:invite", args=[project.slug])
    bad = client.post(invite, {"email": "not an email"}, follow=True)
    assert "Enter a valid email address" in bad.content.decode()
    client.post(invite, {"email": "Friend@Example.org"})
    send_email(OutboundEmail.objects.get().pk)
    assert f'edit "{project.name}"' in mail.outbox[0].body
    link = re.search(r"http://\S+(/accounts/invitations/\S+/)", mail.outbox[0].body)[1]

    intruder = django_user_model.objects.create_user(email="intruder@example.org", password="x")
    client.force_login(intruder)
    client.post(link)
    assert not project.can_edit(intruder)

    friend = django_user_model.objects.create_user(email="friend@example.org", password="x")
    client.force_login(friend)
    assert not project.can_edit(friend)
    response = client.post(link)
    assert response["Location"] == project.get_edit_url()
    assert project.can_edit(friend)
    assert client.get(project.get_edit_url()).status_code == 200
    assert "friend@example.org" in client.get(project.get_edit_url()).content.decode()


def test_invite_answers_only_post(client, user):
    project = ProjectFactory(owner=user)
    client.force_login(user)
    assert client.get(reverse("projects:invite", args=[project.slug])).status_code == 405


# --- links -------------------------------------------------------------------------------------


def test_add_your_project_is_linked_from_the_header_and_the_list(client):
    home = client.get("/").content.decode()
    assert f'<a href="{CREATE}">Add your project</a>' in home
    listing = client.get(reverse("projects:list")).content.decode()
    assert f'<a class="button" href="{CREATE}">Add your project</a>' in listing


def test_new_is_not_taken_as_a_project_slug():
    assert Project.unique_slug("New") == "new-2"
