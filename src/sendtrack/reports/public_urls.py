"""The public pages: the latest published public progress report, without sign-in."""

from django.urls import path

from . import views

urlpatterns = [path("", views.public_report, name="public_report")]
