"""The report page of a published organisation or project: anyone, no account needed."""

from django.apps import apps
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.ratelimit import client_ip, over_limit
from curation.forms import ReportForm

REPORTABLE = {"organisations": "organisations.Organisation", "projects": "projects.Project"}
REPORTS_PER_HOUR = 10
TOO_MANY = _("There have been a lot of reports from your connection. Please try again later.")


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, kind, slug):
    if kind not in REPORTABLE:
        raise Http404
    record = get_object_or_404(apps.get_model(REPORTABLE[kind]).objects.published(), slug=slug)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website_url"]:
            form.add_error(None, gettext("We could not accept this form. Please try again."))
            status = 400
        elif over_limit("reports", client_ip(request), REPORTS_PER_HOUR, 3600):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            report = form.save(commit=False)
            report.record = record
            report.save()
            messages.success(request, gettext("Thank you: the DSI Directory team will look at it."))
            return redirect(record.get_absolute_url())
    context = {"record": record, "form": form}
    return render(request, "curation/report.html", context, status=status)
