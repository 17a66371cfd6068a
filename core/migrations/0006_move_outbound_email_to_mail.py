# OutboundEmail moves to the mail app. Only Django's idea of the models changes here: the table
# and its rows stay where they are, and mail's first migration takes them over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_data_versions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='OutboundEmail')],
            database_operations=[],
        ),
    ]
