import django_filters
from django.utils.translation import gettext_lazy as _

from blog.models import Category, Post
from core.filters import FacetedFilterSet


class PostFilter(FacetedFilterSet):
    """News & blogs by category; an unknown category is ignored, never an error page."""

    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label=_("All"))

    class Meta:
        model = Post
        fields = []
