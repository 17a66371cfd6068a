"""The three pages every record people submit has (organisations, projects): add, edit, and
invite a co-editor. The steps themselves (drafts while closed, honeypot, hourly limit, "Is this
yours?", review after an owner's edit) live in core.submissions; this puts them in order."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import InvitationForm
from accounts.views import invite_editor
from core.submissions import (
    SiteSettings,
    editable_record,
    keep_draft_while_closed,
    possible_duplicates,
    refuse_scripted,
    refuse_too_many,
    resume_draft,
    save_changes,
    save_submission,
    submission_entry_point,
)


class SubmissionViews:
    """create, edit and invite views for `model`, with `form_class`, on submissions/form.html."""

    template = "submissions/form.html"

    def __init__(self, model, form_class, lede):
        self.model = model
        self.form_class = form_class
        self.kind = model._meta.verbose_name  # "organisation", "project"
        self.draft = model._meta.model_name
        self.lede = lede
        self.create = submission_entry_point(
            login_required(require_http_methods(["GET", "POST"])(self._create))
        )
        self.edit = login_required(require_http_methods(["GET", "POST"])(self._edit))
        self.invite = login_required(require_POST(self._invite))

    def render_form(self, request, form, status=200, **extra):
        context = {
            "form": form,
            "site": SiteSettings.current(),
            "kind": self.kind,
            "lede": self.lede,
            **extra,
        }
        return render(request, self.template, context, status=status)

    def _create(self, request):
        if request.method != "POST":
            return resume_draft(request, self.draft, self.form_class, self.render_form)
        if request.submissions_closed:
            return keep_draft_while_closed(request, self.draft, self.form_class, self.render_form)

        form = self.form_class(request.POST, request.FILES)
        if refuse_scripted(form):
            return self.render_form(request, form, status=400)
        if not form.is_valid():
            return self.render_form(request, form)
        duplicates = possible_duplicates(request, self.model.objects, form)
        if duplicates:
            return self.render_form(request, form, duplicates=duplicates)
        if refuse_too_many(request.user, form):
            return self.render_form(request, form, status=429)
        return redirect(save_submission(request, form, self.draft))

    def _edit(self, request, slug):
        record = editable_record(self.model.objects, request.user, slug)
        reviewed_before = record.reviewed_values()
        form = self.form_class(request.POST or None, request.FILES or None, instance=record)
        if request.method == "POST" and refuse_scripted(form):
            return self.render_form(request, form, status=400, record=record)
        if request.method == "POST" and form.is_valid():
            return redirect(save_changes(request, form, reviewed_before))
        return self.render_form(
            request,
            form,
            record=record,
            editors=record.members.all(),
            invitation_form=InvitationForm(),
        )

    def _invite(self, request, slug):
        return invite_editor(request, editable_record(self.model.objects, request.user, slug))
