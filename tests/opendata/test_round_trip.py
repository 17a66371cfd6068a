"""The round trip: the real DSI4EU 2017 export imported, exported again as JSON, and that export fed
to `import_dsi4eu` on an empty directory rebuilds the same organisations, projects and links."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from core.models import NetworkTag
from organisations.models import Organisation
from projects.models import Project

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR).parent / "shared/data/dsi4eu-2017"
needs_export = pytest.mark.skipif(
    not (DATA / "organisations.json").exists(), reason=f"the DSI4EU 2017 export is not at {DATA}"
)

ORGANISATION_FIELDS = [
    "name", "short_description", "description", "website", "country", "region", "latitude",
    "longitude", "address", "organisation_type", "size", "start_date",
]  # fmt: skip
PROJECT_FIELDS = [
    "name", "short_description", "description", "social_impact", "website", "state",
    "start_date", "end_date", "country", "region", "latitude", "longitude",
]  # fmt: skip


def import_files(organisations, projects):
    call_command(
        "import_dsi4eu",
        organisations=str(organisations),
        projects=str(projects),
        stdout=io.StringIO(),
    )


def directory():
    """Everything the export carries, by old id: fields, tags, networks, vocabularies, links."""
    organisations = {
        o.legacy_id: (
            tuple(str(getattr(o, f)) for f in ORGANISATION_FIELDS),
            tuple(sorted(t.name for t in o.tags.all())),
            tuple(sorted(n.name for n in o.networks.all())),
        )
        for o in Organisation.objects.prefetch_related("tags", "networks")
    }
    projects = {
        p.legacy_id: (
            tuple(str(getattr(p, f)) for f in PROJECT_FIELDS),
            tuple(sorted(t.name for t in p.tags.all())),
            tuple(sorted(x.name for x in p.focus.all())),
            tuple(sorted(x.name for x in p.areas_of_impact.all())),
            tuple(sorted(x.name for x in p.technologies.all())),
            tuple(sorted(o.legacy_id for o in p.organisations.all())),
        )
        for p in Project.objects.prefetch_related(
            "tags", "focus", "areas_of_impact", "technologies", "organisations"
        )
    }
    return organisations, projects


def export(client, dataset, tmp_path):
    response = client.get(reverse("opendata:export", kwargs={"dataset": dataset, "fmt": "json"}))
    path = tmp_path / f"{dataset}.json"
    path.write_bytes(b"".join(response.streaming_content))
    return path


@needs_export
def test_the_json_export_rebuilds_the_same_directory(client, tmp_path):
    import_files(DATA / "organisations.json", DATA / "projects.json")
    before = directory()
    assert len(before[0]) == 1219
    assert len(before[1]) == 812
    links = sum(len(p[5]) for p in before[1].values())
    assert links == 937

    organisations = export(client, "organisations", tmp_path)
    projects = export(client, "projects", tmp_path)
    assert len(json.loads(organisations.read_text())) == 1219

    Project.objects.all().delete()
    Organisation.objects.all().delete()
    Tag.objects.all().delete()
    NetworkTag.objects.all().delete()
    import_files(organisations, projects)

    after = directory()
    assert after[0].keys() == before[0].keys()
    assert after[1].keys() == before[1].keys()
    differ = {k: (before[0][k], after[0][k]) for k in before[0] if before[0][k] != after[0][k]}
    assert not differ, list(differ.items())[:3]
    differ = {k: (before[1][k], after[1][k]) for k in before[1] if before[1][k] != after[1][k]}
    assert not differ, list(differ.items())[:3]
