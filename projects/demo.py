"""Demo projects: a dozen realistic ones linked to the demo organisations (Polifactory among
them, with partners), and bulk rows for benchmarks. Used by `manage.py seed_demo`.

The showcase projects are invented for the demo; the organisations they name come from
organisations/demo.py.
"""

import datetime
import itertools
import random

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from core.models import ModerationStatus, NetworkTag
from organisations.demo import CITIES, NETWORK_POOL, TOPIC_POOL, _tags
from organisations.models import Organisation
from projects.models import (
    AreaOfImpact,
    DsiFocus,
    NetworkTaggedProject,
    Project,
    ProjectState,
    Technology,
    TopicTaggedProject,
)

SHOWCASE = [
    {
        "name": "Open Aids Lab",
        "short_description": "Makers, therapists and patients design assistive devices together "
        "and share them as open hardware.",
        "description": "Open Aids Lab brings people who live with a disability together with "
        "designers, engineers and therapists. In week-long sprints they design the aids that "
        "shops do not sell, from a cup holder for a wheelchair to a custom grip for a fork, "
        "and publish every design so that any fab lab can make it again.\n\n"
        "The lab started in the makerspaces of Milan and now runs sprints in Barcelona too.",
        "social_impact": "More than 60 devices designed with their users, each one documented "
        "under an open licence; therapists in three hospitals now prescribe some of them.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2016, 3, 1),
        "country": "IT",
        "region": "Milan",
        "focus": ["Open hardware", "Open knowledge"],
        "areas": ["Health and care", "Skills and learning"],
        "technologies": ["Digital fabrication and 3D-printing", "Open-source technologies"],
        "tags": ["co-design", "assistive technology", "makers", "health"],
        "networks": ["FabLab Network"],
        "organisations": ["Polifactory", "WeMake", "Fab Lab Barcelona"],
    },
    {
        "name": "Small Urban Manufacturing Milan",
        "short_description": "Mapping and connecting the workshops that still make things "
        "inside the city.",
        "description": "Craftspeople, small manufacturers and makerspaces share an online map, "
        "a calendar of open workshops and a pool of machines. The project studies how "
        "distributed manufacturing can bring production back into neighbourhoods.",
        "social_impact": "Local workshops found new clients and apprentices through the map.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2017, 9, 15),
        "country": "IT",
        "region": "Milan",
        "focus": ["Open hardware", "Open data"],
        "areas": ["Work and employment", "Cities and urban development"],
        "technologies": ["Digital fabrication and 3D-printing", "Geotagging, GPS and GIS"],
        "tags": ["distributed manufacturing", "craft", "makerspace"],
        "networks": [],
        "organisations": ["Polifactory", "WeMake", "Fablab Torino", "Opificio Golinelli"],
    },
    {
        "name": "Air Quality Commons",
        "short_description": "Citizens build low-cost sensors and publish what the air in their "
        "street is like.",
        "description": "Neighbours assemble open-source sensor kits in workshops, hang them from "
        "their balconies and publish the readings as open data on a shared map.",
        "social_impact": "Readings from 400 balconies helped three cities move traffic away from "
        "schools.",
        "state": ProjectState.CLOSED,
        "start_date": datetime.date(2015, 4, 1),
        "end_date": datetime.date(2018, 12, 31),
        "country": "ES",
        "region": "Barcelona",
        "focus": ["Open hardware", "Open data"],
        "areas": ["Food, environment and climate change", "Science"],
        "technologies": ["Sensors and internet of things", "Open data"],
        "tags": ["citizen science", "air quality", "sensors"],
        "networks": ["FabLab Network"],
        "organisations": ["Smart Citizen", "Fab Lab Barcelona", "Waag Futurelab", "Safecast"],
    },
    {
        "name": "Decide Together",
        "short_description": "Participatory budgeting on free software, for every neighbourhood.",
        "description": "Residents propose, discuss and vote on how part of the city budget is "
        "spent, on a platform that any council can install.",
        "social_impact": "Tens of thousands of residents have voted on local budgets.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2016, 2, 1),
        "country": "ES",
        "region": "Barcelona",
        "focus": ["Open knowledge", "Open data"],
        "areas": ["Digital democracy"],
        "technologies": ["Digital democracy tools", "Open-source technologies"],
        "tags": ["participation", "civic tech", "participatory budgeting"],
        "networks": ["Civic Tech Europe"],
        "organisations": ["Decidim Association", "Citizens Foundation", "Code for Germany"],
    },
    {
        "name": "Community Mesh Networks",
        "short_description": "Internet access that villages build, own and run themselves.",
        "description": "Volunteers connect rooftops with wireless links and share the cost of "
        "the uplink. Every node is owned by a neighbour; the network is a commons.",
        "social_impact": "Villages that no operator would serve are online.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2014, 6, 1),
        "country": "ES",
        "region": "Gurb",
        "focus": ["Open networks"],
        "areas": ["Cities and urban development"],
        "technologies": ["Peer-to-peer networks", "Open-source technologies"],
        "tags": ["open networks", "DIY networking", "commons"],
        "networks": [],
        "organisations": ["Guifi.net", "Freifunk"],
    },
    {
        "name": "Open Spending Watch",
        "short_description": "Every euro of public spending, searchable and explained.",
        "description": "Volunteers turn spending records into open data and publish plain "
        "explanations of where public money goes.",
        "social_impact": "Journalists and councillors use the data in their daily work.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2015, 1, 1),
        "country": "IT",
        "region": "Rome",
        "focus": ["Open data"],
        "areas": ["Digital democracy", "Finance and economy"],
        "technologies": ["Open data", "Big data", "Mobile and web apps"],
        "tags": ["transparency", "open data", "public money"],
        "networks": ["Open Knowledge Network"],
        "organisations": ["Codice Civico", "Open State Foundation", "Open Knowledge Foundation"],
    },
    {
        "name": "Welcome Code",
        "short_description": "Coding and making courses with and for newcomers to Europe.",
        "description": "Refugees and migrants learn to code and to use digital fabrication, "
        "with mentors from the local tech community.",
        "social_impact": "Graduates found jobs and started their own workshops.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2016, 10, 1),
        "country": "GR",
        "region": "Athens",
        "focus": ["Open knowledge"],
        "areas": ["Migration and integration", "Skills and learning", "Work and employment"],
        "technologies": ["Online learning and MOOCs", "Digital fabrication and 3D-printing"],
        "tags": ["inclusion", "education", "migration"],
        "networks": ["Impact Hub"],
        "organisations": ["TechSoup Europe", "Impact Hub Athens", "Athens Makerspace"],
    },
    {
        "name": "Civic Crowdfunding Lab",
        "short_description": "Matching public money with crowdfunding for projects that serve "
        "the commons.",
        "description": "Councils and foundations double what the crowd gives to community "
        "projects, and learn which projects people really want.",
        "social_impact": "Hundreds of community projects funded.",
        "state": ProjectState.CLOSED,
        "start_date": datetime.date(2014, 1, 1),
        "end_date": datetime.date(2019, 6, 30),
        "country": "ES",
        "region": "Palma",
        "focus": ["Open knowledge"],
        "areas": ["Finance and economy"],
        "technologies": ["Crowdsourcing, crowdmapping and crowdfunding"],
        "tags": ["crowdfunding", "commons", "matchfunding"],
        "networks": [],
        "organisations": ["Goteo", "Nesta"],
    },
    {
        "name": "Repair Map",
        "short_description": "Where to get things repaired, and how to do it yourself.",
        "description": "An open map of repair cafés and shops, with guides that anyone can "
        "improve.",
        "social_impact": "Fewer phones and toasters thrown away.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2018, 3, 1),
        "country": "NL",
        "region": "Amsterdam",
        "focus": ["Open knowledge", "Open data"],
        "areas": ["Food, environment and climate change"],
        "technologies": ["Online marketplaces and noticeboards", "Geotagging, GPS and GIS"],
        "tags": ["circular economy", "repair"],
        "networks": [],
        "organisations": ["Fairphone", "Ouishare", "Waag Futurelab"],
    },
    {
        "name": "Learning Machines Together",
        "short_description": "A public course on how AI decides, and what citizens can ask of it.",
        "description": "Workshops and an open course explain machine learning to non-experts "
        "and collect what people want from automated decisions.",
        "social_impact": "Several thousand people took the course.",
        "state": ProjectState.LIVE,
        "start_date": datetime.date(2020, 1, 15),
        "country": "FI",
        "region": "Helsinki",
        "focus": ["Open knowledge"],
        "areas": ["Skills and learning", "Digital democracy"],
        "technologies": ["AI and machine learning", "Online learning and MOOCs"],
        "tags": ["machine learning", "digital rights", "education"],
        "networks": [],
        "organisations": ["Helsinki City Innovation", "Tactical Tech", "Digital Society School"],
    },
]


def _link(project, data):
    project.focus.set(DsiFocus.objects.filter(name__in=data["focus"]))
    project.areas_of_impact.set(AreaOfImpact.objects.filter(name__in=data["areas"]))
    project.technologies.set(Technology.objects.filter(name__in=data["technologies"]))
    project.organisations.set(Organisation.objects.filter(name__in=data["organisations"]))
    project.tags.add(*data["tags"])
    if data["networks"]:
        project.networks.add(*data["networks"])


@transaction.atomic
def seed_showcase():
    """The showcase projects, linked to the showcase organisations; does nothing twice."""
    if Project.objects.filter(slug="open-aids-lab").exists():
        return 0
    fields = [
        "name",
        "short_description",
        "description",
        "social_impact",
        "state",
        "start_date",
        "end_date",
        "country",
        "region",
    ]
    for data in SHOWCASE:
        project = Project.objects.create(
            status=ModerationStatus.PUBLISHED,
            slug=slugify(data["name"]),
            website=f"https://example.org/{slugify(data['name'])}",
            **{f: data[f] for f in fields if f in data},
        )
        _link(project, data)
    return len(SHOWCASE)


NAME_PARTS = (
    ["Open", "Civic", "Shared", "Community", "Citizen", "Green", "Fair", "Commons", "Smart"],
    ["Map", "Lab", "Platform", "Network", "Kit", "School", "Market", "Data", "Sensors", "Repair"],
)


def seed_bulk(count, tags_each=5, batch_size=5000, seed=1, progress=None):
    """`count` published projects with `tags_each` topic tags, vocabulary entries and links to
    existing organisations, in bulk inserts."""
    rng = random.Random(seed)
    topics = list(_tags(Tag, TOPIC_POOL).values())
    networks = list(_tags(NetworkTag, NETWORK_POOL).values())
    focus = list(DsiFocus.objects.values_list("pk", flat=True))
    areas = list(AreaOfImpact.objects.values_list("pk", flat=True))
    technologies = list(Technology.objects.values_list("pk", flat=True))
    organisations = list(Organisation.objects.published().values_list("pk", flat=True))
    start = Project.objects.count()
    names = itertools.cycle(itertools.product(*NAME_PARTS))
    states = ProjectState.values
    focus_links = Project.focus.through
    area_links = Project.areas_of_impact.through
    technology_links = Project.technologies.through
    organisation_links = Project.organisations.through
    created = 0
    while created < count:
        batch = []
        for i in range(start + created, start + created + min(batch_size, count - created)):
            country, city = rng.choice(CITIES)
            first, second = next(names)
            name = f"{first} {second} {city} {i}"
            started = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
            state = rng.choice(states)
            batch.append(
                Project(
                    name=name,
                    slug=slugify(name),
                    status=ModerationStatus.PUBLISHED,
                    short_description=f"A {second.lower()} for {rng.choice(TOPIC_POOL)} in {city}.",
                    description=f"{name} works on {rng.choice(TOPIC_POOL)} and "
                    f"{rng.choice(TOPIC_POOL)} with people in {city}.",
                    state=state,
                    start_date=started,
                    end_date=started + datetime.timedelta(days=rng.randrange(200, 1500))
                    if state == ProjectState.CLOSED
                    else None,
                    country=country,
                    region=city,
                )
            )
        with transaction.atomic():
            rows = Project.objects.bulk_create(batch)
            TopicTaggedProject.objects.bulk_create(
                TopicTaggedProject(content_object_id=p.pk, tag_id=t.pk)
                for p in rows
                for t in rng.sample(topics, tags_each)
            )
            NetworkTaggedProject.objects.bulk_create(
                NetworkTaggedProject(content_object_id=p.pk, tag_id=rng.choice(networks).pk)
                for p in rows
                if rng.random() < 0.2
            )
            focus_links.objects.bulk_create(
                focus_links(project_id=p.pk, dsifocus_id=f)
                for p in rows
                for f in rng.sample(focus, rng.randint(1, 2))
            )
            area_links.objects.bulk_create(
                area_links(project_id=p.pk, areaofimpact_id=a)
                for p in rows
                for a in rng.sample(areas, rng.randint(1, 3))
            )
            technology_links.objects.bulk_create(
                technology_links(project_id=p.pk, technology_id=t)
                for p in rows
                for t in rng.sample(technologies, rng.randint(1, 3))
            )
            if organisations:
                organisation_links.objects.bulk_create(
                    organisation_links(project_id=p.pk, organisation_id=o)
                    for p in rows
                    for o in rng.sample(organisations, min(len(organisations), rng.randint(1, 3)))
                )
        created += len(batch)
        if progress:
            progress(created, count)
    return created
