"""The email message that every outbox row is stored from and rebuilt as."""

import email.policy

from django.core.mail import EmailMultiAlternatives

FOLDED_LINE_LENGTH = 78  # RFC 5322's recommended length, and Python's default
LONGEST_LINE_LENGTH = 998  # RFC 5322's limit


class Message(EmailMultiAlternatives):
    """An email whose header lines are folded at `max_line_length`.

    The usual 78 keeps RFC 2047's encoded words short, so it stays the default. A message with a
    header that may be neither folded nor encoded, such as List-Unsubscribe's one long URL
    (RFC 2369), sets 998: the outbox stores the length with the row, so the message rebuilt for
    sending keeps it."""

    max_line_length = FOLDED_LINE_LENGTH

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=self.max_line_length))
