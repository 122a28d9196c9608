"""Settings, all from the environment.

Defaults give a working development install on SQLite (DEBUG on, a local secret key). Production sets
DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; with DEBUG off the secure defaults below apply and
a missing SECRET_KEY is an error rather than a silent insecure fallback.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves its Swagger UI files itself, so /api/docs needs no CDN
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "axes",
    "csp",
    "audit",  # the audit trail of every app's models (registered in audit.apps), history pages
    "ops",  # backup, restore, check_production, recover_tasks; 500/503 pages
    "core",
    "orgs",
    "plans",
    "reporting",
    "council",
    "events",
    "documents",
    "today",  # «Мои задачи», the start page after sign-in
]

MIDDLEWARE = [
    "ops.middleware.ServiceUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is checked before reuse, so a restarted database costs one failed
        # request per worker at most, not one per kept connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite queues writers instead of refusing them: a transaction takes the write lock when it
    # begins (IMMEDIATE), so two writers never deadlock half-way and fail with «database is
    # locked»; a writer waits up to SQLITE_TIMEOUT seconds for the lock. WAL lets readers go on
    # while one writes. Django 5.1+ reads these OPTIONS.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username+address
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today:tasks"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tomsk")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files on S3-compatible object storage (MinIO, Yandex Object Storage, AWS) when a bucket is
# named; the file system under MEDIA_ROOT otherwise. Files are private: served only through views
# that check access, never by a bucket URL.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# The address e-mails link to (reminders, review notices, a school's registration link). With
# DEBUG off it must be set: a default would send people to http://localhost:8000.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off (https://plan.example.ru)."
        )
    SITE_URL = "http://localhost:8000"

# One cache for every process (rate limits, the public form's challenge): Redis when REDIS_URL is
# set, otherwise a table in the database (created by ops' migration 0001). Never per-process
# memory: behind several workers or servers each would count on its own.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TABLE = "clusterplan_cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clusterplan"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clusterplan"),
        }
    }

# Background jobs (reminders, large reports) go through Django's task API. TASKS_BACKEND=database
# (the default) keeps them in the database — no Redis — and `clusterplan db_worker` runs them;
# TASKS_BACKEND=redis queues them in Redis (django-tasks-rq, TASKS_REDIS_URL or REDIS_URL) and
# `clusterplan rqworker default` runs them.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of: {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "redis":
    TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "") or REDIS_URL
    if not TASKS_REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=redis needs TASKS_REDIS_URL or REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    # The worker must run jobs through django-tasks-rq's Job, which calls the Task inside.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ClusterPlan <noreply@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Plan documents are small; anything bigger than this is refused before it is read.
PLAN_UPLOAD_MAX_BYTES = int(os.environ.get("PLAN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = PLAN_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = PLAN_UPLOAD_MAX_BYTES + 1024 * 1024

# The public registration form (events): posts an hour from one client address; after
# EVENT_CHALLENGE_AFTER posts within the hour the form asks a sum; a form filled faster than
# EVENT_FORM_MIN_SECONDS is a robot's; a form older than EVENT_FORM_MAX_AGE hours is stale.
EVENT_REGISTRATION_RATE = int(os.environ.get("EVENT_REGISTRATION_RATE", "30"))
EVENT_CHALLENGE_AFTER = int(os.environ.get("EVENT_CHALLENGE_AFTER", "3"))
EVENT_FORM_MIN_SECONDS = int(os.environ.get("EVENT_FORM_MIN_SECONDS", "3"))
EVENT_FORM_MAX_AGE = int(os.environ.get("EVENT_FORM_MAX_AGE", "12"))

# Consolidated-report jobs one user may have queued or running at once.
REPORT_JOBS_PER_USER = int(os.environ.get("REPORT_JOBS_PER_USER", "3"))

# An activity is "due soon" this many days before its due date.
DUE_SOON_DAYS = int(os.environ.get("DUE_SOON_DAYS", "14"))

# Security (docs/security.md). With DEBUG off: cookies only over HTTPS, HTTP redirected to HTTPS,
# HSTS; the reverse proxy terminates TLS and says so in X-Forwarded-Proto (deploy/nginx.conf).
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session lasts a working day; closing the browser does not end it (people work from tablets).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 12 * 60 * 60))
CSRF_COOKIE_HTTPONLY = True  # templates pass {% csrf_token %}; no script reads the cookie
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"  # in Russian, «nothing was saved»
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline scripts or
# styles, no plugins, no framing. htmx comes from django-htmx's static file; the API docs page
# (django-ninja's Swagger UI) loads its scripts from static files too. Images may be data: URIs
# (Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Where a request came from, for the audit trail and the sign-in lockout: the peer's address, or,
# behind our reverse proxy, the header it sets (deploy/nginx.conf sets X-Real-IP). Never trust a
# header that the proxy does not overwrite: a client could write any address into it.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is locked for AXES_COOLOFF_TIME; a successful sign-in resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "audit.views.lockout"  # the Russian page, templates/audit/lockout.html
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_COOLOFF_MESSAGE = "Слишком много неудачных попыток входа. Повторите попытку позже."
AXES_PERMALOCK_MESSAGE = "Слишком много неудачных попыток входа. Обратитесь к администратору."
AXES_VERBOSE = False

# Audit trail (django-auditlog): which models and fields is decided in audit/registry.py.
AUDITLOG_USE_BASE_MANAGER = True  # see also what an edition removed (Activity.objects hides it)
AUDITLOG_STORE_JSON_CHANGES = True  # before/after as JSON values, not their str()
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures and restores are not changes made by anyone

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Calendar keys are masked in every line (ops/logging.py): feed addresses carry them.
    "filters": {"mask_calendar_keys": {"()": "ops.logging.MaskCalendarKeys"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_calendar_keys"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO; keep its warnings only.
    # django-axes logs every sign-in at INFO; keep failures and lockouts (WARNING) only.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["mask_calendar_keys"]},
        "django.server": {"filters": ["mask_calendar_keys"]},
    },
}
