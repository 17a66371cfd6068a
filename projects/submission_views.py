"""Adding and editing projects: signed-in people, their own records, reviewed by staff."""

from accounts.submissions import SubmissionViews
from projects.forms import ProjectForm
from projects.models import Project

views = SubmissionViews(
    Project, ProjectForm, lede="Tell the community what you make and the difference it makes."
)
project_create, project_edit, project_invite = views.create, views.edit, views.invite
