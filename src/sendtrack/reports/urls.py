from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("plans/<int:plan_id>/board/<str:month>/", views.board_report, name="board_report"),
    path(
        "plans/<int:plan_id>/board/<str:month>/report.<str:fmt>",
        views.board_report_download,
        name="board_report_download",
    ),
    path("period/", views.period_report, name="period_report"),
    path("sections/<int:section_id>/highlight/", views.highlight_report, name="highlight_report"),
    path(
        "sections/<int:section_id>/highlight/report.<str:fmt>",
        views.highlight_report_download,
        name="highlight_report_download",
    ),
    path("public/", views.public_report_preview, name="public_report_preview"),
    path("public/report.<str:fmt>", views.public_report_download, name="public_report_download"),
    path("publish/", views.report_publish, name="report_publish"),
    path("published/<int:report_id>/", views.published_report, name="published_report"),
    path(
        "published/<int:report_id>/report.<str:fmt>",
        views.published_report_download,
        name="published_report_download",
    ),
    path("jobs/<uuid:job_id>/", views.report_job, name="report_job"),
    path("jobs/<uuid:job_id>/report.pdf", views.report_job_download, name="report_job_download"),
]
