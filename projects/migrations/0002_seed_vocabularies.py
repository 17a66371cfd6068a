# The fixed vocabularies of DESIGN.md, in its order. The values are copied here (not imported
# from projects.vocabularies) so that this migration stays as it was when it first ran.
from django.db import migrations
from django.utils.text import slugify

DSI_FOCUS = [
    (
        "Open hardware",
        "Designing, making and sharing open hardware, from sensors to 3D printers, to tackle "
        "social challenges",
    ),
    (
        "Open networks",
        "Building and using open, distributed networks and infrastructure that people own and "
        "run together to tackle social challenges",
    ),
    ("Open data", "Capturing, sharing, analysing and using open data to tackle social challenges"),
    (
        "Open knowledge",
        "Creating, sharing and using open knowledge and collective intelligence to tackle social "
        "challenges",
    ),
]

AREAS_OF_IMPACT = [
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

TECHNOLOGIES = [
    "Social networks and social media",
    "Crowdsourcing, crowdmapping and crowdfunding",
    "Open data",
    "Mobile and web apps",
    "Open-source technologies",
    "Peer-to-peer networks",
    "Online learning and MOOCs",
    "Online marketplaces and noticeboards",
    "Big data",
    "Sensors and internet of things",
    "Geotagging, GPS and GIS",
    "Digital fabrication and 3D-printing",
    "Wearables and personal monitoring",
    "AI and machine learning",
    "Digital democracy tools",
    "Blockchain and distributed networks",
    "Robotics",
    "VR and AR",
]


def seed(apps, schema_editor):
    DsiFocus = apps.get_model("projects", "DsiFocus")
    AreaOfImpact = apps.get_model("projects", "AreaOfImpact")
    Technology = apps.get_model("projects", "Technology")
    for position, (name, description) in enumerate(DSI_FOCUS, start=1):
        DsiFocus.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "description": description, "position": position},
        )
    for model, names in ((AreaOfImpact, AREAS_OF_IMPACT), (Technology, TECHNOLOGIES)):
        for position, name in enumerate(names, start=1):
            model.objects.update_or_create(
                slug=slugify(name), defaults={"name": name, "position": position}
            )


def unseed(apps, schema_editor):
    for name in ("DsiFocus", "AreaOfImpact", "Technology"):
        apps.get_model("projects", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
