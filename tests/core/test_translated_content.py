"""What the site holds in six languages besides its interface: the fixed vocabularies, case
studies' and posts' translations (with their note where there is none), the language records
are written in, and emails in the language people signed up in."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import Post
from casestudies.models import CaseStudy
from funding.models import OpportunityType
from mail.models import OutboundEmail
from newsletter.models import Subscriber
from projects.models import AreaOfImpact, DsiFocus, Technology
from tests.blog.factories import PostFactory
from tests.casestudies.factories import CaseStudyFactory
from tests.organisations.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

OTHERS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("model", [DsiFocus, AreaOfImpact, Technology, OpportunityType])
def test_every_vocabulary_entry_is_translated_into_every_language(model):
    rows = list(model.objects.all())
    assert rows
    for row in rows:
        for language in OTHERS:
            name = (row.i18n or {}).get(f"name_{language}")
            assert name, (model.__name__, row.slug, language)
            assert name.strip() == name and "\n" not in name
    if model is DsiFocus:
        assert all(row.i18n.get(f"description_{code}") for row in rows for code in OTHERS)


def test_a_project_page_and_its_facets_speak_the_visitors_language(client):
    project = ProjectFactory(slug="sensors", focus=["Open data"], technologies=["Robotics"])
    page = client.get(f"/de{project.get_absolute_url()}").content.decode()
    assert "Offene Daten" in page and "Robotik" in page
    assert "Capturing, sharing" not in page and "Offene Daten erheben" in page
    listing = client.get("/fr/projects/").content.decode()
    assert "Données ouvertes" in listing and "Robotique" in listing
    # English stays English.
    english = client.get(project.get_absolute_url()).content.decode()
    assert "Open data" in english and "Robotics" in english


def test_a_case_study_shows_its_translation_and_search_finds_it(client):
    case_study = CaseStudyFactory(
        slug="fabbrica", title="The open factory", intro="Making together.", body="<p>Hello</p>"
    )
    case_study.title_it = "La fabbrica aperta"
    case_study.body_it = '<p>Ciao <script>alert("x")</script>mondo</p>'
    case_study.save()
    case_study.refresh_from_db()
    path = case_study.get_absolute_url()  # in English: a request leaves its language active
    # The translation of a rich text is cleaned as the text itself is.
    assert "<script" not in case_study.i18n["body_it"]
    italian = client.get(f"/it{path}").content.decode()
    assert "<h1>La fabbrica aperta</h1>" in italian
    assert "Ciao " in italian and "alert" not in italian
    assert "non è ancora stato tradotto" not in italian
    # German has no translation: the English, marked as such, with a note in German.
    german = client.get(f"/de{path}").content.decode()
    assert '<h1 lang="en">The open factory</h1>' in german
    assert "noch nicht in Ihre Sprache übersetzt" in german
    # Search finds the translated words.
    results = client.get("/it/search/", {"q": "fabbrica"}).content.decode()
    assert f"/it{path}" in results


def test_a_post_in_the_visitors_language_and_its_card(client):
    post = PostFactory(title="News of the week", summary="What happened.")
    Post.objects.filter(pk=post.pk).update(
        i18n={"title_es": "Noticias de la semana", "summary_es": "Lo que pasó."}
    )
    page = client.get(f"/es{post.get_absolute_url()}").content.decode()
    assert "Noticias de la semana" in page and "Lo que pasó." in page
    listing = client.get("/es/blog/").content.decode()
    assert "Noticias de la semana" in listing
    assert "News of the week" in client.get("/blog/").content.decode()


def test_the_admin_edits_each_languages_translation(client):
    staff = get_user_model().objects.create_superuser("ed@example.org", "pw")
    client.force_login(staff)
    case_study = CaseStudyFactory(title="Title", slug="titled")
    url = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    form = client.get(url).content.decode()
    for language in OTHERS:
        assert f'name="title_{language}"' in form and f'name="body_{language}"' in form
    assert 'name="title_i18n"' not in form and 'name="title_en"' not in form
    focus = DsiFocus.objects.get(slug="open-data")
    form = client.get(reverse("admin:projects_dsifocus_change", args=[focus.pk])).content
    assert b'name="name_ca"' in form and b'value="Dades obertes"' in form
    assert CaseStudy.objects.filter(pk=case_study.pk).exists()


def test_records_stay_in_the_language_they_were_written_in(client):
    organisation = OrganisationFactory(
        slug="kiez", short_description="Ein Makerspace in Berlin.", language="de"
    )
    page = client.get(f"/fr{organisation.get_absolute_url()}").content.decode()
    assert '<p class="lede" lang="de">Ein Makerspace in Berlin.</p>' in page


def test_a_new_record_is_offered_the_pages_language(client, user):
    client.force_login(user)
    page = client.get("/it/organisations/new/").content.decode()
    assert '<option value="it" selected>Italiano</option>' in page


def test_the_newsletter_writes_in_the_language_people_signed_up_in(client):
    response = client.post(
        "/de/newsletter/", {"email": "ada@example.org", "consent": "yes", "source": "footer"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/de/newsletter/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "de"
    email = OutboundEmail.objects.get()
    assert "Newsletter" in email.subject and "Confirm" not in email.subject
    assert "Confirm your subscription" not in email.body_text
    assert email.body_text != "" and "/de/" in email.body_html + email.body_text


def test_a_decision_email_is_written_in_the_records_language(
    user, django_capture_on_commit_callbacks
):
    staff = get_user_model().objects.create_superuser("rev@example.org", "pw")
    organisation = OrganisationFactory(
        name="Kiezlabor", slug="kiezlabor", status="pending", owner=user, language="de"
    )
    with django_capture_on_commit_callbacks():
        organisation.approve(staff)
    email = OutboundEmail.objects.get(to=[user.email])
    assert email.subject == "Kiezlabor ist jetzt im DSI Directory"
    assert "/de/organisations/kiezlabor/" in email.body_text
