"""The many-to-many links of an imported row: topic and network tags, project vocabularies and
the organisations a project involves.

A `Relation` reads and writes one link table directly, so a second run that finds the same
links writes nothing. A row's link values (tag names, vocabulary names, old organisation ids)
become the ids of the rows they point to through a `Tags` (tags are made on demand) or a
`Lookup` (the targets exist already; unknown values are left out).
"""

from django.db.models.functions import Lower
from django.utils.text import slugify

from core.slugs import unique_slug

CHUNK = 5000  # ids per IN (…) list
TAG_SLUG_LENGTH = 90  # taggit's Tag.slug holds 100: room for "-2", "-3", …


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Relation:
    """One many-to-many field of an imported model (`Project.focus`, `Organisation.tags`),
    read and written through its link table."""

    def __init__(self, model, name):
        field = model._meta.get_field(name)
        self.name = name
        self.through = field.remote_field.through
        self.own_column = field.m2m_column_name()  # the link table's column naming the row
        self.target_column = field.m2m_reverse_name()  # … and the row it points to

    def current(self, own_ids):
        """{row id: set of target ids} for the rows `own_ids`."""
        found = {}
        for chunk in chunks(own_ids):
            links = self.through.objects.filter(**{f"{self.own_column}__in": chunk})
            for own_id, target_id in links.values_list(self.own_column, self.target_column):
                found.setdefault(own_id, set()).add(target_id)
        return found

    def set(self, own_id, wanted, current):
        """Make the row's links exactly `wanted`; True if anything changed."""
        add, remove = wanted - current, current - wanted
        if remove:
            self.through.objects.filter(
                **{self.own_column: own_id, f"{self.target_column}__in": remove}
            ).delete()
        if add:
            self.through.objects.bulk_create(
                self.through(**{self.own_column: own_id, self.target_column: target})
                for target in sorted(add)
            )
        return bool(add or remove)


class Lookup:
    """Targets that exist already, by key (a vocabulary name, an old organisation id)."""

    def __init__(self, ids_by_key):
        self.ids_by_key = ids_by_key

    def ids(self, keys):
        return {self.ids_by_key[key] for key in keys if key in self.ids_by_key}

    def rolled_back(self):
        pass

    def kept(self):
        pass


class Tags:
    """Tag rows of one model (taggit's Tag, NetworkTag) by lower-case name, as taggit matches
    them, made on demand. Tags made inside a row's savepoint are forgotten again if that row is
    rolled back (`rolled_back()`), and kept once it is written (`kept()`)."""

    def __init__(self, model, names):
        self.model = model
        self.by_name = {}
        for chunk in chunks(sorted({name.lower() for name in names})):
            rows = model.objects.annotate(lower=Lower("name")).filter(lower__in=chunk)
            for tag in rows.order_by("-pk"):  # the oldest wins, as below
                self.by_name[tag.lower] = tag
        self.made = []

    def ids(self, names):
        return {self._get(name).pk for name in names}

    def rolled_back(self):
        for name in self.made:
            self.by_name.pop(name, None)
        self.made = []

    def kept(self):
        self.made = []

    def _get(self, name):
        key = name.lower()
        if key not in self.by_name:
            tag = self.model.objects.filter(name__iexact=name).order_by("pk").first()
            if tag is None:
                tag = self.model.objects.create(name=name, slug=self._free_slug(name))
                self.made.append(key)
            self.by_name[key] = tag
        return self.by_name[key]

    def _free_slug(self, name):
        base = slugify(name)[:TAG_SLUG_LENGTH].strip("-_") or "tag"
        taken = set(self.model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        return unique_slug(name, taken, fallback="tag", max_length=TAG_SLUG_LENGTH)
