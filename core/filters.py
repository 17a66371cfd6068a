from urllib.parse import urlencode

import django_filters
from django import forms
from django.utils.functional import Promise, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.listing import cached, directory_page
from core.search import RANK_LIMIT
from core.versions import data_versions


def plain_text_labels(value):
    """`value` with its lazy translations (choice labels) made plain strings of the active
    language: unpickling a lazy string from the cache builds a class each time, about 1 ms."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: plain_text_labels(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(plain_text_labels(item) for item in value)
    return value


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose counts follow the other active filters ("Italy (94)").

    Invalid values (an unknown country, garbage in the URL) are dropped as if unset, so a
    hand-edited URL gives a normal page rather than an error.
    """

    @property
    def active(self):
        """The valid filters in use, by name."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # fills cleaned_data with the fields that are valid
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    # The data versions (core/versions.py) its counts depend on.
    versions = ()
    # How each active filter reads after the list's name, in this order: "in %(value)s" makes
    # "Organisations in Italy tagged fablab". Filters not named here are not described.
    phrases = {}

    def chips(self):
        """The active filters as people read them, each (phrase, the query string without it):
        its value named by the label of its facet option, else of its choice, else itself."""
        facets = self.summary["facets"]
        chips = []
        for name, phrase in self.phrases.items():
            value = self.active.get(name)
            if value in (None, ""):
                continue
            label = next(
                (text for option, text, _ in facets.get(name, ()) if str(option) == str(value)),
                None,
            )
            if label is None:
                choices = dict(getattr(self.form.fields[name], "choices", ()) or ())
                label = choices.get(value) or str(value).replace("-", " ")
            chips.append((phrase % {"value": label}, self.query_without(name)))
        return chips

    def query_without(self, name):
        """This list's query string without filter `name` (and the page), nor empty values."""
        kept = [
            (key, value)
            # (django-filter keeps an empty query string as a plain {}: no .lists())
            for key, values in (self.data.lists() if self.data else ())
            if key not in (name, "page")
            for value in values
            if value != ""
        ]
        return "?" + urlencode(kept) if kept else "?"

    def title(self, noun):
        """The list's name with its filters: "Organisations in Italy tagged fablab"."""
        return " ".join(str(part) for part in [noun, *(phrase for phrase, _ in self.chips())])

    @cached_property
    def current_versions(self):
        """None (nothing cached) for a filter set that names no data versions."""
        if not self.versions:
            return None
        return data_versions(*self.versions, request=self.request)

    @cached_property
    def summary(self):
        """The number of results and the facet counts, cached under the data versions and the
        language (the facets carry names: countries, types, vocabularies). When keywords match
        nothing, the results become the names close to them (typos)."""
        summary = cached(
            ("summary", self.queryset.model._meta.label, self.active_key, get_language()),
            self.current_versions,
            lambda: plain_text_labels(self._count_and_facets()),
        )
        if summary["similar"]:
            self._match_similar_names()
        return summary

    def result_count(self):
        """How many results (a filter set with cheaper ways to count overrides it)."""
        return self.qs.count()

    def _count_and_facets(self):
        count, similar = self.result_count(), False
        if not count and self.active.get("q", "").strip():
            self._match_similar_names()
            count, similar = self.qs.count(), True
        return {"count": count, "facets": self.facets(), "similar": similar}

    def _match_similar_names(self):
        self.filters["q"].similar = True
        self.__dict__.pop("_qs", None)  # django-filter's cached results: filter again

    @property
    def active_key(self):
        return tuple(sorted(self.active.items()))

    def cached_facet(self, group, ignores, compute):
        """compute()'s counts, cached under the active filters other than `ignores`. A facet's
        counts never depend on its own filter, so /organisations/?tag=a and ?tag=b share one
        count of the tags over everything, computed once per data version: the costly facets
        (those over the whole directory) are read once, not once per filter value."""
        similar = getattr(self.filters.get("q"), "similar", False)
        others = tuple((name, value) for name, value in self.active_key if name not in ignores)
        key = ("facet", self.queryset.model._meta.label, group, others, similar)
        return cached(key, self.current_versions, compute)

    def page(self, request):
        """The requested page of results, as the list shows them (the queryset's
        for_listing()). Keyword results are best first, unless there are too many to rank:
        then A–Z, like the rest."""
        count = self.summary["count"]  # first: it may switch keywords to similar names
        results = self.qs.for_listing()
        if "q" in self.active and count > RANK_LIMIT and not self.filters["q"].similar:
            results = results.order_by(*self.queryset.model._meta.ordering)
        return directory_page(
            request,
            results,
            count,
            self.current_versions,
            self.active_key,
            seekable=self.in_default_order,
        )

    @property
    def in_default_order(self):
        """Listed by name (not by relevance to keywords): deep pages can seek."""
        return "q" not in self.active

    def queryset_without(self, *names):
        """The results as if the named filters were not set: the base of their counts."""
        qs = self.queryset.all()
        for name, value in self.active.items():
            if name not in names:
                qs = self.filters[name].filter(qs, value)
        return qs


class CountryChoiceField(django_filters.fields.ChoiceField):
    """A country code, checked by one lookup: the stock check walks the name of every country
    in the visitor's language, a sixth of a filtered list's time."""

    def valid_value(self, value):
        return str(value) in countries


class CountryFilter(django_filters.ChoiceFilter):
    field_class = CountryChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", countries)
        kwargs.setdefault("empty_label", _("Any country"))
        super().__init__(*args, **kwargs)


class KeywordFilter(django_filters.CharFilter):
    """The lists' keyword box: the site's full-text search (core.search). The filter set
    switches it to names close to what was typed when nothing matches (typos)."""

    similar = False

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Keywords"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search", "maxlength": 200}))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "")[:200]
        return qs.search(value, similar=self.similar) if value.strip() else qs
