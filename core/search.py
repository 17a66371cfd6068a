"""The full-text query builder every list and the search page share.

Each searchable table keeps a weighted `search_vector` (name or title A, tags and vocabularies
B, one-line summary and place C, description D) in the 'simple' configuration over unaccented
text, so "Polifáctory" finds Polifactory whatever the language. Triggers in each app's
migrations (written with core/migration_sql.py) keep it current when the row, its tags or its
vocabularies change. A query matches every word, the last one as a prefix (people are still
typing it); when nothing matches, trigram similarity on the name forgives typos (pg_trgm's
word-similarity operator, over a GIN index).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import models
from django.db.models import F, Func, Value

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
TRIGRAM_THRESHOLD = 0.3
# Up to this many matches are ranked best first; more are listed A–Z (ranking reads them all).
RANK_LIMIT = 1000
# D, C, B, A: a name match counts ten times a description match.
RANK_WEIGHTS = [0.1, 0.3, 0.6, 1.0]

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(text):
    """The words of a query: letters and digits only, so no input can break the tsquery."""
    words = _WORD.findall((text or "")[:500].lower())
    return [w[:MAX_TERM_LENGTH] for w in words if w.strip("_")][:MAX_TERMS]


def raw_tsquery(words):
    """'open & data:*': every word, the last one as a prefix."""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


class Unaccent(Func):
    function = "unaccent"
    output_field = models.TextField()


def unaccented_query(words):
    """to_tsquery('simple', unaccent('…')): the query loses its accents as the text did."""
    return SearchQuery(Unaccent(Value(raw_tsquery(words))), search_type="raw", config="simple")


class SearchableQuerySet(models.QuerySet):
    """`search(text)` for a model with a `search_vector` column and a `name`-like field."""

    trigram_field = "name"

    def search(self, text, similar=False, ranked=True):
        """Rows matching `text` (an annotation `rank`); none for an empty query.

        ranked: best first. Ranking reads every match, so for a word that matches thousands
        of rows callers pass ranked=False (knowing the count) and get them A–Z from the index.
        similar: the rows whose name is close to what was typed, for when nothing matches.
        """
        words = terms(text)
        if not words:
            return self.none()
        if similar:
            return self._similar_names(" ".join(words))
        query = unaccented_query(words)
        matches = self.filter(search_vector=query)
        if not ranked:
            return matches.annotate(rank=Value(0.0, output_field=models.FloatField()))
        rank = SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
        return matches.annotate(rank=rank).order_by("-rank", self.trigram_field, "pk")

    def _similar_names(self, phrase):
        field = self.trigram_field
        if len(phrase) < 3:
            return self.none()
        return (
            self.filter(**{f"{field}__trigram_word_similar": phrase})
            .annotate(rank=TrigramWordSimilarity(phrase, field))
            .filter(rank__gte=TRIGRAM_THRESHOLD)
            .order_by("-rank", field, "pk")
        )
