"""Conditional GET for the public pages: an ETag made of the page's address, the data versions
it shows (core/versions.py) and who is asking. A browser that already has the page gets a 304
after one small query; any publish, edit or unpublish changes the versions, so the next request
gets the new page. Signed-in people get ETags of their own, so nobody is ever handed a page made
for someone else."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.utils import timezone
from django.views.decorators.http import condition

from core.versions import data_versions


def page_etag(*names, per_minute=False):
    def etag(request, *args, **kwargs):
        versions = data_versions(*names, request=request)
        if versions is None or len(messages.get_messages(request)):
            return None  # nothing tracked, or a one-off message to show
        who = request.user.pk if request.user.is_authenticated else "anonymous"
        parts = [settings.RELEASE, request.get_full_path(), bool(request.htmx), versions, who]
        if per_minute:
            # Posts scheduled for later appear when their time comes, with no data change.
            parts.append(timezone.now().strftime("%Y%m%d%H%M"))
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]

    return etag


def conditional_on(*names, per_minute=False):
    """Decorator: answer 304 Not Modified while the named data and the address are unchanged."""
    return condition(etag_func=page_etag(*names, per_minute=per_minute))
