from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltrans.fields import TranslationField

from core.text import clean_rich_text
from core.timezones import UNKNOWN_TIME_ZONE, zone


class RichTextField(models.TextField):
    """Text stored as cleaned HTML, whichever way the row is written (forms, admin, imports)."""

    def pre_save(self, model_instance, add):
        value = clean_rich_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


web_address = URLValidator(schemes=["http", "https"])

# Names end up in email subjects and headers, where a line break would end the header.
one_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Write it on one line, without line breaks or control characters."),
    code="control_characters",
)


def validate_time_zone(name):
    """An IANA time zone name this machine knows ("Europe/Rome")."""
    if zone(name) is None:
        raise ValidationError(UNKNOWN_TIME_ZONE, code="unknown_time_zone")


class WebAddressField(models.URLField):
    """A web address: http or https only (never javascript:, data: or ftp:), at most 500
    characters. Forms, the admin and model validation (imports) all check it."""

    default_validators = [web_address]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 500)
        super().__init__(*args, **kwargs)


def logo_path(record, filename):
    """organisations/logos/…, projects/logos/…: a folder per kind of record."""
    return f"{record._meta.model_name}s/logos/{filename}"


def header_image_path(record, filename):
    return f"{record._meta.model_name}s/headers/{filename}"


class Translations(TranslationField):
    """django-modeltrans' one JSON field of translations (`title_de`, `body_fr`…), where the
    translation of a rich-text field is cleaned as the field itself is (nh3): the admin writes
    them through virtual fields, which the original field's pre_save never sees."""

    def pre_save(self, model_instance, add):
        translations = dict(getattr(model_instance, self.attname) or {})
        for key, value in translations.items():
            original = key.rsplit("_", 1)[0]
            if original in self.fields and isinstance(
                model_instance._meta.get_field(original), RichTextField
            ):
                translations[key] = clean_rich_text(value)
        # Blank translations read as missing, so the English shows, with its note.
        translations = {key: value for key, value in translations.items() if value}
        setattr(model_instance, self.attname, translations or None)
        return super().pre_save(model_instance, add)
