import pytest

from projects import vocabularies
from projects.models import AreaOfImpact, DsiFocus, Technology

pytestmark = pytest.mark.django_db


def test_focus_areas_are_seeded_in_order_with_descriptions():
    rows = list(DsiFocus.objects.values_list("name", "slug", "description"))
    assert [name for name, _, _ in rows] == [
        "Open hardware",
        "Open networks",
        "Open data",
        "Open knowledge",
    ]
    assert {n: d for n, _, d in rows}["Open data"] == (
        "Capturing, sharing, analysing and using open data to tackle social challenges"
    )
    assert all(d.endswith("to tackle social challenges") for _, _, d in rows)
    assert [slug for _, slug, _ in rows] == [
        "open-hardware",
        "open-networks",
        "open-data",
        "open-knowledge",
    ]


def test_areas_of_impact_are_seeded_in_order():
    assert list(AreaOfImpact.objects.values_list("name", flat=True)) == [
        "Health and care",
        "Skills and learning",
        "Food, environment and climate change",
        "Migration and integration",
        "Digital democracy",
        "Cities and urban development",
        "Work and employment",
        "Culture and arts",
        "Science",
        "Finance and economy",
    ]


def test_technologies_are_seeded_in_order():
    names = list(Technology.objects.values_list("name", flat=True))
    assert len(names) == 18
    assert names == vocabularies.TECHNOLOGIES
    assert names[0] == "Social networks and social media"
    assert names[13] == "AI and machine learning"
    assert names[-1] == "VR and AR"


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("area_of_impact", "Health and wellbeing", "Health and care"),
        ("area_of_impact", "Education and skills", "Skills and learning"),
        ("area_of_impact", "Energy and environment", "Food, environment and climate change"),
        ("area_of_impact", "Participation and democracy", "Digital democracy"),
        ("area_of_impact", "Neighbourhood regeneration", "Cities and urban development"),
        ("area_of_impact", "Science", "Science"),
        ("area_of_impact", "  culture  and ARTS ", "Culture and arts"),
        ("area_of_impact", "citizen science", None),
        ("technology", "Artificial intelligence and machine learning", "AI and machine learning"),
        ("technology", "big data", "Big data"),
        ("technology", "open data", "Open data"),
        ("technology", "sensors and internet of things", "Sensors and internet of things"),
        ("technology", "Education and skills", None),
        ("technology", "21", None),
        ("focus", "Open knowledge", "Open knowledge"),
        ("focus", "", None),
        ("focus", None, None),
    ],
)
def test_older_and_differently_written_names_map_to_todays(kind, name, expected):
    assert vocabularies.canonical(kind, name) == expected


def test_the_module_agrees_with_the_seeded_tables():
    assert [n for n, _ in vocabularies.DSI_FOCUS] == list(
        DsiFocus.objects.values_list("name", flat=True)
    )
    areas = list(AreaOfImpact.objects.values_list("name", flat=True))
    assert areas == vocabularies.AREAS_OF_IMPACT
    assert set(vocabularies.OLDER_AREAS_OF_IMPACT.values()) <= set(vocabularies.AREAS_OF_IMPACT)
