"""The switch that closes submissions: one decorator on every way in for a new record."""

import functools

from django.shortcuts import render

from submissions.models import SiteSettings

RETRY_AFTER_SECONDS = 3600


def closed_page(request, site, status=503):
    response = render(request, "submissions/closed.html", {"site": site}, status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def submission_entry_point(view):
    """While submissions are closed, the view answers 503 with the operator's message and the
    newsletter form. A POST still reaches the view, with `request.submissions_closed` set, so
    that it can give the form back with everything typed and keep a draft: nothing anyone sent
    is lost."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        site = SiteSettings.current()
        request.submissions_closed = not site.accepting_submissions
        if request.submissions_closed and request.method != "POST":
            return closed_page(request, site)
        return view(request, *args, **kwargs)

    return wrapped
