from django.urls import path

from . import building, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("my-actions/export.<str:fmt>", views.my_actions_export, name="my_actions_export"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/export.<str:fmt>", views.plan_export, name="plan_export"),
    path("plans/<int:plan_id>/risks/", views.risk_register, name="risk_register"),
    path(
        "plans/<int:plan_id>/risks/export.<str:fmt>",
        views.risk_register_export,
        name="risk_register_export",
    ),
    path("plans/<int:plan_id>/problems/", views.plan_problems, name="plan_problems"),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/update/", views.action_add_update, name="action_add_update"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/archive/", views.action_archive, name="action_archive"),
    path("actions/<int:action_id>/sign-off/", views.action_sign_off, name="action_sign_off"),
    path(
        "actions/<int:action_id>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("settings/", views.plan_settings, name="plan_settings"),
    path(
        "due-date-requests/<int:request_id>/",
        views.due_date_request_decide,
        name="due_date_request_decide",
    ),
    path("risks/<int:risk_id>/edit/", views.risk_edit, name="risk_edit"),
    path("findings/<int:finding_id>/", views.finding_detail, name="finding_detail"),
    # Building a plan in the app (plans/building.py): programme managers and administrators.
    path("plans/new/", building.plan_start, name="plan_start"),
    path("plans/<int:plan_id>/change/", building.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/sections/", building.plan_sections, name="plan_sections"),
    path("plans/<int:plan_id>/sections/new/", building.section_add, name="section_add"),
    path("sections/<int:section_id>/edit/", building.section_edit, name="section_edit"),
    path("sections/<int:section_id>/move/", building.section_move, name="section_move"),
    path("sections/<int:section_id>/archive/", building.section_archive, name="section_archive"),
    path("sections/<int:section_id>/actions/new/", building.action_add, name="action_add"),
    path("actions/<int:action_id>/move/", building.action_move, name="action_move"),
    path("actions/<int:action_id>/merge/", building.action_merge, name="action_merge"),
    path("actions/<int:action_id>/split/", building.action_split, name="action_split"),
    path("plans/<int:plan_id>/findings/new/", building.finding_add, name="finding_add"),
    path("findings/<int:finding_id>/edit/", building.finding_edit, name="finding_edit"),
    path("findings/<int:finding_id>/archive/", building.finding_archive, name="finding_archive"),
    path("plans/<int:plan_id>/milestones/new/", building.milestone_add, name="milestone_add"),
    path(
        "milestones/<int:milestone_id>/outcome/",
        building.milestone_outcome,
        name="milestone_outcome",
    ),
    path("plans/<int:plan_id>/risks/new/", building.risk_add, name="risk_add"),
]
