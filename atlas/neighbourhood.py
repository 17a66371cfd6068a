"""The small network on a profile: an organisation, its projects and the partners who share
them; a project, its organisations and their other projects. Two hops at most, a bounded number
of nodes (the rest counted, "and N more"), laid out on the server like /network/ and cached
under the data versions. No query of its own: it is drawn from what the page has read.

(A draft profile, seen by its owner, shows its published neighbours: the pages read those.)"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

from atlas import network
from core.listing import cache_key
from core.versions import data_versions

# An organisation's profile: its projects with the most partners, and their partners sharing
# the most of them. A project's page: its organisations, and their other projects shared by
# the most of them.
MAX_PROJECTS = 12
MAX_PARTNERS = 24
MAX_ORGANISATIONS = 16
MAX_OTHER_PROJECTS = 24
SECONDS = 24 * 3600
# Part of the cache keys: raise it when Neighbourhood or the drawing change.
FORMAT = 1
VERSIONS = ("organisations", "projects")


@dataclass
class Neighbourhood:
    graph: network.Graph
    more_projects: int = 0  # not drawn
    more_organisations: int = 0

    @property
    def drawing(self):
        return self.graph.drawing


def _ranked(counts, names, limit):
    """The `limit` ids with the highest counts (then by name), and how many are left out."""
    order = sorted(counts, key=lambda pk: (-counts[pk], names[pk][1].lower(), pk))
    return order[:limit], max(0, len(order) - limit)


def _draw(organisations, projects, links, centre):
    graph = network.Graph(
        organisations=dict(sorted(organisations.items(), key=lambda item: item[1][1].lower())),
        projects=dict(sorted(projects.items(), key=lambda item: item[1][1].lower())),
        links=sorted(set(links)),
    )
    if graph.size >= 3:  # a centre and a single neighbour are no network to draw
        nodes, edges = graph.nodes_and_edges()
        graph.positions, graph.unit = network.layout.force_layout(nodes, edges)
        graph.drawing = network.drawing(graph, centre=centre, focusable=False)
    return graph


def build_for_organisation(organisation, projects, partners):
    """From what the profile has read already: its published projects, each with the ids of
    its published organisations (`organisation_ids`), and its partners."""
    pk = organisation.pk
    organisations = {pk: (organisation.slug, organisation.name)}
    organisations |= {partner.pk: (partner.slug, partner.name) for partner in partners}
    names = {project.pk: (project.slug, project.name) for project in projects}
    partners_of = {
        project.pk: {o for o in getattr(project, "organisation_ids", None) or () if o != pk}
        & organisations.keys()
        for project in projects
    }
    kept_projects, more_projects = _ranked(
        Counter({p: len(partners) for p, partners in partners_of.items()}), names, MAX_PROJECTS
    )
    shared = Counter(o for p in kept_projects for o in partners_of[p])
    kept_partners, _left = _ranked(shared, organisations, MAX_PARTNERS)
    kept = set(kept_partners)
    links = [(pk, p) for p in kept_projects] + [
        (o, p) for p in kept_projects for o in partners_of[p] if o in kept
    ]
    graph = _draw(
        {o: organisations[o] for o in [pk, *kept_partners]},
        {p: names[p] for p in kept_projects},
        links,
        centre=f"o{pk}",
    )
    return Neighbourhood(graph, more_projects, len(organisations) - 1 - len(kept))


def build_for_project(project, involved):
    """From what the project page has read already: its published organisations, each with
    its other published projects ([(organisation, [{"slug", "name"}])], at most
    projects.models.OTHER_PROJECTS each). Other projects are known by their slugs."""
    pk = project.slug  # projects are known by their slugs here
    organisations = {o.pk: (o.slug, o.name) for o, _others in involved}
    projects = {pk: (project.slug, project.name)}
    projects_of = defaultdict(set)
    for o, others in involved:
        for other in others:
            projects[other["slug"]] = (other["slug"], other["name"])
            projects_of[o.pk].add(other["slug"])
    kept_organisations, more_organisations = _ranked(
        Counter({o: len(projects_of[o]) for o in organisations}), organisations, MAX_ORGANISATIONS
    )
    shared = Counter(p for o in kept_organisations for p in projects_of[o])
    kept_projects, _left = _ranked(shared, projects, MAX_OTHER_PROJECTS)
    kept = set(kept_projects)
    links = [(o, pk) for o in kept_organisations] + [
        (o, p) for o in kept_organisations for p in projects_of[o] if p in kept
    ]
    graph = _draw(
        {o: organisations[o] for o in kept_organisations},
        {p: projects[p] for p in [pk, *kept_projects]},
        links,
        centre=f"p{pk}",
    )
    return Neighbourhood(graph, len(projects) - 1 - len(kept), more_organisations)


def neighbourhood(record, *related, request=None):
    """The record's (an organisation or a project) neighbourhood, laid out once per data
    version: build_for_organisation(record, *related) or build_for_project(record, *related)."""
    is_organisation = record._meta.model_name == "organisation"
    versions = data_versions(*VERSIONS, request=request)
    parts = ("neighbourhood", FORMAT, record._meta.label, record.pk, get_language(), versions)
    key = cache_key(*parts)
    found = cache.get(key)
    if found is None:
        build = build_for_organisation if is_organisation else build_for_project
        found = build(record, *related)
        cache.set(key, found, SECONDS)
    return found
