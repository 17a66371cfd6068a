# Moves the site settings and drafts (from core) and invitations (from accounts) into the
# submissions app. The tables and their rows stay; only their names change.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0005_data_versions'),
        ('accounts', '0004_web_address'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[
                        'ALTER TABLE core_sitesettings RENAME TO submissions_sitesettings;',
                        'ALTER TABLE core_submissiondraft RENAME TO submissions_submissiondraft;',
                        'ALTER TABLE accounts_invitation RENAME TO submissions_invitation;',
                        'ALTER INDEX accounts_in_content_71f98a_idx RENAME TO invitation_record_idx;',
                    ],
                    reverse_sql=[
                        'ALTER INDEX invitation_record_idx RENAME TO accounts_in_content_71f98a_idx;',
                        'ALTER TABLE submissions_invitation RENAME TO accounts_invitation;',
                        'ALTER TABLE submissions_submissiondraft RENAME TO core_submissiondraft;',
                        'ALTER TABLE submissions_sitesettings RENAME TO core_sitesettings;',
                    ],
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('submissions_open', models.BooleanField(default=True, help_text='Untick to close every submission form at once. Browsing, search and newsletter sign-ups go on working. SUBMISSIONS_OPEN=false in the environment wins.')),
                        ('closed_message', models.TextField(default="Thank you for your interest in joining Europe's network of digital social innovation. We regret to inform you that, due to a technical issue, we can't currently accept new projects and organisations. We're working as quickly as we can to get this fixed and look forward to seeing your work on the platform soon! In the meantime, please do sign up to our newsletter through the homepage, and if you have any questions drop us a line at {contact_email}.", help_text='Shown instead of every submission form while they are closed. {contact_email} becomes a link to the contact address.')),
                        ('contact_email', models.EmailField(default='hello@digitalsocial.eu', max_length=254)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'site settings',
                        'verbose_name_plural': 'site settings',
                        'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='site_settings_one_row')],
                    },
                ),
                migrations.CreateModel(
                    name='SubmissionDraft',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('form', models.CharField(max_length=50)),
                        ('data', models.JSONField()),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('user', 'form'), name='one_draft_per_form')],
                    },
                ),

                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('email', models.EmailField(max_length=254)),
                        ('token', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('accepted_at', models.DateTimeField(blank=True, null=True)),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='invitation_record_idx')],
                    },
                )
            ],
        ),
    ]
