# The subscriber's own outbox columns go, now that 0002 moved what they held to the outbox. A
# migration of its own: its ALTER TABLEs may not share a transaction with 0002's row updates.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0002_confirmation_through_the_outbox'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_attempts',
        ),
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_claim',
        ),
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_claimed_at',
        ),
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_error',
        ),
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_queued_at',
        ),
        migrations.RemoveField(
            model_name='subscriber',
            name='confirmation_sent_at',
        ),
    ]
