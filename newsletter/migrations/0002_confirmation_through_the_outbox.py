# A subscriber's confirmation email moves to the site's one outbox (mail.OutboundEmail): the
# subscriber keeps a link to its latest one instead of outbox columns of its own. Every
# confirmation cycle becomes an outbox row first, so nothing is lost: one that went out keeps when
# (the cool-down and the admin read it there), one still to go is sent by the outbox.
#
# This file is frozen: it renders what it sends with its own words, never with today's templates
# or code, so it runs the same however the app changes later.

import django.db.models.deletion
from django.conf import settings
from django.core import signing
from django.db import migrations, models
from django.utils import timezone

BATCH = 1000
CONFIRM_SALT = 'newsletter.confirm'
UNSUBSCRIBE_SALT = 'newsletter.unsubscribe'
NOT_KEPT = '(Sent before confirmation emails were kept in the outbox: its text was not kept.)'
TEXT = """Confirm your subscription to the {site} newsletter

Someone, probably you, asked for the {site} newsletter at {email}: news from Europe's digital social innovation community, about once a month.

To confirm, open this link:
{confirm}

If you did not ask for this, ignore this email: you will not be subscribed.

--
{site} · {site_url}
Unsubscribe: {unsubscribe}
"""


def _confirmation(subscriber):
    """The outbox fields of a confirmation email for `subscriber` (plain text, in English)."""
    site_url = settings.SITE_URL.rstrip('/')
    pk = str(subscriber.pk)
    confirm = f"{site_url}/newsletter/confirm/{signing.TimestampSigner(salt=CONFIRM_SALT).sign(pk)}/"
    unsubscribe = f"{site_url}/newsletter/unsubscribe/{signing.Signer(salt=UNSUBSCRIBE_SALT).sign(pk)}/"
    site = settings.SITE_NAME
    return {
        'body_text': TEXT.format(
            site=site, email=subscriber.email, confirm=confirm, site_url=site_url,
            unsubscribe=unsubscribe,
        ),
        'headers': {
            'List-Unsubscribe': f'<{unsubscribe}>',
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
    }


def move_confirmations_to_outbox(apps, schema_editor):
    Subscriber = apps.get_model('newsletter', 'Subscriber')
    OutboundEmail = apps.get_model('mail', 'OutboundEmail')
    db = schema_editor.connection.alias
    # What went out (for any status), and what a pending address still waits for.
    rows = (
        Subscriber.objects.using(db)
        .filter(models.Q(confirmation_sent_at__isnull=False) | models.Q(status='pending'))
        .order_by('pk')
    )
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        emails = []
        for subscriber in batch:
            sent = subscriber.confirmation_sent_at is not None
            emails.append(OutboundEmail(
                to=[subscriber.email],
                subject=f'Confirm your subscription to the {settings.SITE_NAME} newsletter',
                max_line_length=998,
                queued_at=subscriber.confirmation_queued_at or timezone.now(),
                claim=None if sent else subscriber.confirmation_claim,
                claimed_at=None if sent else subscriber.confirmation_claimed_at,
                attempts=subscriber.confirmation_attempts,
                sent_at=subscriber.confirmation_sent_at,
                last_error=subscriber.confirmation_error,
                **({'body_text': NOT_KEPT, 'headers': {}} if sent else _confirmation(subscriber)),
            ))
        OutboundEmail.objects.using(db).bulk_create(emails)
        for subscriber, email in zip(batch, emails, strict=True):
            subscriber.confirmation_email_id = email.pk
        Subscriber.objects.using(db).bulk_update(batch, ['confirmation_email'])
        last = batch[-1].pk


def move_confirmations_back(apps, schema_editor):
    Subscriber = apps.get_model('newsletter', 'Subscriber')
    db = schema_editor.connection.alias
    rows = (
        Subscriber.objects.using(db)
        .filter(confirmation_email__isnull=False)
        .select_related('confirmation_email')
        .order_by('pk')
    )
    fields = [
        'confirmation_queued_at', 'confirmation_claim', 'confirmation_claimed_at',
        'confirmation_attempts', 'confirmation_error', 'confirmation_sent_at',
    ]
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for subscriber in batch:
            email = subscriber.confirmation_email
            subscriber.confirmation_queued_at = email.queued_at
            subscriber.confirmation_claim = email.claim
            subscriber.confirmation_claimed_at = email.claimed_at
            subscriber.confirmation_attempts = email.attempts
            subscriber.confirmation_error = email.last_error[:500]
            subscriber.confirmation_sent_at = email.sent_at
        Subscriber.objects.using(db).bulk_update(batch, fields)
        last = batch[-1].pk


class Migration(migrations.Migration):

    dependencies = [
        ('mail', '0002_header_line_length'),
        ('newsletter', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='subscriber',
            name='newsletter_outbox_idx',
        ),
        migrations.AddField(
            model_name='subscriber',
            name='confirmation_email',
            field=models.ForeignKey(blank=True, help_text='The latest confirmation email, in the outbox.', null=True, on_delete=django.db.models.deletion.DB_SET_NULL, related_name='+', to='mail.outboundemail'),
        ),
        migrations.RunPython(move_confirmations_to_outbox, move_confirmations_back),
    ]
