"""The one unique-slug rule: the slug of a text, with -2, -3, … until no one has it."""

from django.utils.text import slugify


def unique_slug(text, taken, *, fallback="item", max_length=200):
    """A slug for `text` not in `taken` (a set of slugs already used, or reserved)."""
    base = slugify(text)[:max_length].strip("-_") or fallback
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
