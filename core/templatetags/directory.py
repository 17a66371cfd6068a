import datetime
import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.text import clean_html, plain_text, web_url

register = template.Library()

# The characters that could close the script element or open an HTML comment inside it.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def rich_text(value):
    """Stored text is cleaned already; cleaning again on output guards rows written by SQL."""
    return mark_safe(clean_html(value))  # noqa: S308 - nh3 output is safe by construction


@register.filter
def plain(value):
    return plain_text(value)


@register.filter
def json_ld(data):
    """schema.org data as <script type="application/ld+json">, safe against </script>."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def safe_url(value):
    return web_url(value)


@register.filter(is_safe=True)
def squash(value):
    """Runs of white space (from indented template blocks) become one space."""
    return " ".join(str(value).split())


@register.filter
def machine_time(value):
    """A date or moment as <time datetime="…"> wants it: ISO 8601, whole seconds (HTML allows
    at most three digits of a fraction, and nobody reads them), in the site's time zone."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def verbose_name(obj):
    """The kind of a model instance, as people read it: "organisation", "project"."""
    return obj._meta.verbose_name


@register.filter
def facet_values(options):
    """The values of a facet's options ((value, text, count), …), as text: a selected value
    outside them (a tag past the top 15) is added so that it stays selected."""
    return [str(option[0]) for option in options or ()]


@register.filter
def slug_words(value):
    """A slug as words, for a selected value whose name the page does not hold."""
    return str(value).replace("-", " ")
