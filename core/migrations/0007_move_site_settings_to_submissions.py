# The site settings and drafts now belong to the submissions app, which renamed their tables.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_move_outbound_email_to_mail'),
        ('submissions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SiteSettings'),
                migrations.DeleteModel(name='SubmissionDraft'),
            ],
        ),
    ]
