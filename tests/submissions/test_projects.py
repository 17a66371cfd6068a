"""What only projects have: the vocabularies, dates and the organisations involved. What they
share with organisations is tested once for both in test_submitting.py."""

import re

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from projects.models import AreaOfImpact, DsiFocus, Project
from submissions.models import SubmissionDraft
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory
from tests.submissions.kinds import project_data
from tests.submissions.test_submitting import assert_refused_at_the_field
from tests.uploads import png

pytestmark = pytest.mark.django_db

CREATE = reverse("projects:create")
valid_data = project_data


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


def test_add_your_project_is_linked_from_the_header_and_the_list(client):
    home = client.get("/").content.decode()
    assert f'<a href="{CREATE}">Add your project</a>' in home
    listing = client.get(reverse("projects:list")).content.decode()
    assert f'<a class="button" href="{CREATE}">Add your project</a>' in listing


def test_new_is_not_taken_as_a_project_slug():
    assert Project.unique_slug("New") == "new-2"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("state", "", "This field is required."),
        ("state", "paused", "Select a valid choice."),
        ("end_date", "2015-01-01", "The end date cannot be before the start date."),
        ("end_date", "31/02/2020", "Enter a valid date."),
        ("focus", ["999999"], "Select a valid choice."),
        ("focus", ["open-data"], "is not a valid value"),
        ("areas_of_impact", ["999999"], "Select a valid choice."),
        ("technologies", ["-1"], "Select a valid choice."),
        ("organisations", "No Such Organisation", "No published organisation is called"),
        ("organisations", "\n".join(f"Org {n}" for n in range(51)), "at most 50"),
    ],
)
def test_bad_project_input_is_refused_at_the_field(signed_in, field, value, message):
    from tests.submissions.kinds import KINDS

    data = valid_data(name="Typed <script>alert(1)</script> name") | {field: value}
    response = signed_in.post(CREATE, data)
    assert_refused_at_the_field(response, KINDS[1], field, message)


def test_an_end_before_the_start_is_said_once_at_the_end_date(signed_in):
    response = signed_in.post(CREATE, valid_data(end_date="2015-01-01"))
    content = response.content.decode()
    assert response.context["form"].errors == {
        "end_date": ["The end date cannot be before the start date."]
    }
    # Once at the field and once in the summary at the top.
    assert content.count("The end date cannot be before the start date.") == 2


def test_a_submission_keeps_its_vocabularies_and_organisations(signed_in):
    polifactory = OrganisationFactory(name="Polifactory", slug="polifactory")
    data = valid_data(
        header_image=png((300, 100), "header.png"),
        organisations=f"Polifactory\n{OrganisationFactory(name='Other Lab').get_absolute_url()}",
    )
    assert signed_in.post(CREATE, data).status_code == 302
    project = Project.objects.get()
    assert project.status == ModerationStatus.PENDING
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
    assert project.header_image.name.startswith("projects/headers/")


def test_a_draft_kept_while_closed_keeps_vocabularies_and_organisations(signed_in, user, closed):
    OrganisationFactory(name="Polifactory")
    data = valid_data(name="Typed while open", organisations="Polifactory", end_date="2019-12-31")
    content = signed_in.post(CREATE, data).content.decode()
    assert "Polifactory</textarea>" in content
    assert 'value="2019-12-31"' in content
    for pk in data["focus"]:
        assert re.search(rf'name="focus" value="{pk}"[^>]*checked', content)
    assert SubmissionDraft.objects.filter(user=user, form="project").exists()

    closed.submissions_open = True
    closed.save()
    resumed = signed_in.get(CREATE).content.decode()
    for pk in data["focus"]:
        assert re.search(rf'name="focus" value="{pk}"[^>]*checked', resumed)
    signed_in.post(CREATE, data)
    project = Project.objects.get(name="Typed while open", status="pending")
    assert project.organisations.get().name == "Polifactory"
