"""What the map and the network read of the directory: the two lists, with the very filter sets
the list pages use, so /map/?country=IT&tag=fablab counts what /organisations/?country=IT&tag=fablab
lists."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    filterset: type
    list_name: str
    one: str
    many: str

    def filters(self, request):
        return self.filterset(request.GET, queryset=self.model.objects.published(), request=request)

    def list_url(self):
        return reverse(self.list_name)


KINDS = {
    "organisations": Kind(
        "organisations",
        Organisation,
        OrganisationFilter,
        "organisations:list",
        _("organisation"),
        _("organisations"),
    ),
    "projects": Kind(
        "projects", Project, ProjectFilter, "projects:list", _("project"), _("projects")
    ),
}
# The filters both lists read: kept when the map switches between them.
COMMON = ("q", "country", "tag")


def kind_of(request):
    """The list the page follows (`?kind=`), organisations for anything else."""
    return KINDS.get(request.GET.get("kind"), KINDS["organisations"])
