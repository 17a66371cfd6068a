"""Issue journey: sign up, verify, submit with a logo, see it pending, approve it as staff, see it
public; then close submissions, post a form during the closure, reopen and resume the draft."""

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from core.mail import OutboundEmail
from core.submissions import SiteSettings
from core.tasks import send_outbound_email
from organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long enough passphrase 42"


def send_outbox():
    for pk in OutboundEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        send_outbound_email(pk)


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
    admin.goto("/admin/login/")
    admin.get_by_label("Email address").fill(staff.email)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
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
