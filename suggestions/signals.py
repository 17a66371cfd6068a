# ruff: noqa: S608 - table and column names come from the models, values are parameters
"""The SQL of "organisations like this one" and "projects like this one": one query per page,
every signal bounded so that it costs the same at 100,000 rows as at 1,000.

Each signal is a common table expression giving candidate ids with what they share; the last
part scores the candidates in the issue's order of weight (shared projects or organisations,
partners of partners, networks, topic tags, vocabularies, city, country, likeness of text),
drops unpublished rows, the record itself and names it already has, keeps the better-filled of
rows with the same name, and returns the six best with the columns a card shows.

Table and column names come from the models (never from input); values are parameters.
"""

from dataclasses import dataclass

# (Each LATERAL lookup below has a LIMIT, so that PostgreSQL keeps it an index lookup per row
# instead of flattening it into a hash join over a whole table.)
# Rows read per shared tag, network or vocabulary entry: a tag that thousands of records share
# says little, and reading all of them would make the profile cost grow with the directory.
PER_LINK = 60
# Vocabularies are few and broad (four DSI focus areas cover every project): fewer rows each.
VOCABULARY_ENTRIES = 8
PER_VOCABULARY_ENTRY = 30
# Candidates taken from the same city, the same country and from likeness of text.
PER_PLACE = 30
# Words of the record's own text that make its "more like this" query.
LIKENESS_WORDS = 12
SHOWN = 6

# The order of weight: one signal of a kind outweighs any number of the kinds below it (up to
# the caps), so a partner always comes before a record that only shares tags.
WEIGHTS = {
    "shared": 100_000,
    "partners_of_partners": 20_000,
    "networks": 2_000,
    "tags": 200,
    "vocabularies": 20,
    "city": 8,
    "country": 4,
    "likeness": 3,  # ts_rank, between 0 and 1
}
CAPS = {"partners_of_partners": 4, "networks": 9, "tags": 9, "vocabularies": 9}


@dataclass(frozen=True)
class TagLink:
    """A link table from records to names: link.column → record, link.tag → name.id."""

    table: str
    record: str
    tag: str
    names: str


@dataclass(frozen=True)
class VocabularyLink:
    kind: str  # what the reason calls it: "focus", "impact", "technology"
    table: str
    project: str
    entry: str
    names: str


@dataclass(frozen=True)
class Tables:
    record: str  # the table of the records suggested (organisations or projects)
    organisation: str  # organisations_organisation
    project: str  # projects_project
    membership: str  # projects_project_organisations
    membership_project: str  # its column naming the project
    membership_organisation: str
    networks: TagLink
    tags: TagLink
    vocabularies: tuple  # of VocabularyLink


def _tag_signal(name, link, me="%(me)s"):
    """Records sharing the record's tags (or networks), at most PER_LINK read per tag."""
    return f"""
    {name} AS (
        SELECT other.id, count(*) AS n, array_agg(t.name ORDER BY t.name) AS names
          FROM {link.table} mine
          JOIN {link.names} t ON t.id = mine.{link.tag}
          CROSS JOIN LATERAL (
                SELECT o.{link.record} AS id FROM {link.table} o
                 WHERE o.{link.tag} = mine.{link.tag} AND o.{link.record} <> {me}
                 LIMIT {PER_LINK}
          ) other
         WHERE mine.{link.record} = {me}
         GROUP BY other.id
    )"""


def _place_and_text_signals(t):
    return f"""
    same_city AS (
        SELECT o.id FROM {t.record} o, me
         WHERE me.city <> '' AND o.status = 'published' AND o.country = me.country
           AND lower(btrim(o.region)) = me.city AND o.id <> me.id
         LIMIT {PER_PLACE}
    ),
    same_country AS (
        SELECT o.id FROM {t.record} o, me
         WHERE me.country <> '' AND o.status = 'published' AND o.country = me.country
           AND o.id <> me.id
         LIMIT {PER_PLACE}
    ),
    words AS (
        SELECT w.lexeme FROM me, unnest(me.search_vector) w
         WHERE length(w.lexeme) >= 5
         ORDER BY cardinality(w.positions) DESC, length(w.lexeme) DESC, w.lexeme
         LIMIT {LIKENESS_WORDS}
    ),
    -- (MATERIALIZED: built once, not again for every candidate it ranks)
    likeness_query AS MATERIALIZED (
        SELECT to_tsquery('simple', string_agg(quote_literal(lexeme), ' | ')) AS q FROM words
    )"""


def _vocabulary_signal(t, my_projects, project_of, exclude):
    """Records whose projects share the DSI focus, areas of impact or technologies of
    `my_projects` (a subquery of project ids): at most PER_LINK projects read per entry.
    `project_of(alias)` maps a project id column to the record ids it stands for."""
    mine = " UNION ALL ".join(
        f"SELECT '{v.kind}' AS kind, l.{v.entry} AS entry, n.name, '{v.table}' AS via "
        f"FROM {v.table} l JOIN {v.names} n ON n.id = l.{v.entry} "
        f"WHERE l.{v.project} IN ({my_projects})"
        for v in t.vocabularies
    )
    # The entries most of its projects have, each read at most PER_VOCABULARY_ENTRY times.
    mine = (
        f"SELECT kind, entry, name, via FROM ({mine}) m GROUP BY kind, entry, name, via "
        f"ORDER BY count(*) DESC, kind, name LIMIT {VOCABULARY_ENTRIES}"
    )
    others = " UNION ALL ".join(
        f"""SELECT mv.kind, mv.name, other.project_id FROM my_vocabulary mv
             CROSS JOIN LATERAL (
                   SELECT l.{v.project} AS project_id FROM {v.table} l
                    WHERE mv.via = '{v.table}' AND l.{v.entry} = mv.entry
                      AND l.{v.project} NOT IN ({my_projects})
                    LIMIT {PER_VOCABULARY_ENTRY}
             ) other"""
        for v in t.vocabularies
    )
    return f"""
    my_vocabulary AS ({mine}),
    vocabularies AS (
        SELECT id, count(*) AS n, array_agg(entry ORDER BY entry) AS names FROM (
            SELECT DISTINCT r.id, x.kind || ':' || x.name AS entry
              FROM ({others}) x
              CROSS JOIN LATERAL (
                    SELECT 1 FROM {t.project} p
                     WHERE p.id = x.project_id AND p.status = 'published' LIMIT 1
              ) published
              {project_of("x.project_id")}
             WHERE r.id <> {exclude}
        ) d GROUP BY id
    )"""


def _ranking(t, signals, filled):
    """Score the union of every signal's candidates and keep the best SHOWN. What each
    candidate shares is gathered first (small CTEs, joined by hash); only then is each
    candidate's row read, by its primary key."""
    w, caps = WEIGHTS, CAPS
    joins = "\n".join(f"LEFT JOIN {s} ON {s}.id = c.id" for s in signals)
    union = " UNION ".join(f"SELECT id FROM {s}" for s in [*signals, "same_city", "same_country"])
    score = " + ".join(
        [
            f"{w['shared']} * s.shared_n",
            *(f"{w[x]} * least(s.{x}_n, {caps[x]})" for x in signals if x != "shared"),
            f"{w['city']} * (s.in_city OR (me.city <> '' AND o.country = me.country "
            f"AND lower(btrim(o.region)) = me.city))::int",
            f"{w['country']} * (me.country <> '' AND o.country = me.country)::int",
            f"{w['likeness']} * least({LIKENESS}, 1)",
        ]
    )
    shared = ", ".join(
        [
            *(f"s.{x}_n" for x in signals),
            *(f"s.{x}_names" for x in signals if x in NAMED),
        ]
    )
    return f"""
    candidates AS ({union}),
    shares AS MATERIALIZED (
        SELECT c.id,
               {", ".join(f"coalesce({x}.n, 0) AS {x}_n" for x in signals)},
               {", ".join(f"{x}.names AS {x}_names" for x in signals if x in NAMED)},
               sc.id IS NOT NULL AS in_city
          FROM candidates c
          {joins}
          LEFT JOIN same_city sc ON sc.id = c.id
    ),
    scored AS (
        SELECT o.id, o.slug, o.name, o.short_description, o.country, o.region, {shared},
               (me.city <> '' AND o.country = me.country AND lower(btrim(o.region)) = me.city)
                   AS same_city,
               (me.country <> '' AND o.country = me.country) AS same_country,
               {LIKENESS} AS likeness,
               {score} AS score,
               {filled} AS filled
          FROM shares s
          CROSS JOIN me
          CROSS JOIN likeness_query lq
          CROSS JOIN LATERAL (SELECT * FROM {t.record} r WHERE r.id = s.id LIMIT 1) o
         WHERE o.status = 'published' AND o.id <> me.id AND lower(btrim(o.name)) <> me.name
    ),
    one_per_name AS (
        SELECT DISTINCT ON (lower(btrim(name))) * FROM scored
         ORDER BY lower(btrim(name)), filled DESC, score DESC, id
    )
    SELECT * FROM one_per_name ORDER BY score DESC, filled DESC, name, id LIMIT {SHOWN}"""


NAMED = {"networks", "tags", "vocabularies"}
# How alike a candidate's text is (ts_rank over the stored search vectors): ranked among the
# candidates only, never searched for across the table (a GIN scan of common words reads most
# of it).
LIKENESS = "coalesce(ts_rank(o.search_vector, lq.q), 0)"


def _filled(alias="o", extra=""):
    """How well filled a row is, to choose between two rows of the same name."""
    return (
        f"(length({alias}.description) / 100 + (length({alias}.short_description) > 0)::int * 5"
        f" + ({alias}.logo <> '')::int * 5 + ({alias}.website <> '')::int * 3"
        f" + ({alias}.country <> '')::int * 2 + ({alias}.region <> '')::int{extra})"
    )


def _me(t):
    return f"""
    me AS (
        SELECT id, lower(btrim(name)) AS name, country, lower(btrim(region)) AS city,
               search_vector
          FROM {t.record} WHERE id = %(me)s
    )"""


def organisations_sql(t):
    """Organisations like %(me)s (an organisation id)."""
    m, mp, mo = t.membership, t.membership_project, t.membership_organisation
    my_projects = (
        f"SELECT l.{mp} FROM {m} l JOIN {t.project} p ON p.id = l.{mp} "
        f"AND p.status = 'published' WHERE l.{mo} = %(me)s"
    )
    signals = ["shared", "partners_of_partners", "networks", "tags", "vocabularies"]
    return f"""
    WITH {_me(t)},
    my_projects AS ({my_projects}),
    shared AS (
        SELECT l.{mo} AS id, count(DISTINCT l.{mp}) AS n FROM {m} l
         WHERE l.{mp} IN (SELECT * FROM my_projects) AND l.{mo} <> %(me)s
         GROUP BY l.{mo}
    ),
    partners_of_partners AS (
        SELECT theirs.{mo} AS id, count(DISTINCT partner.{mo}) AS n
          FROM {m} partner
          JOIN {t.project} p ON p.id = partner.{mp} AND p.status = 'published'
          JOIN {m} theirs ON theirs.{mp} = partner.{mp}
         WHERE partner.{mo} IN (SELECT id FROM shared)
           AND partner.{mp} NOT IN (SELECT * FROM my_projects)
           AND theirs.{mo} <> %(me)s AND theirs.{mo} NOT IN (SELECT id FROM shared)
         GROUP BY theirs.{mo}
    ),
    {_tag_signal("networks", t.networks)},
    {_tag_signal("tags", t.tags)},
    {
        _vocabulary_signal(
            t,
            "SELECT * FROM my_projects",
            lambda project: (
                f"CROSS JOIN LATERAL (SELECT r0.{mo} AS id FROM {m} r0 "
                f"WHERE r0.{mp} = {project} LIMIT {PER_LINK}) r"
            ),
            "%(me)s",
        )
    },
    {_place_and_text_signals(t)},
    {_ranking(t, signals, _filled())}
    """


def projects_sql(t):
    """Projects like %(me)s (a project id): signals as for organisations, with the
    organisations they share in place of shared projects (and no partners of partners)."""
    m, mp, mo = t.membership, t.membership_project, t.membership_organisation
    signals = ["shared", "networks", "tags", "vocabularies"]
    return f"""
    WITH {_me(t)},
    shared AS (
        SELECT theirs.{mp} AS id, count(DISTINCT theirs.{mo}) AS n
          FROM {m} mine
          JOIN {t.organisation} org ON org.id = mine.{mo} AND org.status = 'published'
          JOIN {m} theirs ON theirs.{mo} = mine.{mo}
         WHERE mine.{mp} = %(me)s AND theirs.{mp} <> %(me)s
         GROUP BY theirs.{mp}
    ),
    {_tag_signal("networks", t.networks)},
    {_tag_signal("tags", t.tags)},
    {
        _vocabulary_signal(
            t,
            "SELECT %(me)s",
            lambda project: f"CROSS JOIN LATERAL (SELECT {project} AS id) r",
            "%(me)s",
        )
    },
    {_place_and_text_signals(t)},
    {_ranking(t, signals, _filled())}
    """
