"""Importing a plan document: /p/<partnership>/imports/…, for programme managers."""

from django.urls import path

from . import views

urlpatterns = [
    path("upload/", views.upload, name="import_upload"),
    path("jobs/<uuid:job_id>/", views.import_job, name="import_job"),
    path("jobs/<uuid:job_id>/afresh/", views.import_afresh, name="import_afresh"),
    path("preview/", views.preview, name="import_preview"),
    path("preview/change/", views.preview_change, name="import_preview_change"),
    path("confirm/", views.confirm, name="import_confirm"),
    path("update/compare/", views.update_compare, name="import_update_compare"),
    path("update/confirm/", views.update_confirm, name="import_update_confirm"),
]
