from django.db import migrations, models


class Migration(migrations.Migration):
    """How long each event lasts, indexed: upcoming() reads the longest to bound its scan."""

    dependencies = [("events", "0004_curation")]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(models.F("ends_at") - models.F("starts_at"), name="event_length_idx"),
        ),
    ]
