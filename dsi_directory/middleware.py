from django.shortcuts import render

from core.submissions import RETRY_AFTER_SECONDS, SiteSettings


class SubmissionsSwitchMiddleware:
    """While submissions are closed, every view marked @submission_entry_point answers 503
    with the operator's message and the newsletter form. A POST still reaches the view, which
    gives the form back with everything typed and keeps a draft: nothing anyone sent is lost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.submissions_closed = False
        if not getattr(view_func, "submission_entry_point", False):
            return None
        site = SiteSettings.current()
        if site.accepting_submissions:
            return None
        request.submissions_closed = True
        if request.method == "POST":
            return None
        response = render(request, "submissions_closed.html", {"site": site}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
