"""The site in six languages: which one a request is in, the switcher's links, and the choice
remembered.

English is the source and lives at the unprefixed addresses; the others under /de/, /fr/…
(`i18n_patterns(prefix_default_language=False)` in the root URLconf). The switcher is a link
per language, so it needs no JavaScript and no POST. Following one of them is the only way the
site itself sends somebody from one language to another, so that is when the choice is
remembered (in Django's language cookie); arriving from elsewhere at an English address does
not undo it. The home page is where people come back to: there, a remembered language other
than English takes them to their own home page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _language_of_path(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def _same_site_referer(request):
    referer = request.headers.get("referer", "")
    parts = urlsplit(referer)
    if not referer or parts.netloc != request.get_host():
        return None
    return parts.path


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        super().process_request(request)
        remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (
            request.method in ("GET", "HEAD")
            and request.path_info == "/"
            and remembered in LANGUAGE_NAMES
            and remembered != settings.LANGUAGE_CODE
            and _same_site_referer(request) is None
        ):
            response = HttpResponseRedirect(translate_url("/", remembered))
            patch_vary_headers(response, ("Cookie",))
            return response
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info == "/":
            patch_vary_headers(response, ("Cookie",))
        referer_path = _same_site_referer(request)
        if referer_path is None or response.status_code != 200:
            return response
        language = _language_of_path(request.path_info)
        if (
            _language_of_path(referer_path) != language
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response


def alternates(path):
    """This page's address in each language, as (code, name, path); a page that exists in one
    language only (the admin's, the API's) has none."""
    links = [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]
    if len({link[2] for link in links}) < len(links):
        return []
    return links


def context(request):
    """For base.html: `<html lang>`, the hreflang alternates and the switcher."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    links = [
        {
            "code": code,
            "name": name,
            "path": path,
            "href": f"{path}?{query}" if query else path,
            "current": code == language,
        }
        for code, name, path in alternates(request.path)
    ]
    return {"language_links": links, "LANGUAGE_CODE": language}


def translated(english, translations, field="name"):
    """A vocabulary's word in the active language, from its row's `i18n` translations read
    by a values() query (where modeltrans' `name_i18n` cannot go, as in a UNION)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return (translations or {}).get(f"{field}_{language}") or english
