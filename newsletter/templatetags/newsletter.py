import re
from types import SimpleNamespace

from django import template
from django.utils.translation import gettext

from newsletter.consent import CONSENT_TEXT
from newsletter.forms import SubscribeForm
from newsletter.models import Subscriber

register = template.Library()

FORM_ID = re.compile(r"^newsletter-[a-z]{1,20}$")


@register.simple_tag
def newsletter_form(source, bound=None, form_id=None):
    """What newsletter/form.html needs: the form (the view's bound one, or a blank one for
    `source`), the source to send back, and an id prefix unique on the page."""
    if isinstance(bound, SubscribeForm):
        form = bound
        source = form.source_value()
    else:
        source = source if source in Subscriber.Source.values else Subscriber.Source.PAGE
        form = SubscribeForm(initial={"source": source})
    form_id = form_id if form_id and FORM_ID.match(form_id) else f"newsletter-{source}"
    return SimpleNamespace(
        form=form,
        source=source,
        id=form_id,
        consent_text=gettext(CONSENT_TEXT),
        email=form["email"].value() or "",
        consent_checked=form.is_bound and bool(form["consent"].value()),
        errors=[(name, error) for name, errors in form.errors.items() for error in errors],
    )
