import django_filters
from django import forms


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

    def queryset_without(self, *names):
        """The results as if the named filters were not set: the base of their counts."""
        qs = self.queryset.all()
        for name, value in self.active.items():
            if name not in names:
                qs = self.filters[name].filter(qs, value)
        return qs


class KeywordFilter(django_filters.CharFilter):
    """The lists' keyword box: the site's full-text search (core.search), best match first.
    Whether to fall back to similar names (typos) is decided once per request, on the whole
    list, so the facet counts that reuse this filter cost no extra query."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Keywords")
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search", "maxlength": 200}))
        super().__init__(*args, **kwargs)
        self._similar = {}

    def filter(self, qs, value):
        value = (value or "")[:200]
        if not value.strip():
            return qs
        if value not in self._similar:
            self._similar[value] = self.parent.queryset.needs_similar(value)
        return qs.search(value, similar=self._similar[value])
