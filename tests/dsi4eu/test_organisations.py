"""`manage.py import_dsi4eu --organisations FILE`: the real 2017 export, then every odd case."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django_countries import countries
from taggit.models import Tag

from core.models import ModerationStatus, NetworkTag
from dsi4eu import importer, readers
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    OrganisationType,
    TopicTaggedOrganisation,
)
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EXPORT = Path(settings.BASE_DIR).parent / "shared/data/dsi4eu-2017/organisations.json"
needs_export = pytest.mark.skipif(
    not EXPORT.exists(), reason=f"the DSI4EU 2017 export is not at {EXPORT}"
)

SCRIPT = "<script>alert(1)</script>"
ONERROR = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(1)"


def run(path):
    out = io.StringIO()
    call_command("import_dsi4eu", organisations=str(path), stdout=out)
    return out.getvalue()


def write(tmp_path, rows, name="organisations.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def row(legacy_id, name, **values):
    """A row as the export writes it, every field present and empty unless given."""
    base = {
        "organisation_id": legacy_id,
        "organisation_name": name,
        "website": "",
        "short_description": "",
        "long_description": "",
        "country": "",
        "region": "",
        "latitude": "",
        "longitude": "",
        "address": "",
        "organisation_type": "",
        "organisation_size": "",
        "startDate": "",
        "linked_project_ids": [],
        "tags": [],
        "networkTags": [],
        "created": "1970-01-01",
    }
    return base | values


def snapshot():
    """Everything an import writes, to show that a run changed nothing."""
    return (
        sorted(Organisation.objects.values_list("pk", "slug", "updated_at")),
        sorted(TopicTaggedOrganisation.objects.values_list("pk", "content_object_id", "tag_id")),
        sorted(NetworkTaggedOrganisation.objects.values_list("pk", "content_object_id", "tag_id")),
        Tag.objects.count(),
        NetworkTag.objects.count(),
    )


# --- The real export ------------------------------------------------------------------------------


@needs_export
def test_real_export_imports_every_organisation_and_a_second_run_changes_nothing():
    first = run(EXPORT)
    assert Organisation.objects.count() == 1219
    # The essay mills, SEO adverts, clinics and test rows wait for review (curation/spam.py).
    assert Organisation.objects.published().count() == 1219 - 9
    assert Organisation.objects.exclude(flagged_reason="").count() == 9
    assert "set aside for review as likely spam: 9" in first
    assert "created: 1,219" in first
    assert "skipped: 0" in first
    before = snapshot()

    second = run(EXPORT)
    assert "created: 0" in second
    assert "updated: 0" in second
    assert "unchanged: 1,219" in second
    assert snapshot() == before


@needs_export
def test_real_export_rows_are_mapped():
    run(EXPORT)
    farnworth = Organisation.objects.get(legacy_id=336)  # #3DPM (#3DPrinting Network Manchester)
    assert farnworth.country.code == "GB"
    assert farnworth.region == "Bolton"
    assert farnworth.latitude == Decimal("53.577694")
    assert farnworth.longitude == Decimal("-2.428887")
    assert farnworth.address == "The Indoor Market, King Street, Farnworth,\nBL4 7AZ"
    assert farnworth.organisation_type == OrganisationType.GRASSROOTS
    assert farnworth.size == "0-5"

    # "Government/Public Sector" in the export, 74 times.
    government = Organisation.objects.filter(organisation_type=OrganisationType.GOVERNMENT)
    assert government.count() == 74
    assert Organisation.objects.filter(country="").count() == 139
    assert Organisation.objects.filter(country="XK").count() == 1  # COUNTRIES_OVERRIDE
    assert Organisation.objects.filter(latitude__isnull=True).count() == 139  # ""

    one_million = Organisation.objects.get(legacy_id=1179)
    assert set(one_million.tags.names()) >= {"photography", "social innovation"}
    assert one_million.website == "http://www.1million1love.org"
    assert one_million.start_date == datetime.date(2016, 1, 1)
    assert Organisation.objects.get(legacy_id=877).latitude == Decimal("54")  # an int

    assert Organisation.objects.filter(networks__name="FabLab Network").count() == 37
    assert Organisation.objects.filter(country="KR").count() == 4  # "Korea, Republic of"
    assert Organisation.objects.filter(country="US").count() == 21  # "United States"

    # Names that occur twice both import, under different slugs.
    catania = Organisation.objects.filter(name="Fablab Catania")
    assert catania.count() == 2
    assert len(set(catania.values_list("slug", flat=True))) == 2
    assert Organisation.objects.get(legacy_id=113).name == "Fablab Catania"

    # Long summaries are cut to 140 characters, the whole text kept in the description.
    alfab = Organisation.objects.get(legacy_id=1188)
    assert len(alfab.short_description) <= 140
    assert alfab.short_description.endswith("…")
    assert "Fablab Catania holds 2 patents" in alfab.description
    assert Organisation.objects.get(name="D&co").name == "D&co"  # entities are not left behind


@needs_export
def test_every_country_of_the_real_export_is_recognised():
    rows = json.loads(EXPORT.read_text(encoding="utf-8"))
    names = {r["country"] for r in rows} - {""}
    unknown = {name for name in names if not readers.country_code(name)}
    assert unknown == ({"Kosovo"} if "XK" not in countries else set())


# --- Both shapes of the export --------------------------------------------------------------------


def test_values_may_be_id_name_objects(tmp_path):
    path = write(
        tmp_path,
        [
            row(
                {"id": 7, "name": "x"},
                {"id": 1, "name": "Polifactory"},
                country={"id": 105, "name": "Italy"},
                organisation_type={"id": 3, "name": "Academia/Research organisation"},
                organisation_size={"id": 2, "name": "11-25 people"},
                tags=[{"id": 1, "name": "makerspace"}, "fablab", {"id": 3, "name": " "}],
                networkTags=[{"id": 9, "name": "FabLab Network"}],
                linked_project_ids=[{"id": 5, "name": "Some project"}],
            ),
            row("8", "Plain", country="Italy", tags=["makerspace"], networkTags="FabLab Network"),
        ],
    )
    out = run(path)
    assert "created: 2" in out
    polifactory = Organisation.objects.get(legacy_id=7)
    assert polifactory.name == "Polifactory"
    assert polifactory.country.code == "IT"
    assert polifactory.organisation_type == OrganisationType.ACADEMIA
    assert polifactory.size == "11-25"
    assert sorted(polifactory.tags.names()) == ["fablab", "makerspace"]
    assert list(polifactory.networks.names()) == ["FabLab Network"]
    plain = Organisation.objects.get(legacy_id=8)
    assert list(plain.networks.names()) == ["FabLab Network"]
    assert Tag.objects.filter(name="makerspace").count() == 1


def test_value_helpers():
    assert readers.name_of({"id": 1, "name": "Italy"}) == "Italy"
    assert readers.name_of("Italy") == "Italy"
    assert readers.name_of(None) == ""
    assert readers.names_of([{"id": 1, "name": "a"}, "b", "", None]) == ["a", "b"]
    assert readers.id_of({"id": "12", "name": "x"}) == 12
    assert readers.id_of(" 12 ") == 12
    assert readers.id_of("twelve") is None
    assert readers.id_of(True) is None
    assert readers.ids_of(["345", 12, {"id": 7}, "x"]) == [345, 12, 7]


def test_tag_names_are_trimmed_capped_and_unique(tmp_path):
    long_name = "word " * 30
    path = write(
        tmp_path,
        [row(1, "Tagged", tags=["  open data ", "", "Open Data", long_name, f"fab {SCRIPT}"])],
    )
    run(path)
    names = sorted(Organisation.objects.get(legacy_id=1).tags.names())
    assert names == ["fab", "open data", long_name.strip()[:100].strip()]
    assert all(len(name) <= 100 for name in names)


# --- Bad rows -------------------------------------------------------------------------------------


def test_bad_rows_are_skipped_with_their_reasons(tmp_path):
    path = write(
        tmp_path,
        [
            row(1, "Good one"),
            ["not", "an", "object"],
            row(None, "No id"),
            row(3, ""),
            row(4, SCRIPT),  # nothing left of the name once the markup is gone
            row("abc", "Bad id"),
            row(-3, "Negative id"),
            row(1, "Same id again"),
            None,
            row(5, "Good two"),
        ],
    )
    out = run(path)
    assert set(Organisation.objects.values_list("legacy_id", flat=True)) == {1, 5}
    assert Organisation.objects.get(legacy_id=1).name == "Good one"
    assert "created: 2" in out
    assert "skipped: 8" in out
    assert "row 2: not an object but list" in out
    assert "row 3: no organisation_id" in out
    assert "row 4 (organisation_id 3): no organisation_name" in out
    assert "row 5 (organisation_id 4): no organisation_name" in out
    assert "row 6: bad id 'abc'" in out
    assert "row 7: bad id -3" in out
    assert "row 8 (organisation_id 1): organisation_id repeated (first seen at row 1)" in out
    assert "row 9: not an object but NoneType" in out


def test_a_database_error_skips_only_its_row(tmp_path, monkeypatch):
    """The failing row is rolled back to its savepoint, with the tag it made."""
    save = Organisation.save

    def failing_save(self, *args, **kwargs):
        save(self, *args, **kwargs)
        if self.name == "Breaks":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(Organisation, "save", failing_save)
    path = write(
        tmp_path,
        [
            row(1, "Before", tags=["old tag"]),
            row(2, "Breaks", tags=["new tag"], networkTags=["New network"]),
            row(3, "After", tags=["new tag"], networkTags=["New network"]),
        ],
    )
    out = run(path)
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["After", "Before"]
    assert "created: 2" in out
    assert "row 2 (organisation_id 2): DataError: division by zero" in out
    after = Organisation.objects.get(legacy_id=3)
    assert list(after.tags.names()) == ["new tag"]
    assert list(after.networks.names()) == ["New network"]


# --- Script never stored --------------------------------------------------------------------------


def test_script_is_stripped_from_every_text(tmp_path):
    path = write(
        tmp_path,
        [
            row(
                1,
                f"Evil {SCRIPT} & Co",
                short_description=f'Summary {ONERROR} x" onerror="alert(1)',
                long_description=(
                    f"<p>Fine</p>{SCRIPT}<a href='{JS_URL}'>link</a>{ONERROR}"
                    "<a href='https://example.org/'>ok</a> javascript:alert(2)"
                ),
                region=f"&lt;script&gt;alert(1)&lt;/script&gt;Milan {JS_URL}",
                address=f"<b onmouseover=alert(1)>Via Roma 1</b>\n{ONERROR}20100 Milano",
                website=JS_URL,
                tags=[f"tag {SCRIPT}", "onerror=alert(1)"],
                networkTags=[f"net {ONERROR}"],
            )
        ],
    )
    run(path)
    evil = Organisation.objects.get(legacy_id=1)
    texts = [
        evil.name,
        evil.short_description,
        evil.description,
        evil.region,
        evil.address,
        evil.website,
        *evil.tags.names(),
        *evil.networks.names(),
    ]
    for text in texts:
        lowered = text.lower()
        assert "<script" not in lowered, text
        assert "onerror=" not in lowered, text
        assert "onmouseover" not in lowered, text
        assert "javascript:" not in lowered, text
    assert evil.name == "Evil & Co"
    assert evil.website == ""
    assert "<p>Fine</p>" in evil.description
    assert 'href="https://example.org/"' in evil.description
    assert evil.address == "Via Roma 1\n20100 Milano"
    assert evil.region.startswith("Milan")


def test_control_characters_are_dropped(tmp_path):
    """PostgreSQL refuses NUL in text: the row imports without it."""
    path = write(tmp_path, [row(1, "Nul\x00 byte", long_description="a\x00b", tags=["t\x00ag"])])
    run(path)
    organisation = Organisation.objects.get(legacy_id=1)
    assert organisation.name == "Nul byte"
    assert organisation.description == "<p>ab</p>"
    assert list(organisation.tags.names()) == ["tag"]


# --- Single values --------------------------------------------------------------------------------


def test_overlong_short_description_is_cut_and_kept(tmp_path):
    summary = " ".join(f"word{i}" for i in range(80))  # about 480 characters
    path = write(
        tmp_path,
        [
            row(1, "No description", short_description=summary),
            row(2, "Other description", short_description=summary, long_description="Other."),
            row(3, "Says it already", short_description=summary, long_description=summary),
        ],
    )
    run(path)
    for organisation in Organisation.objects.all():
        short = organisation.short_description
        assert len(short) <= 140
        assert short.endswith("…")
        assert summary.startswith(short.removesuffix("…"))
        assert summary[len(short) - 1] == " "  # cut between words
        assert summary in organisation.description
    assert "<p>Other.</p>" in Organisation.objects.get(legacy_id=2).description
    assert Organisation.objects.get(legacy_id=3).description.count("word79") == 1


def test_truncate():
    assert readers.truncate("short", 140) == "short"
    assert readers.truncate("one two three", 10) == "one two…"
    assert readers.truncate("one two, three", 10) == "one two…"
    assert readers.truncate("abcdefghijklmnop", 10) == "abcdefghi…"


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (45.503549, 9.155945, (Decimal("45.503549"), Decimal("9.155945"))),
        ("45.503549", "9.155945", (Decimal("45.503549"), Decimal("9.155945"))),
        (54, -72, (Decimal("54"), Decimal("-72"))),
        (" -33.9 ", "18.4", (Decimal("-33.9"), Decimal("18.4"))),
        ("", "", (None, None)),
        (None, None, (None, None)),
        ("abc", "9.1", (None, None)),
        (95, 9.1, (None, None)),
        (45.5, -181, (None, None)),
        ("NaN", "Infinity", (None, None)),
        (True, 9.1, (None, None)),
        (45.5, "", (None, None)),  # half a position places nothing
    ],
)
def test_coordinates(tmp_path, latitude, longitude, expected):
    run(write(tmp_path, [row(1, "Somewhere", latitude=latitude, longitude=longitude)]))
    organisation = Organisation.objects.get(legacy_id=1)
    assert (organisation.latitude, organisation.longitude) == expected


def test_countries_types_sizes_and_dates(tmp_path):
    path = write(
        tmp_path,
        [
            row(1, "A", country="Atlantis", organisation_type="Government/Public Sector"),
            row(2, "B", country="Korea, Republic of", organisation_size="over-1000 people"),
            row(
                3, "C", country="Macedonia, the former Yugoslav Republic of", startDate="2016-10-03"
            ),
            row(4, "D", country="Czech Republic", startDate="1970-01-01"),
            row(5, "E", country="Cote d'Ivoire", organisation_type="Club", startDate="2016-02-30"),
            row(6, "F", country="Moldova, Republic of", organisation_size="huge"),
            row(7, "G", country="Russian Federation"),
            row(8, "H", country="United States"),
            row(9, "I", country="Turkey"),
            row(10, "J", country="Kosovo"),
        ],
    )
    out = run(path)
    assert "created: 10" in out
    found = {o.legacy_id: o for o in Organisation.objects.all()}
    codes = {legacy_id: o.country.code for legacy_id, o in found.items()}
    assert codes == {
        1: "",
        2: "KR",
        3: "MK",
        4: "CZ",
        5: "CI",
        6: "MD",
        7: "RU",
        8: "US",
        9: "TR",
        10: "XK" if "XK" in countries else "",
    }
    assert found[1].organisation_type == OrganisationType.GOVERNMENT
    assert found[2].size == "over-1000"
    assert found[5].organisation_type == ""
    assert found[6].size == ""
    assert found[3].start_date == datetime.date(2016, 10, 3)
    assert found[4].start_date is None
    assert found[5].start_date is None
    assert "country 'Atlantis': 1" in out
    assert "organisation type 'Club': 1" in out
    assert "size 'huge': 1" in out


@pytest.fixture
def kosovo_known():
    with override_settings(COUNTRIES_OVERRIDE={"XK": "Kosovo"}):
        del countries.countries  # django-countries caches its list
        yield
    del countries.countries


def test_kosovo_is_used_where_django_countries_knows_it(kosovo_known):
    assert readers.country_code("Kosovo") == "XK"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://www.polifactory.polimi.it/", "https://www.polifactory.polimi.it/"),
        ("http://example.org", "http://example.org"),
        ("www.example.org", "http://www.example.org"),
        ("example.org/about", "http://example.org/about"),
        (JS_URL, ""),
        ("JavaScript:alert(1)", ""),
        ("garbage", ""),
        ("http://exa mple.org", ""),
        ("mailto:someone@example.org", ""),
        ("ftp://example.org", ""),
    ],
)
def test_websites(given, stored):
    assert readers.website(given, Organisation._meta.get_field("website")) == stored


# --- Runs over rows already there -----------------------------------------------------------------


def test_changed_rows_are_updated_in_place(tmp_path):
    rows = [
        row(1, "Old name", country="Italy", tags=["a", "b"], networkTags=["Net"]),
        row(2, "Stays", country="Spain"),
    ]
    run(write(tmp_path, rows))
    first = Organisation.objects.get(legacy_id=1)
    stays = Organisation.objects.get(legacy_id=2)

    rows[0] |= {"organisation_name": "New name", "country": "France", "tags": ["b", "c"]}
    out = run(write(tmp_path, rows))
    assert "created: 0" in out
    assert "updated: 1" in out
    assert "unchanged: 1" in out
    again = Organisation.objects.get(legacy_id=1)
    assert (again.pk, again.slug) == (first.pk, first.slug)  # the address stays the same
    assert again.name == "New name"
    assert again.country.code == "FR"
    assert sorted(again.tags.names()) == ["b", "c"]
    assert again.updated_at > first.updated_at
    assert Organisation.objects.get(legacy_id=2).updated_at == stays.updated_at


def test_imported_rows_are_published_and_slugs_stay_unique(tmp_path):
    OrganisationFactory(name="Fablab Palermo", slug="fablab-palermo", legacy_id=None)
    path = write(tmp_path, [row(1, "Fablab Palermo"), row(2, "FabLab Palermo")])
    run(path)
    imported = Organisation.objects.filter(legacy_id__isnull=False)
    assert set(imported.values_list("status", flat=True)) == {ModerationStatus.PUBLISHED}
    assert sorted(imported.values_list("slug", flat=True)) == [
        "fablab-palermo-2",
        "fablab-palermo-3",
    ]


def test_progress_and_summary(tmp_path):
    out = run(write(tmp_path, [row(i, f"Organisation {i}") for i in range(1, 4)]))
    assert "organisations: 3/3" in out
    assert "organisations: 3 rows of organisations.json in" in out
    for line in ("created: 3", "updated: 0", "unchanged: 0", "skipped: 0"):
        assert line in out


# --- Files that cannot be read --------------------------------------------------------------------


def test_a_file_that_is_not_json_is_a_command_error(tmp_path):
    path = tmp_path / "organisations.json"
    path.write_text("<html>Not found</html>", encoding="utf-8")
    with pytest.raises(CommandError, match="is not a JSON file"):
        run(path)
    assert not Organisation.objects.exists()


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.json")


def test_json_that_is_not_a_list_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="not a list of rows"):
        run(write(tmp_path, {"organisation_id": 1}))


def test_nothing_to_import_is_a_command_error():
    with pytest.raises(CommandError, match="Nothing to import"):
        call_command("import_dsi4eu", stdout=io.StringIO())


def test_places_are_tidied_on_import_and_a_second_run_changes_nothing():
    rows = [
        row(1, "Roman Lab", region="ROME", address="Pujades 102, 8005#sthash.uEWqIjJs.dpuf"),
        row(2, "Gent Lab", region="gent", short_description="Makers#sthash.abc123.dpuf"),
    ]
    result = importer.import_organisations(rows)
    assert result.created == 2
    rome, gent = Organisation.objects.order_by("legacy_id")
    assert (rome.region, rome.address) == ("Rome", "Pujades 102, 8005")
    assert (gent.region, gent.short_description) == ("Gent", "Makers")
    assert importer.import_organisations(rows).unchanged == 2
