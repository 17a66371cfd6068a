"""The types of funding opportunity, in this order; staff curate them in the admin afterwards."""

from django.db import migrations

TYPES = [
    ("Grant", "grant"),
    ("Prize", "prize"),
    ("Investment", "investment"),
    ("Procurement", "procurement"),
    ("Other", "other"),
]


def seed(apps, schema_editor):
    OpportunityType = apps.get_model("funding", "OpportunityType")
    for position, (name, slug) in enumerate(TYPES):
        OpportunityType.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


def unseed(apps, schema_editor):
    apps.get_model("funding", "OpportunityType").objects.filter(
        slug__in=[slug for _, slug in TYPES], opportunities__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0003_data_versions")]

    operations = [migrations.RunPython(seed, unseed)]
