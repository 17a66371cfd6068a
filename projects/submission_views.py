"""Adding and editing projects: signed-in people, their own records, reviewed by staff. The
steps are the organisations' ones, shared through core.submissions."""

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
from projects.forms import ProjectForm
from projects.models import Project

DRAFT = "project"


def render_form(request, form, status=200, **extra):
    context = {"form": form, "site": SiteSettings.current(), **extra}
    return render(request, "projects/form.html", context, status=status)


@submission_entry_point
@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    if request.method != "POST":
        return resume_draft(request, DRAFT, ProjectForm, render_form)
    if request.submissions_closed:
        return keep_draft_while_closed(request, DRAFT, ProjectForm, render_form)

    form = ProjectForm(request.POST, request.FILES)
    if refuse_scripted(form):
        return render_form(request, form, status=400)
    if not form.is_valid():
        return render_form(request, form)
    duplicates = possible_duplicates(request, Project.objects, form)
    if duplicates:
        return render_form(request, form, duplicates=duplicates)
    if refuse_too_many(request.user, form):
        return render_form(request, form, status=429)
    return redirect(save_submission(request, form, DRAFT))


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug):
    project = editable_record(Project.objects, request.user, slug)
    reviewed_before = project.reviewed_values()
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST" and refuse_scripted(form):
        return render_form(request, form, status=400, project=project)
    if request.method == "POST" and form.is_valid():
        return redirect(save_changes(request, form, reviewed_before))
    return render_form(
        request,
        form,
        project=project,
        editors=project.members.all(),
        invitation_form=InvitationForm(),
    )


@login_required
@require_POST
def project_invite(request, slug):
    project = editable_record(Project.objects, request.user, slug)
    return invite_editor(request, project)
