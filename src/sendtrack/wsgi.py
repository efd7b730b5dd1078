"""WSGI entry point for gunicorn: `gunicorn sendtrack.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
application = get_wsgi_application()
