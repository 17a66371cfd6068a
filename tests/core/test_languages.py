"""The site in six languages: every page type answers under each prefix with the right `lang`,
the switcher and the hreflang alternates; English stays at today's addresses; the choice is
remembered; no English interface words are left on a translated page."""

import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.pages import every_page_type

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHERS = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
COOKIE = settings.LANGUAGE_COOKIE_NAME


def in_language(path, language):
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


class _Page(HTMLParser):
    """The facts about a page this file checks, read with a real parser."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.alternates = {}
        self.switcher = []
        self.texts = []
        self._in_switcher = False
        self._skip = 0
        self._foreign = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "nav" and "site-languages" in (attrs.get("class") or ""):
            self._in_switcher = True
        if self._in_switcher and tag == "a":
            self.switcher.append(attrs)
        if tag in ("script", "style", "code", "pre", "textarea", "option", "title"):
            self._skip += 1
        # Text in another language than the page's (an organisation's own words) is content.
        self._foreign.append("lang" in attrs and tag != "html")

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False
        if tag in ("script", "style", "code", "pre", "textarea", "option", "title"):
            self._skip = max(0, self._skip - 1)
        if self._foreign:
            self._foreign.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skip and not any(self._foreign):
            self.texts.append(text)


def read(response):
    page = _Page()
    page.feed(response.content.decode())
    return page


@pytest.fixture
def pages(user):
    return [page for page in every_page_type(user) if page.status == 200]


@pytest.fixture
def get(user):
    """GET a page as it is meant to be seen: signed in where it needs that, else anonymous."""
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(user)
    return lambda page, path: (signed_in if page.signed_in else anonymous).get(path)


def test_every_page_type_answers_in_every_language(get, pages):
    for page in pages:
        for language in LANGUAGES:
            path = in_language(page.path, language)
            response = get(page, path)
            assert response.status_code == 200, (path, response.status_code)
            facts = read(response)
            assert facts.html_lang == language, path
            # hreflang alternates: one per language and x-default, the English address.
            assert set(facts.alternates) == {*LANGUAGES, "x-default"}, path
            bare = page.path.split("?")[0]
            assert facts.alternates["x-default"] == settings.SITE_URL + bare, path
            assert facts.alternates["de"] == settings.SITE_URL + "/de" + bare, path
            # The switcher: a real link per language, named in its own language.
            assert [a["hreflang"] for a in facts.switcher] == LANGUAGES, path
            assert [a["lang"] for a in facts.switcher] == LANGUAGES, path
            current = [a["hreflang"] for a in facts.switcher if a.get("aria-current")]
            assert current == [language], path
            assert facts.switcher[1]["href"].startswith("/de/"), path


def test_english_stays_at_todays_addresses(client):
    client.get("/de/organisations/")
    translation.activate(settings.LANGUAGE_CODE)
    assert reverse("organisations:list") == "/organisations/"
    assert reverse("home") == "/"
    with translation.override("de"):
        assert reverse("organisations:list") == "/de/organisations/"
        # The admin and the machines' files live in one language, at one address.
        assert reverse("admin:index") == "/admin/"
        assert reverse("sitemap") == "/sitemap.xml"


def test_the_switcher_keeps_the_query(client):
    response = client.get("/organisations/?country=IT&page=2")
    hrefs = [a["href"] for a in read(response).switcher]
    assert "/fr/organisations/?country=IT&page=2" in hrefs


def test_following_the_switcher_remembers_the_language(client):
    client.get("/organisations/")
    response = client.get("/de/organisations/", HTTP_REFERER="http://testserver/organisations/")
    assert response.cookies[COOKIE].value == "de"
    # Back home another day (no referer): the German home page.
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"
    # The switcher's English link, followed from a German page: English, remembered.
    response = client.get("/", HTTP_REFERER="http://testserver/de/")
    assert response.status_code == 200
    assert response.cookies[COOKIE].value == "en"
    assert client.get("/").status_code == 200


def test_arriving_from_elsewhere_does_not_change_the_choice(client):
    client.cookies[COOKIE] = "fr"
    response = client.get("/organisations/", HTTP_REFERER="https://example.org/some/page")
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    # Deep links keep their language: only the home page follows the remembered choice.
    assert read(response).html_lang == "en"


def test_a_bad_prefix_or_cookie_is_a_normal_answer(client):
    assert client.get("/xx/organisations/").status_code == 404
    client.cookies[COOKIE] = "<script>"
    assert client.get("/").status_code == 200


def _interface_strings(language):
    """English interface strings whose translation differs, as whole texts a page could show."""
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES/django.po"))
    strings = set()
    for entry in catalogue.translated_entries():
        if entry.msgid_plural or "%" in entry.msgid or "<" in entry.msgid:
            continue
        if entry.msgstr.strip() != entry.msgid.strip() and re.search(r"[A-Za-z]{3}", entry.msgid):
            strings.add(" ".join(entry.msgid.split()))
    return strings


@pytest.mark.parametrize("language", OTHERS)
def test_no_english_interface_text_is_left_on_a_translated_page(get, pages, language):
    english = _interface_strings(language)
    left = {}
    for page in pages:
        response = get(page, in_language(page.path, language))
        leftovers = sorted({text for text in read(response).texts if text in english})
        if leftovers:
            left[page.name] = leftovers
    assert left == {}
