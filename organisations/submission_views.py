"""Adding and editing organisations: signed-in people, their own records, reviewed by staff."""

from accounts.submissions import SubmissionViews
from organisations.forms import OrganisationForm
from organisations.models import Organisation

views = SubmissionViews(Organisation, OrganisationForm, lede="Tell the community who you are.")
organisation_create, organisation_edit, organisation_invite = views.create, views.edit, views.invite
