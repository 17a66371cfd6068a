"""Issue journey: sign up, verify, submit with a logo, see it pending, approve it as staff, see it
public; then close submissions, post a form during the closure, reopen and resume the draft."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from mail.models import OutboundEmail
from mail.tasks import send_email
from organisations.models import Organisation
from submissions.models import SiteSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough passphrase 42"


def send_outbox():
    for pk in OutboundEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        send_email(pk)


def fill_organisation_form(page, name, logo=None):
    page = page.locator("#main")
    page.get_by_label("Name of the organisation").fill(name)
    page.get_by_label("Type of organisation").select_option("grassroots")
    page.get_by_label("One-line summary").fill("Repair café and makerspace in Turin.")
    page.get_by_label("Country").select_option("IT")
    page.get_by_label("City or region").fill("Turin")
    page.get_by_label("Description").fill("We **repair** things together.")
    page.get_by_label("Tagged under").fill("repair, makerspace")
    if logo:
        page.get_by_label("Logo").set_input_files(logo)
    page.get_by_label(re.compile("I confirm I may share")).check()


def set_submissions_open(is_open):
    site = SiteSettings.current()
    site.submissions_open = is_open
    site.save()


def test_sign_up_submit_approve_then_close_and_resume(
    new_page, live_server, axe, tmp_path, django_user_model
):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (80, 80), "orange").save(logo)
    staff = django_user_model.objects.create_superuser(email="staff@example.org", password=PASSWORD)
    page = new_page()
    main = page.locator("#main")  # the footer has a newsletter form with its own email field

    # Sign up, then open the verification link from the email that was sent.
    page.goto("/accounts/signup/")
    axe(page)
    main.get_by_label("Email", exact=True).fill("maker@example.org")
    main.get_by_label("Password", exact=True).fill(PASSWORD)
    main.get_by_label("Password (again)").fill(PASSWORD)
    main.get_by_role("button", name="Sign Up").click()
    send_outbox()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(link.replace("http://testserver", live_server.url))
    main.get_by_role("button", name="Confirm").click()
    page.goto("/accounts/login/")
    main.get_by_label("Email", exact=True).fill("maker@example.org")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")

    # Submit an organisation with a logo: it is pending, visible to its owner only.
    page.get_by_role("link", name="Add your organisation").first.click()
    axe(page)
    fill_organisation_form(page, "Officina Aperta", logo=str(logo))
    main.get_by_role("button", name="Send for approval").click()
    expect(main.get_by_text("Waiting for approval.", exact=True)).to_be_visible()
    axe(page)
    organisation = Organisation.objects.get(name="Officina Aperta")
    assert organisation.status == "pending" and organisation.logo
    anonymous = new_page()
    assert anonymous.goto(organisation.get_absolute_url()).status == 404

    # Staff approve it in the admin's moderation queue; then everybody sees it.
    admin = new_page()
    # The admin signs in through the site's own sign-in page.
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    admin.goto("/admin/")
    admin.get_by_label("Email", exact=True).fill(staff.email)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign In").click()
    admin.wait_for_url(f"{live_server.url}/admin/")
    admin.goto("/admin/organisations/organisation/?queue=waiting")
    admin.get_by_role("checkbox", name="Select this object for an action - Officina Aperta").check()
    admin.get_by_label("Action:").select_option("approve_selected")
    admin.get_by_role("button", name="Run").or_(admin.get_by_role("button", name="Go")).click()
    expect(admin.get_by_text("1 approved.")).to_be_visible()
    assert anonymous.goto(organisation.get_absolute_url()).status == 200
    expect(anonymous.get_by_role("heading", level=1, name="Officina Aperta")).to_be_visible()

    # Close submissions: the entry point answers 503 with the message and the newsletter form.
    set_submissions_open(False)
    response = page.goto("/organisations/new/")
    assert response.status == 503
    expect(
        main.get_by_text("Thank you for your interest in joining Europe's network")
    ).to_be_visible()
    assert page.locator('input[name="source"][value="maintenance"]').count() == 1
    axe(page)

    # A form opened while open and sent after closing keeps every value, and a draft.
    set_submissions_open(True)
    page.goto("/organisations/new/")
    fill_organisation_form(page, "Second Lab")
    set_submissions_open(False)
    main.get_by_role("button", name="Send for approval").click()
    assert main.get_by_label("Name of the organisation").input_value() == "Second Lab"
    assert main.get_by_label("City or region").input_value() == "Turin"
    expect(main.get_by_text("We have kept everything you typed")).to_be_visible()
    assert not Organisation.objects.filter(name="Second Lab").exists()

    # Reopen: the draft fills the form in; send it.
    set_submissions_open(True)
    page.goto("/organisations/new/")
    assert main.get_by_label("Name of the organisation").input_value() == "Second Lab"
    main.get_by_label(re.compile("I confirm I may share")).check()
    main.get_by_role("button", name="Send for approval").click()
    expect(main.get_by_text("Waiting for approval.", exact=True)).to_be_visible()
    assert Organisation.objects.filter(name="Second Lab", status="pending").exists()


def seed_vocabularies():
    from django.utils.text import slugify

    from projects import vocabularies
    from projects.models import AreaOfImpact, DsiFocus, Technology

    for position, (name, description) in enumerate(vocabularies.DSI_FOCUS, 1):
        DsiFocus.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "description": description, "position": position},
        )
    for model, names in (
        (AreaOfImpact, vocabularies.AREAS_OF_IMPACT),
        (Technology, vocabularies.TECHNOLOGIES),
    ):
        for position, name in enumerate(names, 1):
            model.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "position": position}
            )


def test_a_signed_in_owner_submits_a_project_and_sees_it_pending(
    new_page, live_server, axe, tmp_path, django_user_model
):
    from allauth.account.models import EmailAddress

    from organisations.models import Organisation
    from projects.models import Project

    seed_vocabularies()  # a transactional test before this one may have emptied the tables
    logo = tmp_path / "logo.png"
    Image.new("RGB", (80, 80), "teal").save(logo)
    maker = django_user_model.objects.create_user(email="maker@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=maker, email=maker.email, verified=True, primary=True)
    Organisation.objects.create(name="Polifactory", slug="polifactory", status="published")
    page = new_page()
    main = page.locator("#main")
    page.goto("/accounts/login/")
    main.get_by_label("Email", exact=True).fill("maker@example.org")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/")

    # From the header, to the form: one page in sections, checked with axe, empty and with errors.
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Add your project"
    ).click()
    expect(main.get_by_role("heading", level=1, name="Add your project")).to_be_visible()
    axe(page)
    main.get_by_label("Name of the project").fill("Aria Pulita")
    main.get_by_label("When did it start?").fill("2016-03-01")
    main.get_by_label("When did it end?").fill("2015-01-01")
    main.get_by_role("button", name="Send for approval").click()
    expect(main.get_by_text("There is a problem")).to_be_visible()
    expect(main.get_by_text("The end date cannot be before the start date.").first).to_be_visible()
    assert main.get_by_label("Name of the project").input_value() == "Aria Pulita"
    axe(page)

    main.get_by_label("One-line summary").fill("Citizens measure the air of their street.")
    main.get_by_label("When did it end?").fill("")
    main.get_by_label("Country").select_option("IT")
    main.get_by_label("City or region").fill("Milan")
    main.get_by_role("textbox", name=re.compile("^Description")).fill("Sensors on **balconies**.")
    main.get_by_role("checkbox", name=re.compile("^Open data: Capturing")).check()  # DSI focus
    main.get_by_role("checkbox", name="Health and care").check()
    main.get_by_label("Organisations involved").fill("Polifactory")
    main.get_by_label("Logo").set_input_files(str(logo))
    main.get_by_label(re.compile("I confirm I may share")).check()
    main.get_by_role("button", name="Send for approval").click()

    expect(main.get_by_text("Waiting for approval.", exact=True)).to_be_visible()
    expect(main.get_by_role("heading", level=1, name="Aria Pulita")).to_be_visible()
    expect(main.get_by_role("link", name="Polifactory")).to_be_visible()
    axe(page)
    project = Project.objects.get(name="Aria Pulita")
    assert project.status == "pending" and project.logo
    assert project.focus.get().slug == "open-data"
    anonymous = new_page()
    assert anonymous.goto(project.get_absolute_url()).status == 404
