"""The lists an alert can follow, and what an alert needs of each: its filter set (the same one
the list page uses, so an alert matches exactly what the list shows), its model, its list page,
and how to say its filters in plain words. Events and funding join here when they exist."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from taggit.models import Tag

from alerts.models import Kind, Publication
from core.models import NetworkTag
from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from projects.filters import VOCABULARIES, ProjectFilter
from projects.models import Project

MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class ListKind:
    name: str
    model: type
    filterset: type
    list_url: str
    one: str
    many: str

    def filter_set(self, data, queryset=None):
        queryset = self.model.objects.published() if queryset is None else queryset
        return self.filterset(data, queryset=queryset)

    def list_path(self, filters=None):
        path = reverse(self.list_url)
        return f"{path}?{urlencode(filters)}" if filters else path

    def newest(self, filters, since=None, exclude=None, latest=None):
        """The published records matching `filters`, newest publication first: those published
        since `since` (a moment), when given, among the `latest` publications of the kind when
        given (a bound on what is read), and not among `exclude` (a subquery of ids)."""
        kind = self.name
        publications = Publication.objects.filter(kind=kind)
        if since is not None:
            publications = publications.filter(published_at__gte=since)
        if latest is not None:
            publications = Publication.objects.filter(
                pk__in=publications.order_by("-published_at").values("pk")[:latest]
            )
        queryset = self.model.objects.published().filter(pk__in=publications.values("record_id"))
        if exclude is not None:
            queryset = queryset.exclude(pk__in=exclude)
        published_at = Publication.objects.filter(kind=kind, record_id=OuterRef("pk")).values(
            "published_at"
        )[:1]
        return (
            self.filter_set(filters, queryset)
            .qs.annotate(published_at=Subquery(published_at))
            .order_by("-published_at", "-pk")
        )


KINDS = {
    Kind.ORGANISATIONS: ListKind(
        Kind.ORGANISATIONS,
        Organisation,
        OrganisationFilter,
        "organisations:list",
        _("organisation"),
        _("organisations"),
    ),
    Kind.PROJECTS: ListKind(
        Kind.PROJECTS, Project, ProjectFilter, "projects:list", _("project"), _("projects")
    ),
}


def clean_filters(kind, data):
    """(filters, dropped): the filters of `data` that the list knows and takes, as strings, and
    the (name, value) pairs left out because the list would ignore them (garbage)."""
    names = set(kind.filterset.base_filters)
    given = {
        name: str(value)[:MAX_VALUE_LENGTH]
        for name, value in data.items()
        if name in names and str(value).strip()
    }
    active = kind.filter_set(given).active
    filters = {name: given[name].strip() for name in given if name in active}
    dropped = [(name, value) for name, value in given.items() if name not in filters]
    return filters, dropped


def describe(kind, filters):
    """The filters in plain words, one phrase each: ['in Italy', 'tagged under “fablab”']."""
    phrases = []
    filterset = kind.filter_set(filters)
    for name, value in filters.items():
        field = filterset.filters.get(name)
        if field is None:
            continue
        if name == "q":
            phrases.append(_("matching “%(words)s”") % {"words": value})
        elif name == "country":
            phrases.append(_("in %(country)s") % {"country": countries.name(value) or value})
        elif name == "tag":
            tag = Tag.objects.filter(slug=value).values_list("name", flat=True).first()
            phrases.append(_("tagged under “%(tag)s”") % {"tag": tag or value})
        elif name == "network":
            network = NetworkTag.objects.filter(slug=value).values_list("name", flat=True).first()
            phrases.append(_("in the network “%(network)s”") % {"network": network or value})
        elif name in VOCABULARIES and kind.name == Kind.PROJECTS:
            model = VOCABULARIES[name][0]
            entry = model.objects.filter(slug=value).values_list("name", flat=True).first()
            phrases.append(f"{field.label}: {entry or value}")
        elif name == "letter":
            phrases.append(_("starting with %(letter)s") % {"letter": value})
        else:
            choices = dict(getattr(field, "extra", {}).get("choices") or [])
            phrases.append(f"{field.label}: {choices.get(value, value)}")
    return phrases
