"""A form field for other apps' forms (events, funding): an organisation of the directory named
by its profile's address, its slug or its exact name, rather than picked from thousands."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

_PROFILE_PATH = re.compile(r"/organisations/([-\w]+)/?$")


class OrganisationReferenceField(forms.CharField):
    default_error_messages = {
        "unknown": _(
            "We found no organisation of that name or address in the directory. Check it, or "
            "leave the box empty."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Organisation):
            return value.name
        if isinstance(value, int):
            found = Organisation.objects.filter(pk=value).only("name").first()
            return found.name if found else ""
        return value

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        match = _PROFILE_PATH.search(text.split("?")[0])
        slug = match[1] if match else text
        published = Organisation.objects.published()
        found = (
            published.filter(slug=slug[:220]).first()
            or published.filter(name__iexact=text).order_by("id").first()
        )
        if found is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return found
