"""Demo organisations: Polifactory as digitalsocial.eu showed it, realistic neighbours, and bulk
rows for benchmarks. Used by `manage.py seed_demo`."""

import itertools
import random

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from core.models import ModerationStatus, NetworkTag
from organisations.models import (
    NetworkTaggedOrganisation,
    Organisation,
    OrganisationSize,
    OrganisationType,
    TopicTaggedOrganisation,
)

POLIFACTORY_DESCRIPTION = """\
Polifactory is the makerspace of Politecnico di Milano. The Department of Design opened it in \
2014 together with the Department of Mechanics and the Department of Electronics, Information \
and Bioengineering.

It is a place to study design and the new ways things get made: self-production and personal \
fabrication, open and distributed manufacturing, and small-scale manufacturing in the city. \
Polifactory works with public bodies and companies, from large firms to networks of small \
businesses and craftspeople.

Every year, open calls choose about 40 doctoral and graduating students in design, mechanics, \
electronics, computer science and bioengineering, who spend three months working in the space. \
Polifactory also runs hackathons, workshops, seminars and exhibitions.

The space covers 300 m² at the heart of the School of Design: a makerspace with a coworking \
area, linked to the School's Design Labs.
"""

# (name, summary, type, size, country, city, topic tags, networks)
REALISTIC = [
    (
        "Fab Lab Barcelona",
        "Digital fabrication lab at the Institute for Advanced Architecture of Catalonia.",
        "academia",
        "26-50",
        "ES",
        "Barcelona",
        ["digital fabrication", "fablab", "open hardware"],
        ["FabLab Network"],
    ),
    (
        "Waag Futurelab",
        "Research institute for technology and society in Amsterdam.",
        "non-profit",
        "51-100",
        "NL",
        "Amsterdam",
        ["open data", "citizen science", "makerspace"],
        ["FabLab Network"],
    ),
    (
        "Open Knowledge Foundation",
        "Working for a world where knowledge creates power for the many.",
        "non-profit",
        "11-25",
        "GB",
        "London",
        ["open data", "open knowledge", "transparency"],
        [],
    ),
    (
        "mySociety",
        "Building digital tools that help people be active citizens.",
        "non-profit",
        "26-50",
        "GB",
        "London",
        ["civic tech", "democracy", "open data"],
        [],
    ),
    (
        "Decidim Association",
        "Free software for participatory democracy, started by Barcelona City Council.",
        "grassroots",
        "6-10",
        "ES",
        "Barcelona",
        ["digital democracy", "participation", "open source"],
        [],
    ),
    (
        "Fab City Foundation",
        "Cities that produce locally and connect globally.",
        "non-profit",
        "6-10",
        "ES",
        "Barcelona",
        ["fab city", "digital fabrication", "circular economy"],
        ["FabLab Network"],
    ),
    (
        "Nesta",
        "Innovation foundation for social good.",
        "non-profit",
        "over-1000",
        "GB",
        "London",
        ["social innovation", "research"],
        [],
    ),
    (
        "Ouishare",
        "Collective exploring the collaborative society.",
        "grassroots",
        "11-25",
        "FR",
        "Paris",
        ["collaborative economy", "community"],
        [],
    ),
    (
        "Guifi.net",
        "Open, free and neutral community telecommunications network.",
        "grassroots",
        "6-10",
        "ES",
        "Gurb",
        ["open networks", "DIY networking", "community"],
        [],
    ),
    (
        "Freifunk",
        "Free community wireless networks across Germany.",
        "grassroots",
        "0-5",
        "DE",
        "Berlin",
        ["open networks", "DIY networking", "wifi"],
        [],
    ),
    (
        "WeMake",
        "Makerspace and fab lab for social innovation in Milan.",
        "grassroots",
        "6-10",
        "IT",
        "Milan",
        ["makerspace", "digital fabrication", "making"],
        ["FabLab Network"],
    ),
    (
        "Opificio Golinelli",
        "Education and culture through science and technology.",
        "non-profit",
        "26-50",
        "IT",
        "Bologna",
        ["education", "makers", "science"],
        [],
    ),
    (
        "Fablab Torino",
        "One of the first fab labs in Italy.",
        "grassroots",
        "0-5",
        "IT",
        "Turin",
        ["fablab", "digital fabrication", "3D printing"],
        ["FabLab Network"],
    ),
    (
        "Codice Civico",
        "Civic hackers opening up public data in Italy.",
        "grassroots",
        "0-5",
        "IT",
        "Rome",
        ["civic tech", "open data"],
        [],
    ),
    (
        "La Paillasse",
        "Community lab for open and interdisciplinary research.",
        "non-profit",
        "6-10",
        "FR",
        "Paris",
        ["citizen science", "biohacking", "open knowledge"],
        [],
    ),
    (
        "Citizens Foundation",
        "Open source tools for citizen participation.",
        "non-profit",
        "6-10",
        "IS",
        "Reykjavik",
        ["digital democracy", "participation"],
        [],
    ),
    (
        "Safecast",
        "Citizen science environmental monitoring.",
        "grassroots",
        "11-25",
        "JP",
        "Tokyo",
        ["sensors", "open data", "citizen science"],
        [],
    ),
    (
        "Smart Citizen",
        "Sensors for citizen-led environmental monitoring.",
        "academia",
        "6-10",
        "ES",
        "Barcelona",
        ["sensors and internet of things", "citizen science"],
        ["FabLab Network"],
    ),
    (
        "Open State Foundation",
        "Promoting digital transparency by opening up public information.",
        "non-profit",
        "6-10",
        "NL",
        "Amsterdam",
        ["open data", "transparency"],
        [],
    ),
    (
        "Code for Germany",
        "Volunteers building civic tech in local labs.",
        "grassroots",
        "11-25",
        "DE",
        "Berlin",
        ["civic tech", "open data", "volunteering"],
        [],
    ),
    (
        "Helsinki City Innovation",
        "The City of Helsinki's digital services and open data.",
        "government",
        "101-500",
        "FI",
        "Helsinki",
        ["open data", "smart city"],
        [],
    ),
    (
        "City of Amsterdam CTO Office",
        "Technology for a liveable and inclusive city.",
        "government",
        "51-100",
        "NL",
        "Amsterdam",
        ["smart city", "digital rights"],
        [],
    ),
    (
        "Tactical Tech",
        "Investigating the impact of technology on society.",
        "non-profit",
        "26-50",
        "DE",
        "Berlin",
        ["digital rights", "privacy", "education"],
        [],
    ),
    (
        "Fairphone",
        "Making a fairer phone and changing the electronics industry.",
        "for-profit",
        "51-100",
        "NL",
        "Amsterdam",
        ["circular economy", "open hardware"],
        [],
    ),
    (
        "Goteo",
        "Civic crowdfunding and collaboration platform.",
        "non-profit",
        "6-10",
        "ES",
        "Palma",
        ["crowdfunding", "commons"],
        [],
    ),
    (
        "Sensorica",
        "Open value network for open hardware.",
        "grassroots",
        "6-10",
        "CA",
        "Montreal",
        ["open hardware", "commons"],
        [],
    ),
    (
        "Athens Makerspace",
        "Community makerspace in the centre of Athens.",
        "grassroots",
        "0-5",
        "GR",
        "Athens",
        ["makerspace", "making", "education"],
        ["FabLab Network"],
    ),
    (
        "Hackerspace Budapest",
        "An open community space for tinkerers.",
        "grassroots",
        "0-5",
        "HU",
        "Budapest",
        ["hackerspace", "making"],
        [],
    ),
    (
        "Fablab Warsaw",
        "Digital fabrication for everyone in Warsaw.",
        "grassroots",
        "6-10",
        "PL",
        "Warsaw",
        ["fablab", "digital fabrication"],
        ["FabLab Network"],
    ),
    (
        "Lisbon Open Data",
        "Open data from the city of Lisbon.",
        "government",
        "11-25",
        "PT",
        "Lisbon",
        ["open data", "smart city"],
        [],
    ),
    (
        "Digital Society School",
        "Training to design for digital transformation.",
        "academia",
        "26-50",
        "NL",
        "Amsterdam",
        ["education", "design"],
        [],
    ),
    (
        "Impact Hub Vienna",
        "Community for social entrepreneurs.",
        "for-profit",
        "11-25",
        "AT",
        "Vienna",
        ["social entrepreneurship", "coworking"],
        ["Impact Hub"],
    ),
    (
        "Impact Hub Athens",
        "Community of changemakers in Athens.",
        "for-profit",
        "6-10",
        "GR",
        "Athens",
        ["social entrepreneurship", "coworking"],
        ["Impact Hub"],
    ),
    (
        "TechSoup Europe",
        "Technology for civil society organisations.",
        "non-profit",
        "26-50",
        "PL",
        "Warsaw",
        ["tech for good", "NGOs"],
        ["TechSoup Global Network"],
    ),
    (
        "Copenhagen Solutions Lab",
        "The City of Copenhagen's smart city unit.",
        "government",
        "11-25",
        "DK",
        "Copenhagen",
        ["smart city", "sensors and internet of things"],
        [],
    ),
    (
        "Open Source Ecology Germany",
        "Open source machines for a sustainable civilisation.",
        "grassroots",
        "0-5",
        "DE",
        "Berlin",
        ["open hardware", "open source"],
        [],
    ),
]

TOPIC_POOL = [
    "open data",
    "open hardware",
    "open knowledge",
    "open networks",
    "civic tech",
    "makerspace",
    "fablab",
    "digital fabrication",
    "3D printing",
    "citizen science",
    "education",
    "health",
    "democracy",
    "participation",
    "crowdfunding",
    "crowdsourcing",
    "sensors",
    "internet of things",
    "blockchain",
    "machine learning",
    "privacy",
    "digital rights",
    "smart city",
    "circular economy",
    "social innovation",
    "tech for good",
    "community",
    "collaborative economy",
    "mobility",
    "energy",
    "climate",
    "food",
    "housing",
    "migration",
    "inclusion",
    "accessibility",
    "culture",
    "arts",
    "journalism",
    "transparency",
    "volunteering",
    "co-design",
    "design",
    "research",
    "commons",
    "coworking",
    "robotics",
    "virtual reality",
    "wearables",
    "mapping",
]
NETWORK_POOL = [
    "FabLab Network",
    "Impact Hub",
    "TechSoup Global Network",
    "Social Innovation Community",
    "Code for All",
    "Open Knowledge Network",
    "Fab City Network",
    "Makers Network",
    "Living Labs",
    "Civic Tech Europe",
]
NAME_PARTS = (
    [
        "Open",
        "Civic",
        "Digital",
        "Community",
        "Future",
        "Social",
        "Green",
        "Maker",
        "Data",
        "Commons",
        "Citizen",
        "Urban",
        "Common",
        "Public",
        "Shared",
        "Smart",
        "Fair",
        "Free",
    ],
    [
        "Lab",
        "Hub",
        "Factory",
        "Collective",
        "Foundation",
        "Network",
        "Studio",
        "Works",
        "Cooperative",
        "Institute",
        "Space",
        "Commons",
        "Alliance",
        "Guild",
        "Project",
        "Initiative",
    ],
)
CITIES = [
    ("IT", "Milan"),
    ("IT", "Rome"),
    ("IT", "Turin"),
    ("ES", "Barcelona"),
    ("ES", "Madrid"),
    ("FR", "Paris"),
    ("FR", "Lyon"),
    ("DE", "Berlin"),
    ("DE", "Munich"),
    ("GB", "London"),
    ("GB", "Manchester"),
    ("NL", "Amsterdam"),
    ("NL", "Rotterdam"),
    ("BE", "Brussels"),
    ("PT", "Lisbon"),
    ("GR", "Athens"),
    ("PL", "Warsaw"),
    ("AT", "Vienna"),
    ("FI", "Helsinki"),
    ("SE", "Stockholm"),
    ("DK", "Copenhagen"),
    ("IE", "Dublin"),
    ("CZ", "Prague"),
    ("HU", "Budapest"),
    ("RO", "Bucharest"),
    ("SI", "Ljubljana"),
    ("EE", "Tallinn"),
]


def _tags(model, names):
    """The tag rows for `names`, created where missing (case-insensitively, as taggit does)."""
    existing = {t.name.lower(): t for t in model.objects.filter(name__in=names)}
    missing = [n for n in dict.fromkeys(names) if n.lower() not in existing]
    taken = set(model.objects.values_list("slug", flat=True))
    new = []
    for name in missing:
        slug, n = slugify(name) or "tag", 2
        base = slug
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        new.append(model(name=name, slug=slug))
    model.objects.bulk_create(new)
    return {t.name.lower(): t for t in model.objects.filter(name__in=names)}


@transaction.atomic
def seed_showcase():
    """Polifactory and a few dozen real-looking organisations; does nothing twice."""
    if Organisation.objects.filter(slug="polifactory").exists():
        return 0
    polifactory = Organisation.objects.create(
        name="Polifactory",
        slug="polifactory",
        status=ModerationStatus.PUBLISHED,
        short_description="The makerspace of Politecnico di Milano, for design and new forms of "
        "manufacturing.",
        description=POLIFACTORY_DESCRIPTION,
        website="https://www.polifactory.polimi.it/",
        organisation_type=OrganisationType.ACADEMIA,
        size=OrganisationSize.S_11_25,
        country="IT",
        region="Milan",
        address="Via Giovanni Durando 38/A, 20158 Milano",
        latitude="45.503549",
        longitude="9.155945",
    )
    polifactory.tags.add("digital fabrication", "fablab", "makerspace", "making")
    polifactory.networks.add("FabLab Network")
    for name, summary, kind, size, country, city, topics, networks in REALISTIC:
        organisation = Organisation.objects.create(
            name=name,
            status=ModerationStatus.PUBLISHED,
            short_description=summary,
            description=f"{name} is based in {city}. {summary}",
            organisation_type=kind,
            size=size,
            country=country,
            region=city,
        )
        organisation.tags.add(*topics)
        if networks:
            organisation.networks.add(*networks)
    return 1 + len(REALISTIC)


def seed_bulk(count, tags_each=5, batch_size=5000, seed=1, progress=None):
    """`count` published organisations with `tags_each` topic tags, in bulk inserts."""
    rng = random.Random(seed)
    topics = list(_tags(Tag, TOPIC_POOL).values())
    networks = list(_tags(NetworkTag, NETWORK_POOL).values())
    start = Organisation.objects.count()
    types, sizes = OrganisationType.values, OrganisationSize.values
    names = itertools.cycle(itertools.product(*NAME_PARTS))
    created = 0
    while created < count:
        batch = []
        for i in range(start + created, start + created + min(batch_size, count - created)):
            country, city = rng.choice(CITIES)
            first, second = next(names)
            name = f"{first} {second} {city} {i}"
            batch.append(
                Organisation(
                    name=name,
                    slug=f"{slugify(name)}",
                    status=ModerationStatus.PUBLISHED,
                    short_description=f"A {second.lower()} for {rng.choice(TOPIC_POOL)} in {city}.",
                    description=f"{name} brings people together around "
                    f"{rng.choice(TOPIC_POOL)} and {rng.choice(TOPIC_POOL)} in {city}.",
                    organisation_type=rng.choice(types),
                    size=rng.choice(sizes),
                    country=country,
                    region=city,
                )
            )
        with transaction.atomic():
            rows = Organisation.objects.bulk_create(batch)
            TopicTaggedOrganisation.objects.bulk_create(
                TopicTaggedOrganisation(content_object_id=o.pk, tag_id=t.pk)
                for o in rows
                for t in rng.sample(topics, tags_each)
            )
            NetworkTaggedOrganisation.objects.bulk_create(
                NetworkTaggedOrganisation(content_object_id=o.pk, tag_id=rng.choice(networks).pk)
                for o in rows
                if rng.random() < 0.3
            )
        created += len(batch)
        if progress:
            progress(created, count)
    return created
