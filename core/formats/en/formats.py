# British English formats for the English pages (Django's plain "en" writes dates the US way).
from django.conf.locale.en_GB.formats import *  # noqa: F403
