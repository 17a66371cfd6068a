# The types of opportunity in the five other languages; staff edit them in the admin from here on.
from django.db import migrations

LANGUAGES = ("de", "fr", "it", "es", "ca")

NAMES = {
    "grant": ("Zuschuss", "Subvention", "Sovvenzione", "Subvención", "Subvenció"),
    "prize": ("Preis", "Prix", "Premio", "Premio", "Premi"),
    "investment": ("Investition", "Investissement", "Investimento", "Inversión", "Inversió"),
    "procurement": (
        "Öffentliche Beschaffung",
        "Marché public",
        "Appalto pubblico",
        "Contratación pública",
        "Contractació pública",
    ),
    "other": ("Sonstiges", "Autre", "Altro", "Otro", "Altres"),
}


def translate(apps, schema_editor):
    OpportunityType = apps.get_model("funding", "OpportunityType")
    for row in OpportunityType.objects.filter(slug__in=NAMES):
        i18n = dict(row.i18n or {})
        for language, name in zip(LANGUAGES, NAMES[row.slug], strict=True):
            i18n.setdefault(f"name_{language}", name)
        row.i18n = i18n
        row.save(update_fields=["i18n"])


class Migration(migrations.Migration):
    dependencies = [("funding", "0006_translations")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
