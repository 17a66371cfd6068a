# Invitations now belong to the submissions app, which renamed their table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_web_address'),
        ('submissions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Invitation')],
        ),
    ]
