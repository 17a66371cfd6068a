# The outbox moves here from core (core 0006 forgets it). First the model is declared on the
# table core created, with its rows and without touching the database; then the table takes
# this app's name, a rename that keeps every row, index and constraint.

from django.db import migrations, models
import django.utils.timezone


def move_content_type(apps, schema_editor):
    """Keep the content type (and the permissions that point at it) for the moved model."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='mail', model='outboundemail').exists():
        ContentType.objects.using(db).filter(app_label='core', model='outboundemail').update(
            app_label='mail'
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='core', model='outboundemail').exists():
        ContentType.objects.using(db).filter(app_label='mail', model='outboundemail').update(
            app_label='core'
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0006_move_outbound_email_to_mail'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboundEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('to', models.JSONField()),
                        ('subject', models.CharField(max_length=300)),
                        ('body_text', models.TextField()),
                        ('body_html', models.TextField(blank=True)),
                        ('headers', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('queued_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('claim', models.UUIDField(blank=True, editable=False, null=True)),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('last_error', models.TextField(blank=True)),
                    ],
                    options={
                        'db_table': 'core_outboundemail',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['queued_at'], name='outbound_unsent_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='outboundemail', table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
