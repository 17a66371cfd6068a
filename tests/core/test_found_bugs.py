"""Small bugs found on the real data (issue 10), each with its test."""

import pytest
from django.urls import reverse

from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_footer_offers_the_account_to_people_signed_in(client, user):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Sign in" in footer
    client.force_login(user)
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "Sign in" not in footer
    assert f'href="{reverse("accounts:profile")}"' in footer


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert client.get(response["Location"]).status_code == 200


def test_the_admin_index_says_accounts_once(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("admin:index")).content.decode()
    assert page.count(">Accounts<") == 1
    assert ">People<" in page


def test_the_admin_country_filter_lists_only_countries_in_use_folded(client, staff_user):
    OrganisationFactory(country="IT")
    OrganisationFactory(country="GB")
    client.force_login(staff_user)
    page = client.get(reverse("admin:organisations_organisation_changelist")).content.decode()
    country = page.split('data-filter-title="country"')[1].split("</details>")[0]
    assert country.count("<li") == 3  # All, Italy, United Kingdom: not 250 countries
    assert "Italy" in country and "France" not in country
    assert not country.lstrip().startswith("open")  # folded until opened
    chosen = client.get(reverse("admin:organisations_organisation_changelist"), {"country": "IT"})
    assert chosen.context["cl"].result_count == 1


def test_share_previews_and_addresses_use_site_url(client, settings):
    settings.SITE_URL = "https://directory.example.eu"
    organisation = OrganisationFactory(name="Polifactory")
    page = client.get(organisation.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    url = f"https://directory.example.eu{organisation.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:image" content="https://directory.example.eu/static/' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'"url": "{url}"' in page  # JSON-LD
    sitemap = client.get("/sitemap-organisations.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert f"<loc>{url}</loc>" in sitemap
