"""Demo case studies, featured on the home page in order. Used by `manage.py seed_demo`."""

import datetime

from django.db import transaction

from casestudies.models import CaseStudy
from core.models import ModerationStatus
from organisations.models import Organisation
from projects.models import AreaOfImpact, Project

SHOWCASE = [
    {
        "title": "Assistive devices made with the people who use them",
        "slug": "assistive-devices-made-with-the-people-who-use-them",
        "intro": "In Milan's makerspaces, people with disabilities, designers and therapists "
        "design the aids that shops do not sell, and share every design openly.",
        "body": "When a therapist at a Milan hospital could not find a simple grip for a "
        "patient's fork, she took the problem to **Polifactory**, the makerspace of "
        "Politecnico di Milano. A week later the patient, two design students and an engineer "
        "had printed five versions and picked one.\n\n"
        "That sprint became **Open Aids Lab**. Each sprint pairs a person who needs an aid "
        "with a small team of makers; the result is documented under an open licence so that "
        "any fab lab in Europe can make it again.\n\n"
        "## What changed\n\n"
        "- More than 60 devices designed with their users\n"
        "- Therapists in three hospitals prescribe some of them\n"
        "- Sprints now also run at Fab Lab Barcelona",
        "project": "open-aids-lab",
        "organisation": "Polifactory",
        "country": "IT",
        "region": "Milan",
        "start_date": datetime.date(2016, 3, 1),
        "call_to_action_url": "https://example.org/open-aids-lab",
        "call_to_action_label": "Join a sprint",
        "areas": ["Health and care", "Skills and learning"],
        "tags": ["co-design", "assistive technology"],
        "featured": True,
        "position": 1,
    },
    {
        "title": "A network its neighbours own",
        "slug": "a-network-its-neighbours-own",
        "intro": "Villages in Catalonia that no operator would connect built their own "
        "internet, one rooftop at a time.",
        "body": "Every node of the network belongs to the neighbour whose roof it is on. "
        "Together they share the cost of the uplink and the work of keeping it running.",
        "project": "community-mesh-networks",
        "organisation": "Guifi.net",
        "country": "ES",
        "region": "Gurb",
        "start_date": datetime.date(2014, 6, 1),
        "call_to_action_url": "",
        "call_to_action_label": "",
        "areas": ["Cities and urban development"],
        "tags": ["open networks", "commons"],
        "featured": True,
        "position": 2,
    },
    {
        "title": "Citizens measuring the air they breathe",
        "slug": "citizens-measuring-the-air-they-breathe",
        "intro": "Four hundred balconies, one open map: how neighbours made air pollution "
        "visible and moved traffic away from schools.",
        "body": "Residents built sensor kits in workshops and published the readings as open "
        "data. The map changed the conversation with the city.",
        "project": "air-quality-commons",
        "organisation": "Smart Citizen",
        "country": "ES",
        "region": "Barcelona",
        "start_date": datetime.date(2015, 4, 1),
        "end_date": datetime.date(2018, 12, 31),
        "call_to_action_url": "https://example.org/air-quality-commons",
        "call_to_action_label": "See the map",
        "areas": ["Food, environment and climate change", "Science"],
        "tags": ["citizen science", "air quality"],
        "featured": True,
        "position": 3,
    },
    {
        "title": "Budgets decided by residents",
        "slug": "budgets-decided-by-residents",
        "intro": "How free software for participatory budgeting spread from one city to hundreds.",
        "body": "Residents propose, discuss and vote; the council publishes what it did with "
        "every proposal.",
        "project": "decide-together",
        "organisation": "Decidim Association",
        "country": "ES",
        "region": "Barcelona",
        "start_date": datetime.date(2016, 2, 1),
        "call_to_action_url": "",
        "call_to_action_label": "",
        "areas": ["Digital democracy"],
        "tags": ["participation"],
        "featured": False,
        "position": 0,
    },
]


@transaction.atomic
def seed_showcase():
    """The showcase case studies; does nothing twice."""
    if CaseStudy.objects.filter(slug=SHOWCASE[0]["slug"]).exists():
        return 0
    projects = Project.objects.in_bulk([d["project"] for d in SHOWCASE], field_name="slug")
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[d["organisation"] for d in SHOWCASE])
    }
    for data in SHOWCASE:
        data = dict(data)
        areas, tags = data.pop("areas"), data.pop("tags")
        data["project"] = projects.get(data["project"])
        data["organisation"] = organisations.get(data["organisation"])
        case_study = CaseStudy.objects.create(status=ModerationStatus.PUBLISHED, **data)
        case_study.areas_of_impact.set(AreaOfImpact.objects.filter(name__in=areas))
        case_study.tags.add(*tags)
    return len(SHOWCASE)
