from celery import shared_task
from django.http import QueryDict

from atlas import network
from atlas.directory import KINDS


@shared_task
def lay_out_network(kind_name, data, everyone):
    """Lays out the network of these list filters and caches it (network.graph_for asks for it
    when a graph is too big to lay out in a request). A repeat only lays it out again."""
    kind = KINDS[kind_name]
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, values)
    filters = kind.filterset(query, queryset=kind.model.objects.published())
    return network.store_layout(kind, filters, everyone)
