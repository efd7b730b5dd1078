"""Settings from the environment, with safe defaults for `make run` on one machine.

Production sets SENDTRACK_DATABASE_URL (PostgreSQL), SENDTRACK_SECRET_KEY,
SENDTRACK_ALLOWED_HOSTS and SENDTRACK_SECURE=1; see docs/production.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from dj_database_url import DBConfig

from sendtrack.secret_key import secret_key
from sendtrack.sendiass.keys import sendiass_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("SENDTRACK_HOME", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("SENDTRACK_VAR_DIR", PROJECT_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("SENDTRACK_DEBUG")
# SENDTRACK_SECRET_KEY, else var/secret.key from `make setup`; the published default fails the
# system check sendtrack.E001 outside DEBUG (sendtrack/secret_key.py).
SECRET_KEY = secret_key(os.environ, VAR_DIR)
if not DEBUG and "SENDTRACK_SECRET_KEY" not in os.environ and env_flag("SENDTRACK_SECURE"):
    raise RuntimeError("SENDTRACK_SECRET_KEY must be set when SENDTRACK_SECURE=1")
ALLOWED_HOSTS = os.environ.get("SENDTRACK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "sendtrack.accounts.admin_site.OperatorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "govuk_frontend_django",
    "django.forms",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "sendtrack.accounts",
    "sendtrack.people",
    "sendtrack.plans",
    "sendtrack.imports",
    "sendtrack.sendiass",
    "sendtrack.statutory",
    "sendtrack.demo",
    "sendtrack.indicators",
    "sendtrack.reports",
    "sendtrack.reminders",
    "sendtrack.api",
    "sendtrack.operations",
    "sendtrack.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: no-store on every answer with personal data (sendtrack/caching.py); here,
    # after whitenoise (static files stay cacheable) and around everything that answers.
    "sendtrack.caching.NoStoreForPersonalData",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendtrack.urls"
WSGI_APPLICATION = "sendtrack.wsgi.application"

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
            "builtins": ["sendtrack.core.templatetags.govuk"],
        },
    }
]

# Widgets draw from the project's templates too (the GOV.UK date input's is in templates/includes).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SENDTRACK_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sendtrack.sqlite3'}"),
        conn_max_age=int(os.environ.get("SENDTRACK_CONN_MAX_AGE", "60")),
    )
}
# SENDIASS casework lives in its own database, which holds nothing of the council's (DESIGN.md).
DATABASES["sendiass"] = dj_database_url.parse(
    os.environ.get("SENDTRACK_SENDIASS_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sendiass.sqlite3'}"),
    conn_max_age=int(os.environ.get("SENDTRACK_CONN_MAX_AGE", "60")),
)


def embedded_database_options(database: DBConfig) -> DBConfig:
    """The embedded SQLite database under concurrent writes: WAL lets readers go on while one
    writer writes; IMMEDIATE takes the write lock when a transaction starts, so two
    transactions that read then write wait for each other (up to the timeout) instead of
    failing at once with "database is locked"."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            **database.get("OPTIONS", {}),
        }
    return database


for _database in DATABASES.values():
    embedded_database_options(_database)
DATABASE_ROUTERS = ["sendtrack.sendiass.routers.SendiassRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout: 5 failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("SENDTRACK_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
# Counted per username whatever the address (password guessing spread over many addresses)
# and per address whatever the username (spraying one password over many usernames). A lock
# lifts by itself after AXES_COOLOFF_TIME (15 minutes), so nobody can keep a named user out
# for long without going on trying, from addresses that are locked in turn.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# How many proxies in front of gunicorn append to X-Forwarded-For (docs/production.md).
SENDTRACK_TRUSTED_PROXIES = int(os.environ.get("SENDTRACK_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "sendtrack.accounts.throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_flag("SENDTRACK_AXES_ENABLED", True)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "build" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    PROJECT_DIR / "build" / "assets",
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MANIFEST_STRICT = False

# Security headers: on everywhere; HTTPS-only ones when SENDTRACK_SECURE=1 (behind TLS).
SECURE = env_flag("SENDTRACK_SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "SENDTRACK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# --- Reminders and the analysts' API (docs/reminders.md, docs/api.md) ---------------------
# Links in reminder emails start with SENDTRACK_BASE_URL. To send through GOV.UK Notify, set
# SENDTRACK_EMAIL_BACKEND=sendtrack.reminders.notify.NotifyEmailBackend and the key and the id
# of an email template whose subject is ((subject)) and whose body is ((body)).
SENDTRACK_BASE_URL = os.environ.get("SENDTRACK_BASE_URL", "http://localhost:8000").rstrip("/")
SENDTRACK_REMINDERS_FROM_EMAIL = os.environ.get(
    "SENDTRACK_REMINDERS_FROM_EMAIL", "sendtrack@localhost"
)
SENDTRACK_NOTIFY_API_KEY = os.environ.get("SENDTRACK_NOTIFY_API_KEY", "")
SENDTRACK_NOTIFY_TEMPLATE_ID = os.environ.get("SENDTRACK_NOTIFY_TEMPLATE_ID", "")
SENDTRACK_API_PAGE_SIZE = int(os.environ.get("SENDTRACK_API_PAGE_SIZE", "100"))
SENDTRACK_API_MAX_PAGE_SIZE = int(os.environ.get("SENDTRACK_API_MAX_PAGE_SIZE", "1000"))
# --- end of reminders and API settings --------------------------------------------------------

# BRAG rule settings (docs/rag.md).
SENDTRACK_RAG_DUE_SOON_DAYS = int(os.environ.get("SENDTRACK_RAG_DUE_SOON_DAYS", "28"))
SENDTRACK_RAG_STALE_AFTER_DAYS = int(os.environ.get("SENDTRACK_RAG_STALE_AFTER_DAYS", "42"))

# Uploads (review paperwork, SENDIASS documents): a dotted path to a virus scanner callable
# (docs/statutory-operations.md), and where uploads are kept (private, never served).
SENDTRACK_UPLOAD_SCANNER = os.environ.get("SENDTRACK_UPLOAD_SCANNER", "") or None
SENDTRACK_UPLOAD_ROOT = Path(os.environ.get("SENDTRACK_UPLOAD_ROOT", VAR_DIR / "uploads"))

# Background work (docs/decisions/task-queue.md): Django's tasks API with the database
# backend; `sendtrack db_worker` runs the tasks (`make run` starts one). Each document read or
# PDF drawn runs in a child process stopped after SENDTRACK_JOB_WALL_SECONDS of real time or
# SENDTRACK_JOB_CPU_SECONDS of processor time, with at most SENDTRACK_JOB_MEMORY_MB of memory.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SENDTRACK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
SENDTRACK_JOB_WALL_SECONDS = float(os.environ.get("SENDTRACK_JOB_WALL_SECONDS", "60"))
SENDTRACK_JOB_CPU_SECONDS = int(os.environ.get("SENDTRACK_JOB_CPU_SECONDS", "30"))
SENDTRACK_JOB_MEMORY_MB = int(os.environ.get("SENDTRACK_JOB_MEMORY_MB", "1024"))

# SENDIASS (docs/sendiass.md): the key that encrypts case notes, contact details and documents.
SENDTRACK_SENDIASS_KEY = sendiass_key(os.environ, DEBUG, VAR_DIR)
SENDTRACK_SENDIASS_CONSENT_MONTHS = int(os.environ.get("SENDTRACK_SENDIASS_CONSENT_MONTHS", "12"))
SENDTRACK_SENDIASS_RETENTION_YEARS = int(os.environ.get("SENDTRACK_SENDIASS_RETENTION_YEARS", "6"))
SENDTRACK_SENDIASS_COMPLAINT_ACKNOWLEDGE_DAYS = int(
    os.environ.get("SENDTRACK_SENDIASS_COMPLAINT_ACKNOWLEDGE_DAYS", "5")
)
SENDTRACK_SENDIASS_COMPLAINT_RESPOND_DAYS = int(
    os.environ.get("SENDTRACK_SENDIASS_COMPLAINT_RESPOND_DAYS", "20")
)

# Logs carry no personal data: request paths and ids only, never form contents.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SENDTRACK_LOG_LEVEL", "WARNING")},
}
