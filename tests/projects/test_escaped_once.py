"""Text is escaped once, where it is shown: "&" in a description reads "&" on the card and in
the meta description, never "&amp;" nor "&amp;amp;"."""

import re

import pytest
from django.urls import reverse

from core.text import plain_text
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_plain_text_reads_entities():
    assert plain_text("<p>Tom &amp; Jerry &lt;3</p>") == "Tom & Jerry <3"


def test_an_ampersand_on_the_card_and_in_the_meta_description(client):
    project = ProjectFactory(
        name="Food & Drink", short_description="", description="<p>Bread &amp; butter</p>"
    )
    page = client.get(reverse("projects:list")).content.decode()
    assert "Bread &amp; butter" in page  # escaped once in the HTML: reads "Bread & butter"
    assert "&amp;amp;" not in page

    page = client.get(project.get_absolute_url()).content.decode()
    meta = re.search(r'<meta name="description" content="([^"]*)"', page)[1]
    assert meta == "Bread &amp; butter"
    assert "&amp;amp;" not in page


def test_markup_in_a_description_never_comes_back_live(client):
    project = ProjectFactory(
        short_description="", description="<p>&lt;script&gt;x()&lt;/script&gt;</p>"
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert "<script>x()" not in page
    assert "&lt;script&gt;x()" in page
