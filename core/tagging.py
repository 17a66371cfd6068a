"""Tag strings are split on commas only: "FabLab Network" is one network, not two tags."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import Collate, JSONObject

from core.models import NAME_COLLATION


def split_on_commas(text):
    names = (name.strip().strip('"').strip() for name in (text or "").split(","))
    return list(dict.fromkeys(name[:100] for name in names if name))


def join_with_commas(tags):
    return ", ".join(sorted(tag.name for tag in tags))


# Chips a card shows: the first few tags, A–Z.
CARD_TAGS = 4


def _links_of_row(model, field):
    """The links of the outer query's row to its tags (or networks) under `field`, A–Z as
    the directory sorts names (case ignored: "access" before "Co-creation")."""
    through = model._meta.get_field(field).through
    a_to_z = Collate("tag__name", NAME_COLLATION)
    return through.objects.filter(content_object=OuterRef("pk")).order_by(a_to_z, "tag_id")


def card_tag_names(model, limit=CARD_TAGS):
    """An expression: the names of a record's first `limit` tags, A–Z, read as an array in the
    list's own query. (A prefetch of the tags costs a second query and builds a queryset per
    card in Python, about a quarter of a list page's time.)"""
    return ArraySubquery(_links_of_row(model, "tags").values("tag__name")[:limit])


def tag_chips(model, field="tags"):
    """An expression: every tag (or network) of a record under `field` as {"slug", "name"},
    A–Z, read in the record's own query instead of by a prefetch (a query and a queryset)."""
    chips = JSONObject(slug="tag__slug", name="tag__name")
    return ArraySubquery(_links_of_row(model, field).values(row=chips))
