"""Settings shared by every environment.

Everything that differs between machines is read from the environment with the
ecosystem's usual names; `.env.example` lists them all. `dev.py`, `test.py` and
`production.py` only add conveniences or hardening on top of this file.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, STRICT_DYNAMIC
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

#: The repository (config/settings/base.py is two folders below it).
BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
#: A `.env` file in the project folder is read when present (never committed).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_or(name: str, default):
    """The variable's value, or `default` when it is unset or empty (a copied
    `.env.example` leaves most variables empty)."""
    return env(name, default="") or default


#: Cryptographic signing key. Required in production; dev and test set their own.
SECRET_KEY = env("SECRET_KEY", default="")

#: Debug pages and verbose errors. Never true in production.
DEBUG = env.bool("DEBUG", default=False)

#: Host names this site answers to, comma separated.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

#: Origins trusted for CSRF-protected POSTs behind a proxy, comma separated.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps; `portal` first so its templates and translations win.
    "portal",
    "home",
    "directory",
    "events",
    "courses",
    "economy",
    "campaigns",
    "ideas",
    "residents",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Read-only pages API for partners (portal/pages_api.py).
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    # Editors' translation workflow: translate in the admin, sync trees,
    # PO export/import for outside translators (docs/languages.md).
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.routable_page",
    "allauth",
    "allauth.account",
    "csp",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every later log line, the answer and the tasks carry its id.
    "portal.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the cache before any session, CSRF or user work
    # (portal/page_cache.py); stores the CSP header with the page.
    "portal.page_cache.PageCacheMiddleware",
    "portal.security.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database ------------------------------------------------------------------

#: Database connection. Default: an SQLite file in the project folder;
#: `postgres://user:password@host:5432/name` for PostgreSQL.
DATABASES = {
    "default": env.db_url_config(
        env_or("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is tested before a request uses it (after a database
# restart the first request would fail otherwise).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache ---------------------------------------------------------------------

#: Redis for the cache, e.g. `redis://127.0.0.1:6379/0`. Local memory when unset.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, answering as an empty cache while Redis
            # is down instead of failing every page (portal/cache.py).
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

#: Anonymous GET/HEAD responses cached whole and purged on change
#: (portal/page_cache.py, docs/page-cache.md). Off in the test settings.
PORTAL_PAGE_CACHE = env.bool("PORTAL_PAGE_CACHE", default=True)
#: Seconds a stored page is kept at most (purges are instant; this bounds
#: what only time changes, such as "upcoming" events).
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=600)
#: `max-age` browsers get for cached pages. 0: they revalidate with the ETag
#: on every view, so a purge reaches them at once (a 304 from the cache).
PORTAL_PAGE_CACHE_MAX_AGE = env.int("PORTAL_PAGE_CACHE_MAX_AGE", default=0)

#: The site frame (menu, footer, legal links) from the cache, rebuilt after a
#: publish of a section, a settings change or a full purge (portal/frame.py).
PORTAL_FRAME_CACHE = env.bool("PORTAL_FRAME_CACHE", default=True)

#: A reverse proxy (Varnish, or nginx with a purge module) in front of the
#: app servers, purged with HTTP PURGE requests, e.g. `http://127.0.0.1:6081`.
#: Responses then allow it to keep them (`s-maxage`).
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", default="")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.settings"),
        "wagtail.contrib.frontend_cache",
    )
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

# Users and passwords -------------------------------------------------------

AUTH_USER_MODEL = "portal.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages -----------------------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    # The newcomers' languages (issue 4); their Locales come from the
    # migration portal/0003_newcomer_locales.
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi)")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
#: The time zones staff may choose in their admin profile. Wagtail's default,
#: every name of the tz database, includes names browsers do not know (the
#: account page's script then fails on "Invalid time zone"); these are the
#: zones of the project's staff and of the newcomers' languages.
WAGTAIL_USER_TIME_ZONES = [
    "Europe/Berlin",
    "Europe/Kyiv",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Damascus",
    "UTC",
]
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
#: A page translated with wagtail-localize ("Translate this page") starts as a
#: draft of German text; it goes live only when an editor publishes it from
#: the translation editor. (Its default copies the live state of the German
#: page, which put German text live under /ar/ at once.) Copies made in code,
#: such as seed_demo's, publish themselves as before. docs/languages.md
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Static and media files ----------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_or("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

#: Where uploaded images and documents are stored.
MEDIA_ROOT = Path(env_or("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

#: S3-compatible object storage (AWS, MinIO, Ceph, Hetzner, IONOS …) for
#: uploads instead of MEDIA_ROOT, through django-storages, when a bucket is
#: named. Credentials come from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`
#: (or the instance's role); `AWS_S3_ENDPOINT_URL` for a provider other than
#: AWS. Objects are private: their URLs are signed and expire, so documents
#: stay behind Wagtail's checks. Every node then reads the same renditions.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
MEDIA_BACKEND = (
    {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default="") or None
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default="") or None
    AWS_LOCATION = env("AWS_LOCATION", default="media")
    AWS_DEFAULT_ACL = None  # the bucket's policy: private
    AWS_QUERYSTRING_AUTH = True
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=3600)
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    # Wagtail would redirect to the object's signed URL, which works for an
    # hour for anyone it is passed to; its view streams the document instead,
    # after its privacy checks, each time.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: a ceiling for request bodies; forms enforce their own, lower limits.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Complex page editors post many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail --------------------------------------------------------------------

#: Mail transport as a URL: `smtp+tls://user:password@host:587`, `consolemail://`
#: (print), `filemail:///path` (one file per mail), `memorymail://` (tests).
EMAIL_URL = env_or("EMAIL_URL", "smtp://localhost:25")
vars().update(env.email_url_config(EMAIL_URL))
if EMAIL_URL.startswith("filemail:") and not urlsplit(EMAIL_URL).netloc:
    # As in a file: URL, `filemail:///var/mail/portal` names an absolute path;
    # django-environ drops the leading slash and would write relative to the
    # working directory.
    EMAIL_FILE_PATH = "/" + urlsplit(EMAIL_URL).path.lstrip("/")
#: Sender of the portal's e-mails.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
#: Seconds before a mail server that does not answer is given up (the worker
#: retries the mail later).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# Background tasks ----------------------------------------------------------

# Mail, notifications, renditions and index updates run through django-tasks
# (as Wagtail's own do). `immediate` runs them inside the request (development,
# tests); `database` queues them in the database for `manage.py db_worker`, a
# service of its own (production's default; several workers are safe on
# PostgreSQL, which hands each task to one worker).
#: `immediate` or `database`.
TASKS_BACKEND = env("TASKS_BACKEND", default="immediate")
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, "
        f"not {TASKS_BACKEND!r}."
    )
#: The queues: `mail` (every mail, portal.mail; retried with backoff after
#: MAIL_RETRY_DELAYS) and `default` (renditions, Wagtail's reference index
#: and focal points, the apps' other work), each with its own worker
#: (`db_worker --queue-name mail`, deploy/systemd), so that a long rendition
#: run never holds up a login code.
TASK_QUEUES = ["default", "mail"]
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": TASK_QUEUES}}
#: Seconds before a mail the server refused is tried again, one per retry;
#: after the last one it is logged as failed (portal.tasks.send_template_mail).
MAIL_RETRY_DELAYS = env.list(
    "MAIL_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200, 21600]
)

# Wagtail -------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Quartiersportal Stern · Drewitz · Schlaatz"
#: Public address of the portal (scheme, host, port; no trailing slash). Every
#: absolute link (sitemap, feeds, APIs, QR codes, mails) is built from it
#: (`portal/absolute.py`), and `migrate` points the Wagtail Site record at it.
BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Wagtail's own mails (workflow, moderation, password reset) link to this,
# and the pages API (/api/v2/) its `detail_url`s and `next` links.
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILIMAGES_IMAGE_MODEL = "portal.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Unreadable images get a message instead of a server error.
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.uploads.PortalImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents must be what their extension says (Wagtail checks only the name).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.PortalDocumentForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Visitors do not need Wagtail's password-reset for the CMS; editors do.
WAGTAIL_PASSWORD_RESET_ENABLED = True
# Its mail goes out through django-tasks (docs/security.md, Logins).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "portal.security.AdminPasswordResetForm"  # noqa: S105
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

#: Elasticsearch (8/9) or OpenSearch (2/3) for search, e.g.
#: `ELASTICSEARCH_URL=http://127.0.0.1:9200` or `OPENSEARCH_URL=…` (the latter
#: needs the `opensearch-py` client installed). When neither is set, Wagtail's
#: database backend (SQLite FTS5 / PostgreSQL) is used. After a change of
#: engine or of the analysis below: `manage.py update_index`.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
OPENSEARCH_URL = env("OPENSEARCH_URL", default="")
#: German analysis for the engines' indexes: lower case, German stop words,
#: umlaut/ß normalisation and the light German stemmer ("Bäckereien" finds
#: "Bäckerei"), as the index's default analyzer. Compounds are split when
#: SEARCH_DECOMPOUND_WORDS names a word list on the search server
#: (`dictionary_decompounder`, e.g. analysis/de-words.txt): "Stadtteilzentrum"
#: then finds "Zentrum".
SEARCH_DECOMPOUND_WORDS = env("SEARCH_DECOMPOUND_WORDS", default="")
_german_filters = {
    "portal_german_stop": {"type": "stop", "stopwords": "_german_"},
    "portal_german_stemmer": {"type": "stemmer", "language": "light_german"},
}
if SEARCH_DECOMPOUND_WORDS:
    _german_filters["portal_german_decompound"] = {
        "type": "dictionary_decompounder",
        "word_list_path": SEARCH_DECOMPOUND_WORDS,
        "only_longest_match": True,
        "min_subword_size": 4,
    }
SEARCH_GERMAN_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": _german_filters,
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        *(
                            ["portal_german_decompound"]
                            if SEARCH_DECOMPOUND_WORDS
                            else []
                        ),
                        "portal_german_stop",
                        "german_normalization",
                        "portal_german_stemmer",
                    ],
                }
            },
        }
    }
}
if ELASTICSEARCH_URL or OPENSEARCH_URL:
    if OPENSEARCH_URL:
        import opensearchpy

        _engine, _url = "opensearch", OPENSEARCH_URL
        _major = opensearchpy.__versionstr__.split(".")[0]
    else:
        import elasticsearch

        _engine, _url = "elasticsearch", ELASTICSEARCH_URL
        _major = elasticsearch.__versionstr__.split(".")[0]
    # Wagtail has one backend per client major version; use the installed one.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{_engine}{_major}",
            "URLS": [_url],
            "INDEX": env("ELASTICSEARCH_INDEX", default="portal"),
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": SEARCH_GERMAN_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    if DATABASES["default"]["ENGINE"].endswith(("postgresql", "postgis")):
        #: PostgreSQL text search configuration of the database search
        #: backend, for stemming ("Bäckereien" finds "Bäckerei"). One per
        #: backend, and the database backend's index is one table, so it
        #: follows the default language; after a change run `update_index`.
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = env(
            "SEARCH_CONFIG", default="german"
        )

# Resident accounts ---------------------------------------------------------
# Residents sign up with django-allauth: a verified e-mail address is required
# before they submit, support or comment; login by a code sent by e-mail is the
# alternative to a password. People without e-mail get a one-time
# participation code at a contact point (residents.ParticipationCode) and log in
# with the user name they chose there, hence "username" as a second method.
# Editors and firms keep using the Wagtail admin login.

AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, permissions in one query (portal/auth_backends.py).
    "portal.auth_backends.PortalModelBackend",
    # Sessions made before it name Django's own; it shares the permission
    # cache, so it adds no query.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "residents:profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
#: Proxies in front of the app servers that append the client's address to
#: X-Forwarded-For (1 behind the rehearsal's nginx); 0 trusts no header.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_ADAPTER = "residents.accounts.ResidentAccountAdapter"
ACCOUNT_USER_DISPLAY = "residents.accounts.user_display"
ACCOUNT_SIGNUP_FORM_CLASS = "residents.accounts.ResidentSignupForm"
ACCOUNT_FORMS = {
    "request_login_code": "residents.account_forms.ResidentRequestLoginCodeForm"
}
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Quartiersportal] "
#: allauth's rate limits ("count/period/key"), on in every environment.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "send_email": "5/m/user",
    "change_email": "1/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}

# Browser security ----------------------------------------------------------
# On in every environment, so that an inline script or a request to another
# host shows up in development and in the browser tests, not first in
# production. production.py adds what needs HTTPS (HSTS, secure cookies).

_SELF = "'self'"
#: Where browsers report violations of either policy (portal/csp_reports.py):
#: `report-uri` for today's browsers, `report-to` (the Reporting API, whose
#: endpoint `csp` PortalCSPMiddleware names in `Reporting-Endpoints`).
CSP_REPORT_PATH = "/csp-report/"
#: Content-Security-Policy of the public site (django-csp 4). No inline
#: scripts or styles: JavaScript and CSS come from the portal's static files,
#: data for scripts from `json_script` (type application/json, not executed)
#: and schema.org data from `<script type="application/ld+json">` blocks,
#: which browsers do not execute and CSP does not block. Public HTML pages
#: also allow images from the map tile host in MapSettings (added per request
#: by portal.security.PortalCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "report-uri": [CSP_REPORT_PATH],
        "report-to": ["csp"],
    }
}
#: Policy under /admin/. Scripts: no 'unsafe-inline'. Wagtail 8 writes inline
#: scripts without nonces (date and time widgets, inline panels, choosers), so
#: portal.security.PortalCSPMiddleware puts the request's nonce on every
#: <script> element of an admin HTML response. 'strict-dynamic' lets those
#: scripts add further ones (jQuery runs the scripts in the HTML of a modal);
#: browsers that know it ignore 'self', older ones fall back to it. The nonce
#: blesses every <script> element in the page, injected ones too, so the
#: admin still relies on autoescaping against those; inline event handlers
#: and javascript: URLs are blocked now. Styles keep 'unsafe-inline': the
#: requirement is about scripts, and the admin applies inline styles (the
#: browser tests report violations without it). Previews are shown in a
#: frame of the admin itself; blob: and data: are image previews of uploads.
#: See docs/security.md.
PORTAL_ADMIN_CSP = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF, NONCE, STRICT_DYNAMIC],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "media-src": [_SELF],
        "object-src": ["'none'"],
        "frame-src": [_SELF],
        "frame-ancestors": [_SELF],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "report-uri": [CSP_REPORT_PATH],
        "report-to": ["csp"],
    }
}
#: Browser features the portal never uses, switched off for every page.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
#: Sessions written to the database and read from the shared cache (no
#: query per request for a logged-in visitor; a cache outage falls back to
#: the database).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Neither the site nor Wagtail's admin reads the CSRF token from the cookie.
CSRF_COOKIE_HTTPONLY = True
#: Failed Wagtail admin logins before a pause (per client address and per
#: user name, counted in the cache; use Redis with several server processes).
PORTAL_ADMIN_LOGIN_LIMITS = {"per_ip": 20, "per_user": 5, "window_seconds": 15 * 60}
# No requests from the admin to other hosts: no avatars from gravatar.com,
# no version check against wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Portal --------------------------------------------------------------------

#: Whether `seed_demo` may create the demo accounts with their public password.
PORTAL_DEMO_ALLOWED = env.bool("PORTAL_DEMO_ALLOWED", default=False)

#: Days after a course's last date when the personal data of its
#: registrations is deleted (`run_job course-retention`); counts are kept.
COURSES_RETENTION_DAYS = env.int("COURSES_RETENTION_DAYS", default=90)
#: Days a personal view/cancel link of a registration stays valid.
COURSES_LINK_MAX_AGE_DAYS = env.int("COURSES_LINK_MAX_AGE_DAYS", default=400)

#: Error reports to Sentry (or GlitchTip …) when set, without personal data
#: (portal/sentry.py); `SENTRY_ENVIRONMENT`, `SENTRY_RELEASE` label them.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from portal.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=""),
    )

#: Every line names its request (`request_id=…`, portal/requestid.py): the
#: id nginx logs and the 500 page shows; a task logs under its request's id.
# Local economy (economy/) ---------------------------------------------------

#: Days after an enquiry is closed (settled, not pursued) before it is deleted
#: with everything the enquirer told us (`manage.py run_job enquiries`).
ECONOMY_ENQUIRY_RETENTION_DAYS = env.int("ECONOMY_ENQUIRY_RETENTION_DAYS", default=180)
#: Public forms (enquiry, board answer) per client address and per e-mail
#: address within the window (seconds), counted in the cache.
ECONOMY_FORM_LIMITS = {"per_ip": 5, "per_email": 3, "window_seconds": 60 * 60}
#: A form sent sooner after it was shown than `min_seconds` is a bot's; one
#: older than `max_seconds` is shown again.
ECONOMY_FORM_TIME_TRAP = {"min_seconds": 3, "max_seconds": 24 * 60 * 60}
#: Slug of the events' target group whose events are network meetings.
ECONOMY_MEETING_TARGET_GROUP = env(
    "ECONOMY_MEETING_TARGET_GROUP", default="unternehmen"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.requestid.RequestIdLogFilter"}},
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s "
            "request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
