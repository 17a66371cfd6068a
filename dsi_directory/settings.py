"""Settings for the DSI Directory, read from the environment (12-factor).

One file for every environment: production behaviour is switched by variables, never by a
second settings module. With nothing set, `make run` gets a debug site on an embedded
PostgreSQL with in-process Celery tasks and a local-memory cache.
"""

import time
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from dsi_directory import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=true for local development."
        )
    # Only ever reached with DEBUG on, which is never production.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    "taggit",
    "django_countries",
    "django_filters",
    "django_htmx",
    "modeltrans",
    "core",
    "mail",
    "accounts",
    "submissions",
    "claims",
    "curation",
    "organisations",
    "newsletter",
    "projects",
    "casestudies",
    "blog",
    "events",
    "funding",
    "search",
    "suggestions",
    "alerts",
    "atlas",
    "dsi4eu",
    "demo",
    "ninja",  # its docs page from our static files, not a CDN
    "opendata",
]

MIDDLEWARE = [
    "core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.languages.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SuperuserSecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# `make bench` only: X-Query-Count and Server-Timing headers on every response. Outermost, so it
# counts every middleware's queries; not installed at all otherwise.
BENCH_HEADERS = env.bool("DJANGO_BENCH_HEADERS", default=False)
if BENCH_HEADERS:
    MIDDLEWARE.insert(0, "core.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "dsi_directory.urls"
FORM_RENDERER = "core.forms.SiteFormRenderer"
WSGI_APPLICATION = "dsi_directory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "dsi_directory.context_processors.site",
                "core.languages.context",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# PostgreSQL only. With DATABASE_URL unset, the embedded server of `make run` (its socket in
# .postgres/, see dsi_directory/embedded_db.py), so a checkout needs no server of its own.
DATABASES = {"default": env.db_url("DATABASE_URL", default=embedded_db.url())}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL (postgres://…): search, similar names and "
        "cached counts are written for it. Unset it to use the embedded server of `make run`."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a restarted server is reconnected to
# A slow query cannot hold a web worker forever: gunicorn.conf.py sets 20 s for web processes,
# under gunicorn's own 30 s; commands (imports, migrations on big tables) have no limit.
if statement_timeout := env.int("DJANGO_STATEMENT_TIMEOUT_MS", default=0):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={statement_timeout}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background work --------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that is down or stuck costs a page half a second at most, never an error.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="dsi"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ----------------------------------------------------------------------------------
# Redis is the broker. Without REDIS_URL (`make run`), tasks run in-process and emails print to
# the console. With it, run `make worker` (a worker with beat). A broker outage never fails a page:
# rows that need work are saved first and the periodic requeue task sends what was not queued.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 50
CELERY_TASK_TIME_LIMIT = 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues while Redis is down gives up after a moment instead of hanging.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.1,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME",
    default="/tmp/dsi-directory-celerybeat-schedule",  # noqa: S108
)
CELERY_BEAT_SCHEDULE = {
    "mail-requeue-unsent": {
        "task": "mail.tasks.requeue_unsent",
        "schedule": env.float("OUTBOX_REQUEUE_EVERY_SECONDS", default=60.0),
    },
    "core-fold-data-versions": {"task": "core.tasks.fold_data_versions", "schedule": 600.0},
    # The organisation list's facet cube, rebuilt when the data moved (organisations/cube.py).
    "organisations-refresh-facet-cube": {
        "task": "organisations.tasks.refresh_facet_cube",
        "schedule": 60.0,
    },
    # Digests of saved-filter alerts: each alert at most once a day or week, when something is new.
    "alerts-send-due-digests": {
        "task": "alerts.tasks.send_due_digests",
        "schedule": env.float("ALERTS_EVERY_SECONDS", default=3600.0),
    },
}

# --- Accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # OWASP ASVS 2.1.1
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# By name, so that a German page sends people to the German sign-in page.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DSI Directory] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, kept explicit; they count in the (Redis) cache.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# A second factor (an authenticator app, with recovery codes) for anyone who wants one;
# required of superusers before they reach the admin where this is on (production's compose).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "DSI Directory"
MFA_REQUIRED_FOR_SUPERUSERS = env.bool("DJANGO_MFA_REQUIRED_FOR_SUPERUSERS", default=False)
# GitHub and Google sign-in appear only when their keys are set.
SOCIALACCOUNT_PROVIDERS = {}
for _provider in ("github", "google"):
    _client_id = env.str(f"{_provider.upper()}_CLIENT_ID", default="")
    if _client_id:
        INSTALLED_APPS.append(f"allauth.socialaccount.providers.{_provider}")
        SOCIALACCOUNT_PROVIDERS[_provider] = {
            "APPS": [{"client_id": _client_id, "secret": env.str(f"{_provider.upper()}_SECRET")}]
        }

# --- Internationalisation --------------------------------------------------------------------
# English is the source and stays at today's addresses; the others live under /de/, /fr/…
# (dsi_directory/urls.py). Each name is written in its own language, as the switcher shows it.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("ca", "Català"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates and numbers as written in Europe (day before month), not Django's US "en".
FORMAT_MODULE_PATH = ["core.formats"]
# Vocabularies and editorial content: one JSON field of translations per row (django-modeltrans);
# a missing translation reads as the English.
MODELTRANS_AVAILABLE_LANGUAGES = [code for code, _name in LANGUAGES]
MODELTRANS_ADD_FIELD_HELP_TEXT = False
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    # Media on S3-compatible storage once the site runs on more than one machine.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
# Tests and `make run` serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or env.bool("DJANGO_STATIC_FROM_FINDERS", default=False)
if WHITENOISE_USE_FINDERS:
    STATIC_ROOT = None  # nothing collected: WhiteNoise reads the app and project folders
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# --- Email -----------------------------------------------------------------------------------
# EMAIL_URL: smtp+tls://user:password@host:587 in production; the console when debugging.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "timeout": env.int("EMAIL_TIMEOUT", default=10),
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _smtp_options.items() if v not in (None, "")}
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="DSI Directory <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security --------------------------------------------------------------------------------
# DJANGO_HTTPS is on wherever DEBUG is off; the test suite switches it off to speak plain HTTP.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Whole request bodies: a logo and a header image (5 MB each) and the form around them. Bigger
# ones are refused before they are read (core.middleware.RequestBodyLimitMiddleware).
MAX_REQUEST_BODY_BYTES = 12 * 1024 * 1024
# No inline script anywhere: every script is a file under static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Third-party apps ------------------------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "core.tagging.split_on_commas"
TAGGIT_STRING_FROM_TAGS = "core.tagging.join_with_commas"
COUNTRIES_FIRST = []
# Kosovo has no ISO 3166 code yet; XK is the code the EU and most registries use.
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

# --- The directory ---------------------------------------------------------------------------
SITE_NAME = "DSI Directory"
# Part of every page's ETag: a new release (templates, code) never answers 304 with old pages.
RELEASE = env.str("RELEASE", default=f"started-{time.time_ns()}")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
DIRECTORY_PAGE_SIZE = 24
# Proxies (load balancers) in front of gunicorn that append to X-Forwarded-For: rate limits
# take the client's address from that header only when this says how many to trust.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The read API (/api/): requests per IP address, per window in seconds (429 past it).
API_RATE_LIMIT = (env.int("API_RATE_LIMIT", default=600), 60)
# The operator's switch; false here closes submissions whatever the admin says.
SUBMISSIONS_OPEN = env.bool("SUBMISSIONS_OPEN", default=True)

# --- The email outbox (mail/) ---------------------------------------------------------------
# A worker's claim on an email for sending, well above the task time limit; an email still unsent
# this long after it was queued is queued again by beat (the broker was down, or its worker died);
# attempts per email, retries and requeues together. The first two are shortened by the fault
# tests, whose worker runs as a subprocess (with OUTBOX_REQUEUE_EVERY_SECONDS, the beat interval).
OUTBOX_CLAIM_LEASE_SECONDS = env.int("OUTBOX_CLAIM_LEASE_SECONDS", default=300)
OUTBOX_REQUEUE_AFTER_SECONDS = env.int("OUTBOX_REQUEUE_AFTER_SECONDS", default=180)
OUTBOX_MAX_ATTEMPTS = 20

# --- Newsletter ------------------------------------------------------------------------------
NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 60 * 60  # confirmation links work for 7 days
NEWSLETTER_RESEND_COOLDOWN_SECONDS = 15 * 60  # the same address gets no new email before then
NEWSLETTER_RATE_LIMIT = (10, 10 * 60)  # sign-ups per IP address, per window in seconds
# --- Alerts (alerts/) -------------------------------------------------------------------------
ALERTS_CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 60 * 60  # confirmation links work for 7 days
ALERTS_RESEND_COOLDOWN_SECONDS = 15 * 60  # the same alert again gets no new email before then
ALERTS_RATE_LIMIT_PER_IP = (20, 60 * 60)  # new alerts per IP address, per window in seconds
ALERTS_RATE_LIMIT_PER_ADDRESS = (5, 60 * 60)  # new alerts per email address, per window
ALERTS_PER_ADDRESS = 20  # alerts one address may have on at once
ALERTS_DIGEST_LISTED = 30  # records a digest lists; more are counted, with a link to them all

# Dotted path of a class that syncs confirmed subscribers to a list provider; none by default.
NEWSLETTER_LIST_PROVIDER = env.str("NEWSLETTER_LIST_PROVIDER", default="")
