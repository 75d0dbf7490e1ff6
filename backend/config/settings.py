"""PTW settings: every value comes from the environment (see .env.example)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import env_bool, env_choice, env_float, env_int, env_list, env_str
from ptw.ops.spa import revalidate_app_files

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
VAR_DIR = Path(env_str("PTW_VAR_DIR", str(REPO_DIR / "var")))
FRONTEND_DIR = Path(env_str("PTW_FRONTEND_DIR", str(REPO_DIR / "frontend")))
UI_DIST_DIR = Path(env_str("PTW_UI_DIST_DIR", str(FRONTEND_DIR / "dist")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PTW_ENV = env_choice("PTW_ENV", ("development", "production"), "development")
PRODUCTION = PTW_ENV == "production"

DEVELOPMENT_SECRET_KEY = "ptw-development-only-secret-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
# Django refuses to read an empty SECRET_KEY; the start-up guard reads this instead.
SECRET_KEY_STATE = (
    "unset" if not SECRET_KEY else "development_default" if SECRET_KEY == DEVELOPMENT_SECRET_KEY else "set"
)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
# The Vite dev server (npm run dev) proxies the API from another origin in development.
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [] if PRODUCTION else ["http://127.0.0.1:5173", "http://localhost:5173"]
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ptw.core",
    "ptw.accounts",
    "ptw.permits",
    "ptw.webhooks",
    "ptw.notifications",
    "ptw.reports",
    "ptw.ops",
]

MIDDLEWARE = [
    "ptw.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so the built UI's files carry the policies too.
    "csp.middleware.CSPMiddleware",
    "ptw.core.security_headers.PermissionsPolicyMiddleware",
    # After the security headers, so its 413 and 411 answers carry them too.
    "ptw.core.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ptw.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue instead of failing; IMMEDIATE avoids lock-upgrade deadlocks between
        # the web server and the worker sharing one file.
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests that start a real worker process need the test database on disk; one per test run.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-ptw-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
    # What the planner takes a page read out of the table's order to cost (decision 0029): PostgreSQL's default, 4,
    # prices a disk's seek; a project's permits in its index's order are such reads, and at that price a search's
    # page walked an index of every project's permits instead (11,101 rows read for 25 at 100k permits in 20
    # projects: 5.6 ms, 1.7 at 1.1). Set on the connection (a startup option); empty leaves the server's own.
    DB_RANDOM_PAGE_COST = env_float("DB_RANDOM_PAGE_COST", 1.1)
    if DB_RANDOM_PAGE_COST is not None:
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c random_page_cost={DB_RANDOM_PAGE_COST}".strip()
# The reads by a key that every request makes (a permit by its id, a token by its hash) are prepared on each
# PostgreSQL connection (`core.database.prepared`, decision 0028); off for a pooler that cannot keep them.
PTW_DB_PREPARED_READS = env_bool("DB_PREPARED_READS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["ptw.accounts.authentication.UserBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# The built UI is served from the site root (assets, favicon); index.html by the SPA view.
WHITENOISE_ROOT = UI_DIST_DIR if UI_DIST_DIR.is_dir() else None
WHITENOISE_MAX_AGE = 3600
# Static files of Django apps are served straight from the apps: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/.+-[0-9A-Za-z_-]{8,}\.\w+$"
# The installable app: the service worker and the web app manifest sit at the site root (the worker's scope
# is the whole app) and are always revalidated, so a new build's worker is found at the next visit.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
WHITENOISE_ADD_HEADERS_FUNCTION = revalidate_app_files

# HTTPS: in production PTW sits behind a TLS-terminating proxy (BEHIND_TLS_PROXY), or is served over plain
# HTTP by the operator's explicit choice (PTW_ALLOW_PLAIN_HTTP, a settings risk in `make status`); with
# neither the start-up guard refuses to start.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
PTW_ALLOW_PLAIN_HTTP = env_bool("PTW_ALLOW_PLAIN_HTTP", False)
HTTPS_ONLY = PRODUCTION and BEHIND_TLS_PROXY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = HTTPS_ONLY
# Load balancers probe the health endpoints over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise to browsers that is slow to take back: the operator opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION and env_bool("SECURE_COOKIES", not PTW_ALLOW_PLAIN_HTTP or BEHIND_TLS_PROXY)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# `check --deploy` stays quiet about what the operator chose deliberately and `make status` reports instead.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if PRODUCTION and (BEHIND_TLS_PROXY or PTW_ALLOW_PLAIN_HTTP):
    SILENCED_SYSTEM_CHECKS += [] if SECURE_HSTS_SECONDS else ["security.W004"]
    SILENCED_SYSTEM_CHECKS += [] if SECURE_SSL_REDIRECT else ["security.W008"]
    SILENCED_SYSTEM_CHECKS += [] if SESSION_COOKIE_SECURE else ["security.W012", "security.W016"]
# The built UI loads only its own scripts (no inline script, no eval). Ant Design injects its CSS-in-JS
# <style> elements at run time, hence 'unsafe-inline' for styles only (docs/decisions/0009-*).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        # Drawn signatures are PNG data: URLs; blob: for images made in the browser (photos before upload).
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        # The installable app: PTW's own service worker (serviceWorker.js) and web app manifest.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features: the camera (site photos) and location for PTW's own pages; everything else off.
PTW_PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = {
    "camera": ("self",),
    "geolocation": ("self",),
    "microphone": (),
    "payment": (),
    "usb": (),
    "serial": (),
    "hid": (),
    "midi": (),
    "display-capture": (),
    "accelerometer": (),
    "gyroscope": (),
    "magnetometer": (),
}

# The largest request body the API reads (JSON); a larger one is answered 413 before it is read.
PTW_MAX_JSON_BODY_BYTES = env_int("PTW_MAX_JSON_BODY_BYTES", 2_621_440)
DATA_UPLOAD_MAX_MEMORY_SIZE = PTW_MAX_JSON_BODY_BYTES
# A permit's attachment: an image or a PDF of at most 10 MB (10 MB + 1 byte is refused, 413).
PTW_ATTACHMENT_MAX_BYTES = env_int("PTW_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# The largest upload (multipart/form-data: an attachment, or an area's plot plan of at most 5 MB, with the form
# around it); a body declared larger is answered 413 before it is read.
PTW_MAX_UPLOAD_BYTES = env_int("PTW_MAX_UPLOAD_BYTES", PTW_ATTACHMENT_MAX_BYTES + 64 * 1024)
# Uploads over this size are streamed to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Where attachments live: "local" (a directory under the var directory) or "s3" (S3-compatible object storage,
# through django-storages; the bucket must exist and stay private: files are served only through the API).
PTW_ATTACHMENT_STORAGE = env_choice("PTW_ATTACHMENT_STORAGE", ("local", "s3"), "local")
PTW_ATTACHMENT_DIR = Path(env_str("PTW_ATTACHMENT_DIR", str(VAR_DIR / "attachments")))
_ATTACHMENTS: dict[str, object] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("PTW_S3_BUCKET"),
            "endpoint_url": env_str("PTW_S3_ENDPOINT_URL") or None,
            "region_name": env_str("PTW_S3_REGION") or None,
            "access_key": env_str("PTW_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("PTW_S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("PTW_S3_PREFIX", "attachments"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
    if PTW_ATTACHMENT_STORAGE == "s3"
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PTW_ATTACHMENT_DIR), "base_url": None},
    }
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "attachments": _ATTACHMENTS,
}

_RENDERERS = ["rest_framework.renderers.JSONRenderer"]
if DEBUG:
    _RENDERERS.append("rest_framework.renderers.BrowsableAPIRenderer")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ptw.accounts.authentication.BearerTokenAuthentication",
        "ptw.accounts.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": _RENDERERS,
    "DEFAULT_PARSER_CLASSES": ["ptw.core.parsers.BoundedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ptw.core.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ptw.core.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 25,
    # `format` is a report and export parameter (csv, xlsx), not a renderer switch.
    "URL_FORMAT_OVERRIDE": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "PTW API",
    "DESCRIPTION": "Permit-to-Work: permits, workflow, safety controls, reports and webhooks.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ptw.core.schema.drop_storage_integer_bounds",
        "ptw.core.schema.document_error_responses",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AttachmentKindEnum": "ptw.permits.choices.AttachmentKind",
        "GradeEnum": "ptw.accounts.choices.Grade",
        "SideEnum": "ptw.accounts.choices.Side",
        "PermitStatusEnum": "ptw.permits.choices.Status",
        "CheckStatusEnum": ["ok", "warning", "critical"],
        "IsolationStatusEnum": "ptw.permits.models.isolations.IsolationStatus",
        "WebhookDeliveryStatusEnum": "ptw.webhooks.choices.DeliveryStatus",
        "WebhookDisabledReasonEnum": "ptw.webhooks.choices.DisabledReason",
        "WebhookAttemptOutcomeEnum": "ptw.webhooks.choices.AttemptOutcome",
        "ChainBreakReasonEnum": ["changed", "missing", "reordered"],
        "SignOnMethodEnum": "ptw.permits.choices.SignOnMethod",
        "RiskLevelEnum": "ptw.permits.choices.RiskLevel",
        "NotificationCategoryEnum": "ptw.notifications.choices.Category",
        "LocationKindEnum": "ptw.permits.models.locations.LocationKind",
        "SimopsEffectEnum": ["block", "warn", "none"],
        "ConflictEffectEnum": ["block", "warn"],
        "ConflictKindEnum": ["rule", "isolation"],
        "SimopsScopeEnum": ["node", "unit", "area"],
        "FieldTypeEnum": "ptw.permits.choices.FieldType",
        "CertificateHolderTypeEnum": ["user", "worker"],
    },
}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Any number of schedulers may run; only the holder of the database lease sends (ptw/ops/scheduler.py).
# Lists count (and page through) at most this many matching rows; beyond it the count is "N+" (core/pagination.py).
PTW_LIST_COUNT_LIMIT = env_int("PTW_LIST_COUNT_LIMIT", 10_000)
PTW_SEARCH_COUNT_LIMIT = env_int("PTW_SEARCH_COUNT_LIMIT", 200)
# The permit list keeps its rendered pages in each process up to this many bytes, each served again only while none
# of the caller's projects has changed since (core/response_cache.py, decision 0031); 0 keeps none.
PTW_LIST_CACHE_BYTES = env_int("PTW_LIST_CACHE_BYTES", 16 * 1024 * 1024)
PTW_SCHEDULER_LEASE_SECONDS = env_int("PTW_SCHEDULER_LEASE_SECONDS", 30)
PTW_SCHEDULER_RENEW_SECONDS = env_int("PTW_SCHEDULER_RENEW_SECONDS", 10)
PTW_HEARTBEAT_SECONDS = env_int("PTW_HEARTBEAT_SECONDS", 30)
# A heartbeat older than this many seconds is reported as stale.
PTW_HEARTBEAT_STALE_SECONDS = env_int("PTW_HEARTBEAT_STALE_SECONDS", 120)
# Webhook targets on private, loopback or link-local addresses are refused unless this allows them.
PTW_WEBHOOKS_ALLOW_PRIVATE = env_bool("PTW_WEBHOOKS_ALLOW_PRIVATE", False)
# Fernet keys that encrypt webhook secrets at rest (comma-separated; the first encrypts, all decrypt).
# Required in production; development derives one from the development SECRET_KEY when unset.
PTW_SECRETS_KEYS = env_list("PTW_SECRETS_KEY", [])
# Start delivering right after a change commits (otherwise the 10 s pump of the scheduler picks it up).
PTW_OUTBOX_KICK = env_bool("PTW_OUTBOX_KICK", True)
# How many reverse proxies in front of PTW append the caller to X-Forwarded-For; 0 ignores the header.
PTW_TRUSTED_PROXY_COUNT = env_int("PTW_TRUSTED_PROXY_COUNT", 0)
# Sign-in guessing: this many failures for one e-mail within the window lock it for the lock time;
# failures from one address beyond its own limit answer 429 (a right password still gets in).
PTW_LOGIN_MAX_FAILURES = env_int("PTW_LOGIN_MAX_FAILURES", 10)
PTW_LOGIN_WINDOW_MINUTES = env_int("PTW_LOGIN_WINDOW_MINUTES", 15)
PTW_LOGIN_LOCK_MINUTES = env_int("PTW_LOGIN_LOCK_MINUTES", 15)
PTW_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("PTW_LOGIN_MAX_FAILURES_PER_ADDRESS", 50)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# How long one attempt to hand a notification e-mail to the server may take before it is retried later.
PTW_EMAIL_TIMEOUT_SECONDS = env_int("PTW_EMAIL_TIMEOUT_SECONDS", 15)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PTW <ptw@localhost>")

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "defaults": {"request_id": "-"},
        },
        "text": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s",
            "defaults": {"request_id": "-"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if PRODUCTION or env_bool("LOG_JSON", False) else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Webhook attempts are recorded in the delivery log; httpx's line per request would only repeat them.
    # fontTools narrates every font subset it makes for a printed permit.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PTW_VERSION = "0.1.0"
# The port `make run` serves on (127.0.0.1 only); the local addresses below default to it.
PTW_PORT = env_int("PTW_PORT", 8000)
LOCAL_URL = f"http://127.0.0.1:{PTW_PORT}"
# The address people open PTW at: QR codes on printed permits point here.
PTW_PUBLIC_URL = env_str("PTW_PUBLIC_URL", LOCAL_URL).rstrip("/")
# TrueType fonts (DejaVu Sans, regular and bold) for printed permits in any script; without them the
# PDF falls back to the built-in Helvetica and Latin-1 text.
PTW_PDF_FONT_DIR = env_str("PTW_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

CELERY_BEAT_SCHEDULE = {
    "permit-expiry-sweep": {
        "task": "ptw.permits.tasks.expire_sweep",
        "schedule": float(env_int("PTW_EXPIRY_SWEEP_SECONDS", 60)),
    },
    # Re-enqueues what is due, so a lost broker message or a stopped worker delays a delivery, never loses it.
    "webhook-pump": {"task": "ptw.webhooks.tasks.pump", "schedule": float(env_int("PTW_WEBHOOK_PUMP_SECONDS", 10))},
    # Notifications from the outbox and e-mails due for a (re)try, so nothing waits on a lost broker message.
    "notification-pump": {
        "task": "ptw.notifications.tasks.pump",
        "schedule": float(env_int("PTW_NOTIFICATION_PUMP_SECONDS", 10)),
    },
    # Planned end approaching / reached / grace running out, and stages waiting past their SLA: once each.
    "permit-reminder-sweep": {
        "task": "ptw.permits.tasks.reminder_sweep",
        "schedule": float(env_int("PTW_REMINDER_SWEEP_SECONDS", 60)),
    },
    # Every timeline's hash chain, nightly at a quiet hour (UTC); `make status` reports the outcome.
    "audit-chain-check": {"task": "ptw.permits.tasks.verify_chains", "schedule": crontab(hour=2, minute=30)},
}
